import { expect } from 'chai';
import { api, auth, tokenOf } from '../support/api.ts';
import { testEnv } from '../support/environment.ts';
import { User } from '../../server/auth/user.model.ts';
import { AuditEvent } from '../../server/audit/audit-event.model.ts';
import { UserAdministration } from '../../server/auth/user-admin.ts';

const FROM = '192.0.2.150';
const stamp = Date.now().toString(36);
const made: string[] = [];

const createUser = async (body: object, as = 'security') =>
  api()
    .post('/api/v1/admin/users')
    .set(await auth(as))
    .send(body);
const changeUser = async (username: string, body: object, as = 'security') =>
  api()
    .patch(`/api/v1/admin/users/${username}`)
    .set(await auth(as))
    .send(body);
const login = (username: string, password: string, newPassword?: string) =>
  api()
    .post('/api/v1/auth/login')
    .set('X-Forwarded-For', FROM)
    .send({ username, password, ...(newPassword ? { newPassword } : {}) });
const audited = async (username: string) =>
  (await AuditEvent.findAll({ where: { target: `user:${username}` }, order: [['id', 'ASC']] })).map((r) => ({
    actor: r.actor,
    action: r.action,
    detail: JSON.parse(r.detail) as Record<string, unknown>,
  }));

describe('账号管理: the security administrator creates and changes accounts, resets passwords (audited)', function () {
  this.timeout(60_000);
  // the people made here must not stay in a department's groups
  after(async () => void (await User.update({ active: false }, { where: { username: made } })));

  it('creates an account with a password shown once, which must be changed at the first sign-in', async () => {
    const username = `clerk-${stamp}`;
    const res = await createUser({ username, displayName: '新窗口人员', roles: ['clerk'], departmentCode: 'data' });
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    made.push(username);
    const password = res.body.temporaryPassword as string;
    expect(password).to.have.length(14);
    const first = await login(username, password);
    expect([first.status, first.body.error.code]).to.deep.equal([403, 'password_expired']);
    const changed = await login(username, password, 'Chosen-By-Me-2026');
    expect(changed.status, JSON.stringify(changed.body)).to.equal(200);
    expect((await login(username, 'Chosen-By-Me-2026')).status).to.equal(200);
    const [entry] = await audited(username);
    expect(entry).to.deep.equal({
      actor: 'security',
      action: 'account.created',
      detail: { displayName: '新窗口人员', roles: ['clerk'], departmentCode: 'data', regionCode: '430100', active: true },
    });
    expect(JSON.stringify(await audited(username))).not.to.contain(password);
  });

  it('refuses bad accounts with every problem named, writing nothing', async () => {
    const before = await User.count();
    const bad = await createUser({ username: 'X', displayName: '\u200B', roles: ['admin', 'auditor'], departmentCode: 'nope' }, 'security');
    expect(bad.status).to.equal(422);
    expect(bad.body.error.details.map((d: { field: string }) => d.field)).to.have.members(['username', 'displayName']);
    const dual = await createUser({ username: `dual-${stamp}`, displayName: '兼职', roles: ['admin', 'auditor'], departmentCode: 'data' });
    expect(dual.status).to.equal(422);
    expect(dual.body.error.details[0].message).to.match(/^角色：三员分立/);
    const noDepartment = await createUser({ username: `nodept-${stamp}`, displayName: '无部门', roles: ['reviewer'] });
    expect(noDepartment.body.error.details[0].field).to.equal('departmentCode');
    const unknown = await createUser({ username: `unknown-${stamp}`, displayName: '某人', roles: ['reviewer'], departmentCode: 'nope' });
    expect(unknown.body.error.details[0].message).to.contain('没有编码为“nope”的部门');
    const taken = await createUser({ username: 'reviewer', displayName: '重名', roles: ['reviewer'], departmentCode: 'data' });
    expect([taken.status, taken.body.error.code]).to.deep.equal([409, 'username_taken']);
    expect(await User.count()).to.equal(before);
    for (const other of ['admin', 'auditor', 'reviewer']) {
      expect(
        (await createUser({ username: `by-${other}-${stamp}`, displayName: '某人', roles: ['clerk'], departmentCode: 'data' }, other)).status,
        other,
      ).to.equal(403);
    }
  });

  it('changes roles and department: the person’s sessions end, the trail keeps before and after', async () => {
    const username = `staff-${stamp}`;
    const created = await createUser({ username, displayName: '调岗人员', roles: ['clerk'], departmentCode: 'data' });
    made.push(username);
    await login(username, created.body.temporaryPassword, 'Chosen-By-Me-2026');
    const token = (await login(username, 'Chosen-By-Me-2026')).body.token as string;
    const changed = await changeUser(username, { roles: ['analyst'], displayName: '调岗人员（分析）' });
    expect(changed.status, JSON.stringify(changed.body)).to.equal(200);
    expect(changed.body).to.include({ displayName: '调岗人员（分析）', departmentCode: 'data', active: true });
    expect((await api().get('/api/v1/auth/me').set('Authorization', `Bearer ${token}`)).status, 'signed out').to.equal(401);
    const entry = (await audited(username)).find((a) => a.action === 'account.updated')!;
    expect(entry.detail).to.deep.equal({
      before: { displayName: '调岗人员', roles: ['clerk'], departmentCode: 'data', regionCode: '430100', active: true },
      after: { displayName: '调岗人员（分析）', roles: ['analyst'], departmentCode: 'data', regionCode: '430100', active: true },
    });
    const off = await changeUser(username, { active: false });
    expect(off.body.active).to.equal(false);
    expect((await login(username, 'Chosen-By-Me-2026')).status, 'a deactivated account').to.equal(401);
    expect((await changeUser('no-such-user-zz', { active: false })).status).to.equal(404);
    expect((await changeUser(username, {})).status, 'nothing to change').to.equal(422);
  });

  it('never leaves an administrator role without an active holder, and nobody changes their own rights', async () => {
    const own = await changeUser('security', { roles: ['security_admin'] });
    expect([own.status, own.body.error.code]).to.deep.equal([409, 'own_account']);
    const lastAuditor = await changeUser('auditor', { active: false });
    expect([lastAuditor.status, lastAuditor.body.error.code]).to.deep.equal([409, 'last_administrator']);
    expect((await User.findOne({ where: { username: 'auditor' } }))!.active).to.equal(true);
  });

  it('resets a password: shown once, the old one gone, a new one set at the next sign-in', async () => {
    const username = `reset-${stamp}`;
    const created = await createUser({ username, displayName: '忘记密码的人', roles: ['clerk'], departmentCode: 'data' });
    made.push(username);
    await login(username, created.body.temporaryPassword, 'Chosen-By-Me-2026');
    const reset = await api()
      .post(`/api/v1/admin/users/${username}/password-reset`)
      .set(await auth('security'));
    expect(reset.status).to.equal(200);
    expect((await login(username, 'Chosen-By-Me-2026')).status).to.equal(401);
    expect((await login(username, reset.body.temporaryPassword)).body.error.code).to.equal('password_expired');
    expect((await login(username, reset.body.temporaryPassword, 'Another-Choice-2026')).status).to.equal(200);
    expect((await audited(username)).map((a) => a.action)).to.include('account.password_reset');
    const self = await api()
      .post('/api/v1/admin/users/security/password-reset')
      .set(await auth('security'));
    expect(self.status).to.equal(409);
  });

  it('the first administrator of an installation comes from the command line, recorded as done by it', async () => {
    const username = `first-${stamp}`;
    const created = await new UserAdministration(testEnv().server.db.sequelize).create('cli', {
      username,
      displayName: '首位安全管理员',
      roles: ['security_admin'],
      departmentCode: 'data',
    });
    made.push(username);
    expect(created.temporaryPassword).to.have.length(14);
    expect((await audited(username))[0]).to.include({ actor: 'cli', action: 'account.created' });
    expect(await tokenOf('security')).to.be.a('string');
  });
});
