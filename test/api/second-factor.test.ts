import { expect } from 'chai';
import type request from 'supertest';
import { tokenOf } from '../support/api.ts';
import { nextCode } from '../support/second-factor.ts';
import { startSecondApp, type SecondApp } from '../support/second-app.ts';
import { User, type Role } from '../../server/auth/user.model.ts';
import { hashPassword } from '../../server/auth/passwords.ts';
import { RecoveryCode, SecondFactor } from '../../server/auth/second-factor.model.ts';
import { AuditEvent } from '../../server/audit/audit-event.model.ts';
import { base32Decode, codeAt, hotp, stepAt } from '../../server/auth/totp.ts';

/**
 * 双因素认证 (等保三级 身份鉴别: two factors for administrators): TOTP (RFC 6238) with enrolment and
 * recovery codes, required for administrators, analysts and seal users (SECOND_FACTOR_REQUIRED),
 * optional for the others. Each test signs in on a second HTTP front with rate limits of its own
 * (test/support/second-app.ts), so the main server's limits stay for the other files.
 */

const GOOD = 'Right-Pass-2024';
let serial = 0;
let hash: Promise<string> | undefined;
const made: number[] = [];

async function person(roles: Role[] = ['reviewer'], departmentCode: string | null = 'samr') {
  hash ??= hashPassword(GOOD);
  const user = await User.create({
    username: `tfa${Date.now().toString(36)}${serial++}`,
    displayName: '双因素测试',
    passwordHash: await hash,
    roles,
    departmentCode,
    passwordChangedAt: new Date(),
  });
  made.push(user.id);
  return user;
}

const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
const codeOf = (res: request.Response) => (res.body as { error?: { code: string } }).error?.code;
/** A code that is not the one given (nor, but for a one-in-a-million chance, a neighbour step's). */
const wrong = (code: string) => String((Number(code) + 500_001) % 1_000_000).padStart(6, '0');

async function audits(username: string, since: Date) {
  const rows = await AuditEvent.findAll({ where: { target: `user:${username}` }, order: [['id', 'ASC']] });
  return rows
    .filter((r) => r.at >= since)
    .map((r) => ({ actor: r.actor, action: r.action, outcome: r.outcome, detail: JSON.parse(r.detail) as Record<string, unknown> }));
}

describe('second factor (TOTP): enrolment, sign-in, recovery codes, who must', function () {
  // the people made here hold samr's roles: retire them, or the next files' 会签 would wait for them
  after(async () => void (await User.update({ active: false }, { where: { id: made } })));
  this.timeout(120_000);

  let app: SecondApp;
  beforeEach(async () => (app = await startSecondApp({ captureLog: true })));
  afterEach(async () => app?.close());

  const login = (username: string, password = GOOD, headers: Record<string, string> = {}) =>
    app.agent().post('/api/v1/auth/login').set(headers).send({ username, password });
  const secondStep = (body: Record<string, unknown>, headers: Record<string, string> = {}) =>
    app.agent().post('/api/v1/auth/second-factor').set(headers).send(body);

  /** Signs in without a second factor and sets one up from the account's page; the secret and the recovery codes. */
  async function enrolOptional(user: User): Promise<{ token: string; secret: string; recoveryCodes: string[] }> {
    const signedIn = await login(user.username);
    expect(signedIn.status).to.equal(200);
    expect(signedIn.body).to.have.property('token');
    const token = signedIn.body.token as string;
    const before = await app.agent().get('/api/v1/me/second-factor').set(bearer(token));
    expect(before.body).to.deep.equal({ enrolled: false, required: false, confirmedAt: null, recoveryCodesLeft: 0, algorithm: 'SHA1' });
    const started = await app.agent().post('/api/v1/me/second-factor/enrolment').set(bearer(token));
    expect(started.status).to.equal(200);
    const secret = started.body.secret as string;
    expect(secret).to.match(/^[A-Z2-7]{32}$/);
    expect(started.body.otpauthUri).to.equal(
      `otpauth://totp/${encodeURIComponent('政务服务平台')}:${user.username}?secret=${secret}&issuer=${encodeURIComponent('政务服务平台')}&algorithm=SHA1&digits=6&period=30`,
    );
    // not a factor until confirmed: the sign-in does not ask for it yet
    expect((await login(user.username)).body).to.have.property('token');
    const code = hotp(base32Decode(secret)!, stepAt(Date.now()));
    const mistyped = await app
      .agent()
      .post('/api/v1/me/second-factor/enrolment/confirmation')
      .set(bearer(token))
      .send({ code: wrong(code) });
    expect([mistyped.status, codeOf(mistyped), mistyped.body.error.details[0].field]).to.deep.equal([422, 'second_factor_code_wrong', 'code']);
    const confirmed = await app.agent().post('/api/v1/me/second-factor/enrolment/confirmation').set(bearer(token)).send({ code });
    expect(confirmed.status, JSON.stringify(confirmed.body)).to.equal(200);
    const recoveryCodes = confirmed.body.recoveryCodes as string[];
    expect(new Set(recoveryCodes).size).to.equal(10);
    return { token, secret, recoveryCodes };
  }

  it('enrols an optional user, then signs them in with the password and a code; the challenge is no session token and a code is good once', async () => {
    const since = new Date();
    const user = await person();
    const { token, secret, recoveryCodes } = await enrolOptional(user);
    const row = (await SecondFactor.findByPk(user.id))!;
    expect(row.secret.startsWith('s1.'), 'sealed with SM4').to.equal(true);
    expect(row.secret).not.to.include(secret);
    const stored = await RecoveryCode.findAll({ where: { userId: user.id } });
    expect(stored).to.have.length(10);
    for (const c of recoveryCodes) expect(stored.map((s) => s.codeHash)).not.to.include(c);
    const state = await app.agent().get('/api/v1/me/second-factor').set(bearer(token));
    expect(state.body).to.include({ enrolled: true, required: false, recoveryCodesLeft: 10 });

    const first = await login(user.username);
    expect(first.status).to.equal(200);
    expect(first.body).to.have.keys(['status', 'challenge', 'challengeExpiresAt']);
    expect(first.body.status).to.equal('second_factor_required');
    const challenge = first.body.challenge as string;
    // a challenge is not a bearer token, and a bearer token is not a challenge
    expect(codeOf(await app.agent().get('/api/v1/auth/me').set(bearer(challenge)))).to.equal('token_invalid');
    expect(codeOf(await secondStep({ challenge: token, code: '123456' }))).to.equal('challenge_invalid');
    expect(codeOf(await app.agent().post('/api/v1/auth/second-factor/enrolment').send({ challenge }))).to.equal('challenge_invalid');

    const code = await nextCode(user.username);
    const done = await secondStep({ challenge, code });
    expect(done.status, JSON.stringify(done.body)).to.equal(200);
    expect(done.body.user.username).to.equal(user.username);
    expect(
      (
        await app
          .agent()
          .get('/api/v1/auth/me')
          .set(bearer(done.body.token as string))
      ).status,
    ).to.equal(200);

    // replay: the same code again, on a fresh challenge, is refused (and counts as a failure)
    const again = await login(user.username);
    const replayed = await secondStep({ challenge: again.body.challenge, code });
    expect([replayed.status, codeOf(replayed)]).to.deep.equal([401, 'second_factor_invalid']);
    expect(app.log.some((l) => l.msg === 'second factor refused' && l.reason === 'code already used')).to.equal(true);

    const trail = await audits(user.username, since);
    expect(trail.map((a) => `${a.action} ${a.outcome}`)).to.include.members([
      'auth.second_factor_enrolment_begun success',
      'auth.second_factor_enrolled success',
      'auth.second_factor_challenged success',
      'auth.login success',
      'auth.second_factor_failed failure',
    ]);
    expect(trail.find((a) => a.action === 'auth.login' && a.detail.secondFactor === 'totp')).to.not.equal(undefined);
    expect(trail.find((a) => a.action === 'auth.second_factor_failed')!.detail).to.deep.equal({ reason: 'code already used' });
    // neither the secret nor a code in the log or the trail
    const written = JSON.stringify(app.log) + JSON.stringify(trail);
    for (const s of [secret, code, ...recoveryCodes]) expect(written).not.to.include(s);
  });

  it('takes a recovery code once; new codes replace all the old ones; an optional user may turn it off, with a code', async () => {
    const since = new Date();
    const user = await person();
    const { token, recoveryCodes } = await enrolOptional(user);
    const first = await secondStep({ challenge: (await login(user.username)).body.challenge, recoveryCode: recoveryCodes[0]!.toUpperCase() });
    expect(first.status, JSON.stringify(first.body)).to.equal(200);
    expect(first.body.recoveryCodesLeft).to.equal(9);
    const second = await secondStep({ challenge: (await login(user.username)).body.challenge, recoveryCode: recoveryCodes[0] });
    expect([second.status, codeOf(second)]).to.deep.equal([401, 'second_factor_invalid']);

    const fresh = await app
      .agent()
      .post('/api/v1/me/second-factor/recovery-codes')
      .set(bearer(token))
      .send({ code: await nextCode(user.username) });
    expect(fresh.status, JSON.stringify(fresh.body)).to.equal(200);
    expect(fresh.body.recoveryCodes).to.have.length(10);
    const old = await secondStep({ challenge: (await login(user.username)).body.challenge, recoveryCode: recoveryCodes[1] });
    expect(codeOf(old), 'an old code after new ones were made').to.equal('second_factor_invalid');
    const replaced = await secondStep({ challenge: (await login(user.username)).body.challenge, recoveryCode: fresh.body.recoveryCodes[0] });
    expect(replaced.status).to.equal(200);

    const noCode = await app.agent().post('/api/v1/me/second-factor/disable').set(bearer(token)).send({});
    expect([noCode.status, codeOf(noCode)]).to.deep.equal([422, 'validation_failed']);
    const mistyped = await app.agent().post('/api/v1/me/second-factor/disable').set(bearer(token)).send({ code: '000000' });
    expect([mistyped.status, codeOf(mistyped)]).to.deep.equal([422, 'second_factor_code_wrong']);
    // a recovery code stands in for the phone here too
    const off = await app.agent().post('/api/v1/me/second-factor/disable').set(bearer(token)).send({ recoveryCode: fresh.body.recoveryCodes[1] });
    expect(off.status).to.equal(204);
    expect((await login(user.username)).body, 'signs in with the password alone again').to.have.property('token');
    expect(await RecoveryCode.count({ where: { userId: user.id } })).to.equal(0);
    const actions = (await audits(user.username, since)).map((a) => a.action);
    expect(actions).to.include.members(['auth.recovery_codes_regenerated', 'auth.second_factor_disable_failed', 'auth.second_factor_disabled']);
    const recovered = (await audits(user.username, since)).find((a) => a.action === 'auth.login' && a.detail.secondFactor === 'recovery_code');
    expect(recovered?.detail.recoveryCodesLeft).to.equal(9);
  });

  it('counts wrong codes toward the lock: the 5th locks the name, then even a right code and the right password are refused', async () => {
    const user = await person();
    await enrolOptional(user);
    const { challenge } = (await login(user.username)).body as { challenge: string };
    const right = await nextCode(user.username);
    for (let i = 1; i <= 4; i++) {
      const res = await secondStep({ challenge, code: wrong(right) });
      expect([res.status, codeOf(res)], `wrong code ${i}`).to.deep.equal([401, 'second_factor_invalid']);
    }
    const fifth = await secondStep({ challenge, code: 'abcdef' }, { 'Accept-Language': 'en' });
    expect([fifth.status, codeOf(fifth)]).to.deep.equal([401, 'account_locked']);
    expect(fifth.body.error.message).to.match(/locked until .* \(Beijing time\)/);
    expect(codeOf(await secondStep({ challenge, code: right })), 'the right code while locked').to.equal('account_locked');
    expect(codeOf(await login(user.username)), 'the password while locked').to.equal('account_locked');
    // the security administrator unlocks it; the code was never accepted, so it still works
    const unlocked = await app
      .agent()
      .post(`/api/v1/admin/users/${user.username}/unlock`)
      .set(bearer(await tokenOf('security')));
    expect(unlocked.status).to.equal(200);
    const after = await secondStep({ challenge: (await login(user.username)).body.challenge, code: await nextCode(user.username) });
    expect(after.status, JSON.stringify(after.body)).to.equal(200);
  });

  it('a role that requires it: no session before the enrolment, which the sign-in walks through; it cannot be turned off', async () => {
    const since = new Date();
    const user = await person(['analyst'], 'data');
    const first = await login(user.username);
    expect(first.status).to.equal(200);
    expect(first.body.status).to.equal('second_factor_enrolment_required');
    expect(first.body).not.to.have.property('token');
    const { challenge } = first.body as { challenge: string };
    // the enrolment challenge signs nobody in: not as a code step, not as a bearer token
    expect(codeOf(await secondStep({ challenge, code: '123456' }))).to.equal('challenge_invalid');
    expect((await app.agent().get('/api/v1/me/second-factor').set(bearer(challenge))).status).to.equal(401);
    const early = await app.agent().post('/api/v1/auth/second-factor/enrolment/confirmation').send({ challenge, code: '123456' });
    expect(codeOf(early), 'confirming before starting').to.equal('second_factor_no_enrolment');

    const started = await app.agent().post('/api/v1/auth/second-factor/enrolment').send({ challenge });
    expect(started.status).to.equal(200);
    const code = hotp(base32Decode(started.body.secret as string)!, stepAt(Date.now()));
    const mistyped = await app
      .agent()
      .post('/api/v1/auth/second-factor/enrolment/confirmation')
      .send({ challenge, code: wrong(code) });
    expect([mistyped.status, codeOf(mistyped)]).to.deep.equal([422, 'second_factor_code_wrong']);
    const confirmed = await app.agent().post('/api/v1/auth/second-factor/enrolment/confirmation').send({ challenge, code });
    expect(confirmed.status, JSON.stringify(confirmed.body)).to.equal(200);
    expect(confirmed.body.recoveryCodes).to.have.length(10);
    const token = confirmed.body.token as string;
    const state = await app.agent().get('/api/v1/me/second-factor').set(bearer(token));
    expect(state.body).to.include({ enrolled: true, required: true, recoveryCodesLeft: 10 });

    const off = await app
      .agent()
      .post('/api/v1/me/second-factor/disable')
      .set(bearer(token))
      .send({ code: await nextCode(user.username) });
    expect([off.status, codeOf(off)]).to.deep.equal([409, 'second_factor_mandatory']);
    const again = await app.agent().post('/api/v1/me/second-factor/enrolment').set(bearer(token));
    expect(codeOf(again), 'a second enrolment over the first').to.equal('second_factor_enrolled');
    expect((await login(user.username)).body.status).to.equal('second_factor_required');
    const actions = (await audits(user.username, since)).map((a) => `${a.action} ${a.outcome}`);
    expect(actions).to.include.members([
      'auth.second_factor_enrolment_required success',
      'auth.second_factor_enrolment_begun success',
      'auth.second_factor_enrolled success',
      'auth.login success',
      'auth.second_factor_disable_refused failure',
    ]);
  });

  it("requires it of everyone an active seal names (the demo seals name each department's leaders), not of the others", async () => {
    const tokens = app.tokens;
    const leader = await person(['leader'], 'samr');
    const reviewer = await person(['reviewer'], 'samr');
    const state = async (user: User) =>
      (
        await app
          .agent()
          .get('/api/v1/me/second-factor')
          .set(bearer((await tokens.issue(user)).token))
      ).body as { required: boolean };
    expect((await state(leader)).required, 'samr:leader on the demo seal').to.equal(true);
    expect((await state(reviewer)).required).to.equal(false);
    expect((await login(leader.username)).body.status).to.equal('second_factor_enrolment_required');
  });

  it("the security administrator resets another user's second factor: audited, the sessions end, the next sign-in enrols again", async () => {
    const since = new Date();
    const user = await person(['analyst'], 'data');
    const first = await login(user.username);
    await app.agent().post('/api/v1/auth/second-factor/enrolment').send({ challenge: first.body.challenge });
    const confirmed = await app
      .agent()
      .post('/api/v1/auth/second-factor/enrolment/confirmation')
      .send({ challenge: first.body.challenge, code: await nextCode(user.username) });
    const token = confirmed.body.token as string;
    const admin = await tokenOf('security');
    // 三员分立: the system administrator may not
    const bySystemAdmin = await app
      .agent()
      .post(`/api/v1/admin/users/${user.username}/second-factor/reset`)
      .set(bearer(await tokenOf('admin')));
    expect(bySystemAdmin.status).to.equal(403);

    const reset = await app.agent().post(`/api/v1/admin/users/${user.username}/second-factor/reset`).set(bearer(admin));
    expect(reset.status).to.equal(200);
    expect(reset.body).to.deep.equal({ username: user.username, reset: true, wasEnrolled: true });
    expect(codeOf(await app.agent().get('/api/v1/auth/me').set(bearer(token))), 'the user was signed out').to.equal('token_invalid');
    expect((await login(user.username)).body.status).to.equal('second_factor_enrolment_required');
    expect(await RecoveryCode.count({ where: { userId: user.id } })).to.equal(0);

    const self = await app.agent().post('/api/v1/admin/users/security/second-factor/reset').set(bearer(admin));
    expect([self.status, codeOf(self)]).to.deep.equal([409, 'second_factor_self_reset']);
    const nobody = await app.agent().post('/api/v1/admin/users/no-such-person-zz/second-factor/reset').set(bearer(admin));
    expect([nobody.status, codeOf(nobody)]).to.deep.equal([404, 'user_not_found']);
    const byReviewer = await app
      .agent()
      .post(`/api/v1/admin/users/${user.username}/second-factor/reset`)
      .set(bearer(await tokenOf('reviewer')));
    expect(byReviewer.status).to.equal(403);

    const entry = (await audits(user.username, since)).find((a) => a.action === 'auth.second_factor_reset')!;
    expect(entry).to.deep.equal({ actor: 'security', action: 'auth.second_factor_reset', outcome: 'success', detail: { wasEnrolled: true } });
  });

  it('an expired password is replaced after the code, on the same challenge, without a second code', async () => {
    const strict = await startSecondApp({ accounts: { passwordMaxAgeDays: 90 } });
    try {
      const user = await person();
      await enrolOptional(user);
      await user.update({ passwordChangedAt: new Date(Date.now() - 100 * 86_400_000) });
      const first = await strict.agent().post('/api/v1/auth/login').send({ username: user.username, password: GOOD });
      expect(first.body.status, 'the second factor comes before the password change').to.equal('second_factor_required');
      const { challenge } = first.body as { challenge: string };
      const expired = await strict
        .agent()
        .post('/api/v1/auth/second-factor')
        .send({ challenge, code: await nextCode(user.username) });
      expect([expired.status, codeOf(expired)]).to.deep.equal([403, 'password_expired']);
      const weak = await strict.agent().post('/api/v1/auth/second-factor').send({ challenge, newPassword: 'short' });
      expect([weak.status, codeOf(weak)]).to.deep.equal([422, 'password_policy']);
      const done = await strict.agent().post('/api/v1/auth/second-factor').send({ challenge, newPassword: 'Brand-New-Pass-77' });
      expect(done.status, JSON.stringify(done.body)).to.equal(200);
      // the password changed: the challenge is spent
      expect(codeOf(await strict.agent().post('/api/v1/auth/second-factor').send({ challenge, newPassword: 'Other-New-Pass-78' }))).to.equal(
        'challenge_invalid',
      );
      // and without a passed code the same trick does not work
      const fresh = await strict.agent().post('/api/v1/auth/login').send({ username: user.username, password: 'Brand-New-Pass-77' });
      expect(
        codeOf(await strict.agent().post('/api/v1/auth/second-factor').send({ challenge: fresh.body.challenge, newPassword: 'Other-New-Pass-78' })),
      ).to.equal('validation_failed');
    } finally {
      await strict.close();
    }
  });

  it('answers bad input with a 4xx in both languages, never a 500', async () => {
    const zh = await secondStep({});
    expect([zh.status, codeOf(zh)]).to.deep.equal([422, 'validation_failed']);
    expect(zh.body.error.details.map((d: { message: string }) => d.message).join()).to.match(/登录验证/);
    const en = await secondStep({ challenge: 'x', code: 5 }, { 'Accept-Language': 'en' });
    expect(en.status).to.equal(422);
    expect(en.body.error.details.map((d: { message: string }) => d.message).join()).to.match(/Code/);
    const garbage = await secondStep({ challenge: 'not.a.challenge', code: '123456' }, { 'Accept-Language': 'en' });
    expect([garbage.status, codeOf(garbage)]).to.deep.equal([401, 'challenge_invalid']);
    expect(garbage.body.error.message).to.match(/user name and password again/);
    const extra = await app.agent().post('/api/v1/auth/second-factor/enrolment').send({ challenge: 'x', secret: 'AAAA' });
    expect(extra.status).to.equal(422);
    const analyst = await tokenOf('analyst');
    const noBody = await app.agent().post('/api/v1/me/second-factor/disable').set(bearer(analyst));
    expect(noBody.status, 'a required factor: refused before any code').to.equal(409);
    const strange = await app
      .agent()
      .post('/api/v1/me/second-factor/recovery-codes')
      .set(bearer(analyst))
      .send({ code: ['1'] });
    expect(strange.status).to.equal(422);
  });

  describe('SECOND_FACTOR_ALGORITHM=SM3: GM/T 0021-2012 codes for new enrolments, each enrolment keeping its own', () => {
    let sm3App: SecondApp;
    beforeEach(async () => (sm3App = await startSecondApp({ accounts: { secondFactorAlgorithm: 'SM3' } })));
    afterEach(async () => sm3App?.close());

    it('enrols with SM3 (said in the answer and the otpauth:// URI), refuses the RFC 6238 code, signs in with the SM3 one on either setting', async () => {
      const user = await person();
      const signedIn = await sm3App.agent().post('/api/v1/auth/login').send({ username: user.username, password: GOOD });
      const token = signedIn.body.token as string;
      const before = await sm3App.agent().get('/api/v1/me/second-factor').set(bearer(token));
      expect(before.body).to.include({ enrolled: false, algorithm: 'SM3' });
      const started = await sm3App.agent().post('/api/v1/me/second-factor/enrolment').set(bearer(token));
      expect(started.status).to.equal(200);
      expect(started.body).to.include({ algorithm: 'SM3', digits: 6, period: 30 });
      expect(started.body.otpauthUri).to.contain('&algorithm=SM3&digits=6&period=30');
      const secret = base32Decode(started.body.secret as string)!;
      const step = stepAt(Date.now());
      const confirm = (code: string) => sm3App.agent().post('/api/v1/me/second-factor/enrolment/confirmation').set(bearer(token)).send({ code });
      // an RFC 6238 app's code of the same secret is not the SM3 one (a one-in-a-million chance they agree)
      if (hotp(secret, step) !== codeAt('SM3', secret, step)) expect(codeOf(await confirm(hotp(secret, step)))).to.equal('second_factor_code_wrong');
      const confirmed = await confirm(codeAt('SM3', secret, step));
      expect(confirmed.status, JSON.stringify(confirmed.body)).to.equal(200);
      expect((await SecondFactor.findByPk(user.id))!.algorithm).to.equal('SM3');
      expect((await sm3App.agent().get('/api/v1/me/second-factor').set(bearer(token))).body).to.include({ enrolled: true, algorithm: 'SM3' });

      for (const [front, which] of [
        [sm3App, 'the SM3 setting'],
        [app, 'the RFC 6238 setting: the enrolment keeps its algorithm'],
      ] as const) {
        const { challenge } = (await front.agent().post('/api/v1/auth/login').send({ username: user.username, password: GOOD })).body as { challenge: string };
        const now = stepAt(Date.now());
        if (hotp(secret, now + 1) !== codeAt('SM3', secret, now + 1)) {
          const rfc = await front
            .agent()
            .post('/api/v1/auth/second-factor')
            .send({ challenge, code: hotp(secret, now + 1) });
          expect([rfc.status, codeOf(rfc)], which).to.deep.equal([401, 'second_factor_invalid']);
        }
        const done = await front
          .agent()
          .post('/api/v1/auth/second-factor')
          .send({ challenge, code: await nextCode(user.username) });
        expect(done.status, `${which}: ${JSON.stringify(done.body)}`).to.equal(200);
      }
    });

    it('leaves an RFC 6238 enrolment made before the setting changed as it was: its codes still sign in', async () => {
      const user = await person();
      await enrolOptional(user);
      expect((await SecondFactor.findByPk(user.id))!.algorithm).to.equal('SHA1');
      const { challenge } = (await sm3App.agent().post('/api/v1/auth/login').send({ username: user.username, password: GOOD })).body as { challenge: string };
      const done = await sm3App
        .agent()
        .post('/api/v1/auth/second-factor')
        .send({ challenge, code: await nextCode(user.username) });
      expect(done.status, JSON.stringify(done.body)).to.equal(200);
      const state = await sm3App
        .agent()
        .get('/api/v1/me/second-factor')
        .set(bearer(done.body.token as string));
      expect(state.body).to.include({ enrolled: true, algorithm: 'SHA1' });
    });
  });
});
