import { expect } from 'chai';
import { request as httpRequest } from 'node:http';
import type request from 'supertest';
import { api, auth, tokenOf } from '../support/api.ts';
import { testEnv } from '../support/environment.ts';
import { startSecondApp, type SecondApp } from '../support/second-app.ts';
import { User, type Role } from '../../server/auth/user.model.ts';
import { LoginFailure } from '../../server/auth/login-failure.model.ts';
import { hashPassword } from '../../server/auth/passwords.ts';

/**
 * 等保三级, sign-in: failed sign-ins logged with the name and the address, the lockout and its
 * unlock, the password policy and expiry, the client's real address. Each test signs in on a second
 * HTTP front of the platform (test/support/second-app.ts) with rate limits of its own, so that the
 * main server's login limit stays for the other test files.
 */

const GOOD = 'Right-Pass-2024';
let serial = 0;
const hashes = new Map<string, Promise<string>>();
const made: number[] = [];

async function person(options: { password?: string; roles?: Role[]; departmentCode?: string | null; passwordChangedAt?: Date; prefix?: string } = {}) {
  const password = options.password ?? GOOD;
  if (!hashes.has(password)) hashes.set(password, hashPassword(password));
  const user = await User.create({
    username: `${options.prefix ?? 'sec'}${Date.now().toString(36)}${serial++}`,
    displayName: '登录测试',
    passwordHash: await hashes.get(password)!,
    roles: options.roles ?? ['reviewer'],
    departmentCode: options.departmentCode === undefined ? 'samr' : options.departmentCode,
    passwordChangedAt: options.passwordChangedAt ?? new Date(),
  });
  made.push(user.id);
  return user;
}

const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
const login = (app: SecondApp, body: Record<string, unknown>, headers: Record<string, string> = {}) =>
  app.agent().post('/api/v1/auth/login').set(headers).send(body);
const codeOf = (res: request.Response) => (res.body as { error?: { code: string } }).error?.code;

/** A login from another local address (127.0.0.2): a peer that TRUST_PROXY does not name. */
function loginFrom(localAddress: string, app: SecondApp, body: object, headers: Record<string, string>): Promise<number> {
  const url = new URL(`${app.url}/api/v1/auth/login`);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: url.hostname, port: url.port, path: url.pathname, method: 'POST', localAddress, headers: { 'content-type': 'application/json', ...headers } },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode!));
      },
    );
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });
}

describe('sign-in security', function () {
  // the people made here hold samr's roles: retire them, or the next files' 会签 would wait for them
  after(async () => void (await User.update({ active: false }, { where: { id: made } })));

  this.timeout(120_000);
  let app: SecondApp;
  // a server with no proxy in front (TRUST_PROXY unset, the production default); the main test server trusts loopback
  beforeEach(async () => (app = await startSecondApp({ captureLog: true, config: { trustProxy: [] } })));
  afterEach(async () => app?.close());

  it('logs a failed sign-in with the user name, the reason and the client address; every access log line has the address', async () => {
    const user = await person();
    expect((await login(app, { username: user.username, password: 'Wrong-Pass-1' })).status).to.equal(401);
    expect((await login(app, { username: 'nobody-at-all', password: 'x' })).status).to.equal(401);
    const failed = app.log.filter((l) => l.msg === 'login failed');
    expect(failed.map((l) => [l.user, l.reason, l.clientAddress])).to.deep.equal([
      [user.username, 'wrong password', '127.0.0.1'],
      ['nobody-at-all', 'unknown user', '127.0.0.1'],
    ]);
    expect((await app.agent().get('/api/v1/health')).status).to.equal(200);
    const access = app.log.filter((l) => l.msg === 'request completed');
    expect(access.map((l) => (l.req as { url: string }).url)).to.deep.equal(['/api/v1/auth/login', '/api/v1/auth/login', '/api/v1/health']);
    for (const line of access) expect((line.req as { clientAddress: string }).clientAddress).to.equal('127.0.0.1');
  });

  describe('lockout', () => {
    it('locks a user name for 15 minutes at the 5th failure within 15 minutes, saying until when; meanwhile even the right password is refused', async () => {
      const user = await person();
      for (let i = 1; i <= 4; i++) {
        const res = await login(app, { username: user.username, password: `Wrong-${i}` });
        expect([res.status, codeOf(res)], `failure ${i}`).to.deep.equal([401, 'invalid_credentials']);
      }
      const fifth = await login(app, { username: user.username, password: 'Wrong-5' });
      expect([fifth.status, codeOf(fifth)]).to.deep.equal([401, 'account_locked']);
      expect(fifth.body.error.message).to.match(/账号已锁定至 \d{4}-\d{2}-\d{2} \d{2}:\d{2}（北京时间）/);
      expect(Number(fifth.headers['retry-after'])).to.be.within(890, 900);
      const right = await login(app, { username: user.username, password: GOOD }, { 'Accept-Language': 'en' });
      expect([right.status, codeOf(right)]).to.deep.equal([401, 'account_locked']);
      expect(right.body.error.message).to.match(/locked until \d{4}-\d{2}-\d{2} \d{2}:\d{2} \(Beijing time\)/);
      expect(right.body).not.to.have.property('token');
      const row = (await LoginFailure.findByPk(user.username))!;
      expect(row.lockedUntil!.getTime() - Date.now()).to.be.within(14 * 60_000, 15 * 60_000);
      expect(app.log.filter((l) => l.msg === 'login refused: the user name is locked' && l.user === user.username)).to.have.length(1);
    });

    it('locks a name no account has alike: the lock tells nothing about which names exist', async () => {
      const ghost = `ghost-${Date.now().toString(36)}`;
      expect(await User.findOne({ where: { username: ghost } })).to.equal(null);
      const codes = [];
      for (let i = 1; i <= 6; i++) codes.push(codeOf(await login(app, { username: ghost, password: 'x' })));
      expect(codes).to.deep.equal([
        'invalid_credentials',
        'invalid_credentials',
        'invalid_credentials',
        'invalid_credentials',
        'account_locked',
        'account_locked',
      ]);
    });

    it('counts failures within the window only, starts again after a sign-in, and the lock ends by itself', async () => {
      let clock = Date.now();
      const timed = await startSecondApp({ now: () => clock });
      try {
        const user = await person();
        const fail = async (n: number) => {
          for (let i = 0; i < n; i++) expect(codeOf(await login(timed, { username: user.username, password: 'Wrong-Pass-9' }))).to.equal('invalid_credentials');
        };
        await fail(4);
        clock += 16 * 60_000;
        await fail(4);
        expect((await login(timed, { username: user.username, password: GOOD })).status, 'not locked: the first four fell out of the window').to.equal(200);
        await fail(4);
        const locked = await login(timed, { username: user.username, password: 'Wrong-Pass-9' });
        expect(codeOf(locked), 'the 5th since the sign-in').to.equal('account_locked');
        clock += 14 * 60_000;
        expect(codeOf(await login(timed, { username: user.username, password: GOOD }))).to.equal('account_locked');
        clock += 60_000 + 1000;
        expect((await login(timed, { username: user.username, password: GOOD })).status, 'after 15 minutes').to.equal(200);
      } finally {
        await timed.close();
      }
    });

    it('the security administrator unlocks it: POST /admin/users/{username}/unlock (三员分立: not the system administrator)', async () => {
      const user = await person();
      for (let i = 0; i < 5; i++) await login(app, { username: user.username, password: 'Wrong-Pass-9' });
      expect(codeOf(await login(app, { username: user.username, password: GOOD }))).to.equal('account_locked');
      expect(
        (
          await api()
            .post(`/api/v1/admin/users/${user.username}/unlock`)
            .set(await auth('reviewer'))
        ).status,
      ).to.equal(403);
      for (const other of ['admin', 'auditor']) {
        const refused = await api()
          .post(`/api/v1/admin/users/${user.username}/unlock`)
          .set(bearer(await tokenOf(other)));
        expect(refused.status, other).to.equal(403);
      }
      expect((await api().post(`/api/v1/admin/users/${user.username}/unlock`)).status).to.equal(401);
      expect(
        (
          await api()
            .post('/api/v1/admin/users/no-such-user-zz/unlock')
            .set(bearer(await tokenOf('security')))
        ).status,
      ).to.equal(404);
      const unlocked = await api()
        .post(`/api/v1/admin/users/${user.username}/unlock`)
        .set(bearer(await tokenOf('security')));
      expect(unlocked.status).to.equal(200);
      expect(unlocked.body).to.include({ username: user.username, unlocked: true });
      expect(Date.parse(unlocked.body.wasLockedUntil as string)).to.be.greaterThan(Date.now());
      expect((await login(app, { username: user.username, password: GOOD })).status).to.equal(200);
    });
  });

  describe('passwords', () => {
    const change = (token: string, body: object, language = 'zh-CN') =>
      app.agent().post('/api/v1/auth/password').set(bearer(token)).set('Accept-Language', language).send(body);
    const issue = async (user: User) => (await testEnv().server.ctx.tokens.issue(user)).token;

    it('names each rule a new password breaks, in Chinese and in English', async () => {
      const user = await person({ prefix: 'pol' });
      const token = await issue(user);
      const rules = async (newPassword: string, language?: string) => {
        const res = await change(token, { currentPassword: GOOD, newPassword }, language);
        expect([res.status, codeOf(res)], newPassword).to.deep.equal([422, 'password_policy']);
        return res.body.error.details as { field: string; code: string; message: string }[];
      };
      expect((await rules('aB1!')).map((d) => d.code)).to.deep.equal(['password_too_short']);
      expect((await rules('abcdefghij')).map((d) => d.code)).to.deep.equal(['password_too_few_classes']);
      expect(
        (await rules('Abcdefghij')).map((d) => d.code),
        'two classes',
      ).to.deep.equal(['password_too_few_classes']);
      expect((await rules(`X1!${user.username.toUpperCase()}`)).map((d) => d.code)).to.deep.equal(['password_contains_username']);
      expect(
        (await rules(GOOD)).map((d) => d.code),
        'the current one',
      ).to.deep.equal(['password_reused']);
      const all = await rules(`${user.username}`);
      expect(all.map((d) => d.code)).to.deep.equal(['password_too_few_classes', 'password_contains_username']);
      expect(all.every((d) => d.field === 'newPassword')).to.equal(true);
      expect(all[0]!.message).to.equal('密码须包含小写字母、大写字母、数字、符号中的至少 3 类（还可加入：大写字母、符号）');
      const short = await rules('ab', 'en');
      expect(short.map((d) => d.message)).to.deep.equal([
        'The password needs at least 8 characters',
        'The password needs at least 3 of lower-case letters, upper-case letters, digits and symbols (add: upper-case letters, digits, symbols)',
      ]);
    });

    it('refuses the last five passwords; the sixth-last may come back', async () => {
      const user = await person();
      const token = await issue(user);
      const passwords = [GOOD, 'Second-Pass-2', 'Third-Pass-3', 'Fourth-Pass-4', 'Fifth-Pass-5'];
      for (let i = 1; i < passwords.length; i++) {
        const res = await change(token, { currentPassword: passwords[i - 1], newPassword: passwords[i] });
        expect(res.status, JSON.stringify(res.body)).to.equal(200);
      }
      for (const old of passwords) {
        const res = await change(token, { currentPassword: 'Fifth-Pass-5', newPassword: old });
        expect(
          res.body.error?.details?.map((d: { code: string }) => d.code),
          old,
        ).to.deep.equal(['password_reused']);
      }
      expect((await change(token, { currentPassword: 'Fifth-Pass-5', newPassword: 'Sixth-Pass-6' })).status).to.equal(200);
      const back = await change(token, { currentPassword: 'Sixth-Pass-6', newPassword: GOOD });
      expect(back.status, 'the first one is the sixth-last now').to.equal(200);
    });

    it('needs the right current password (a wrong one counts as a failed sign-in) and ends the other sessions', async () => {
      const user = await person();
      const [token, other] = [await issue(user), await issue(user)];
      const wrong = await change(token, { currentPassword: 'Not-It-1', newPassword: 'Brand-New-7' });
      expect([wrong.status, codeOf(wrong)]).to.deep.equal([422, 'current_password_wrong']);
      expect((await LoginFailure.findByPk(user.username))?.failures).to.equal(1);
      const done = await change(token, { currentPassword: GOOD, newPassword: 'Brand-New-7' });
      expect(done.status).to.equal(200);
      expect(Date.parse(done.body.changedAt as string)).to.be.closeTo(Date.now(), 10_000);
      expect((await app.agent().get('/api/v1/auth/me').set(bearer(token))).status, 'this session goes on').to.equal(200);
      const ended = await app.agent().get('/api/v1/auth/me').set(bearer(other));
      expect([ended.status, codeOf(ended)], 'the other session ended').to.deep.equal([401, 'token_invalid']);
      expect((await login(app, { username: user.username, password: GOOD })).status).to.equal(401);
      expect((await login(app, { username: user.username, password: 'Brand-New-7' })).status).to.equal(200);
    });

    it('locks the user name after five wrong current passwords: a 429 there, the session goes on', async () => {
      const user = await person();
      const token = await issue(user);
      const answers = [];
      for (let i = 0; i < 5; i++) {
        const res = await change(token, { currentPassword: `Guess-${i}-Aa`, newPassword: 'Brand-New-9' });
        answers.push([res.status, codeOf(res)]);
      }
      expect(answers).to.deep.equal([...Array(4).fill([422, 'current_password_wrong']), [429, 'account_locked']]);
      const right = await change(token, { currentPassword: GOOD, newPassword: 'Brand-New-9' });
      expect([right.status, codeOf(right)], 'not even the right one while locked').to.deep.equal([429, 'account_locked']);
      expect(Number(right.headers['retry-after'])).to.be.within(890, 900);
      expect((await app.agent().get('/api/v1/auth/me').set(bearer(token))).status, 'the session is not ended by the lock').to.equal(200);
      expect(codeOf(await login(app, { username: user.username, password: GOOD }))).to.equal('account_locked');
    });

    it('asks for a new password at the sign-in after PASSWORD_MAX_AGE_DAYS, set by the same sign-in', async () => {
      const aging = await startSecondApp({ accounts: { passwordMaxAgeDays: 90 } });
      try {
        const user = await person({ passwordChangedAt: new Date(Date.now() - 91 * 86_400_000) });
        const expired = await login(aging, { username: user.username, password: GOOD });
        expect([expired.status, codeOf(expired)]).to.deep.equal([403, 'password_expired']);
        expect(expired.body).not.to.have.property('token');
        expect(codeOf(await login(aging, { username: user.username, password: 'Wrong-Pass-1', newPassword: 'Brand-New-8' })), 'the current one first').to.equal(
          'invalid_credentials',
        );
        const weak = await login(aging, { username: user.username, password: GOOD, newPassword: 'weak' });
        expect([weak.status, codeOf(weak)]).to.deep.equal([422, 'password_policy']);
        const renewed = await login(aging, { username: user.username, password: GOOD, newPassword: 'Brand-New-8' });
        expect(renewed.status, JSON.stringify(renewed.body)).to.equal(200);
        expect(
          (
            await aging
              .agent()
              .get('/api/v1/auth/me')
              .set(bearer(renewed.body.token as string))
          ).status,
        ).to.equal(200);
        expect((await login(aging, { username: user.username, password: 'Brand-New-8' })).status).to.equal(200);
      } finally {
        await aging.close();
      }
      // 0: never (the embedded default's, where the demo accounts keep "demo")
      const never = await startSecondApp({ accounts: { passwordMaxAgeDays: 0 } });
      try {
        const old = await person({ passwordChangedAt: new Date(Date.now() - 1000 * 86_400_000) });
        expect((await login(never, { username: old.username, password: GOOD })).status).to.equal(200);
      } finally {
        await never.close();
      }
    });
  });

  describe("the client's address", () => {
    const attempt = (target: SecondApp, i: number, forwardedFor: string) =>
      login(target, { username: `xff-${i}-${Date.now() % 100000}`, password: 'x' }, { 'X-Forwarded-For': forwardedFor });

    it('is the connecting peer unless TRUST_PROXY names it: a forged X-Forwarded-For does not escape the login limit', async () => {
      const statuses = [];
      for (let i = 0; i < 21; i++) statuses.push((await attempt(app, i, `203.0.113.${i + 1}`)).status);
      expect(statuses.slice(0, 20).every((s) => s === 401)).to.equal(true);
      expect(statuses[20]).to.equal(429);
      expect(app.log.filter((l) => l.msg === 'login failed').every((l) => l.clientAddress === '127.0.0.1')).to.equal(true);
      expect(app.log.filter((l) => String(l.msg).startsWith('X-Forwarded-For ignored'))).to.have.length(1);
    });

    it("is X-Forwarded-For's client when the peer is a trusted proxy, and only then", async () => {
      const proxied = await startSecondApp({ config: { trustProxy: ['127.0.0.1'] }, captureLog: true });
      try {
        for (let i = 0; i < 25; i++) expect((await attempt(proxied, i, `198.51.100.7, 203.0.113.${i + 1}`)).status).to.equal(401);
        expect(proxied.log.filter((l) => l.msg === 'login failed').map((l) => l.clientAddress)).to.deep.equal(
          Array.from({ length: 25 }, (_, i) => `203.0.113.${i + 1}`),
        );
        // the same header from 127.0.0.2, which is not the proxy
        const statuses = [];
        for (let i = 0; i < 21; i++) {
          statuses.push(await loginFrom('127.0.0.2', proxied, { username: `xff2-${i}`, password: 'x' }, { 'X-Forwarded-For': `192.0.2.${i + 1}` }));
        }
        expect(statuses.slice(0, 20).every((s) => s === 401)).to.equal(true);
        expect(statuses[20]).to.equal(429);
        expect(proxied.log.filter((l) => l.msg === 'login failed' && l.clientAddress === '127.0.0.2')).to.have.length(20);
      } finally {
        await proxied.close();
      }
    });

    it("keys the public case lookup's limit on it too", async () => {
      const lookup = await startSecondApp({ config: { publicLookupLimit: 3, trustProxy: [] } });
      try {
        const statuses = [];
        for (let i = 0; i < 4; i++) {
          const res = await lookup
            .agent()
            .post('/api/v1/public/case-status')
            .set('X-Forwarded-For', `203.0.113.${i + 1}`)
            .send({ caseNo: '430100202601010000001', phone: '13800138000' });
          statuses.push(res.status);
        }
        expect(statuses).to.deep.equal([404, 404, 404, 429]);
      } finally {
        await lookup.close();
      }
    });
  });
});
