import { expect } from 'chai';
import { createHmac, randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import { io, type Socket } from 'socket.io-client';
import { api } from '../support/api.ts';
import { testEnv } from '../support/environment.ts';
import { eventually } from '../support/eventually.ts';
import { startSecondApp } from '../support/second-app.ts';
import { User, type Role } from '../../server/auth/user.model.ts';
import { Session } from '../../server/auth/session.model.ts';
import { hashPassword } from '../../server/auth/passwords.ts';
import { emitToRooms } from '../../server/live/live.ts';
import { signJws } from '../../server/auth/compact-jws.ts';
import { sessionTokenKey } from '../../server/auth/tokens.ts';
import { challengeKey, Challenges } from '../../server/auth/challenge.ts';

/**
 * 等保三级, accounts and sessions: every request and every socket checks the token's account and
 * session against the database (server/auth/tokens.ts).
 */

const tokens = () => testEnv().server.ctx.tokens;
const secret = () => new TextEncoder().encode(testEnv().config.jwtSecret);
const tokenKey = () => sessionTokenKey(testEnv().config.jwtSecret);
const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
let hash: Promise<string> | undefined;
let serial = 0;
const made: number[] = [];

/** A person of our own (the demo accounts' tokens are shared by every test file). */
async function person(roles: Role[] = ['reviewer'], departmentCode: string | null = 'samr') {
  hash ??= hashPassword('Unused-Pass-1');
  const user = await User.create({
    username: `sess-${Date.now().toString(36)}-${serial++}`,
    displayName: '会话测试',
    passwordHash: await hash,
    roles,
    departmentCode,
  });
  made.push(user.id);
  return user;
}

/** What a sign-in gives: a token with its session (without using up the login's rate limit). */
const signIn = async (user: User, lifetimeSeconds?: number) => (await tokens().issue(user, { clientAddress: '127.0.0.1', lifetimeSeconds })).token;

const me = (token: string) => api().get('/api/v1/auth/me').set(bearer(token));

function openSocket(token: string): Promise<{ socket: Socket; ended: unknown[]; events: unknown[]; closed: Promise<string> }> {
  const socket = io(testEnv().url, { path: '/api/v1/socket.io', auth: { token }, transports: ['websocket'], reconnection: false });
  const ended: unknown[] = [];
  const events: unknown[] = [];
  socket.on('session_ended', (payload: unknown) => ended.push(payload));
  socket.on('probe', (payload: unknown) => events.push(payload));
  const closed = new Promise<string>((resolve) => socket.on('disconnect', (reason) => resolve(reason)));
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve({ socket, ended, events, closed }));
    socket.once('connect_error', reject);
  });
}

describe('sessions: every request and socket checks the account and the session', function () {
  // the people made here hold samr's roles: retire them, or the next files' 会签 would wait for them
  after(async () => void (await User.update({ active: false }, { where: { id: made } })));

  this.timeout(60_000);

  describe('tampered tokens', () => {
    it('refuses a token signed with our secret without exp, with a lifetime over TOKEN_TTL_SECONDS, for an unknown user or session', async () => {
      const user = await person(['applicant'], null);
      const good = await signIn(user);
      expect((await me(good)).status).to.equal(200);
      const { jti } = JSON.parse(Buffer.from(good.split('.')[1]!, 'base64url').toString()) as { jti: string };
      const now = Math.floor(Date.now() / 1000);
      const adminId = (await User.findOne({ where: { username: 'admin' } }))!.id;
      const sign = (claims: Record<string, unknown>) => signJws(tokenKey(), 'JWT', { iss: 'approval-platform', ...claims });

      const forged = {
        'no exp': sign({ roles: ['admin'], username: 'admin', sub: String(user.id), jti, iat: now }),
        'no iat': sign({ sub: String(user.id), jti, exp: now + 600 }),
        'a lifetime over the configured one': sign({ sub: String(user.id), jti, iat: now, exp: now + testEnv().config.tokenTtlSeconds + 60 }),
        'issued in the future': sign({ sub: String(user.id), jti, iat: now + 600, exp: now + 900 }),
        'an unknown user with role admin': sign({ roles: ['admin'], username: 'ghost', sub: '999999', jti: randomUUID(), iat: now, exp: now + 600 }),
        'a session that was never opened': sign({ sub: String(user.id), jti: randomUUID(), iat: now, exp: now + 600 }),
        "another user's session": sign({ sub: String(adminId), jti, iat: now, exp: now + 600 }),
        'another issuer': sign({ iss: 'someone-else', sub: String(user.id), jti, iat: now, exp: now + 600 }),
      };
      for (const [what, token] of Object.entries(forged)) {
        const res = await me(token);
        expect(res.status, what).to.equal(401);
        expect(res.body.error.code, what).to.equal('token_invalid');
      }
    });

    it('takes HS-SM3 (HMAC-SM3) only: a token of the HS256 days, alg none, a tampered, expired or otherwise signed one is refused', async () => {
      const user = await person(['applicant'], null);
      const good = await signIn(user);
      expect((await me(good)).status).to.equal(200);
      const [header, body] = good.split('.') as [string, string, string];
      expect(JSON.parse(Buffer.from(header, 'base64url').toString())).to.deep.equal({ alg: 'HS-SM3', typ: 'JWT' });
      const claims = JSON.parse(Buffer.from(body, 'base64url').toString()) as Record<string, unknown>;
      const now = Math.floor(Date.now() / 1000);
      const adminId = (await User.findOne({ where: { username: 'admin' } }))!.id;
      const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
      const hs256 = (key: Uint8Array) => new SignJWT(claims).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).sign(key);
      // a header of our choosing, MAC'd with HMAC-SM3 under the right key
      const withHeader = (protectedHeader: object) => {
        const input = `${part(protectedHeader)}.${body}`;
        return `${input}.${createHmac('sm3', tokenKey()).update(input).digest('base64url')}`;
      };
      // the same claims signed as we sign them: accepted (the refusals below are for what differs)
      expect((await me(signJws(tokenKey(), 'JWT', claims))).status).to.equal(200);
      expect((await me(withHeader({ alg: 'HS-SM3', typ: 'JWT' }))).status).to.equal(200);

      const refused = {
        // what the platform issued before HS-SM3: its holder signs in again (docs/security.md, 密评)
        'HS256 under JWT_SECRET, as issued before': await hs256(secret()),
        'HS256 under the HS-SM3 key': await hs256(tokenKey()),
        'alg none, no signature': `${part({ alg: 'none', typ: 'JWT' })}.${body}.`,
        'alg none, a signature kept': `${part({ alg: 'none', typ: 'JWT' })}.${body}.${good.split('.')[2]}`,
        'alg HS-SM3 spelled otherwise': withHeader({ alg: 'hs-sm3', typ: 'JWT' }),
        'alg HS256 over an HMAC-SM3': withHeader({ alg: 'HS256', typ: 'JWT' }),
        'a header with crit': withHeader({ alg: 'HS-SM3', typ: 'JWT', crit: ['b64'], b64: false }),
        'the type of a sign-in challenge': withHeader({ alg: 'HS-SM3', typ: 'sign-in-challenge' }),
        'the payload changed to another user': `${header}.${part({ ...claims, sub: String(adminId) })}.${good.split('.')[2]}`,
        'a flipped bit in the signature': good.slice(0, -2) + (good.at(-2) === 'A' ? 'B' : 'A') + good.at(-1),
        'HS-SM3 under another key': signJws(Buffer.alloc(32, 7), 'JWT', claims),
        'HS-SM3 under the challenge key': signJws(challengeKey(testEnv().config.jwtSecret), 'JWT', claims),
        'expired a second ago': signJws(tokenKey(), 'JWT', { ...claims, iat: now - 120, exp: now - 1 }),
        'a sign-in challenge': (
          await new Challenges(testEnv().config.jwtSecret, Date.now).issue({ id: user.id, passwordHash: user.passwordHash }, 'second_factor')
        ).challenge,
      };
      for (const [what, token] of Object.entries(refused)) {
        const res = await me(token);
        expect(res.status, what).to.equal(401);
        expect(res.body.error.code, what).to.equal('token_invalid');
      }
      expect((await me(good)).status, 'the good token still works').to.equal(200);
    });

    it('takes roles and department from the account, never from the token', async () => {
      const user = await person(['applicant'], null);
      const good = await signIn(user);
      const { jti, iat, exp } = JSON.parse(Buffer.from(good.split('.')[1]!, 'base64url').toString()) as { jti: string; iat: number; exp: number };
      // the session's own claims, with roles, a department and a name added: signed with our secret
      const dressed = signJws(tokenKey(), 'JWT', {
        roles: ['admin'],
        dept: 'samr',
        username: 'admin',
        name: '系统管理员',
        iss: 'approval-platform',
        sub: String(user.id),
        jti,
        iat,
        exp,
      });
      const res = await me(dressed);
      expect(res.status).to.equal(200);
      expect(res.body).to.include({ username: user.username, departmentCode: null });
      expect(res.body.roles).to.deep.equal(['applicant']);
      expect((await api().get('/api/v1/tasks').set(bearer(dressed))).status).to.equal(403);
    });
  });

  describe('account changes take effect within seconds', () => {
    const limitMs = () => testEnv().config.accounts.checkSeconds * 1000 + 1500;

    it('refuses the token of a deactivated account', async () => {
      const user = await person();
      const token = await signIn(user);
      expect((await api().get('/api/v1/tasks').set(bearer(token))).status).to.equal(200);
      await user.update({ active: false });
      const started = Date.now();
      await eventually('the deactivated account refused', async () => (await me(token)).status === 401, limitMs(), { intervalMs: 200 });
      expect(Date.now() - started).to.be.below(limitMs());
      expect((await me(token)).body.error.code).to.equal('token_invalid');
    });

    it("serves each request with the account's roles and department of now", async () => {
      const user = await person(['reviewer'], 'samr');
      const token = await signIn(user);
      expect((await api().get('/api/v1/tasks').set(bearer(token))).status).to.equal(200);
      await user.update({ roles: ['applicant'], departmentCode: null });
      await eventually('the new role in force', async () => (await api().get('/api/v1/tasks').set(bearer(token))).status === 403, limitMs(), {
        intervalMs: 200,
      });
      const now = await me(token);
      expect(now.body.roles).to.deep.equal(['applicant']);
      expect(now.body.groups).to.deep.equal([]);
    });
  });

  describe('sockets', () => {
    it('drops the sockets of a deactivated account, saying why', async () => {
      const user = await person();
      const live = await openSocket(await signIn(user));
      await user.update({ active: false });
      const reason = await Promise.race([
        live.closed,
        new Promise((r) => setTimeout(() => r('still open'), testEnv().config.accounts.checkSeconds * 2000 + 3000)),
      ]);
      expect(reason).to.equal('io server disconnect');
      expect(live.ended).to.deep.equal([{ code: 'token_invalid' }]);
    });

    it('disconnects a socket when its token expires', async () => {
      const user = await person();
      const started = Date.now();
      const live = await openSocket(await signIn(user, 2));
      const reason = await Promise.race([live.closed, new Promise((r) => setTimeout(() => r('still open'), 6000))]);
      expect(reason).to.equal('io server disconnect');
      // the token ends 1 to 2 s after it is issued (iat and exp are whole seconds)
      expect(Date.now() - started).to.be.within(900, 4500);
    });

    it('moves a socket to the rooms of its new department and role', async () => {
      const user = await person(['reviewer'], 'samr');
      const live = await openSocket(await signIn(user));
      try {
        await user.update({ departmentCode: 'fire' });
        await eventually(
          "the fire reviewers' room reaches the socket",
          async () => {
            emitToRooms(['group:fire:reviewer'], 'probe', { n: 1 });
            await new Promise((r) => setTimeout(r, 200));
            return live.events.length > 0;
          },
          testEnv().config.accounts.checkSeconds * 2000 + 3000,
        );
        live.events.length = 0;
        emitToRooms(['group:samr:reviewer'], 'probe', { n: 2 });
        await new Promise((r) => setTimeout(r, 300));
        expect(live.events, "no longer in samr's room").to.deep.equal([]);
      } finally {
        live.socket.close();
      }
    });
  });

  describe('logout', () => {
    it('ends the session: its token is refused everywhere and its sockets are dropped at once; other sessions go on', async () => {
      const user = await person();
      const [token, other] = [await signIn(user), await signIn(user)];
      const live = await openSocket(token);
      const out = await api().post('/api/v1/auth/logout').set(bearer(token));
      expect(out.status).to.equal(204);
      expect(await Promise.race([live.closed, new Promise((r) => setTimeout(() => r('still open'), 2000))])).to.equal('io server disconnect');
      expect(live.ended).to.deep.equal([{ code: 'token_invalid' }]);
      const after = await me(token);
      expect(after.status).to.equal(401);
      expect(after.body.error.code).to.equal('token_invalid');
      expect((await api().post('/api/v1/auth/logout').set(bearer(token))).status).to.equal(401);
      const refused = await openSocket(token).then(
        () => 'connected',
        (err: Error) => err.message,
      );
      expect(refused, 'a new socket with the token').to.equal('token_invalid');
      expect((await me(other)).status, 'the other session').to.equal(200);
      const row = await Session.findOne({ where: { userId: user.id, endReason: 'logout' } });
      expect(row?.endedAt).to.be.instanceOf(Date);
    });
  });

  describe('idle staff sessions', () => {
    it('end after SESSION_IDLE_MINUTES without a request; an applicant keeps the token lifetime', async () => {
      let clock = Date.now();
      // a token lifetime of two hours, so that only idleness can end the session here
      const app = await startSecondApp({ now: () => clock, ttlSeconds: 7200, accounts: { sessionIdleMinutes: 30 } });
      try {
        const staff = await person(['reviewer'], 'samr');
        const applicant = await person(['applicant'], null);
        const staffToken = (await app.tokens.issue(staff)).token;
        const applicantToken = (await app.tokens.issue(applicant)).token;
        const get = (token: string) => app.agent().get('/api/v1/auth/me').set(bearer(token));
        const minutes = (m: number) => (clock += m * 60_000);

        // a request's lastSeenAt is written after its answer: the clock moves on once it is (as time would)
        const seen = (at: number) =>
          eventually('the request recorded on the session', async () => {
            const row = await Session.findOne({ where: { userId: staff.id } });
            return row !== null && row.lastSeenAt.getTime() >= at - 30_000;
          });
        expect((await get(staffToken)).status).to.equal(200);
        minutes(29);
        expect((await get(staffToken)).status, 'used after 29 minutes').to.equal(200);
        await seen(clock);
        minutes(29);
        expect((await get(staffToken)).status, 'each request starts the idle time again').to.equal(200);
        minutes(31);
        const idle = await get(staffToken);
        expect(idle.status).to.equal(401);
        expect(idle.body.error).to.include({ code: 'session_idle' });
        minutes(0.5);
        expect((await get(staffToken)).body.error.code, 'and stays ended').to.equal('session_idle');
        expect((await Session.findOne({ where: { userId: staff.id } }))!.endReason).to.equal('idle');

        // the applicant's clock ran 89.5 minutes without a request: within the token's two hours
        expect((await get(applicantToken)).status).to.equal(200);
      } finally {
        await app.close();
      }
    });

    it('writes last_seen_at at most every 30 seconds', async () => {
      let clock = Date.now();
      const app = await startSecondApp({ now: () => clock, accounts: { checkSeconds: 0 } });
      try {
        const user = await person();
        const { token, sessionId } = await app.tokens.issue(user);
        const seen = async () => (await Session.findByPk(sessionId))!.lastSeenAt.getTime();
        const first = await seen();
        clock += 10_000;
        expect((await app.agent().get('/api/v1/auth/me').set(bearer(token))).status).to.equal(200);
        expect(await seen(), 'not after 10 s').to.equal(first);
        clock += 25_000;
        expect((await app.agent().get('/api/v1/auth/me').set(bearer(token))).status).to.equal(200);
        await eventually('last_seen_at written', async () => (await seen()) === clock, 3000);
      } finally {
        await app.close();
      }
    });
  });
});
