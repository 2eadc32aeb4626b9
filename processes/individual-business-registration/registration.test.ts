import { expect } from 'chai';
import { api, applicant, auth, completeMaterials, getCase, ITEM, submit, validForm, waitForStatus, waitForTask } from '../../test/support/api.ts';
import { testEnv } from '../../test/support/environment.ts';

describe('个体工商户设立登记 (item SCJG-GT-001) on the real engine', () => {
  it('travels from the window clerk to the leader’s decision, with its timeline', async () => {
    // when a clerk submits a complete case at the window
    const materials = await completeMaterials('clerk');
    const submitted = await submit('clerk', { itemCode: ITEM, applicant: applicant(), form: validForm(), materials });
    expect(submitted.status, JSON.stringify(submitted.body)).to.equal(201);
    const caseNo = submitted.body.caseNo as string;
    expect(caseNo).to.match(new RegExp(`^${testEnv().config.regionCode}\\d{8}\\d{6}$`));

    // then the acceptance worker accepts it and the department's reviewer sees it
    const accepted = await waitForStatus('clerk', caseNo, 'accepted');
    // 承诺时限 1 and 法定时限 3 working days run from acceptance, on the holiday calendar
    const { acceptedAt, promisedDueAt, statutoryDueAt, colour } = accepted.deadline;
    const calendarDue = async (days: number) => (await api().get(`/api/v1/calendar/due?from=${encodeURIComponent(acceptedAt)}&workingDays=${days}`)).body.due;
    expect(promisedDueAt).to.equal(await calendarDue(1));
    expect(statutoryDueAt).to.equal(await calendarDue(3));
    expect(colour).to.equal('green');
    const review = await waitForTask('reviewer', caseNo, 'review');
    expect(review).to.include({ itemCode: ITEM, channel: 'window', applicantName: '张三', caseDueAt: promisedDueAt, deadlineColour: 'green' });

    // a reviewer of another department neither sees nor touches it
    const otherInbox = await api()
      .get('/api/v1/tasks')
      .query({ caseNo })
      .set(await auth('reviewer2'));
    expect((otherInbox.body.tasks as { caseNo: string }[]).map((t) => t.caseNo)).not.to.include(caseNo);
    const foreignClaim = await api()
      .post(`/api/v1/tasks/${review.id}/claim`)
      .set(await auth('reviewer2'));
    expect(foreignClaim.status).to.equal(404);
    const foreignComplete = await api()
      .post(`/api/v1/tasks/${review.id}/complete`)
      .set(await auth('reviewer2'))
      .send({ outcome: 'approve', opinion: '同意' });
    expect(foreignComplete.status).to.equal(404);
    expect((await getCase('reviewer2', caseNo)).status).to.equal(404);

    // completing before claiming is refused; claiming and completing works
    const early = await api()
      .post(`/api/v1/tasks/${review.id}/complete`)
      .set(await auth('reviewer'))
      .send({ outcome: 'approve', opinion: '材料齐全' });
    expect(early.status).to.equal(409);
    expect(early.body.error.code).to.equal('task_not_claimed');
    const claimed = await api()
      .post(`/api/v1/tasks/${review.id}/claim`)
      .set(await auth('reviewer'));
    expect(claimed.status, JSON.stringify(claimed.body)).to.equal(200);
    expect((await getCase('reviewer', caseNo)).body.status).to.equal('in_review');
    const leaderClaimsReview = await api()
      .post(`/api/v1/tasks/${review.id}/claim`)
      .set(await auth('leader'));
    expect(leaderClaimsReview.status, 'the leader is not a candidate of the review step').to.equal(404);
    const done = await api()
      .post(`/api/v1/tasks/${review.id}/complete`)
      .set(await auth('reviewer'))
      .send({ outcome: 'approve', opinion: '材料齐全，符合登记条件，拟准予登记。' });
    expect(done.status, JSON.stringify(done.body)).to.equal(200);
    const again = await api()
      .post(`/api/v1/tasks/${review.id}/complete`)
      .set(await auth('reviewer'))
      .send({ outcome: 'approve', opinion: '重复提交' });
    expect(again.status).to.be.oneOf([404, 409]);

    // the leader decides
    const decision = await waitForTask('leader', caseNo, 'decision');
    expect(
      (
        await api()
          .post(`/api/v1/tasks/${decision.id}/claim`)
          .set(await auth('leader'))
      ).status,
    ).to.equal(200);
    const decided = await api()
      .post(`/api/v1/tasks/${decision.id}/complete`)
      .set(await auth('leader'))
      .send({ outcome: 'approve', opinion: '准予登记。' });
    expect(decided.status, JSON.stringify(decided.body)).to.equal(200);

    // then the case is finished, with its whole history
    // decided, then sealed, the 营业执照 issued as an e-license, and delivered electronically (no fee)
    const finished = await waitForStatus('clerk', caseNo, 'delivered');
    expect(finished.final).to.equal(true);
    expect(finished.decision).to.equal('approved');
    expect(finished.statusLabel).to.equal('已送达');
    expect(finished.finishedAt).to.be.a('string');
    // notices are sealed once their task is done, beside the case's steps: looked at apart
    expect(finished.timeline.map((e: { type: string }) => e.type).filter((t: string) => t !== 'result.sealed')).to.deep.equal([
      'case.submitted',
      'acceptance.accepted',
      // 秒批: a food business goes to the reviewer (the scope needs a licence)
      'instant.referred',
      'task.claimed',
      'task.completed',
      'task.claimed',
      'task.completed',
      'case.approved',
      'e_license.issued',
      'delivery.started',
      'delivery.delivered',
    ]);
    // (the 送达回证 is sealed after the status turns delivered: not waited for here)
    expect(
      finished.timeline.filter((e: { type: string }) => e.type === 'result.sealed').map((e: { detail: { title: string } }) => e.detail.title),
    ).to.include.members(['受理通知书', '办结通知书（准予）', '准予行政许可决定书', '营业执照（个体工商户）']);
    expect(finished.opinions.map((o: { outcome: string; by: string }) => [o.outcome, o.by])).to.deep.equal([
      ['approve', '市场监管局审核员'],
      ['approve', '市场监管局科长'],
    ]);
    const history = await testEnv().engine.historicProcessInstance((await getCase('clerk', caseNo)).body.processInstanceId);
    expect(history.state).to.equal('COMPLETED');
  });

  it('ends with a refusal when the leader refuses', async () => {
    const materials = await completeMaterials('applicant');
    const submitted = await submit('applicant', { itemCode: ITEM, applicant: applicant(), form: validForm(), materials });
    expect(submitted.status, JSON.stringify(submitted.body)).to.equal(201);
    const caseNo = submitted.body.caseNo as string;
    const review = await waitForTask('reviewer', caseNo, 'review');
    await api()
      .post(`/api/v1/tasks/${review.id}/claim`)
      .set(await auth('reviewer'));
    await api()
      .post(`/api/v1/tasks/${review.id}/complete`)
      .set(await auth('reviewer'))
      .send({ outcome: 'reject', opinion: '经营场所为住宅，不符合规定。' });
    const decision = await waitForTask('leader', caseNo, 'decision');
    await api()
      .post(`/api/v1/tasks/${decision.id}/claim`)
      .set(await auth('leader'));
    const res = await api()
      .post(`/api/v1/tasks/${decision.id}/complete`)
      .set(await auth('leader'))
      .send({ outcome: 'reject', opinion: '不予登记。' });
    expect(res.status).to.equal(200);
    const finished = await waitForStatus('applicant', caseNo, 'delivered');
    expect(finished.decision).to.equal('refused');
    expect(finished.channel).to.equal('web');
    // the refusal is sealed and served like an approval (不予许可决定书), nothing is charged
    expect(
      finished.timeline
        .map((e: { type: string }) => e.type)
        .filter((t: string) => t !== 'result.sealed')
        .slice(-3),
    ).to.deep.equal(['case.refused', 'delivery.started', 'delivery.delivered']);
    // sealed: the 受理通知书, the 办结通知书 and the 不予行政许可决定书 (the 送达回证 follows the status)
    expect(
      finished.timeline.filter((e: { type: string }) => e.type === 'result.sealed').map((e: { detail: { title: string } }) => e.detail.title),
    ).to.include.members(['受理通知书', '办结通知书（不予）', '不予行政许可决定书']);
  });

  it('sends a window case the machine finds incomplete to the window clerk, who may refuse it with reasons', async () => {
    const submitted = await submit('clerk', { itemCode: ITEM, applicant: applicant(), form: validForm(), materials: [] });
    expect(submitted.status).to.equal(201);
    const caseNo = submitted.body.caseNo as string;
    const task = await waitForTask('clerk', caseNo, 'acceptance_review');
    const waiting = await getCase('clerk', caseNo);
    const findings = waiting.body.timeline.find((e: { type: string }) => e.type === 'acceptance.review_requested');
    expect(findings.detail.reasons.map((r: { 'zh-CN': string }) => r['zh-CN'])).to.deep.equal([
      '缺少申请材料：经营者身份证明',
      '缺少申请材料：经营场所使用证明',
    ]);
    expect(
      (
        await api()
          .post(`/api/v1/tasks/${task.id}/claim`)
          .set(await auth('clerk'))
      ).status,
    ).to.equal(200);
    const clerk = await auth('clerk');
    const complete = (body: object) => api().post(`/api/v1/tasks/${task.id}/complete`).set(clerk).send(body);
    const noReasons = await complete({ outcome: 'not_accepted', opinion: '不予受理' });
    expect(noReasons.status).to.equal(422);
    expect(noReasons.body.error.details[0].message).to.equal('不予受理理由：不予受理须说明理由');
    expect((await complete({ outcome: 'approve', opinion: '同意' })).status, 'a clerk decides acceptance, not approval').to.equal(422);
    const refused = await complete({ outcome: 'not_accepted', opinion: '不属于本机关职权范围', reasons: ['经营场所不在本市行政区域内，不属于本机关受理范围'] });
    expect(refused.status, JSON.stringify(refused.body)).to.equal(200);

    const closed = await waitForStatus('clerk', caseNo, 'not_accepted');
    const decision = closed.timeline.find((e: { type: string }) => e.type === 'acceptance.not_accepted');
    expect(decision.actor).to.equal('clerk');
    expect(decision.detail.notice.title['zh-CN']).to.equal('不予受理决定书');
    expect(decision.detail.notice.text).to.contain('1. 经营场所不在本市行政区域内').and.contain('《中华人民共和国行政许可法》第三十二条');
    expect(decision.detail.notice.number).to.equal(`不受〔${decision.detail.notice.issuedAt.slice(0, 4)}〕${caseNo}号`);
    const history = await testEnv().engine.historicProcessInstance(closed.processInstanceId);
    expect(history.state).to.equal('COMPLETED');
    const inbox = await api()
      .get('/api/v1/tasks')
      .query({ caseNo })
      .set(await auth('reviewer'));
    expect((inbox.body.tasks as { caseNo: string }[]).map((t) => t.caseNo)).not.to.include(caseNo);
  });
});
