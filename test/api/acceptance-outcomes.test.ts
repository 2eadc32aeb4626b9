import { expect } from 'chai';
import {
  api,
  applicant,
  auth,
  completeMaterials,
  decide,
  getCase,
  ITEM,
  submit,
  uploadOk,
  validForm,
  waitForDecision,
  waitForStatus,
  waitForTask,
} from '../support/api.ts';
import { samplePdf } from '../support/files.ts';
import { engineCall, instanceOf, passDeadline } from '../support/engine.ts';
import { testEnv } from '../support/environment.ts';
import { eventually, pollUntil } from '../support/eventually.ts';
import { PROCESS_KEYS } from '../../contract/topics.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a JSON response, read field by field
type Entry = { type: string; at: string; actor: string; detail: Record<string, any> };
const entry = (view: { timeline: Entry[] }, type: string) => view.timeline.find((e) => e.type === type)!;

/** Submits SCJG-GT-001 online as the applicant with the given materials (by code) and extras. */
async function applyOnline(codes: string[], extra: Record<string, unknown> = {}) {
  const materials = (await completeMaterials('applicant')).filter((m) => codes.includes(m.code));
  const res = await submit('applicant', { itemCode: ITEM, applicant: applicant(), form: validForm(), materials, ...extra });
  expect(res.status, JSON.stringify(res.body)).to.equal(201);
  return res.body.caseNo as string;
}

describe('acceptance outcomes (行政许可法 Art. 32): 补正, 容缺, their deadlines', () => {
  describe('补正: one notice for everything, a wait for the resubmission', () => {
    it('lists every problem at once, waits, and accepts the corrected application', async () => {
      const caseNo = await applyOnline([]);
      const waiting = await waitForStatus('applicant', caseNo, 'correction');
      // the application form is no missing material: the platform generated it from the form
      expect(waiting.materials.map((m: { code: string }) => m.code)).to.deep.equal(['application-form']);
      const correction = entry(waiting, 'acceptance.correction');
      expect(correction.detail.notice.title['zh-CN']).to.equal('补正材料告知书');
      expect(correction.detail.notice.text).to.contain('1. 缺少申请材料：经营者身份证明').and.contain('2. 缺少申请材料：经营场所使用证明');
      // the resubmission is due at the end of the 5th working day after the notice (CORRECTION_WORKING_DAYS)
      const due = await api().get('/api/v1/calendar/due').query({ from: correction.at, workingDays: testEnv().config.correctionWorkingDays });
      expect(correction.detail.correctionDueAt).to.equal(due.body.due);

      // a resubmission is checked like a submission: someone else's file changes nothing
      const othersFile = await uploadOk('clerk', 'lease.pdf', samplePdf('lease'));
      const bad = await api()
        .post(`/api/v1/cases/${caseNo}/resubmission`)
        .set(await auth('applicant'))
        .send({ form: validForm(), materials: [{ code: 'premises-proof', attachmentId: othersFile }] });
      expect(bad.status).to.equal(422);
      expect((await getCase('applicant', caseNo)).body.status).to.equal('correction');

      const materials = await completeMaterials('applicant');
      const res = await api()
        .post(`/api/v1/cases/${caseNo}/resubmission`)
        .set(await auth('applicant'))
        .send({ form: validForm(), materials });
      expect(res.status, JSON.stringify(res.body)).to.equal(200);
      const accepted = await waitForStatus('applicant', caseNo, 'accepted');
      // (秒批 may already have sent the case on to its reviewer: instant.* follows acceptance)
      expect(accepted.timeline.map((e: Entry) => e.type).filter((t: string) => t !== 'result.sealed' && !t.startsWith('instant.'))).to.deep.equal([
        'case.submitted',
        'acceptance.correction',
        'case.resubmitted',
        'acceptance.accepted',
      ]);
      // the 补正材料告知书 was served as a sealed PDF of the department
      expect(accepted.timeline.filter((e: Entry) => e.type === 'result.sealed').map((e: Entry) => e.detail.title)).to.include('补正材料告知书');
      expect(accepted.materials.map((m: { code: string }) => m.code)).to.have.members(['application-form', 'operator-id', 'premises-proof']);
      const again = await api()
        .post(`/api/v1/cases/${caseNo}/resubmission`)
        .set(await auth('applicant'))
        .send({ form: validForm(), materials });
      expect(again.status).to.equal(409);
      expect(again.body.error.code).to.equal('case_not_awaiting_correction');
      await waitForTask('reviewer', caseNo, 'review');
    });

    it('closes the case when the correction period passes without a resubmission', async () => {
      const caseNo = await applyOnline(['operator-id']);
      const waiting = await waitForStatus('applicant', caseNo, 'correction');
      const timerDue = await passDeadline(caseNo, PROCESS_KEYS.acceptance);
      // the timer fires at the first instant after the period: never a moment early
      expect(Date.parse(timerDue)).to.equal(Date.parse(entry(waiting, 'acceptance.correction').detail.correctionDueAt) + 1);
      const closed = await waitForStatus('applicant', caseNo, 'terminated');
      expect(closed.final).to.equal(true);
      expect(entry(closed, 'case.terminated').detail.notice.title['zh-CN']).to.equal('终止办理告知书（逾期未补正）');
      // the process ends once the notice task completes, right after the status
      await eventually('the process ended', async () => (await testEnv().engine.historicProcessInstance(closed.processInstanceId)).state === 'COMPLETED');
      const late = await api()
        .post(`/api/v1/cases/${caseNo}/resubmission`)
        .set(await auth('applicant'))
        .send({ form: validForm(), materials: await completeMaterials('applicant') });
      expect(late.status).to.equal(409);
    });

    it('lets the window clerk ask for a correction with what the machine found', async () => {
      const [operatorId] = await completeMaterials('clerk');
      const res = await submit('clerk', { itemCode: ITEM, applicant: applicant(), form: validForm(), materials: [operatorId] });
      const caseNo = res.body.caseNo as string;
      await decide('clerk', caseNo, 'acceptance_review', 'correction');
      const waiting = await waitForStatus('clerk', caseNo, 'correction');
      const correction = entry(waiting, 'acceptance.correction');
      expect(correction.actor).to.equal('clerk');
      expect(correction.detail.reasons.map((r: { 'zh-CN': string }) => r['zh-CN'])).to.deep.equal(['缺少申请材料：经营场所使用证明']);
    });
  });

  describe('容缺受理: accepted without a tolerated material, due later', () => {
    it('accepts, holds the result until the material is in, then issues it', async () => {
      const caseNo = await applyOnline(['operator-id'], { deferrals: [{ materialCode: 'premises-proof' }] });
      const accepted = await waitForStatus('applicant', caseNo, 'accepted');
      const acceptance = entry(accepted, 'acceptance.accepted');
      expect(acceptance.detail.deficiencies).to.deep.equal(['premises-proof']);
      expect(acceptance.detail.notice.title['zh-CN']).to.equal('容缺受理通知书');
      expect(acceptance.detail.notice.text).to.contain('经营场所使用证明');
      const due = await api().get('/api/v1/calendar/due').query({ from: acceptance.at, workingDays: testEnv().config.deficiencyWorkingDays });
      expect(acceptance.detail.deficiencyDueAt).to.equal(due.body.due);
      const deferral = accepted.commitments.find((k: { kind: string }) => k.kind === 'deferral');
      expect(deferral).to.include({ materialCode: 'premises-proof', dueAt: due.body.due, fulfilledAt: null });
      expect(deferral.text).to.contain('个工作日内补交');

      await decide('reviewer', caseNo, 'review', 'approve');
      await decide('leader', caseNo, 'decision', 'approve');
      // signed, but the result waits for the material
      const instance = await instanceOf(caseNo, 'item_standard');
      await pollUntil(async () => (await engineCall<unknown[]>('GET', `/execution?processInstanceId=${instance.id}&activityId=results_ready`)).length > 0, {
        timeoutMs: 10_000,
      });
      const subscriptions = await engineCall<unknown[]>('GET', `/event-subscription?processInstanceId=${instance.id}&eventName=DeficiencySupplied`);
      expect(subscriptions).to.have.length(1);
      expect((await getCase('applicant', caseNo)).body.status).to.equal('in_review');

      const wrong = await api()
        .post(`/api/v1/cases/${caseNo}/materials`)
        .set(await auth('applicant'))
        .send({ materials: [{ code: 'application-form', attachmentId: await uploadOk('applicant', 'a.pdf', samplePdf('a')) }] });
      expect(wrong.status).to.equal(422);
      expect(wrong.body.error.details[0].message).to.equal('材料“application-form”不是本办件待补交的容缺材料');
      const lease = await uploadOk('applicant', '租赁合同.pdf', samplePdf('租赁合同'));
      const supplied = await api()
        .post(`/api/v1/cases/${caseNo}/materials`)
        .set(await auth('applicant'))
        .send({ materials: [{ code: 'premises-proof', attachmentId: lease }] });
      expect(supplied.status, JSON.stringify(supplied.body)).to.equal(200);
      expect(supplied.body.complete).to.equal(true);
      const approved = await waitForDecision('applicant', caseNo, 'approved');
      expect(approved.commitments.find((k: { kind: string }) => k.kind === 'deferral').fulfilledAt).to.be.a('string');
      const twice = await api()
        .post(`/api/v1/cases/${caseNo}/materials`)
        .set(await auth('applicant'))
        .send({ materials: [{ code: 'premises-proof', attachmentId: lease }] });
      expect(twice.status).to.equal(409);
    });

    it('terminates the case, with notice, when the material is not in by its due time', async () => {
      const caseNo = await applyOnline(['operator-id'], { deferrals: [{ materialCode: 'premises-proof' }] });
      const accepted = await waitForStatus('applicant', caseNo, 'accepted');
      await waitForTask('reviewer', caseNo, 'review');
      const timerDue = await passDeadline(caseNo, 'item_standard');
      expect(new Date(timerDue).toISOString()).to.equal(new Date(Date.parse(accepted.commitments[0].dueAt) + 1).toISOString());
      const terminated = await waitForStatus('applicant', caseNo, 'terminated');
      expect(entry(terminated, 'case.terminated').detail.notice.title['zh-CN']).to.equal('终止办理告知书（逾期未补齐材料）');
      await eventually('the process ended', async () => (await testEnv().engine.historicProcessInstance(terminated.processInstanceId)).state === 'COMPLETED');
      expect(await testEnv().engine.tasks({ processInstanceId: terminated.processInstanceId })).to.deep.equal([]);
    });

    it('refuses deferrals the catalog does not tolerate, naming each, and writes nothing', async () => {
      const materials = await completeMaterials('applicant');
      const res = await submit('applicant', {
        itemCode: ITEM,
        applicant: applicant(),
        form: validForm(),
        materials: materials.slice(1),
        deferrals: [{ materialCode: 'agent-authorization' }, { materialCode: 'operator-id' }, { materialCode: 'application-form' }],
      });
      expect(res.status).to.equal(422);
      expect(res.body.error.details.map((d: { message: string }) => d.message)).to.deep.equal([
        '容缺受理：“委托代理人授权书”不在容缺材料目录内',
        '容缺受理：“经营者身份证明”不在容缺材料目录内',
        '个体工商户登记（备案）申请书：由平台按申请表单的填报内容生成，无需提交',
      ]);
    });
  });
});
