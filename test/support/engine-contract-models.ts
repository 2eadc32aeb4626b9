/**
 * The processes, the form and the decision test/api/engine-contract.test.ts deploys: each as small
 * as the calls it serves allow, every key prefixed contract_ (no platform worker subscribes to
 * their topics, no case has their business keys).
 */

const bpmn = (id: string, body: string) => `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="${id}" targetNamespace="http://approval.test/engine-contract">
${body}
</bpmn:definitions>`;

/**
 * A reviewer's task linked to a deployed form (with a month's timer beside it), then a wait for a
 * message, then a second task: the task, inbox, modification and correlation calls.
 */
export const USER_PROCESS = bpmn(
  'contract-user',
  `  <bpmn:process id="contract_user" name="契约测试：人工环节" isExecutable="true" camunda:historyTimeToLive="P1D">
    <bpmn:startEvent id="start" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="review" />
    <bpmn:userTask id="review" name="契约审核" camunda:candidateGroups="contract:reviewer" camunda:formRef="contract_form" camunda:formRefBinding="latest" />
    <bpmn:boundaryEvent id="overdue" attachedToRef="review" cancelActivity="false">
      <bpmn:timerEventDefinition><bpmn:timeDuration>P30D</bpmn:timeDuration></bpmn:timerEventDefinition>
    </bpmn:boundaryEvent>
    <bpmn:sequenceFlow id="f_overdue" sourceRef="overdue" targetRef="overdue_end" />
    <bpmn:endEvent id="overdue_end" />
    <bpmn:sequenceFlow id="f2" sourceRef="review" targetRef="told" />
    <bpmn:intermediateCatchEvent id="told"><bpmn:messageEventDefinition messageRef="m_told" /></bpmn:intermediateCatchEvent>
    <bpmn:sequenceFlow id="f3" sourceRef="told" targetRef="after" />
    <bpmn:userTask id="after" name="契约收尾" camunda:candidateGroups="contract:reviewer" />
    <bpmn:sequenceFlow id="f4" sourceRef="after" targetRef="end" />
    <bpmn:endEvent id="end" />
  </bpmn:process>
  <bpmn:message id="m_told" name="ContractTold" />`,
);

/** The form USER_PROCESS links (camunda:formRef contract_form), deployed beside it. */
export const USER_FORM = JSON.stringify({
  type: 'default',
  id: 'contract_form',
  schemaVersion: 16,
  components: [{ type: 'textfield', key: 'note', label: '备注' }],
});

/** A task linked to a form nobody deployed. */
export const UNLINKED_FORM_PROCESS = bpmn(
  'contract-unlinked',
  `  <bpmn:process id="contract_unlinked_form" isExecutable="true" camunda:historyTimeToLive="P1D">
    <bpmn:startEvent id="start" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="review" />
    <bpmn:userTask id="review" camunda:candidateGroups="contract:reviewer" camunda:formRef="contract_missing_form" camunda:formRefBinding="latest" />
    <bpmn:sequenceFlow id="f2" sourceRef="review" targetRef="end" />
    <bpmn:endEvent id="end" />
  </bpmn:process>`,
);

/** Calls USER_PROCESS under its own business key: the super and sub process instance queries. */
export const PARENT_PROCESS = bpmn(
  'contract-parent',
  `  <bpmn:process id="contract_parent" isExecutable="true" camunda:historyTimeToLive="P1D">
    <bpmn:startEvent id="start" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="call" />
    <bpmn:callActivity id="call" calledElement="contract_user">
      <bpmn:extensionElements><camunda:in businessKey="#{execution.processBusinessKey}" /></bpmn:extensionElements>
    </bpmn:callActivity>
    <bpmn:sequenceFlow id="f2" sourceRef="call" targetRef="end" />
    <bpmn:endEvent id="end" />
  </bpmn:process>`,
);

/** An asynchronous step whose expression fails: a failed job and its incident at once (one try). */
export const FAILING_JOB_PROCESS = bpmn(
  'contract-failing-job',
  `  <bpmn:process id="contract_failing_job" isExecutable="true" camunda:historyTimeToLive="P1D">
    <bpmn:startEvent id="start" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="broken" />
    <bpmn:serviceTask id="broken" camunda:asyncBefore="true" camunda:expression="\${contractMissing}">
      <bpmn:extensionElements><camunda:failedJobRetryTimeCycle>R1/PT1S</camunda:failedJobRetryTimeCycle></bpmn:extensionElements>
    </bpmn:serviceTask>
    <bpmn:sequenceFlow id="f2" sourceRef="broken" targetRef="end" />
    <bpmn:endEvent id="end" />
  </bpmn:process>`,
);

/** An external task of topic contract_probe (its priority from a variable), ended by a task, or by the BPMN error contract_refused. */
export const EXTERNAL_PROCESS = bpmn(
  'contract-external',
  `  <bpmn:process id="contract_external" isExecutable="true" camunda:historyTimeToLive="P1D">
    <bpmn:startEvent id="start" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="probe" />
    <bpmn:serviceTask id="probe" camunda:type="external" camunda:topic="contract_probe" camunda:taskPriority="\${priority}" />
    <bpmn:boundaryEvent id="refused_event" attachedToRef="probe">
      <bpmn:errorEventDefinition errorRef="e_refused" camunda:errorMessageVariable="refusal" />
    </bpmn:boundaryEvent>
    <bpmn:sequenceFlow id="f_refused" sourceRef="refused_event" targetRef="refused" />
    <bpmn:userTask id="refused" camunda:candidateGroups="contract:reviewer" />
    <bpmn:sequenceFlow id="f_refused_end" sourceRef="refused" targetRef="refused_end" />
    <bpmn:endEvent id="refused_end" />
    <bpmn:sequenceFlow id="f2" sourceRef="probe" targetRef="done" />
    <bpmn:userTask id="done" camunda:candidateGroups="contract:reviewer" />
    <bpmn:sequenceFlow id="f3" sourceRef="done" targetRef="end" />
    <bpmn:endEvent id="end" />
  </bpmn:process>
  <bpmn:error id="e_refused" errorCode="contract_refused" />`,
);

/** An external task of topic contract_extend: a lock extended by the external task client. */
export const EXTEND_PROCESS = bpmn(
  'contract-extend',
  `  <bpmn:process id="contract_extend" isExecutable="true" camunda:historyTimeToLive="P1D">
    <bpmn:startEvent id="start" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="long" />
    <bpmn:serviceTask id="long" camunda:type="external" camunda:topic="contract_extend" />
    <bpmn:sequenceFlow id="f2" sourceRef="long" targetRef="end" />
    <bpmn:endEvent id="end" />
  </bpmn:process>`,
);

/**
 * An external task of topic contract_batch (no worker serves it: the test completes it through the
 * engine host's batch completion), then an expression that fails when the instance's breakIt is
 * true (a completion that throws after the task is done), then a user task.
 */
export const BATCH_PROCESS = bpmn(
  'contract-batch',
  `  <bpmn:process id="contract_batch" isExecutable="true" camunda:historyTimeToLive="P1D">
    <bpmn:startEvent id="start" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="batched" />
    <bpmn:serviceTask id="batched" camunda:type="external" camunda:topic="contract_batch" />
    <bpmn:sequenceFlow id="f2" sourceRef="batched" targetRef="check" />
    <bpmn:serviceTask id="check" camunda:expression="\${breakIt ? contractUndefined : true}" />
    <bpmn:sequenceFlow id="f3" sourceRef="check" targetRef="done" />
    <bpmn:userTask id="done" camunda:candidateGroups="contract:reviewer" />
    <bpmn:sequenceFlow id="f4" sourceRef="done" targetRef="end" />
    <bpmn:endEvent id="end" />
  </bpmn:process>`,
);

/** contract_migrate, version 1 (one task) and 2 (a second task after it): a migration plan and its batch. */
export const MIGRATE_V1 = bpmn(
  'contract-migrate',
  `  <bpmn:process id="contract_migrate" isExecutable="true" camunda:historyTimeToLive="P1D">
    <bpmn:startEvent id="start" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="first" />
    <bpmn:userTask id="first" camunda:candidateGroups="contract:reviewer" />
    <bpmn:sequenceFlow id="f2" sourceRef="first" targetRef="end" />
    <bpmn:endEvent id="end" />
  </bpmn:process>`,
);

export const MIGRATE_V2 = bpmn(
  'contract-migrate',
  `  <bpmn:process id="contract_migrate" isExecutable="true" camunda:historyTimeToLive="P1D">
    <bpmn:startEvent id="start" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="first" />
    <bpmn:userTask id="first" camunda:candidateGroups="contract:reviewer" />
    <bpmn:sequenceFlow id="f2" sourceRef="first" targetRef="second" />
    <bpmn:userTask id="second" camunda:candidateGroups="contract:reviewer" />
    <bpmn:sequenceFlow id="f3" sourceRef="second" targetRef="end" />
    <bpmn:endEvent id="end" />
  </bpmn:process>`,
);

/** A decision table: amount to level (high from 1000 on). */
export const DECISION = `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" xmlns:camunda="http://camunda.org/schema/1.0/dmn" id="contract-decisions" name="契约测试" namespace="http://approval.test/engine-contract">
  <decision id="contract_level" name="契约等级" camunda:historyTimeToLive="1">
    <decisionTable id="t1" hitPolicy="FIRST">
      <input id="i1" label="金额"><inputExpression id="e1" typeRef="double"><text>amount</text></inputExpression></input>
      <output id="o1" name="level" label="等级" typeRef="string" />
      <rule id="r1"><inputEntry id="r1i1"><text>&gt;= 1000</text></inputEntry><outputEntry id="r1o1"><text>"high"</text></outputEntry></rule>
      <rule id="r2"><inputEntry id="r2i1"><text>-</text></inputEntry><outputEntry id="r2o1"><text>"low"</text></outputEntry></rule>
    </decisionTable>
  </decision>
</definitions>`;
