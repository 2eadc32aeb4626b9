import { expect } from 'chai';
import { api, auth } from '../support/api.ts';
import { testEnv } from '../support/environment.ts';
import { startSecondApp } from '../support/second-app.ts';
import { finishAtPlatform, freshIdNo, freshPhone, oidcSignIn, throughProvider } from '../support/oidc.ts';
import { nextCode } from '../support/second-factor.ts';
import { User, type Role } from '../../server/auth/user.model.ts';
import { IdentityLink } from '../../server/auth/identity.model.ts';
import { AuditEvent } from '../../server/audit/audit-event.model.ts';
import { hashPassword } from '../../server/auth/passwords.ts';
import { actingForCompany } from '../../server/auth/index.ts';
import { assertedIdentity } from '../../server/auth/oidc-accounts.ts';
import { AppError } from '../../server/errors/app-error.ts';

/**
 * 统一身份认证: sign-in through the sandbox OpenID Connect provider (oidc-provider) as a person, as
 * a company's legal representative and agent, and as staff bound by the security administrator;
 * the refusals (no or a foreign transaction, a replayed code, a cancelled consent, an expired
 * authorisation, an inactive account, a provider that is down or not configured) change nothing.
 */

let address = 0;
/** each test speaks from an address of its own (TRUST_PROXY is loopback in the tests): the per-address limits stay its own */
const from = () => `10.77.${Math.floor(++address / 200)}.${address % 200}`;
const made: number[] = [];

/** An audit entry's detail (JSON text on SQLite, an object on MariaDB). */
function detailOf(row: AuditEvent | null): Record<string, unknown> {
  const detail = row?.detail as unknown;
  return typeof detail === 'string' ? (JSON.parse(detail) as Record<string, unknown>) : ((detail ?? {}) as Record<string, unknown>);
}

async function linkOf(subject: string) {
  return IdentityLink.findOne({ where: { issuer: testEnv().identity.issuer, subject } });
}

async function staff(roles: Role[], departmentCode: string) {
  const user = await User.create({
    username: `oidcstaff${Date.now().toString(36)}${made.length}`,
    displayName: 'OIDC 测试工作人员',
    passwordHash: await hashPassword('Right-Pass-2024'),
    roles,
    departmentCode,
    idNo: null,
    phone: null,
    passwordChangedAt: new Date(),
  });
  made.push(user.id);
  return user;
}

describe('unified identity sign-in (OpenID Connect)', function () {
  this.timeout(120_000);
  after(async () => void (await User.update({ active: false }, { where: { id: made } })));

  it('offers the sign-in when a provider is configured, and says so', async () => {
    const res = await api().get('/api/v1/auth/oidc');
    expect(res.status).to.equal(200);
    expect(res.body).to.deep.equal({ enabled: true, kinds: ['person', 'company'] });
  });

  it('sends the browser to the provider with PKCE (S256), state, nonce and the kind asked, keeping the sign-in in an encrypted HttpOnly cookie', async () => {
    const res = await fetch(`${testEnv().url}/api/v1/auth/oidc/start?kind=company`, { redirect: 'manual', headers: { 'x-forwarded-for': from() } });
    expect(res.status).to.equal(302);
    const url = new URL(res.headers.get('location')!);
    expect(`${url.origin}${url.pathname}`).to.equal(`${testEnv().identity.issuer}/auth`);
    const q = url.searchParams;
    expect(q.get('response_type')).to.equal('code');
    expect(q.get('client_id')).to.equal(testEnv().identity.clientId);
    expect(q.get('redirect_uri')).to.equal(`${testEnv().config.publicUrl}/login/oidc`);
    expect(q.get('code_challenge_method')).to.equal('S256');
    expect(q.get('code_challenge')).to.match(/^[A-Za-z0-9_-]{43}$/);
    expect(q.get('state')).to.have.length.greaterThan(20);
    expect(q.get('nonce')).to.have.length.greaterThan(20);
    expect(q.get('subject_type')).to.equal('legal_person');
    expect(q.get('scope')!.split(' ')).to.include.members(['openid', 'identity']);
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith('oidc_tx='))!;
    expect(cookie)
      .to.match(/HttpOnly/i)
      .and.match(/SameSite=Lax/i)
      .and.match(/Path=\/api\/v1\/auth\/oidc/);
    // the cookie holds neither the verifier nor the state in clear (a JWE)
    expect(cookie.split(';')[0]!.split('.').length).to.equal(5);
    expect(cookie).not.to.include(q.get('state')!);
  });

  it('signs in the demo applicant 张三 by his ID number, then by the link: the same account, a session as a password sign-in gives', async () => {
    const first = await oidcSignIn('person', 'np-zhangsan', { forwardedFor: from() });
    expect(first.status, JSON.stringify(first.body)).to.equal(200);
    expect((first.body.user as { username: string }).username).to.equal('applicant');
    expect((first.body.user as { roles: string[] }).roles).to.deep.equal(['applicant']);
    const me = await api()
      .get('/api/v1/auth/me')
      .set({ Authorization: `Bearer ${first.body.token as string}` });
    expect(me.status).to.equal(200);
    expect(me.body.username).to.equal('applicant');
    const link = await linkOf('np-zhangsan');
    expect(link?.userId).to.equal((await User.findOne({ where: { username: 'applicant' } }))!.id);
    const linked = await AuditEvent.findOne({ where: { action: 'auth.identity_linked', target: 'user:applicant' } });
    expect(detailOf(linked)).to.include({ by: 'id_no', subjectType: 'natural_person' });

    const again = await oidcSignIn('person', 'np-zhangsan', { forwardedFor: from() });
    expect(again.status).to.equal(200);
    expect((again.body.user as { username: string }).username).to.equal('applicant');
    expect(await IdentityLink.count({ where: { subject: 'np-zhangsan' } })).to.equal(1);
    const login = await AuditEvent.findOne({ where: { action: 'auth.login', target: 'user:applicant' }, order: [['id', 'DESC']] });
    expect(detailOf(login)).to.include({ via: 'oidc', account: 'linked_before' });
  });

  it("makes a new applicant's account for a person seen for the first time, its ID number and phone sealed", async () => {
    const person = testEnv().identity.control.addPerson({ name: '钱十一', idNo: freshIdNo(), phone: freshPhone(), realNameLevel: 'L3' });
    const res = await oidcSignIn('person', person.sub, { forwardedFor: from() });
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    const user = (await User.findOne({ where: { username: (res.body.user as { username: string }).username } }))!;
    made.push(user.id);
    expect(user.roles).to.deep.equal(['applicant']);
    expect(user.accountKind).to.equal('person');
    expect(user.displayName).to.equal('钱十一');
    expect(user.idNo).to.equal(person.idNo);
    expect(user.phone).to.equal(person.phone);
    // the table holds neither in clear
    expect(String(user.getDataValue('idNo'))).not.to.include(person.idNo);
    expect(String(user.getDataValue('phone'))).not.to.include(person.phone);
    const created = await AuditEvent.findOne({ where: { action: 'account.created', target: `user:${user.username}` } });
    expect(detailOf(created)).to.include({ via: 'oidc', kind: 'person' });
  });

  it("signs in a company's agent and its legal representative as the company's accounts, with the authorisation kept for the case's applicant", async () => {
    const agent = await oidcSignIn('company', 'lp-furong-catering~np-wangwu', { forwardedFor: from() });
    expect(agent.status, JSON.stringify(agent.body)).to.equal(200);
    const agentUser = (await User.findOne({ where: { username: (agent.body.user as { username: string }).username } }))!;
    expect(agentUser.accountKind).to.equal('company');
    expect(agentUser.creditCode).to.equal('91430100MA4L1A2B3F');
    expect(agentUser.companyName).to.equal('长沙芙蓉示范餐饮有限公司');
    expect(agentUser.roles).to.deep.equal(['applicant']);
    expect(agentUser.displayName).to.include('长沙芙蓉示范餐饮有限公司').and.include('王五');
    const acting = await actingForCompany(agentUser.id);
    expect(acting).to.include({ name: '王五', actingAs: 'agent', creditCode: '91430100MA4L1A2B3F', legalRepresentative: '赵六' });
    expect(acting?.authorization).to.include({ id: 'SQ-2026-0001' });
    expect(acting?.authorization?.scope).to.deep.equal(['apply', 'pay', 'receive']);

    const representative = await oidcSignIn('company', 'lp-furong-catering~np-zhaoliu', { forwardedFor: from() });
    expect(representative.status).to.equal(200);
    const repUser = (await User.findOne({ where: { username: (representative.body.user as { username: string }).username } }))!;
    expect(repUser.id).not.to.equal(agentUser.id);
    expect(repUser.creditCode).to.equal('91430100MA4L1A2B3F');
    expect(await actingForCompany(repUser.id)).to.include({ name: '赵六', actingAs: 'legal_representative', authorization: null });
    // the sandbox's standing company: its accounts stay active for the other files that act for it
    // (company-applicants, proactive-companies), unlike the people this file makes up
  });

  it("refuses a sign-in for a company as a person, and a company's login the provider refuses changes nothing", async () => {
    const before = await User.count();
    // asking for a person, the provider will not sign in a company's representative
    const wrongKind = throughProvider('person', 'lp-furong-catering~np-wangwu', { forwardedFor: from() });
    await expectRejected(wrongKind, /请选择相应的身份|refused/);
    // an agent whose authorisation expired cannot sign in for the company at all
    await expectRejected(throughProvider('company', 'lp-furong-catering~np-sunqi', { forwardedFor: from() }), /已.*失效/);
    expect(await User.count()).to.equal(before);
  });

  it('refuses a callback without the sign-in cookie, of another sign-in, replayed, or of a cancelled consent: 4xx in words, nothing written', async () => {
    const ip = from();
    const answer = await throughProvider('person', 'np-lisi', { forwardedFor: ip });
    const before = await User.count();
    const noCookie = await finishAtPlatform({ ...answer, cookie: '' }, { 'x-forwarded-for': ip });
    expect(noCookie.status).to.equal(400);
    expect(noCookie.body.error?.code).to.equal('oidc_transaction_invalid');
    expect(noCookie.body.error?.message).to.include('重新登录');

    const other = await throughProvider('person', 'np-lisi', { forwardedFor: ip });
    const crossed = await finishAtPlatform({ ...answer, cookie: other.cookie }, { 'x-forwarded-for': ip });
    expect(crossed.status).to.equal(400);
    expect(crossed.body.error?.code).to.equal('oidc_transaction_invalid');

    const done = await finishAtPlatform(answer, { 'x-forwarded-for': ip });
    expect(done.status, JSON.stringify(done.body)).to.equal(200);
    made.push((done.body.user as { id: number }).id);
    const replay = await finishAtPlatform(answer, { 'x-forwarded-for': ip });
    expect(replay.status).to.equal(400);
    expect(replay.body.error?.code).to.equal('oidc_sign_in_failed');

    const cancelled = await throughProvider('person', 'np-wujiu', { refuseConsent: true, forwardedFor: ip });
    expect(cancelled.query.get('error')).to.equal('access_denied');
    expect(cancelled.query.get('code')).to.equal(null);
    expect(await linkOf('np-wujiu')).to.equal(null);
    expect(await User.count()).to.equal(before + 1);

    const malformed = await api().post('/api/v1/auth/oidc/callback').set('x-forwarded-for', ip).send({ code: '', state: 7 });
    expect(malformed.status).to.equal(422);
    const badKind = await api().get('/api/v1/auth/oidc/start?kind=robot').set('x-forwarded-for', ip);
    expect(badKind.status).to.equal(422);
    const failures = await AuditEvent.count({ where: { action: 'auth.oidc_failed' } });
    expect(failures).to.be.greaterThanOrEqual(3);
  });

  it('signs staff in only through a binding by the security administrator; a required second factor is asked unless the provider asserted MFA', async () => {
    const person = testEnv().identity.control.addPerson({ name: '郑审核', idNo: freshIdNo(), phone: freshPhone(), realNameLevel: 'L3' });
    const analyst = await staff(['analyst'], 'data');
    // not bound: the person gets an applicant's account of their own, never the staff account
    const unbound = await oidcSignIn('person', person.sub, { forwardedFor: from() });
    expect(unbound.status).to.equal(200);
    const citizen = (unbound.body.user as { username: string; id: number }).username;
    expect(citizen).not.to.equal(analyst.username);
    made.push((unbound.body.user as { id: number }).id);

    // bound: only a staff account, only by the security administrator, audited with the number masked
    const other = testEnv().identity.control.addPerson({ name: '冯审核', idNo: freshIdNo(), phone: freshPhone(), realNameLevel: 'L3' });
    expect(
      (
        await api()
          .put(`/api/v1/admin/users/${analyst.username}/identity`)
          .set(await auth('admin'))
          .send({ idNo: other.idNo })
      ).status,
    ).to.equal(403);
    expect(
      (
        await api()
          .put(`/api/v1/admin/users/applicant/identity`)
          .set(await auth('security'))
          .send({ idNo: other.idNo })
      ).status,
    ).to.equal(409);
    const badNumber = await api()
      .put(`/api/v1/admin/users/${analyst.username}/identity`)
      .set(await auth('security'))
      .send({ idNo: '430102199003071235' });
    expect(badNumber.status).to.equal(422);
    const bound = await api()
      .put(`/api/v1/admin/users/${analyst.username}/identity`)
      .set(await auth('security'))
      .send({ idNo: other.idNo });
    expect(bound.status, JSON.stringify(bound.body)).to.equal(200);
    expect(bound.body.idNo).to.match(/^\d{4}\*{10}[\dX]{4}$/);
    const audit = await AuditEvent.findOne({ where: { action: 'account.identity_bound', target: `user:${analyst.username}` } });
    expect(audit?.actor).to.equal('security');
    expect(JSON.stringify(detailOf(audit))).not.to.include(other.idNo);

    // the analyst's role requires a second factor: without the provider's MFA, the enrolment first
    const single = await oidcSignIn('person', other.sub, { forwardedFor: from() });
    expect(single.status, JSON.stringify(single.body)).to.equal(200);
    expect(single.body.status).to.equal('second_factor_enrolment_required');
    expect(single.body).not.to.have.property('token');
    const started = await api().post('/api/v1/auth/second-factor/enrolment').send({ challenge: single.body.challenge });
    expect(started.status).to.equal(200);
    const enrolled = await api()
      .post('/api/v1/auth/second-factor/enrolment/confirmation')
      .send({ challenge: single.body.challenge, code: await nextCode(analyst.username) });
    expect(enrolled.status, JSON.stringify(enrolled.body)).to.equal(200);
    expect(enrolled.body.user.username).to.equal(analyst.username);

    // now enrolled: a single-factor sign-in asks for the code, an MFA one does not
    const again = await oidcSignIn('person', other.sub, { forwardedFor: from() });
    expect(again.body.status).to.equal('second_factor_required');
    const code = await api()
      .post('/api/v1/auth/second-factor')
      .send({ challenge: again.body.challenge, code: await nextCode(analyst.username) });
    expect(code.status, JSON.stringify(code.body)).to.equal(200);
    expect(code.body.user.username).to.equal(analyst.username);
    const mfa = await oidcSignIn('person', other.sub, { mfa: true, forwardedFor: from() });
    expect(mfa.status).to.equal(200);
    expect((mfa.body.user as { username: string }).username).to.equal(analyst.username);
    expect(mfa.body.token).to.be.a('string');
    const login = await AuditEvent.findOne({ where: { action: 'auth.login', target: `user:${analyst.username}` }, order: [['id', 'DESC']] });
    expect(detailOf(login)).to.include({ via: 'oidc', secondFactor: 'provider' });

    // unbound: the link goes, the sessions end
    const unbind = await api()
      .delete(`/api/v1/admin/users/${analyst.username}/identity`)
      .set(await auth('security'));
    expect(unbind.status).to.equal(200);
    expect(unbind.body.linksRemoved).to.equal(1);
    expect(
      (
        await api()
          .get('/api/v1/auth/me')
          .set({ Authorization: `Bearer ${mfa.body.token as string}` })
      ).status,
    ).to.equal(401);
    expect(await linkOf(other.sub)).to.equal(null);
  });

  it('refuses an inactive account in words, and writes nothing', async () => {
    const person = testEnv().identity.control.addPerson({ name: '陈停用', idNo: freshIdNo(), phone: freshPhone(), realNameLevel: 'L2' });
    const first = await oidcSignIn('person', person.sub, { forwardedFor: from() });
    expect(first.status).to.equal(200);
    const id = (first.body.user as { id: number }).id;
    made.push(id);
    await User.update({ active: false }, { where: { id } });
    testEnv().server.ctx.tokens.accountChanged(id);
    const refused = await oidcSignIn('person', person.sub, { forwardedFor: from() });
    expect(refused.status).to.equal(403);
    expect(refused.body.error?.code).to.equal('account_inactive');
    expect(refused.body.error?.message).to.include('停用');
  });

  it('checks the claims: an expired authorisation, a wrong credit code, another kind', () => {
    const now = Date.parse('2026-06-01T00:00:00Z');
    const claims = {
      sub: 'lp-x~np-y',
      name: '王五',
      id_no: '430105199211200036',
      real_name_level: 'L3',
      subject_type: 'legal_person',
      legal_person: { name: '示范公司', credit_code: '91430100MA4L1A2B3F', legal_representative: '赵六' },
      acting_as: 'agent',
      authorization: { id: 'SQ-1', scope: ['apply'], valid_from: '2025-01-01', valid_until: '2026-05-31' },
    };
    const refusal = (c: Record<string, unknown>, kind: 'person' | 'company' = 'company') => {
      try {
        assertedIdentity('https://idp.example', c, kind, now);
        return null;
      } catch (err) {
        return err instanceof AppError ? [err.status, err.code] : String(err);
      }
    };
    expect(refusal(claims)).to.deep.equal([403, 'authorization_not_in_force']);
    expect(refusal({ ...claims, authorization: { ...claims.authorization, valid_until: '2026-06-01' } })).to.equal(null);
    expect(refusal({ ...claims, legal_person: { ...claims.legal_person, credit_code: '91430100MA4L1A2B3G' } })).to.deep.equal([502, 'identity_claims_invalid']);
    expect(refusal({ ...claims, id_no: '430105199211200037' })).to.deep.equal([502, 'identity_claims_invalid']);
    expect(refusal(claims, 'person')).to.deep.equal([400, 'oidc_kind_mismatch']);
  });

  it('answers 503 when the provider is down and 404 when none is configured, in words', async () => {
    const config = testEnv().server.ctx.config;
    const down = await startSecondApp({ config: { identity: { ...config.identity, oidcIssuer: 'http://127.0.0.1:9/oidc' } } });
    try {
      const res = await down.agent().get('/api/v1/auth/oidc/start?kind=person');
      expect(res.status).to.equal(503);
      expect(res.body.error.code).to.equal('identity_provider_unavailable');
      expect(res.body.error.message).to.include('统一身份认证平台暂不可用');
    } finally {
      await down.close();
    }
    const none = await startSecondApp({ config: { identity: { ...config.identity, oidcIssuer: '' } } });
    try {
      expect((await none.agent().get('/api/v1/auth/oidc')).body).to.deep.equal({ enabled: false, kinds: [] });
      const res = await none.agent().get('/api/v1/auth/oidc/start?kind=person').set('accept-language', 'en');
      expect(res.status).to.equal(404);
      expect(res.body.error.code).to.equal('oidc_not_configured');
      expect(res.body.error.message).to.match(/not enabled/);
    } finally {
      await none.close();
    }
  });
});

async function expectRejected(promise: Promise<unknown>, message: RegExp): Promise<void> {
  let error: unknown;
  try {
    await promise;
  } catch (err) {
    error = err;
  }
  expect(String(error)).to.match(message);
}
