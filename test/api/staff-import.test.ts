import { expect } from 'chai';
import { Op } from 'sequelize';
import { api, auth } from '../support/api.ts';
import { User } from '../../server/auth/user.model.ts';
import { AuditEvent } from '../../server/audit/audit-event.model.ts';
import { parseCsv } from '../../server/auth/staff-import.ts';

/**
 * 批量导入人员: a CSV file (UTF-8, with or without BOM) checked row by row in a dry run, then made in
 * one transaction with the temporary passwords answered once as a CSV file.
 */

const stamp = Date.now().toString(36);
const name = (n: string) => `imp${n}-${stamp}`;
const BOM = '\uFEFF';

const importFile = async (csv: string | Buffer, query = '', as = 'security', how: 'multipart' | 'csv' = 'multipart', language = 'zh-CN') => {
  const bytes = Buffer.isBuffer(csv) ? csv : Buffer.from(csv, 'utf8');
  const req = api()
    .post(`/api/v1/admin/users/import${query}`)
    .set(await auth(as))
    .set('Accept-Language', language);
  return how === 'multipart' ? req.attach('file', bytes, '人员.csv') : req.set('Content-Type', 'text/csv; charset=utf-8').send(bytes);
};
const login = (username: string, password: string, newPassword?: string) =>
  api()
    .post('/api/v1/auth/login')
    .set('X-Forwarded-For', '192.0.2.160')
    .send({ username, password, ...(newPassword ? { newPassword } : {}) });

describe('批量导入人员: a CSV of staff, a dry run with every row’s problems, then all or nothing', function () {
  this.timeout(120_000);
  const made: string[] = [];
  after(async () => void (await User.update({ active: false }, { where: { username: made } })));

  it('reads quoted cells, doubled quotes, CRLF and blank lines', () => {
    expect(parseCsv('a,"b ""c"", d"\r\n\r\n"x\ny",z\n')).to.deep.equal([
      { line: 1, cells: ['a', 'b "c", d'] },
      { line: 3, cells: ['x\ny', 'z'] },
    ]);
  });

  it('dry run: every row with its problems (bad role, duplicate in the file and in the database, unknown department, region), nothing written', async () => {
    const csv =
      BOM +
      [
        '用户名,姓名,角色,部门,区划',
        `${name('a')},王小明,reviewer,samr,430104`,
        `${name('b')},"李 娜",审核员|科长,samr,`,
        `${name('c')},赵六,pope,samr,`,
        `${name('a')},重复的人,clerk,center,`,
        `reviewer,重名,reviewer,samr,`,
        `${name('d')},钱七,reviewer,nope,`,
        `${name('e')},孙八,reviewer、clerk,urban,430103`,
        `${name('f')},周九,admin|auditor,data,`,
      ].join('\r\n');
    const before = await User.count();
    const res = await importFile(csv, '?dryRun=true');
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    expect(res.body).to.include({ total: 8, valid: 2, invalid: 6 });
    const byRow = new Map((res.body.rows as { row: number; problems: { field: string; message: string }[] }[]).map((r) => [r.row, r]));
    expect(byRow.get(2)!.problems).to.deep.equal([]);
    expect(byRow.get(3)).to.deep.include({ displayName: '李 娜', roles: ['reviewer', 'leader'], regionCode: null, problems: [] });
    expect(byRow.get(4)!.problems.map((p) => p.field)).to.deep.equal(['roles.0']);
    expect(byRow.get(5)!.problems.map((p) => p.message)).to.deep.equal(['用户名：与第 2 行重复']);
    expect(byRow.get(6)!.problems.map((p) => p.message)).to.deep.equal(['用户名：已被使用']);
    expect(byRow.get(7)!.problems.map((p) => p.message)).to.deep.equal(['部门：没有编码为“nope”的部门']);
    expect(byRow.get(8)!.problems.map((p) => p.message)).to.deep.equal(['所在区划：天心区没有在用的该类部门']);
    expect(byRow.get(9)!.problems[0]!.message).to.match(/^角色：三员分立/);
    expect(await User.count()).to.equal(before);

    // the import itself refuses the same file whole, each problem with its row
    const refused = await importFile(csv);
    expect([refused.status, refused.body.error.code]).to.deep.equal([422, 'staff_import_invalid']);
    const fields = (refused.body.error.details as { field: string }[]).map((d) => d.field);
    expect(fields).to.include.members(['rows.4.roles.0', 'rows.5.username', 'rows.6.username', 'rows.7.departmentCode', 'rows.8.regionCode']);
    expect(refused.body.error.details[0].message).to.match(/^第 \d 行：/);
    expect(await User.count()).to.equal(before);

    // in English, the same problems said in English
    const en = await importFile(csv, '?dryRun=true', 'security', 'multipart', 'en');
    expect(en.body.rows.find((r: { row: number }) => r.row === 7).problems[0].message).to.equal('Department: no department "nope"');
  });

  it('imports a good file in one go: accounts, regions, audit; the passwords once as CSV, changed at the first sign-in', async () => {
    const csv =
      BOM +
      ['username,displayName,roles,departmentCode,regionCode', `${name('g')},欧阳𪚥,reviewer|leader,samr,430104`, `${name('h')},陈晨,clerk,center,`].join('\n');
    const checked = await importFile(csv, '?dryRun=true', 'security', 'csv');
    expect(checked.body).to.include({ total: 2, valid: 2, invalid: 0 });
    const res = await importFile(csv, '', 'security', 'csv');
    expect(res.status, res.text).to.equal(201);
    made.push(name('g'), name('h'));
    expect(res.headers['content-type']).to.match(/^text\/csv/);
    expect(res.headers['content-disposition']).to.match(/^attachment/);
    expect(res.headers['cache-control']).to.equal('no-store');
    const lines = res.text
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r\n/);
    expect(lines[0]).to.equal('username,temporaryPassword');
    const passwords = new Map(lines.slice(1).map((l) => l.split(',') as [string, string]));
    expect([...passwords.keys()]).to.deep.equal([name('g'), name('h')]);
    for (const p of passwords.values()) expect(p).to.match(/^[A-Za-z0-9][A-Za-z0-9._-]{13}$/);

    const users = await User.findAll({ where: { username: { [Op.in]: [name('g'), name('h')] } }, order: [['username', 'ASC']] });
    expect(users.map((u) => [u.displayName, u.roles, u.departmentCode, u.regionCode, u.passwordMustChange])).to.deep.equal([
      ['欧阳𪚥', ['reviewer', 'leader'], 'samr', '430104', true],
      ['陈晨', ['clerk'], 'center', '430100', true],
    ]);
    for (const u of users) expect(u.passwordHash).not.to.contain(passwords.get(u.username)!);

    const first = await login(name('h'), passwords.get(name('h'))!);
    expect([first.status, first.body.error.code]).to.deep.equal([403, 'password_expired']);
    expect((await login(name('h'), passwords.get(name('h'))!, 'Chosen-By-Me-2026')).status).to.equal(200);

    const audit = await AuditEvent.findAll({
      where: { actor: 'security', action: { [Op.in]: ['account.created', 'account.imported'] } },
      order: [['id', 'DESC']],
      limit: 3,
    });
    expect(audit.map((a) => a.action).sort()).to.deep.equal(['account.created', 'account.created', 'account.imported']);
    const all = JSON.stringify(audit.map((a) => a.detail));
    for (const p of passwords.values()) expect(all).not.to.contain(p);

    // the same file again: every user name is taken now
    const again = await importFile(csv, '?dryRun=true');
    expect(again.body).to.include({ valid: 0, invalid: 2 });
  });

  it('refuses what is no staff file: over 1 MB, over 2,000 rows, not UTF-8, no header, empty; and everyone but the security administrator', async () => {
    const header = 'username,displayName,roles,departmentCode\n';
    const big = header + 'x'.repeat(1024 * 1024);
    expect((await importFile(big, '?dryRun=true')).status).to.equal(413);
    expect((await importFile(big, '?dryRun=true', 'security', 'csv')).status).to.equal(413);
    const rows = header + Array.from({ length: 2001 }, (_, i) => `many${i}-${stamp},某人,clerk,center`).join('\n');
    const tooMany = await importFile(rows, '?dryRun=true');
    expect([tooMany.status, tooMany.body.error.message]).to.deep.equal([413, '导入文件至多 2000 行（本文件 2001 行），请分批导入']);
    const gbk = Buffer.concat([Buffer.from(header), Buffer.from([0xcd, 0xf5, 0xd0, 0xa1, 0x2c, 0x61, 0x0a])]);
    const notUtf8 = await importFile(gbk, '?dryRun=true');
    expect([notUtf8.status, notUtf8.body.error.code, notUtf8.body.error.details[0].field]).to.deep.equal([422, 'staff_import_unreadable', 'file']);
    const noHeader = await importFile('a,b,c\n', '?dryRun=true');
    expect(noHeader.body.error.details[0].message).to.equal('文件：第一行须有列名 用户名、姓名、角色');
    expect((await importFile(header, '?dryRun=true')).body.error.code).to.equal('staff_import_unreadable');
    const none = await api()
      .post('/api/v1/admin/users/import')
      .set(await auth('security'));
    expect([none.status, none.body.error.code]).to.deep.equal([400, 'file_missing']);
    for (const other of ['admin', 'auditor', 'reviewer'])
      expect((await importFile(header + 'a,b,clerk,center\n', '?dryRun=true', other)).status, other).to.equal(403);
  });
});
