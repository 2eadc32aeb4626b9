import { expect } from 'chai';
import request from 'supertest';
import { applicant, completeMaterials, ITEM, submit, tokenOf, validForm, waitForTask } from '../support/api.ts';
import { otherApplicant } from '../support/delivery.ts';
import { testEnv } from '../support/environment.ts';
import type { Role } from '../../server/auth/user.model.ts';

/**
 * The department half of the access matrix (test/api/access-matrix.test.ts has the roles): every
 * operation of the API document that names a case, a task or an attachment in its path, called with
 * a real one of 市场监管局 (samr) by people the route's roles let in but who have no business with
 * it: staff of other departments (消防, 城管) and an applicant who is not the case's. Generated from
 * the document, so a new endpoint is in it without anyone remembering. Each must answer as if the
 * thing did not exist: the very answer a missing case, task or file gets (404; a 422 where the body
 * is checked first, to both alike) — never act, never show it. Lists they may call must not name the case.
 */

type Access = { kind: string; roles?: Role[] };
interface Operation {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  path: string;
  access: Access;
}

const API = '/api/v1';
const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;
/** Outsiders to a samr case, by role: staff of fire and urban management, and another applicant. */
const OUTSIDERS: { username: string | (() => Promise<string>); role: Role }[] = [
  { username: 'reviewer2', role: 'reviewer' },
  { username: 'reviewer3', role: 'reviewer' },
  { username: 'leader2', role: 'leader' },
  { username: otherApplicant, role: 'applicant' },
];
/** Path parameters that name one case's things; the others keep the operation out of this matrix. */
const OWNED = ['caseNo', 'attachmentId'];

function parseAccess(xAccess: unknown): Access {
  if (typeof xAccess === 'string' && xAccess.startsWith('roles: ')) return { kind: 'signed-in', roles: xAccess.slice(7).split(', ') as Role[] };
  return { kind: String(xAccess) };
}

const letIn = (o: Operation, role: Role) => o.access.kind === 'signed-in' && (!o.access.roles || o.access.roles.includes(role));
const brief = (res: request.Response) => `${res.status} ${JSON.stringify(res.body?.error?.code ?? '').slice(0, 60)}`;

describe('department matrix: a case of one department × the people of others (generated from the API document)', function () {
  this.timeout(180_000);
  let operations: Operation[] = [];
  let caseNo: string;
  let taskId: string;
  let attachmentId: string;

  before(async () => {
    const res = await request(testEnv().url).get(`${API}/openapi.json`);
    const paths = res.body.paths as Record<string, Record<string, { 'x-access'?: unknown }>>;
    operations = Object.entries(paths).flatMap(([path, item]) =>
      METHODS.filter((m) => item[m]).map((method) => ({ method, path, access: parseAccess(item[method]!['x-access']) })),
    );
    const materials = await completeMaterials('applicant');
    const submitted = await submit('applicant', { itemCode: ITEM, applicant: applicant(), form: validForm(), materials });
    expect(submitted.status, JSON.stringify(submitted.body)).to.equal(201);
    caseNo = submitted.body.caseNo;
    taskId = (await waitForTask('reviewer', caseNo, 'review')).id;
    // one of the case's own files
    attachmentId = materials[0]!.attachmentId;
  });

  const concrete = (o: Operation) =>
    o.path.replace(/\{(\w+)\}/g, (_m, name: string) => {
      if (name === 'caseNo') return caseNo;
      if (name === 'attachmentId') return attachmentId;
      if (name === 'id' && o.path.startsWith('/tasks/')) return taskId;
      return '999999999';
    });
  const missingOf = (o: Operation) =>
    o.path.replace(/\{(\w+)\}/g, (_m, name: string) =>
      name === 'caseNo' ? '43010020990101999999' : name === 'attachmentId' ? '00000000-0000-4000-8000-000000000000' : '999999999',
    );
  const targeted = () => operations.filter((o) => OWNED.some((p) => o.path.includes(`{${p}}`)) || o.path.startsWith('/tasks/{id}'));

  it('finds the operations that name a case, a task or an attachment', () => {
    const keys = targeted().map((o) => `${o.method.toUpperCase()} ${o.path}`);
    expect(keys).to.include.members(['GET /cases/{caseNo}', 'POST /tasks/{id}/claim', 'GET /tasks/{id}/form', 'GET /cases/{caseNo}/files/{attachmentId}']);
    expect(keys.length).to.be.greaterThan(15);
  });

  for (const outsider of OUTSIDERS) {
    const name = typeof outsider.username === 'string' ? outsider.username : 'another applicant';
    it(`${name} (${outsider.role}): told nothing of the samr case, its task or its files`, async () => {
      const username = typeof outsider.username === 'string' ? outsider.username : await outsider.username();
      const token = await tokenOf(username);
      const problems: string[] = [];
      for (const o of targeted().filter((x) => letIn(x, outsider.role))) {
        const ask = async (path: string) => {
          const req = request(testEnv().url)[o.method](`${API}${path}`).set('Authorization', `Bearer ${token}`);
          return o.method === 'get' || o.method === 'delete' ? req : req.send({});
        };
        const [real, missing] = [await ask(concrete(o)), await ask(missingOf(o))];
        // the same answer as for a thing that does not exist (a body checked first says 422 to both), and never a success
        if (real.status < 300 || brief(real) !== brief(missing))
          problems.push(`${o.method.toUpperCase()} ${o.path}: ${brief(real)}, where a missing one gets ${brief(missing)}`);
      }
      // the lists they may call
      for (const o of operations.filter((x) => x.method === 'get' && !x.path.includes('{') && letIn(x, outsider.role))) {
        const res = await request(testEnv().url).get(`${API}${o.path}`).set('Authorization', `Bearer ${token}`);
        if (res.status === 200 && JSON.stringify(res.body).includes(caseNo)) problems.push(`GET ${o.path}: lists the case`);
      }
      expect(problems, `${name} learnt of another department's case`).to.deep.equal([]);
    });
  }

  it('while the samr reviewer, whom it concerns, sees the case and its task', async () => {
    const token = await tokenOf('reviewer');
    expect((await request(testEnv().url).get(`${API}/cases/${caseNo}`).set('Authorization', `Bearer ${token}`)).status).to.equal(200);
    expect((await request(testEnv().url).get(`${API}/tasks/${taskId}/form`).set('Authorization', `Bearer ${token}`)).status).to.equal(200);
  });
});
