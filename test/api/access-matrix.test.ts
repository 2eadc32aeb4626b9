import { expect } from 'chai';
import request from 'supertest';
import { api, tokenOf } from '../support/api.ts';
import { testEnv } from '../support/environment.ts';
import { ROLES, type Role } from '../../server/auth/user.model.ts';

/**
 * The role × route matrix, generated from the API document the running server serves
 * (GET /api/v1/openapi.json): every operation carries its declared access as `x-access`
 * (server/http/access.ts, describeAccess), so an endpoint added tomorrow is in the matrix without
 * anyone adding it here. Path parameters get harmless values (a case number, an id … that do not
 * exist; a malformed day), POST/PUT/PATCH send `{}`: the guard answers before the handler, so the
 * 401/403 must come back whatever the parameters.
 *
 * - signed-in (with or without roles): no token → 401, a garbage token → 401, and with roles, a
 *   demo user of every role not listed → 403 `forbidden`;
 * - role-restricted: a demo user of every listed role is let past the guard (not 401, and not the
 *   guard's 403 `forbidden`; 404/422 … from the handler are expected with fake parameters);
 * - public: never 401 without a token; signed-message (the gateways' callbacks): listed, called
 *   without a token, but they may answer their own 401 for the missing signature;
 * - engine (the engine's task events): no credentials and a user's bearer token → 401.
 *
 * The refusals go through api(), which also holds them against the document (the 401/403 each
 * access adds); the calls that pass the guard go through plain supertest, because what a handler
 * answers to fake parameters is not this file's business.
 */

type Access = { kind: 'public' } | { kind: 'signed-message' } | { kind: 'engine' } | { kind: 'signed-in'; roles?: Role[] };
interface Operation {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** the document's path, e.g. /cases/{caseNo} */
  path: string;
  access: Access;
  /** a harmless concrete path under /api/v1 */
  url: string;
}
type Res = request.Response;

const API = '/api/v1';
const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;
const GARBAGE_TOKEN = 'Bearer not-a-token.at-all.xyz';
/** The guard's code (server/auth/auth.middleware.ts requireRole → server/errors/app-error.ts forbidden()). */
const GUARD_FORBIDDEN = 'forbidden';

/** One demo account per role (server/auth/demo-accounts.ts). */
const USER_OF: Record<Role, string> = {
  analyst: 'analyst',
  clerk: 'clerk',
  reviewer: 'reviewer',
  leader: 'leader',
  admin: 'admin',
  security_admin: 'security',
  auditor: 'auditor',
  applicant: 'applicant',
};

/** Values that name nothing; any other parameter gets DEFAULT_PARAM. */
const PARAMS: Record<string, string> = {
  caseNo: 'ZZ-NO-SUCH-CASE-0000',
  id: '999999999',
  attachmentId: '999999999',
  revision: '999999999',
  version: '999999999',
  code: 'NO-SUCH-CODE-ZZ',
  key: 'no-such-process-zz',
  username: 'no-such-user-zz',
  year: '2099',
  // malformed on purpose: PUT/DELETE /calendar/overrides/:day with a real date would really act
  day: 'not-a-day',
};
const DEFAULT_PARAM = '999999999';

/**
 * Operations whose allowed-role call is left out: with the shared demo tokens they would act on
 * shared state even with fake parameters (they take none that could fail). Their refusals (401 /
 * 403) are still checked.
 */
const NO_ALLOWED_CALL: Record<string, string> = {
  'DELETE /me/deputy': "takes no parameters: would clear the shared staff accounts' deputy",
  'PUT /me/deputy': 'sets the deputy of the shared staff accounts if {} were ever accepted',
  'POST /audit/verification': 'takes no parameters: verifies the whole trail and appends an audit.verified event',
  'POST /proactive/rounds': 'takes no parameters: runs a round of the 免申即享 policies (the registries’ new events, the birthdays due)',
  'POST /e-licenses/search': "a search, not an action: {} lists the caller's licences (200), as GET /e-licenses does",
};

/** The gateways' callbacks check their own signature and may answer 401 to an unsigned call. */
const OWN_SIGNATURE_401 = new Set(['POST /gateways/payment/notify', 'POST /gateways/logistics/callback']);

/** An address of our own for the anonymous calls, so that the per-address limiters (login, 办件查询) other tests count on are not spent. */
const FROM = '192.0.2.201';

function parseAccess(xAccess: unknown, where: string): Access {
  if (xAccess === 'public' || xAccess === 'signed-message' || xAccess === 'engine') return { kind: xAccess };
  if (xAccess === 'signed-in') return { kind: 'signed-in' };
  if (typeof xAccess === 'string' && xAccess.startsWith('roles: ')) {
    const roles = xAccess
      .slice('roles: '.length)
      .split(',')
      .map((r) => r.trim());
    const unknown = roles.filter((r) => !(ROLES as readonly string[]).includes(r));
    if (unknown.length) throw new Error(`${where}: x-access names unknown roles ${unknown.join(', ')}`);
    return { kind: 'signed-in', roles: roles as Role[] };
  }
  throw new Error(`${where}: x-access ${JSON.stringify(xAccess)} is not one this matrix knows; teach it the new kind`);
}

const keyOf = (o: Pick<Operation, 'method' | 'path'>) => `${o.method.toUpperCase()} ${o.path}`;

function call(agent: ReturnType<typeof api> | request.Agent | ReturnType<typeof request>, o: Operation, headers: Record<string, string>) {
  const req = (agent as ReturnType<typeof request>)[o.method](`${API}${o.url}`).set(headers);
  return o.method === 'get' || o.method === 'delete' ? req : req.send({});
}

/** Runs the calls a few at a time (all are fast; the engine answers the task ids' 404s). */
async function inBatches<T>(items: T[], run: (item: T) => Promise<string | undefined>, size = 8): Promise<string[]> {
  const problems: string[] = [];
  for (let i = 0; i < items.length; i += size) {
    const found = await Promise.all(items.slice(i, i + size).map(run));
    problems.push(...found.filter((p): p is string => p !== undefined));
  }
  return problems;
}

const brief = (res: Res) => `${res.status} ${JSON.stringify(res.body?.error?.code ?? res.body ?? '').slice(0, 80)}`;

describe('access matrix: every operation of the API document × every role (generated from x-access)', function () {
  this.timeout(120_000);
  let operations: Operation[] = [];
  const requests = { count: 0 };
  const counted = <T>(p: PromiseLike<T>) => {
    requests.count++;
    return p;
  };

  const signedIn = () => operations.filter((o) => o.access.kind === 'signed-in');
  const restricted = () =>
    operations.filter((o): o is Operation & { access: { kind: 'signed-in'; roles: Role[] } } => o.access.kind === 'signed-in' && !!o.access.roles);

  before(async () => {
    const res = await request(testEnv().url).get(`${API}/openapi.json`);
    expect(res.status).to.equal(200);
    const paths = res.body.paths as Record<string, Record<string, { 'x-access'?: unknown }>>;
    operations = Object.entries(paths).flatMap(([path, item]) =>
      METHODS.filter((m) => item[m]).map((method) => {
        const url = path.replace(/\{(\w+)\}/g, (_m, name: string) => encodeURIComponent(PARAMS[name] ?? DEFAULT_PARAM));
        return { method, path, url, access: parseAccess(item[method]!['x-access'], `${method.toUpperCase()} ${path}`) };
      }),
    );
    // the demo tokens, once (tokenOf caches them for the run)
    for (const role of ROLES) await tokenOf(USER_OF[role]);
  });

  after(() => {
    const kinds = operations.reduce<Record<string, number>>((n, o) => ({ ...n, [o.access.kind]: (n[o.access.kind] ?? 0) + 1 }), {});
    console.log(`      access matrix: ${operations.length} operations ${JSON.stringify(kinds)}, ${requests.count} requests`);
  });

  it('reads every operation of the document, each with a known access', () => {
    expect(operations.length).to.be.greaterThan(50);
    const keys = operations.map(keyOf);
    expect(keys).to.include.members(['GET /cases/{caseNo}', 'POST /seals', 'GET /audit/events', 'POST /gateways/payment/notify', 'POST /engine-events']);
    for (const k of [...Object.keys(NO_ALLOWED_CALL), ...OWN_SIGNATURE_401]) expect(keys, `${k} is listed here but not in the document`).to.include(k);
    expect(restricted().length).to.be.greaterThan(30);
  });

  it('signed-in operations: 401 without a token', async () => {
    const problems = await inBatches(signedIn(), async (o) => {
      const res = await counted(call(api(), o, {}));
      return res.status === 401 ? undefined : `${keyOf(o)}: ${brief(res)}`;
    });
    expect(problems, 'answered without a token').to.deep.equal([]);
  });

  it('signed-in operations: 401 with a garbage token', async () => {
    const problems = await inBatches(signedIn(), async (o) => {
      const res = await counted(call(api(), o, { Authorization: GARBAGE_TOKEN }));
      return res.status === 401 ? undefined : `${keyOf(o)}: ${brief(res)}`;
    });
    expect(problems, 'answered a garbage token').to.deep.equal([]);
  });

  for (const role of ROLES) {
    it(`role ${role} (${USER_OF[role]}): 403 forbidden on every operation that does not list it`, async () => {
      const token = await tokenOf(USER_OF[role]);
      const denied = restricted().filter((o) => !o.access.roles.includes(role));
      const problems = await inBatches(denied, async (o) => {
        const res = await counted(call(api(), o, { Authorization: `Bearer ${token}` }));
        return res.status === 403 && res.body?.error?.code === GUARD_FORBIDDEN ? undefined : `${keyOf(o)} (${accessOf(o)}): ${brief(res)}`;
      });
      expect(problems, `answered ${role}, whom the access does not list`).to.deep.equal([]);
    });

    it(`role ${role} (${USER_OF[role]}): let past the guard on every operation that lists it`, async () => {
      const token = await tokenOf(USER_OF[role]);
      const allowed = restricted().filter((o) => o.access.roles.includes(role) && !(keyOf(o) in NO_ALLOWED_CALL));
      const problems = await inBatches(allowed, async (o) => {
        const res = await counted(call(request(testEnv().url), o, { Authorization: `Bearer ${token}` }));
        if (res.status === 401 || (res.status === 403 && res.body?.error?.code === GUARD_FORBIDDEN)) return `${keyOf(o)} (${accessOf(o)}): ${brief(res)}`;
        // a change made with fake parameters would be a hole in this file's own care: name it
        if (o.method !== 'get' && res.status < 300) return `${keyOf(o)}: ${brief(res)} — acted on fake parameters; add it to NO_ALLOWED_CALL`;
        return undefined;
      });
      expect(problems, `refused ${role}, whom the access lists (or acted)`).to.deep.equal([]);
    });
  }

  it('public and signed-message operations: never the guard’s 401 without a token', async () => {
    const open = operations.filter((o) => o.access.kind === 'public' || o.access.kind === 'signed-message');
    const seen: string[] = [];
    const problems = await inBatches(open, async (o) => {
      const res = await counted(call(request(testEnv().url), o, { 'X-Forwarded-For': FROM }));
      seen.push(`${keyOf(o)} (${o.access.kind}): ${res.status}`);
      if (OWN_SIGNATURE_401.has(keyOf(o))) return undefined; // its own signature check may say 401
      return res.status === 401 ? `${keyOf(o)}: ${brief(res)}` : undefined;
    });
    console.log(`      public / signed-message operations called without a token:\n${seen.map((s) => `        ${s}`).join('\n')}`);
    expect(problems, 'asked for sign-in although public').to.deep.equal([]);
  });

  it("engine operations: 401 without the engine's credentials, and to a user's bearer token", async () => {
    const engine = operations.filter((o) => o.access.kind === 'engine');
    expect(engine.length).to.be.greaterThan(0);
    const admin = await tokenOf('admin');
    const problems = await inBatches(engine, async (o) => {
      const none = await counted(call(api(), o, {}));
      const bearer = await counted(call(api(), o, { Authorization: `Bearer ${admin}` }));
      return none.status === 401 && bearer.status === 401 ? undefined : `${keyOf(o)}: none ${brief(none)}, admin's bearer ${brief(bearer)}`;
    });
    expect(problems).to.deep.equal([]);
  });
});

function accessOf(o: Operation): string {
  return o.access.kind === 'signed-in' && o.access.roles ? `roles: ${o.access.roles.join(', ')}` : o.access.kind;
}
