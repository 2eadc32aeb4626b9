import { expect } from 'chai';
import { api, applicant, auth, completeMaterials, getCase, ITEM, submit, validForm, waitForTask } from '../support/api.ts';
import { testEnv } from '../support/environment.ts';
import { User } from '../../server/auth/user.model.ts';
import { AuditEvent } from '../../server/audit/audit-event.model.ts';
import { OpenTasks } from '../../server/auth/open-tasks.ts';
import { UserAdministration } from '../../server/auth/user-admin.ts';
import { EngineClient, EngineError } from '../../server/engine/client.ts';

/**
 * 移交待办: changing the department, region or roles of someone who holds claimed tasks, or
 * deactivating them, is first a 409 listing the tasks; the change goes through with each task handed
 * to a colleague of the task's role in the case's region, or back to the group; each move is on the
 * case's timeline and in the audit trail.
 */

const stamp = Date.now().toString(36);
type Entry = { type: string; actor: string; detail: Record<string, unknown> };
type HeldTask = { id: string; caseNo: string; step: string; regionCode: string; mayGoBack: boolean; colleagues: { username: string }[] };

const change = async (username: string, body: object) =>
  api()
    .patch(`/api/v1/admin/users/${username}`)
    .set(await auth('security'))
    .send(body);

/** A new samr reviewer of the root region, signed in (their own password set): answers their token. */
async function newReviewer(username: string): Promise<string> {
  const created = await api()
    .post('/api/v1/admin/users')
    .set(await auth('security'))
    .send({ username, displayName: '调岗测试', roles: ['reviewer'], departmentCode: 'samr' });
  expect(created.status, JSON.stringify(created.body)).to.equal(201);
  const login = await api().post('/api/v1/auth/login').send({ username, password: created.body.temporaryPassword, newPassword: 'Moved-Around-2026' });
  expect(login.status, JSON.stringify(login.body)).to.equal(200);
  return login.body.token as string;
}

/** A case at its review step, claimed by the holder of that token. */
async function claimedCase(token: string): Promise<{ caseNo: string; taskId: string }> {
  const res = await submit('applicant', { itemCode: ITEM, applicant: applicant(), form: validForm(), materials: await completeMaterials('applicant') });
  expect(res.status, JSON.stringify(res.body)).to.equal(201);
  const caseNo = res.body.caseNo as string;
  const task = await waitForTask('reviewer', caseNo, 'review');
  const claimed = await api()
    .post(`/api/v1/tasks/${task.id}/claim`)
    .set({ Authorization: `Bearer ${token}` });
  expect(claimed.status, JSON.stringify(claimed.body)).to.equal(200);
  return { caseNo, taskId: task.id };
}

const timeline = async (caseNo: string) => (await getCase('admin', caseNo)).body.timeline as Entry[];

describe('移交待办: a person holding claimed tasks is moved or deactivated only once the tasks are handed over', function () {
  this.timeout(120_000);
  const made: string[] = [];
  after(async () => void (await User.update({ active: false }, { where: { username: made } })));

  it('moving to another department: 409 with the tasks, bad colleagues refused at their entry, then transferred, recorded and applied', async () => {
    const username = `mover-${stamp}`;
    made.push(username);
    const token = await newReviewer(username);
    const { caseNo, taskId } = await claimedCase(token);

    // a change of name only moves nothing
    expect((await change(username, { displayName: '调岗测试甲' })).status).to.equal(200);

    const refused = await change(username, { departmentCode: 'fire' });
    expect([refused.status, refused.body.error.code], JSON.stringify(refused.body)).to.deep.equal([409, 'holds_open_tasks']);
    const [held] = refused.body.error.tasks as HeldTask[];
    expect(held).to.deep.include({ id: taskId, caseNo, step: '审核', mayGoBack: true });
    const colleagues = held!.colleagues.map((c) => c.username);
    expect(colleagues).to.include.members(['reviewer', 'reviewer4']);
    expect(colleagues).not.to.include.members([username, 'reviewer2', 'leader']);
    expect((await User.findOne({ where: { username } }))!.departmentCode).to.equal('samr');

    const listed = await api()
      .get(`/api/v1/admin/users/${username}/open-tasks`)
      .set(await auth('security'));
    expect(listed.body.tasks.map((t: HeldTask) => t.id)).to.deep.equal([taskId]);

    for (const [to, message] of [
      ['reviewer2', '接办人：“reviewer2”不是本任务所在岗位的人员'],
      ['leader', '不是本任务所在岗位的人员'],
      ['nobody-at-all', '接办人：“nobody-at-all”不存在或已停用'],
      [username, '接办人：不能交给本人'],
    ] as const) {
      const bad = await change(username, { departmentCode: 'fire', handOver: [{ taskId, to }] });
      expect([bad.status, bad.body.error.details[0].field], to).to.deep.equal([422, 'handOver.0.to']);
      expect(bad.body.error.details[0].message).to.contain(
        message.replace('reviewer2', (await User.findOne({ where: { username: 'reviewer2' } }))!.displayName),
      );
    }
    expect((await testEnv().engine.task(taskId)).assignee).to.equal(username);

    const moved = await change(username, { departmentCode: 'fire', handOver: [{ taskId, to: 'reviewer4' }] });
    expect(moved.status, JSON.stringify(moved.body)).to.equal(200);
    expect(moved.body.departmentCode).to.equal('fire');
    expect((await testEnv().engine.task(taskId)).assignee).to.equal('reviewer4');
    const entry = (await timeline(caseNo)).find((e) => e.type === 'task.transferred')!;
    expect(entry).to.deep.include({ actor: 'security' });
    expect(entry.detail).to.include({ from: username, to: 'reviewer4', reason: '人员调整：调整部门' });
    const audit = await AuditEvent.findAll({ where: { target: `user:${username}` }, order: [['id', 'ASC']] });
    expect(audit.map((a) => a.action).slice(-2)).to.deep.equal(['account.task_transferred', 'account.updated']);
    expect(JSON.parse(audit.at(-1)!.detail)).to.include({ tasksHandedOver: 1 });
  });

  it('deactivating: the task goes back to the group (取消签收), then the account is inactive; a task done meanwhile is named', async () => {
    const username = `leaver-${stamp}`;
    made.push(username);
    const token = await newReviewer(username);
    const { caseNo, taskId } = await claimedCase(token);

    const refused = await change(username, { active: false });
    expect(refused.status).to.equal(409);
    const stale = await change(username, {
      active: false,
      handOver: [
        { taskId, to: null },
        { taskId: 'no-such-task-1', to: null },
      ],
    });
    expect([stale.status, stale.body.error.details[0].field]).to.deep.equal([422, 'handOver.1.taskId']);

    const done = await change(username, { active: false, handOver: [{ taskId, to: null }] });
    expect(done.status, JSON.stringify(done.body)).to.equal(200);
    expect(done.body.active).to.equal(false);
    expect((await testEnv().engine.task(taskId)).assignee).to.equal(null);
    expect((await timeline(caseNo)).find((e) => e.type === 'task.unclaimed')).to.deep.include({ actor: 'security' });
    const audit = await AuditEvent.findOne({ where: { target: `user:${username}`, action: 'account.task_released' } });
    expect(JSON.parse(audit!.detail)).to.include({ taskId, caseNo, reason: '人员调整：停用账号' });
    // the task is back in the role's inbox
    expect((await waitForTask('reviewer', caseNo, 'review')).assignee).to.equal(null);
  });

  it('adding a region the person cannot hold the task in is a move too; in English', async () => {
    const username = `regional-${stamp}`;
    made.push(username);
    const token = await newReviewer(username);
    const { taskId } = await claimedCase(token);
    const refused = await api()
      .patch(`/api/v1/admin/users/${username}`)
      .set(await auth('security'))
      .set('Accept-Language', 'en')
      .send({ regionCode: '430104' });
    expect(refused.status).to.equal(409);
    expect(refused.body.error.message).to.match(/^This person still holds claimed tasks/);
    const ok = await change(username, { regionCode: '430104', handOver: [{ taskId, to: 'reviewer' }] });
    expect([ok.status, ok.body.regionCode]).to.deep.equal([200, '430104']);
    expect((await testEnv().engine.task(taskId)).assignee).to.equal('reviewer');

    // the accounts list: by region (with the regions under it), and the unified identity bound, masked
    const list = async (query: string) =>
      (
        await api()
          .get(`/api/v1/admin/accounts?${query}`)
          .set(await auth('security'))
      ).body.accounts as { username: string; regionCode: string; identity: { idNo: string } | null }[];
    expect((await list(`q=${username}&region=430104`)).map((a) => a.username)).to.deep.equal([username]);
    expect((await list(`q=${username}&region=430100`)).map((a) => a.username)).to.deep.equal([username]);
    expect(await list(`q=${username}&region=430103`)).to.deep.equal([]);
    const bound = await api()
      .put(`/api/v1/admin/users/${username}/identity`)
      .set(await auth('security'))
      .send({ idNo: '11010519491231002X' });
    expect(bound.status, JSON.stringify(bound.body)).to.equal(200);
    expect((await list(`q=${username}`))[0]!.identity).to.deep.equal({ idNo: '1101**********002X' });
    const unbound = await api()
      .delete(`/api/v1/admin/users/${username}/identity`)
      .set(await auth('security'));
    expect(unbound.status).to.equal(200);
    expect((await list(`q=${username}`))[0]!.identity).to.equal(null);
  });

  it('deactivating never waits for the engine: with the engine unreachable the account is inactive at once, and the audit says its tasks were not read', async () => {
    const username = `gone-${stamp}`;
    made.push(username);
    await claimedCase(await newReviewer(username));
    // the administration as the routes build it, with an engine that does not answer
    const unreachable = new OpenTasks(new EngineClient({ url: 'http://127.0.0.1:9', user: 'x', password: 'x', timeoutMs: 2000 }), undefined);
    const administration = new UserAdministration(testEnv().server.db.sequelize, undefined, unreachable);
    const security = (await User.findOne({ where: { username: 'security' } }))!;
    const actor = {
      id: security.id,
      username: 'security',
      displayName: security.displayName,
      roles: security.roles,
      departmentCode: security.departmentCode,
      regionCode: null,
    };
    await administration.update(actor, username, { active: false });
    expect((await User.findOne({ where: { username } }))!.active).to.equal(false);
    const entry = await AuditEvent.findOne({ where: { action: 'account.updated', target: `user:${username}` }, order: [['id', 'DESC']] });
    expect(JSON.parse(entry!.detail)).to.include({ tasksUnread: 'engine unavailable' });
    // any other change still waits for the engine: it must know what the person holds
    const other = `still-${stamp}`;
    made.push(other);
    await newReviewer(other);
    const refused = await administration.update(actor, other, { departmentCode: 'urban' }).catch((e: unknown) => e);
    expect(refused).to.be.instanceOf(EngineError);
  });
});
