import { expect } from 'chai';
import { api, applicant, auth, completeMaterials, decide, getCase, ITEM, submit, uploadOk, validForm, waitForStatus, waitForTask } from '../support/api.ts';
import { samplePng } from '../support/files.ts';
import { engineCall, instanceOf } from '../support/engine.ts';
import { testEnv } from '../support/environment.ts';

type Entry = { type: string; actor: string; detail: Record<string, unknown> };
const post = async (user: string, path: string, body: object = {}) =>
  api()
    .post(`/api/v1${path}`)
    .set(await auth(user))
    .send(body);
const types = async (caseNo: string) => ((await getCase('admin', caseNo)).body.timeline as Entry[]).map((e) => e.type);

/** A case of the demo item, accepted and waiting at the review step. */
async function caseAtReview(extra: Record<string, unknown> = {}) {
  const materials = await completeMaterials('applicant');
  const res = await submit('applicant', { itemCode: ITEM, applicant: applicant(), form: validForm(), materials, ...extra });
  expect(res.status, JSON.stringify(res.body)).to.equal(201);
  const caseNo = res.body.caseNo as string;
  const task = await waitForTask('reviewer', caseNo, 'review');
  return { caseNo, task };
}

describe('inbox operations, each on the timeline with who, when and why', () => {
  it('取消签收, 转办: hands a task to another holder of the same role only', async () => {
    const { caseNo, task } = await caseAtReview();
    expect((await post('reviewer', `/tasks/${task.id}/claim`)).status).to.equal(200);
    expect((await post('reviewer4', `/tasks/${task.id}/unclaim`)).status, 'not theirs').to.equal(409);
    expect((await post('reviewer', `/tasks/${task.id}/unclaim`)).status).to.equal(200);
    expect((await post('reviewer', `/tasks/${task.id}/claim`)).status).to.equal(200);

    const fire = await post('reviewer', `/tasks/${task.id}/transfer`, { to: 'reviewer2', reason: '换人' });
    expect(fire.body.error.details[0].message).to.equal('“消防支队审核员”不是本任务所在岗位的人员');
    expect((await post('reviewer', `/tasks/${task.id}/transfer`, { to: 'reviewer', reason: '换人' })).body.error.details[0].message).to.equal('不能交给自己');
    expect((await post('reviewer', `/tasks/${task.id}/transfer`, { to: 'nobody', reason: '换人' })).status).to.equal(422);
    const moved = await post('reviewer', `/tasks/${task.id}/transfer`, { to: 'reviewer4', reason: '本人出差，转同组审核员办理' });
    expect(moved.status, JSON.stringify(moved.body)).to.equal(200);
    const inbox = await api()
      .get('/api/v1/tasks')
      .query({ caseNo })
      .set(await auth('reviewer4'));
    expect(inbox.body.tasks.find((t: { id: string }) => t.id === task.id)).to.include({ assignee: 'reviewer4' });
    const notices = await api()
      .get('/api/v1/notifications')
      .set(await auth('reviewer4'));
    expect(notices.body.notifications[0].text).to.contain('转办给您').and.contain(caseNo);
    expect((await post('reviewer', `/tasks/${task.id}/complete`, { outcome: 'approve', opinion: '同意' })).status, 'no longer theirs').to.equal(409);
    expect(await types(caseNo)).to.include.members(['task.claimed', 'task.unclaimed', 'task.transferred']);
  });

  it('委派: the delegate works and hands back, the owner completes', async () => {
    const { caseNo, task } = await caseAtReview();
    await post('reviewer', `/tasks/${task.id}/claim`);
    expect((await post('reviewer', `/tasks/${task.id}/delegate`, { to: 'reviewer4', reason: '请核实经营场所' })).status).to.equal(200);
    const early = await post('reviewer4', `/tasks/${task.id}/complete`, { outcome: 'approve', opinion: '同意' });
    expect(early.status).to.equal(409);
    expect(early.body.error.code).to.equal('task_delegated');
    expect((await post('reviewer', `/tasks/${task.id}/resolve`, { opinion: '不是我' })).status, 'only the delegate resolves').to.equal(409);
    expect((await post('reviewer4', `/tasks/${task.id}/resolve`, { opinion: '已现场核实，场所属实' })).status).to.equal(200);
    const done = await post('reviewer', `/tasks/${task.id}/complete`, { outcome: 'approve', opinion: '同意，经委派核实' });
    expect(done.status, JSON.stringify(done.body)).to.equal(200);
    expect(await types(caseNo)).to.include.members(['task.delegated', 'task.resolved', 'task.completed']);
  });

  it('抄送 lets someone read the case, not act on it', async () => {
    const { caseNo, task } = await caseAtReview();
    await post('reviewer', `/tasks/${task.id}/claim`);
    expect((await getCase('leader2', caseNo)).status, 'another department').to.equal(404);
    expect((await post('reviewer', `/tasks/${task.id}/copy`, { to: ['applicant'] })).body.error.details[0].message).to.equal('“张三”不是工作人员，不能抄送');
    expect((await post('reviewer', `/tasks/${task.id}/copy`, { to: ['leader2'], note: '涉及消防，请知悉' })).status).to.equal(200);
    expect((await getCase('leader2', caseNo)).status).to.equal(200);
    const copies = await api()
      .get('/api/v1/copies')
      .set(await auth('leader2'));
    expect(copies.body.copies[0]).to.include({ caseNo, note: '涉及消防，请知悉', read: true, itemName: '个体工商户设立登记' });
    const inEnglish = await api()
      .get('/api/v1/copies')
      .set(await auth('leader2'))
      .set('Accept-Language', 'en');
    expect(inEnglish.body.copies[0], 'the item by its name, in the language asked').to.include({ caseNo, itemName: 'Registration of an individual business' });
    expect((await post('leader2', `/tasks/${task.id}/claim`)).status, 'reading is not acting').to.equal(404);
  });

  it('催办 tells the holders, once every ten minutes per person', async () => {
    const { caseNo } = await caseAtReview();
    const first = await post('applicant', `/cases/${caseNo}/urge`, { note: '急需开业' });
    expect(first.status, JSON.stringify(first.body)).to.equal(200);
    expect(first.body.notified).to.be.greaterThan(0);
    const burst = await Promise.all(Array.from({ length: 20 }, () => post('applicant', `/cases/${caseNo}/urge`)));
    expect(burst.every((r) => r.status === 429)).to.equal(true);
    expect(burst[0]!.body.error.message).to.match(/^同一办件每 10 分钟只能催办一次/);
    const notices = await api()
      .get('/api/v1/notifications')
      .query({ limit: '100' })
      .set(await auth('reviewer4'));
    expect(notices.body.notifications.some((n: { kind: string; caseNo: string }) => n.kind === 'urged' && n.caseNo === caseNo)).to.equal(true);
    expect((await types(caseNo)).filter((t) => t === 'task.urged')).to.have.length(1);
  });

  it('退回 to a step that ran, and to the person who did it; never to one that did not', async () => {
    const { caseNo } = await caseAtReview();
    await decide('reviewer', caseNo, 'review', 'approve');
    const decision = await waitForTask('leader', caseNo, 'decision');
    await post('leader', `/tasks/${decision.id}/claim`);
    const never = await post('leader', `/tasks/${decision.id}/send-back`, { to: 'acceptance_review', reason: '退回受理' });
    expect(never.body.error.details[0].message).to.equal('退回目标：只能退回到本办件已办理过的步骤');
    expect((await post('leader', `/tasks/${decision.id}/send-back`, { to: 'decision', reason: '自己' })).status).to.equal(422);
    const back = await post('leader', `/tasks/${decision.id}/send-back`, { to: 'review', reason: '经营范围表述需修改后再审' });
    expect(back.status, JSON.stringify(back.body)).to.equal(200);
    const again = await waitForTask('reviewer', caseNo, 'review');
    expect(again.assignee).to.equal('reviewer');
    const entry = ((await getCase('admin', caseNo)).body.timeline as Entry[]).find((e) => e.type === 'task.sent_back')!;
    expect(entry.detail).to.include({ from: 'decision', to: 'review', toAssignee: 'reviewer', reason: '经营范围表述需修改后再审' });
    expect((await post('leader', `/tasks/${decision.id}/complete`, { outcome: 'approve', opinion: '同意' })).status, 'the cancelled task is gone').to.be.oneOf([
      404, 409,
    ]);
  });

  it('退回 from one branch leaves the parallel branch (a 容缺 wait) untouched', async () => {
    const materials = (await completeMaterials('applicant')).filter((m) => m.code !== 'premises-proof');
    const res = await submit('applicant', {
      itemCode: ITEM,
      applicant: applicant(),
      form: validForm(),
      materials,
      deferrals: [{ materialCode: 'premises-proof' }],
    });
    const caseNo = res.body.caseNo as string;
    await decide('reviewer', caseNo, 'review', 'approve');
    const decision = await waitForTask('leader', caseNo, 'decision');
    await post('leader', `/tasks/${decision.id}/claim`);
    expect((await post('leader', `/tasks/${decision.id}/send-back`, { to: 'review', reason: '补充审查' })).status).to.equal(200);
    await waitForTask('reviewer', caseNo, 'review');
    const instance = await instanceOf(caseNo, 'item_standard');
    const waiting = await engineCall<unknown[]>('GET', `/event-subscription?processInstanceId=${instance.id}&eventName=DeficiencySupplied`);
    expect(waiting, 'the 容缺 branch still waits').to.have.length(1);
  });

  it("撤回 by staff: takes back one's own step while the next is unclaimed, not after", async () => {
    const { caseNo } = await caseAtReview();
    await decide('reviewer', caseNo, 'review', 'approve');
    await waitForTask('leader', caseNo, 'decision');
    expect((await post('reviewer4', `/cases/${caseNo}/take-back`, { reason: '不是我办的' })).status).to.be.oneOf([404, 409]);
    const taken = await post('reviewer', `/cases/${caseNo}/take-back`, { reason: '意见写错，需修改' });
    expect(taken.status, JSON.stringify(taken.body)).to.equal(200);
    const review = await waitForTask('reviewer', caseNo, 'review');
    expect(review.assignee).to.equal('reviewer');
    const leaderInbox = await api()
      .get('/api/v1/tasks')
      .query({ caseNo })
      .set(await auth('leader'));
    expect(leaderInbox.body.tasks.map((t: { caseNo: string }) => t.caseNo)).not.to.include(caseNo);

    await post('reviewer', `/tasks/${review.id}/complete`, { outcome: 'approve', opinion: '同意（改正后）' });
    const decision = await waitForTask('leader', caseNo, 'decision');
    await post('leader', `/tasks/${decision.id}/claim`);
    const late = await post('reviewer', `/cases/${caseNo}/take-back`, { reason: '再改' });
    expect(late.status).to.equal(409);
    expect(late.body.error.code).to.equal('nothing_to_take_back');
  });

  it('撤回 by the applicant before acceptance only', async () => {
    const env = testEnv();
    await env.stopWorkers();
    let caseNo: string;
    try {
      const res = await submit('applicant', { itemCode: ITEM, applicant: applicant(), form: validForm(), materials: await completeMaterials('applicant') });
      caseNo = res.body.caseNo as string;
      expect((await post('reviewer', `/cases/${caseNo}/withdraw`, { reason: 'x' })).status).to.equal(403);
      const withdrawn = await post('applicant', `/cases/${caseNo}/withdraw`, { reason: '信息填写有误，重新申请' });
      expect(withdrawn.status, JSON.stringify(withdrawn.body)).to.equal(200);
    } finally {
      await env.restartWorkers();
    }
    const view = await waitForStatus('applicant', caseNo, 'withdrawn');
    expect(view.final).to.equal(true);
    expect((await env.engine.historicProcessInstance(view.processInstanceId)).state).to.equal('EXTERNALLY_TERMINATED');
    const { caseNo: accepted } = await caseAtReview();
    const late = await post('applicant', `/cases/${accepted}/withdraw`, { reason: '不办了' });
    expect(late.status).to.equal(409);
    expect(late.body.error.message).to.equal('办件已受理或已办结，不能撤回');
  });

  it('adds files during review, for staff to see', async () => {
    const { caseNo, task } = await caseAtReview();
    await post('reviewer', `/tasks/${task.id}/claim`);
    const photo = await uploadOk('reviewer', '现场照片.png', samplePng());
    const others = await uploadOk('reviewer4', '别人的.png', samplePng());
    expect((await post('reviewer', `/tasks/${task.id}/attachments`, { attachmentId: others })).body.error.details[0].message).to.equal(
      '附件不存在或不是由您上传的',
    );
    const added = await post('reviewer', `/tasks/${task.id}/attachments`, { attachmentId: photo, note: '后厨现场照片' });
    expect(added.status, JSON.stringify(added.body)).to.equal(200);
    expect((await post('reviewer', `/tasks/${task.id}/attachments`, { attachmentId: photo })).status, 'once').to.equal(422);
    const staffView = (await getCase('leader', caseNo)).body;
    expect(staffView.reviewAttachments).to.have.length(1);
    expect(staffView.reviewAttachments[0]).to.include({ attachmentId: photo, task: '审核', note: '后厨现场照片', by: '市场监管局审核员' });
    expect((await getCase('applicant', caseNo)).body.reviewAttachments).to.deep.equal([]);
    expect(await types(caseNo)).to.include('task.attachment_added');
  });
});
