import { expect } from 'chai';
import { api, auth } from '../support/api.ts';
import { User } from '../../server/auth/user.model.ts';
import { hashPassword } from '../../server/auth/passwords.ts';

type Person = { username: string; displayName: string; departmentCode: string | null; department: string | null; roles: string[] };
const staff = async (username: string, query: Record<string, string> = {}, language = 'zh-CN') =>
  api()
    .get('/api/v1/staff')
    .query(query)
    .set(await auth(username))
    .set('Accept-Language', language);
const names = (body: { staff: Person[] }) => body.staff.map((p) => p.username);

describe('人员目录 GET /staff: the people the inbox operations pick from', () => {
  it('is documented', async () => {
    const res = await api().get('/api/v1/openapi.json');
    expect(res.body.paths['/staff'].get.responses).to.include.keys('200', '401', '403', '422');
  });

  it('refuses the anonymous (401) and applicants (403)', async () => {
    expect((await api().get('/api/v1/staff')).status).to.equal(401);
    const applicant = await staff('applicant');
    expect(applicant.status).to.equal(403);
    expect(applicant.body.error.code).to.equal('forbidden');
  });

  it('lists active staff with department and roles, never applicants, passwords, ID numbers or phones', async () => {
    const res = await staff('reviewer');
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    expect(names(res.body)).to.include.members(['reviewer', 'reviewer4', 'leader', 'reviewer2', 'clerk', 'admin']).and.not.include('applicant');
    expect(res.body.total).to.equal(res.body.staff.length);
    const leader = res.body.staff.find((p: Person) => p.username === 'leader');
    expect(leader).to.deep.equal({
      username: 'leader',
      displayName: '市场监管局科长',
      departmentCode: 'samr',
      department: '市场监督管理局',
      roles: ['leader'],
    });
    for (const p of res.body.staff as Record<string, unknown>[])
      expect(Object.keys(p).sort()).to.deep.equal(['department', 'departmentCode', 'displayName', 'roles', 'username']);
    expect(JSON.stringify(res.body)).not.to.match(/passwordHash|idNo|phone|\$argon|\$2[aby]\$/);
  });

  it("filters by department and role (转办 / 加签: the department's reviewers) and searches names", async () => {
    const samrReviewers = await staff('reviewer', { department: 'samr', role: 'reviewer' });
    expect(names(samrReviewers.body)).to.include.members(['reviewer', 'reviewer4']);
    expect(samrReviewers.body.staff.every((p: Person) => p.departmentCode === 'samr' && p.roles.includes('reviewer'))).to.equal(true);
    expect(names(samrReviewers.body)).not.to.include.members(['leader', 'reviewer2']);

    const fire = await staff('leader2', { department: 'fire' });
    expect(names(fire.body).sort()).to.include.members(['leader2', 'reviewer2', 'reviewer5']);
    expect(fire.body.staff.every((p: Person) => p.departmentCode === 'fire')).to.equal(true);

    // by a part of the display name or the user name, any case
    expect(names((await staff('clerk', { q: '消防' })).body))
      .to.include.members(['reviewer2', 'reviewer5', 'leader2'])
      .and.not.include('reviewer');
    expect(names((await staff('clerk', { q: 'REVIEWER4' })).body)).to.deep.equal(['reviewer4']);
    expect((await staff('clerk', { q: 'nobody-at-all' })).body).to.deep.equal({ total: 0, staff: [] });
    // the department's name in the caller's language
    expect((await staff('admin', { department: 'urban', role: 'leader' }, 'en')).body.staff).to.deep.equal([
      { username: 'leader3', displayName: '城管局科长', departmentCode: 'urban', department: 'Urban Management Bureau', roles: ['leader'] },
    ]);
  });

  it('leaves out deactivated people', async () => {
    const gone = await User.create({
      username: `former-${Date.now()}`,
      displayName: '已调离审核员',
      passwordHash: await hashPassword('x-unused-x'),
      roles: ['reviewer'],
      departmentCode: 'samr',
      active: false,
    });
    try {
      expect(names((await staff('reviewer', { department: 'samr' })).body)).not.to.include(gone.username);
    } finally {
      await gone.destroy();
    }
  });

  it("answers a bad filter with a 422 naming it, in the request's language", async () => {
    const role = await staff('reviewer', { role: 'applicant' });
    expect(role.status).to.equal(422);
    expect(role.body.error.details[0].field).to.equal('query.role');
    expect(role.body.error.details[0].message).to.match(/^岗位：/);
    const department = await staff('reviewer', { department: 'samr; drop' }, 'en');
    expect(department.status).to.equal(422);
    expect(department.body.error.details[0].message).to.match(/^Department: /);
    expect((await staff('reviewer', { q: 'x'.repeat(51) })).status).to.equal(422);
    expect((await staff('reviewer', { sort: 'password' })).status).to.equal(422);
    const twice = await api()
      .get('/api/v1/staff?role=reviewer&role=leader')
      .set(await auth('reviewer'));
    expect(twice.status).to.equal(422);
  });
});
