import { expect } from 'chai';
import { ValidationError } from 'sequelize';
import { api, auth } from '../support/api.ts';
import { User } from '../../server/auth/user.model.ts';
import { hashPassword } from '../../server/auth/passwords.ts';

const accounts = async (username: string, query: Record<string, string> = {}, language = 'zh-CN') =>
  api()
    .get('/api/v1/admin/accounts')
    .query(query)
    .set(await auth(username))
    .set('Accept-Language', language);

describe('三员分立: system, security and audit administrators, none able to do another’s work', () => {
  it('refuses an account that would hold two administrator roles, or a security or audit administrator with any other role', async () => {
    const base = { displayName: '兼职管理员', departmentCode: 'data', idNo: null, phone: null, passwordHash: await hashPassword('Admin-Pass-2026') };
    for (const roles of [
      ['admin', 'auditor'],
      ['admin', 'security_admin'],
      ['security_admin', 'reviewer'],
      ['auditor', 'clerk'],
    ] as const) {
      const err = await User.create({ ...base, username: `dual-${roles.join('-')}`, roles: [...roles] }).catch((e: unknown) => e);
      expect(err, roles.join('+')).to.be.instanceOf(ValidationError);
      expect((err as ValidationError).errors[0]!.message).to.match(/^三员分立/);
    }
    expect(await User.count({ where: { username: ['dual-admin-auditor', 'dual-security_admin-reviewer'] } })).to.equal(0);
    // a system administrator may also work cases (as today's admin does)
    const staff = await User.create({ ...base, username: 'admin-and-reviewer', roles: ['admin', 'reviewer'] });
    expect(staff.id).to.be.a('number');
    // nor can a later change join them
    const err = await staff.update({ roles: ['admin', 'auditor'] }).catch((e: unknown) => e);
    expect(err).to.be.instanceOf(ValidationError);
  });

  it('gives the security administrator the accounts with their locks and second factors, and nobody else', async () => {
    const res = await accounts('security', { q: 'secur' });
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    const own = res.body.accounts.find((a: { username: string }) => a.username === 'security');
    expect(own).to.include({ displayName: '安全管理员', active: true, lock: null });
    expect(own.roles).to.deep.equal(['security_admin']);
    expect(own.secondFactor).to.include({ enrolled: true, required: true });
    const reviewer = (await accounts('security', { q: 'reviewer3' })).body.accounts[0];
    expect(reviewer.secondFactor).to.deep.equal({ enrolled: false, required: false, since: null });
    expect((await accounts('security', { locked: 'true' })).body.accounts.every((a: { lock: unknown }) => a.lock !== null)).to.equal(true);
    const bad = await accounts('security', { locked: 'maybe', limit: '0' }, 'en');
    expect(bad.status).to.equal(422);
    expect(bad.body.error.details.map((d: { field: string }) => d.field)).to.have.members(['query.locked', 'query.limit']);
    for (const other of ['admin', 'auditor', 'reviewer', 'applicant']) expect((await accounts(other)).status, other).to.equal(403);
  });

  it('lets the security administrator do nothing of the system or audit administrator’s work', async () => {
    const security = await auth('security');
    const refused: [string, Promise<{ status: number }>][] = [
      ['GET /audit/events', api().get('/api/v1/audit/events').set(security)],
      ['GET /seals', api().get('/api/v1/seals').set(security)],
      ['GET /tasks', api().get('/api/v1/tasks').set(security)],
      ['PUT /calendar/overrides', api().put('/api/v1/calendar/overrides/2027-01-04').set(security).send({ kind: 'holiday', name: '测试' })],
      ['GET /e-licenses', api().get('/api/v1/e-licenses').set(security)],
    ];
    for (const [what, res] of refused) expect((await res).status, what).to.equal(403);
  });
});
