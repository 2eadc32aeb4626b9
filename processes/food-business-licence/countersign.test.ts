import { expect } from 'chai';
import { api, applicant, auth, decide, foodForm, getCase, submit, uploadRequired, waitForTask } from '../../test/support/api.ts';
import { testEnv } from '../../test/support/environment.ts';
import { engineCall } from '../../test/support/engine.ts';

/** An applicant's 食品经营许可 on their own (no agent): the materials it always asks for, handed in. */
async function submitFoodLicence() {
  const item = await api().get('/api/v1/items/SCJG-SP-002');
  const materials = await uploadRequired(
    'applicant',
    item.body.materials.filter((m: { when?: object }) => !m.when),
  );
  return submit('applicant', { itemCode: 'SCJG-SP-002', answers: { entrusted: false }, applicant: applicant(), form: foodForm(), materials });
}

describe("食品经营许可 (item_food-licence): 现场核查 is a 会签 of the department's reviewers", () => {
  it('ends the 会签 at the first rejection, withdraws the other task, and hands the result to the leader', async () => {
    const res = await submitFoodLicence();
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    const caseNo = res.body.caseNo as string;
    const review = await decide('reviewer', caseNo, 'review', 'approve');

    const mine = await waitForTask('reviewer', caseNo, 'site_inspection');
    const theirs = await waitForTask('reviewer4', caseNo, 'site_inspection');
    const addToReview = await api()
      .post(`/api/v1/tasks/${review.id}/add-signer`)
      .set(await auth('reviewer'))
      .send({ to: 'reviewer4', reason: 'x' });
    expect(addToReview.status, 'the finished review step is no task of theirs').to.be.oneOf([404, 409]);
    const again = await api()
      .post(`/api/v1/tasks/${mine.id}/add-signer`)
      .set(await auth('reviewer'))
      .send({ to: 'reviewer4', reason: '再加一次' });
    expect(again.body.error.details[0].message).to.equal('“市场监管局审核员（二）”已在会签中');
    // at the deployment policy's bound (POLICY_MAX_INSTANCES) nobody more: said in words, before the engine would refuse it
    const { config } = testEnv().server.ctx;
    const bound = config.policy.maxInstances;
    config.policy.maxInstances = 2;
    try {
      const full = await api()
        .post(`/api/v1/tasks/${mine.id}/add-signer`)
        .set(await auth('reviewer'))
        .send({ to: 'reviewer-yuelu', reason: '人数已满' });
      expect(full.status).to.equal(422);
      expect(full.body.error.details[0].message).to.equal('本步骤已有 2 位会签人员，已达上限（2 位），不能再加签');
    } finally {
      config.policy.maxInstances = bound;
    }
    const signing = await engineCall<unknown[]>('GET', `/task?processInstanceBusinessKey=${caseNo}&taskDefinitionKey=site_inspection`);
    expect(signing, 'nobody was added').to.have.length(2);

    await api()
      .post(`/api/v1/tasks/${mine.id}/complete`)
      .set(await auth('reviewer'))
      .send({ outcome: 'reject', opinion: '后厨与就餐区未分隔，不符合要求' });
    const decision = await waitForTask('leader', caseNo, 'decision');
    expect(decision).to.exist;
    const gone = await api()
      .post(`/api/v1/tasks/${theirs.id}/complete`)
      .set(await auth('reviewer4'))
      .send({ outcome: 'approve', opinion: '同意' });
    expect(gone.status, 'the 会签 ended: the other task is withdrawn').to.be.oneOf([404, 409]);
    const view = (await getCase('leader', caseNo)).body;
    const started = view.timeline.find((e: { type: string }) => e.type === 'review.rule_started');
    expect(started.detail).to.include({ step: 'site_inspection', rule: 'countersign', ruleName: '会签' });
    expect(started.detail.reviewers).to.deep.equal(['市场监管局审核员', '市场监管局审核员（二）']);
    const tally = view.timeline.find((e: { type: string }) => e.type === 'review.rule_decided');
    expect(tally.detail).to.include({ approvals: 0, rejections: 1, result: 'reject' });
  });

  it("sends the case back from inside the 会签 to the review: every signer's task goes, the review returns to its reviewer", async () => {
    const res = await submitFoodLicence();
    const caseNo = res.body.caseNo as string;
    await decide('reviewer', caseNo, 'review', 'approve');
    const mine = await waitForTask('reviewer', caseNo, 'site_inspection');
    const theirs = await waitForTask('reviewer4', caseNo, 'site_inspection');

    const back = await api()
      .post(`/api/v1/tasks/${mine.id}/send-back`)
      .set(await auth('reviewer'))
      .send({ to: 'review', reason: '平面布置图与现场不符，请重新审核材料' });
    expect(back.status, JSON.stringify(back.body)).to.equal(200);
    expect(back.body).to.include({ sentBackTo: 'review', assignee: 'reviewer' });
    const review = await waitForTask('reviewer', caseNo, 'review');
    expect(review.assignee, 'back to the reviewer who did it').to.equal('reviewer');
    const gone = await api()
      .post(`/api/v1/tasks/${theirs.id}/complete`)
      .set(await auth('reviewer4'))
      .send({ outcome: 'approve', opinion: '同意' });
    expect(gone.status, "the other signer's task went with the 会签").to.be.oneOf([404, 409]);
    const inbox4 = await api()
      .get('/api/v1/tasks')
      .query({ caseNo })
      .set(await auth('reviewer4'));
    expect(inbox4.body.tasks.filter((t: { caseNo: string }) => t.caseNo === caseNo)).to.deep.equal([]);

    // and the case goes on: reviewed again, then a fresh 会签 of both
    await decide('reviewer', caseNo, 'review', 'approve');
    await waitForTask('reviewer', caseNo, 'site_inspection');
    await waitForTask('reviewer4', caseNo, 'site_inspection');
  });

  it('a 会签 an operator starts again (移至该环节) is a new round: the decision of the last one does not close it', async () => {
    const res = await submitFoodLicence();
    const caseNo = res.body.caseNo as string;
    await decide('reviewer', caseNo, 'review', 'approve');
    await decide('reviewer', caseNo, 'site_inspection', 'reject');
    await waitForTask('leader', caseNo, 'decision');

    const moved = await api()
      .post(`/api/v1/operations/cases/${caseNo}/move`)
      .set(await auth('admin'))
      .send({ activityId: 'site_inspection', reason: '现场核查结论有误，重新核查' });
    expect(moved.status, JSON.stringify(moved.body)).to.equal(200);
    await waitForTask('reviewer', caseNo, 'site_inspection');
    const rejected = await decide('reviewer4', caseNo, 'site_inspection', 'reject');
    expect(rejected.id).to.be.a('string');
    await waitForTask('leader', caseNo, 'decision');
  });
});
