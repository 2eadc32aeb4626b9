import { expect } from 'chai';
import { api } from '../support/api.ts';
import { testEnv } from '../support/environment.ts';
import { startSecondApp } from '../support/second-app.ts';
import { freshIdNo, freshPhone } from '../support/oidc.ts';
import { User } from '../../server/auth/user.model.ts';
import { PhoneVerification } from '../../server/auth/identity.model.ts';
import { AuditEvent } from '../../server/audit/audit-event.model.ts';
import { lookupHash } from '../../server/privacy/sealing.ts';

/**
 * 申请人注册: the SMS code (sandbox outbox), the phone's verification, the real-name check against
 * the sandbox population, the account and its session; limits, expiry, single use, wrong tries and
 * outages, each refused in words with nothing written.
 */

let address = 0;
const from = () => ({ 'x-forwarded-for': `10.88.${Math.floor(++address / 200)}.${address % 200}` });
const GOOD_PASSWORD = 'Reg-Pass-2026';
const made: number[] = [];

/** A person of the sandbox's population (the real-name check knows them) with a phone nobody registered. */
function person(name = '林注册') {
  return testEnv().identity.control.addPerson({ name, idNo: freshIdNo(), phone: freshPhone(), realNameLevel: 'L2' });
}

/** The code the sandbox SMS gateway "sent" to the phone last. */
function lastCode(phone: string): string {
  const [message] = testEnv().sms.control.messages(phone);
  expect(message, `an SMS to ${phone}`).to.not.equal(undefined);
  const code = /验证码为 (\d{6})/.exec(message!.text)?.[1];
  expect(code, message!.text).to.match(/^\d{6}$/);
  return code!;
}

async function verifiedPhone(phone: string, headers = from()) {
  const sent = await api().post('/api/v1/auth/registration/phone-codes').set(headers).send({ phone });
  expect(sent.status, JSON.stringify(sent.body)).to.equal(201);
  const verified = await api()
    .post('/api/v1/auth/registration/phone-verifications')
    .set(headers)
    .send({ phone, code: lastCode(phone) });
  expect(verified.status, JSON.stringify(verified.body)).to.equal(200);
  return verified.body.verification as string;
}

const username = () => `reg${Date.now().toString(36)}${address}`;

describe('applicant registration (phone and real-name check)', function () {
  this.timeout(120_000);
  after(async () => void (await User.update({ active: false }, { where: { id: made } })));

  it('registers an applicant: code by SMS, phone verified, name and ID number checked, then signed in; the password signs in too', async () => {
    expect((await api().get('/api/v1/auth/registration')).body).to.deep.equal({ available: true });
    const p = person();
    const headers = from();
    const sent = await api().post('/api/v1/auth/registration/phone-codes').set(headers).send({ phone: p.phone });
    expect(sent.status).to.equal(201);
    expect(Date.parse(sent.body.expiresAt) - Date.now()).to.be.within(4 * 60_000, 5 * 60_000 + 1000);
    const [sms] = testEnv().sms.control.messages(p.phone);
    expect(sms!.text).to.match(/^【政务服务平台】您的注册验证码为 \d{6}，5 分钟内有效/);
    // the code is stored as a keyed hash only
    const row = (await PhoneVerification.findOne({ where: { phoneHash: lookupHash(p.phone) } }))!;
    expect(row.codeHash).not.to.include(lastCode(p.phone));
    const verified = await api()
      .post('/api/v1/auth/registration/phone-verifications')
      .set(headers)
      .send({ phone: p.phone, code: lastCode(p.phone) });
    expect(verified.status).to.equal(200);
    const name = username();
    const res = await api()
      .post('/api/v1/auth/registrations')
      .set(headers)
      .send({ verification: verified.body.verification, username: name, displayName: p.name, idNo: p.idNo, password: GOOD_PASSWORD });
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    expect(res.body.user).to.include({ username: name, displayName: p.name });
    expect(res.body.user.roles).to.deep.equal(['applicant']);
    const me = await api()
      .get('/api/v1/auth/me')
      .set({ Authorization: `Bearer ${res.body.token as string}` });
    expect(me.status).to.equal(200);
    const user = (await User.findOne({ where: { username: name } }))!;
    made.push(user.id);
    expect(user).to.include({ idNo: p.idNo, phone: p.phone, accountKind: 'person' });
    const audit = await AuditEvent.findOne({ where: { action: 'account.registered', target: `user:${name}` } });
    expect(audit?.actor).to.equal(name);
    expect(audit?.detail).not.to.include(p.idNo).and.not.to.include(p.phone);
    const login = await api().post('/api/v1/auth/login').set(from()).send({ username: name, password: GOOD_PASSWORD });
    expect(login.status).to.equal(200);
    expect(login.body.token).to.be.a('string');
    // the proof was spent: it registers nobody else
    const again = await api()
      .post('/api/v1/auth/registrations')
      .set(headers)
      .send({ verification: verified.body.verification, username: username(), displayName: p.name, idNo: freshIdNo(), password: GOOD_PASSWORD });
    expect(again.status).to.equal(422);
    expect(again.body.error.code).to.equal('phone_verification_invalid');
    // and the phone is taken now
    const taken = await api().post('/api/v1/auth/registration/phone-codes').set(from()).send({ phone: p.phone });
    expect(taken.status).to.equal(409);
    expect(taken.body.error.code).to.equal('phone_taken');
  });

  it('counts wrong codes: the tries left are said, five void the code, a code is good once', async () => {
    const { phone } = person();
    const headers = from();
    expect((await api().post('/api/v1/auth/registration/phone-codes').set(headers).send({ phone })).status).to.equal(201);
    const right = lastCode(phone);
    const wrong = right === '000000' ? '111111' : '000000';
    const first = await api().post('/api/v1/auth/registration/phone-verifications').set(headers).send({ phone, code: wrong });
    expect(first.status).to.equal(422);
    expect(first.body.error.code).to.equal('phone_code_invalid');
    expect(first.body.error.details[0]).to.include({ field: 'code' });
    expect(first.body.error.details[0].message).to.include('还可再试 4 次');
    for (let i = 0; i < 4; i++) await api().post('/api/v1/auth/registration/phone-verifications').set(headers).send({ phone, code: wrong });
    const voided = await api().post('/api/v1/auth/registration/phone-verifications').set(headers).send({ phone, code: right });
    expect(voided.status).to.equal(422);
    expect(voided.body.error.code).to.equal('phone_code_expired');

    const other = person();
    expect((await api().post('/api/v1/auth/registration/phone-codes').set(headers).send({ phone: other.phone })).status).to.equal(201);
    const code = lastCode(other.phone);
    expect((await api().post('/api/v1/auth/registration/phone-verifications').set(headers).send({ phone: other.phone, code })).status).to.equal(200);
    const twice = await api().post('/api/v1/auth/registration/phone-verifications').set(headers).send({ phone: other.phone, code });
    expect(twice.status).to.equal(422);
    expect(twice.body.error.code).to.equal('phone_code_expired');
  });

  it('limits how often a phone gets a code (Retry-After), and a code expires after five minutes', async () => {
    const { phone } = person();
    const headers = from();
    expect((await api().post('/api/v1/auth/registration/phone-codes').set(headers).send({ phone })).status).to.equal(201);
    const soon = await api().post('/api/v1/auth/registration/phone-codes').set(headers).send({ phone });
    expect(soon.status).to.equal(429);
    expect(soon.body.error.code).to.equal('phone_code_rate_limited');
    expect(Number(soon.headers['retry-after'])).to.be.within(1, 60);
    expect(soon.body.error.message).to.match(/请 \d+ 秒后再试/);
    expect(testEnv().sms.control.messages(phone)).to.have.length(1);

    // five minutes later (a second front with its own clock): the code is expired
    let offset = 0;
    const later = await startSecondApp({ now: () => Date.now() + offset });
    try {
      offset = 5 * 60_000 + 1000;
      const res = await later
        .agent()
        .post('/api/v1/auth/registration/phone-verifications')
        .set(headers)
        .send({ phone, code: lastCode(phone) });
      expect(res.status).to.equal(422);
      expect(res.body.error.code).to.equal('phone_code_expired');
    } finally {
      await later.close();
    }
  });

  it('refuses a name that does not match the ID number, and spends the proof after three tries: nothing written', async () => {
    const p = person('沈实名');
    const verification = await verifiedPhone(p.phone);
    const before = await User.count();
    const attempt = (displayName: string, idNo = p.idNo) =>
      api().post('/api/v1/auth/registrations').set(from()).send({ verification, username: username(), displayName, idNo, password: GOOD_PASSWORD });
    const mismatch = await attempt('沈某某');
    expect(mismatch.status).to.equal(422);
    expect(mismatch.body.error.code).to.equal('real_name_mismatch');
    expect(mismatch.body.error.details.map((d: { field: string }) => d.field)).to.have.members(['displayName', 'idNo']);
    expect((await attempt('沈某某', freshIdNo())).body.error.code).to.equal('real_name_mismatch');
    expect((await attempt('沈某某')).body.error.code).to.equal('real_name_mismatch');
    const spent = await attempt(p.name);
    expect(spent.status).to.equal(422);
    expect(spent.body.error.code).to.equal('phone_verification_invalid');
    expect(await User.count()).to.equal(before);
  });

  it('answers 503 in words when the SMS gateway or the real-name check is down, and writes nothing', async () => {
    const p = person();
    testEnv().sms.control.injectFaults({ mode: 'fail', count: 1 });
    const noSms = await api().post('/api/v1/auth/registration/phone-codes').set(from()).set('accept-language', 'en').send({ phone: p.phone });
    expect(noSms.status).to.equal(503);
    expect(noSms.body.error.code).to.equal('sms_unavailable');
    expect(noSms.body.error.message).to.match(/no code was sent/);
    expect(await PhoneVerification.count({ where: { phoneHash: lookupHash(p.phone) } })).to.equal(0);

    const verification = await verifiedPhone(p.phone);
    testEnv().identity.control.injectFaults({ mode: 'fail', count: 1 });
    const before = await User.count();
    const body = { verification, username: username(), displayName: p.name, idNo: p.idNo, password: GOOD_PASSWORD };
    const down = await api().post('/api/v1/auth/registrations').set(from()).send(body);
    expect(down.status).to.equal(503);
    expect(down.body.error.code).to.equal('real_name_check_unavailable');
    expect(down.body.error.message).to.include('账号未创建');
    expect(await User.count()).to.equal(before);
    // the proof is still good once the check answers again
    const ok = await api().post('/api/v1/auth/registrations').set(from()).send(body);
    expect(ok.status, JSON.stringify(ok.body)).to.equal(201);
    made.push(ok.body.user.id as number);
  });

  it('refuses bad input in words: a weak password, a taken user name or ID number, malformed numbers', async () => {
    const p = person();
    const verification = await verifiedPhone(p.phone);
    const register = (body: Record<string, unknown>) =>
      api()
        .post('/api/v1/auth/registrations')
        .set(from())
        .send({ verification, username: username(), displayName: p.name, idNo: p.idNo, password: GOOD_PASSWORD, ...body });
    const weak = await register({ password: 'short' });
    expect(weak.status).to.equal(422);
    expect(weak.body.error.code).to.equal('password_policy');
    expect(weak.body.error.details.every((d: { field: string }) => d.field === 'password')).to.equal(true);
    const takenName = await register({ username: 'applicant' });
    expect(takenName.status).to.equal(409);
    expect(takenName.body.error.code).to.equal('username_taken');
    // 张三's ID number has the demo applicant's account
    const takenId = await register({ displayName: '张三', idNo: '430102199003071234' });
    expect(takenId.status).to.equal(409);
    expect(takenId.body.error.code).to.equal('id_no_taken');
    const badId = await register({ idNo: '430102199003071235' });
    expect(badId.status).to.equal(422);
    expect(badId.body.error.details[0].field).to.equal('idNo');
    const badPhone = await api().post('/api/v1/auth/registration/phone-codes').set(from()).send({ phone: '1380013800' });
    expect(badPhone.status).to.equal(422);
    expect(badPhone.body.error.details[0].field).to.equal('phone');
    const badCode = await api().post('/api/v1/auth/registration/phone-verifications').set(from()).send({ phone: p.phone, code: '12ab56' });
    expect(badCode.status).to.equal(422);
    // none of it spent the proof
    const ok = await register({});
    expect(ok.status, JSON.stringify(ok.body)).to.equal(201);
    made.push(ok.body.user.id as number);
  });
});
