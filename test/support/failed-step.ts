import { expect } from 'chai';
import { applicant, completeMaterials, ITEM, submit, validForm } from './api.ts';
import { replaceProcessAtRest } from './engine.ts';

/**
 * A process of the tests only: a 告知 step whose notice comes from a process variable, then a user
 * task. Given a notice the 告知 worker does not know, the step fails until its retries are spent: an
 * open incident on the real engine (运维监控, server/operations).
 */
export const FAILING_NOTICE_PROCESS = {
  key: 'ops_incident_test',
  step: '办结告知（测试）',
  resource: {
    name: 'ops-incident-test.bpmn',
    content: `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="ops-test" targetNamespace="http://approval.test/operations">
  <bpmn:process id="ops_incident_test" name="运维测试流程" isExecutable="true" camunda:historyTimeToLive="P1D">
    <bpmn:startEvent id="start" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="tell" />
    <bpmn:serviceTask id="tell" name="办结告知（测试）" camunda:type="external" camunda:topic="notify" />
    <bpmn:sequenceFlow id="f2" sourceRef="tell" targetRef="check" />
    <bpmn:userTask id="check" name="运维核对" camunda:candidateGroups="samr:reviewer" />
    <bpmn:sequenceFlow id="f3" sourceRef="check" targetRef="end" />
    <bpmn:endEvent id="end" />
  </bpmn:process>
</bpmn:definitions>`,
  },
} as const;

/**
 * A case applied for online, in review, whose process is replaced by FAILING_NOTICE_PROCESS (deployed
 * by the caller) with a notice the 告知 worker does not know: it fails until no retries are left.
 */
export async function caseWithIncident(): Promise<{ caseNo: string; instanceId: string }> {
  const res = await submit('applicant', { itemCode: ITEM, applicant: applicant(), form: validForm(), materials: await completeMaterials('applicant') });
  expect(res.status, JSON.stringify(res.body)).to.equal(201);
  const caseNo = res.body.caseNo as string;
  const { instanceId } = await replaceProcessAtRest(caseNo, FAILING_NOTICE_PROCESS.key, {
    caseNo: { value: caseNo, type: 'String' },
    notice: { value: 'no_such_notice', type: 'String' },
  });
  return { caseNo, instanceId };
}
