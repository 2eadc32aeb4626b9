import { expect } from 'chai';
import { api, applicant, auth, completeMaterials, decide, getCase, ITEM, submit, validForm, waitForTask } from '../test/support/api.ts';
import { testEnv } from '../test/support/environment.ts';
import type { ReviewRule } from '../contract/topics.ts';

/**
 * 或签 and 依次 through the same parts as the shipped 会签 (assign-reviewers, a multi-instance user
 * task with its outcome local to each instance, tally), in a small process started for a real case.
 */
function ruleProcess(id: string, rule: ReviewRule): string {
  const completion = rule === 'any' ? "${vet_stepOutcome == 'approve'}" : "${vet_stepOutcome == 'reject'}";
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" id="d_${id}" targetNamespace="http://approval.gov.cn/test">
  <bpmn:process id="${id}" isExecutable="true" camunda:historyTimeToLive="1">
    <bpmn:startEvent id="start" />
    <bpmn:serviceTask id="assign" camunda:type="external" camunda:topic="assign-reviewers">
      <bpmn:extensionElements><camunda:inputOutput>
        <camunda:inputParameter name="step">vet_step</camunda:inputParameter>
        <camunda:inputParameter name="reviewGroup">\${departmentCode}:reviewer</camunda:inputParameter>
        <camunda:inputParameter name="reviewRule">${rule}</camunda:inputParameter>
      </camunda:inputOutput></bpmn:extensionElements>
    </bpmn:serviceTask>
    <bpmn:userTask id="vet_step" camunda:assignee="\${vet_stepReviewers.split(',')[loopCounter]}">
      <bpmn:extensionElements><camunda:inputOutput><camunda:inputParameter name="vet_stepOutcome" /></camunda:inputOutput></bpmn:extensionElements>
      <bpmn:multiInstanceLoopCharacteristics isSequential="${rule === 'sequential'}" camunda:asyncAfter="true">
        <bpmn:loopCardinality xsi:type="bpmn:tFormalExpression">\${vet_stepReviewerCount}</bpmn:loopCardinality>
        <bpmn:completionCondition xsi:type="bpmn:tFormalExpression">${completion}</bpmn:completionCondition>
      </bpmn:multiInstanceLoopCharacteristics>
    </bpmn:userTask>
    <bpmn:serviceTask id="tally" camunda:type="external" camunda:topic="tally">
      <bpmn:extensionElements><camunda:inputOutput>
        <camunda:inputParameter name="step">vet_step</camunda:inputParameter>
        <camunda:inputParameter name="reviewRule">${rule}</camunda:inputParameter>
      </camunda:inputOutput></bpmn:extensionElements>
    </bpmn:serviceTask>
    <bpmn:userTask id="after" camunda:candidateGroups="samr:leader" />
    <bpmn:endEvent id="end" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="assign" />
    <bpmn:sequenceFlow id="f2" sourceRef="assign" targetRef="vet_step" />
    <bpmn:sequenceFlow id="f3" sourceRef="vet_step" targetRef="tally" />
    <bpmn:sequenceFlow id="f4" sourceRef="tally" targetRef="after" />
    <bpmn:sequenceFlow id="f5" sourceRef="after" targetRef="end" />
  </bpmn:process>
</bpmn:definitions>`;
}

async function caseUnderRule(id: string) {
  const res = await submit('applicant', { itemCode: ITEM, applicant: applicant(), form: validForm(), materials: await completeMaterials('applicant') });
  const caseNo = res.body.caseNo as string;
  await waitForTask('reviewer', caseNo, 'review');
  // the variables every instance of a case carries: its number, department and region (四级)
  const region = (await getCase('applicant', caseNo)).body.region as { code: string };
  const instance = await testEnv().engine.startProcess(id, caseNo, {
    caseNo: { value: caseNo, type: 'String' },
    departmentCode: { value: 'samr', type: 'String' },
    regionCode: { value: region.code, type: 'String' },
  });
  return { caseNo, instance };
}

const tally = async (caseNo: string) => {
  const timeline = (await getCase('admin', caseNo)).body.timeline as { type: string; detail: Record<string, unknown> }[];
  return timeline.find((e) => e.type === 'review.rule_decided')?.detail;
};

describe('review rules 或签 and 依次 on the real engine', () => {
  before(async () => {
    await testEnv().engine.deploy('review-rules-test', [
      { name: 'any.bpmn', content: Buffer.from(ruleProcess('test_any_review', 'any')) },
      { name: 'sequential.bpmn', content: Buffer.from(ruleProcess('test_sequential_review', 'sequential')) },
    ]);
  });

  it("或签: the first approval decides, the other reviewer's task is withdrawn", async () => {
    const { caseNo, instance } = await caseUnderRule('test_any_review');
    const first = await waitForTask('reviewer4', caseNo, 'vet_step');
    const other = await waitForTask('reviewer', caseNo, 'vet_step');
    await decide('reviewer4', caseNo, 'vet_step', 'approve');
    await waitForTask('leader', caseNo, 'after');
    expect(await testEnv().engine.tasks({ processInstanceId: instance.id, taskDefinitionKey: 'vet_step' })).to.deep.equal([]);
    // the step ended (the engine's job after the approval ran): the other reviewer is told who decided it, when and how
    const late = async (language: string) =>
      api()
        .post(`/api/v1/tasks/${other.id}/complete`)
        .set(await auth('reviewer'))
        .set('Accept-Language', language)
        .send({ outcome: 'approve', opinion: '同意' });
    const zh = await late('zh-CN');
    expect(zh.status, JSON.stringify(zh.body)).to.equal(409);
    expect(zh.body.error.code).to.equal('task_already_completed');
    const at = String.raw`\d{4}-\d{2}-\d{2} \d{2}:\d{2}`;
    expect(zh.body.error.message).to.match(
      new RegExp(`^市场监管局审核员（二）已于 ${at} 办理“${other.name ?? 'vet_step'}”（同意），该环节随之结束，您的任务已关闭，本次操作未执行$`),
    );
    const en = await late('en');
    expect(en.body.error.message).to.match(
      new RegExp(
        `^市场监管局审核员（二） decided "${other.name ?? 'vet_step'}" at ${at} \\(approved\\), which ended the step and closed your task; nothing was done$`,
      ),
    );
    expect(first.id).not.to.equal(other.id);
    expect(await tally(caseNo)).to.include({ rule: 'any', ruleName: '或签', approvals: 1, rejections: 0, result: 'approve' });
  });

  it("依次: one after the other in the list's order; a rejection ends it", async () => {
    const { caseNo, instance } = await caseUnderRule('test_sequential_review');
    await waitForTask('reviewer', caseNo, 'vet_step');
    const open = await testEnv().engine.tasks({ processInstanceId: instance.id, taskDefinitionKey: 'vet_step' });
    expect(
      open.map((t) => t.assignee),
      'only the first in line has it',
    ).to.deep.equal(['reviewer']);
    await decide('reviewer', caseNo, 'vet_step', 'approve');
    await decide('reviewer4', caseNo, 'vet_step', 'reject');
    await waitForTask('leader', caseNo, 'after');
    expect(await tally(caseNo)).to.include({ rule: 'sequential', ruleName: '依次审批', approvals: 1, rejections: 1, result: 'reject' });
  });

  it('或签 decided by both at the same moment: one is recorded, the other is told who decided it (409), never a 5xx', async () => {
    const { caseNo } = await caseUnderRule('test_any_review');
    const tasks = await Promise.all([waitForTask('reviewer4', caseNo, 'vet_step'), waitForTask('reviewer', caseNo, 'vet_step')]);
    const complete = async (username: string, id: string) =>
      api()
        .post(`/api/v1/tasks/${id}/complete`)
        .set(await auth(username))
        .send({ outcome: 'approve', opinion: `同意（${username}）` });
    const answers = await Promise.all([complete('reviewer4', tasks[0].id), complete('reviewer', tasks[1].id)]);
    expect(answers.map((a) => a.status).sort(), JSON.stringify(answers.map((a) => a.body))).to.deep.equal([200, 409]);
    const lost = answers.find((a) => a.status === 409)!;
    const winner = answers[0]!.status === 200 ? '市场监管局审核员（二）' : '市场监管局审核员';
    expect(lost.body.error.code).to.equal('task_already_completed');
    expect(lost.body.error.message).to.contain(`已由${winner}于`).and.contain('同意');
    await waitForTask('leader', caseNo, 'after');
    expect(await tally(caseNo)).to.include({ approvals: 1, result: 'approve' });
  });

  it('a task claimed by two at the same moment: one holds it, the other is told who (409)', async () => {
    const res = await submit('applicant', { itemCode: ITEM, applicant: applicant(), form: validForm(), materials: await completeMaterials('applicant') });
    const task = await waitForTask('reviewer', res.body.caseNo as string, 'review');
    const claim = async (username: string) =>
      api()
        .post(`/api/v1/tasks/${task.id}/claim`)
        .set(await auth(username));
    const answers = await Promise.all([claim('reviewer'), claim('reviewer4')]);
    expect(answers.map((a) => a.status).sort(), JSON.stringify(answers.map((a) => a.body))).to.deep.equal([200, 409]);
    const lost = answers.find((a) => a.status === 409)!;
    expect(lost.body.error.code).to.equal('task_claimed_by_other');
    expect(lost.body.error.message).to.match(/^该任务已由市场监管局审核员(（二）)?签收$/);
  });
});
