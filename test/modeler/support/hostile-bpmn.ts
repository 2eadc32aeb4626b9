import { replaceOnce } from './bpmn-fixtures.ts';

/** The review task of the clean process made multi-instance by `loop` (its children) and `attributes`. */
const withLoop = (xml: string, loop: string, attributes = '') =>
  replaceOnce(
    xml,
    '<bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing></bpmn:userTask>',
    `<bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing><bpmn:multiInstanceLoopCharacteristics ${attributes}>${loop}</bpmn:multiInstanceLoopCharacteristics></bpmn:userTask>`,
  );

/**
 * A corpus of hostile changes to the modeler tests' clean item process (bpmn-fixtures.ts), each
 * refused by a security rule of the deployment policy, which names the element: reads of the
 * engine's internals (the JDBC URL and password, the data source, Spring beans), timer storms,
 * huge loops (a literal, an expression, a variable a form could set, a collection), and expressions
 * hidden behind character references.
 */
export const HOSTILE_BPMN: { name: string; rule: string; elementId?: string; apply(xml: string): string }[] = [
  {
    name: "a task named after the engine's JDBC URL (a property chain from execution)",
    rule: 'approval/allowed-expressions',
    elementId: 'review',
    apply: (xml) => replaceOnce(xml, 'name="承办部门审核"', 'name="${execution.processEngine.processEngineConfiguration.jdbcUrl}"'),
  },
  {
    name: "a task named after the engine's database password",
    rule: 'approval/allowed-expressions',
    elementId: 'notify_approved',
    apply: (xml) => replaceOnce(xml, 'name="告知"', 'name="#{execution.processEngine.processEngineConfiguration.jdbcPassword}"'),
  },
  {
    name: 'an assignee read from the data source’s connection',
    rule: 'approval/allowed-expressions',
    elementId: 'review',
    apply: (xml) => replaceOnce(xml, 'name="承办部门审核"', 'name="承办部门审核" camunda:assignee="${dataSource.connection}"'),
  },
  {
    name: 'a Spring bean by name',
    rule: 'approval/allowed-expressions',
    elementId: 'timeout',
    apply: (xml) => replaceOnce(xml, 'name="补齐期限届满"', 'name="${processEngineConfiguration}"'),
  },
  {
    name: 'the task object reached from a candidate user',
    rule: 'approval/allowed-expressions',
    elementId: 'review',
    apply: (xml) => replaceOnce(xml, 'name="承办部门审核"', 'name="承办部门审核" camunda:candidateUsers="#{task.execution.processEngine}"'),
  },
  {
    name: 'an expression hidden behind character references',
    rule: 'approval/allowed-expressions',
    elementId: 'review',
    apply: (xml) => replaceOnce(xml, 'name="承办部门审核"', 'name="&#36;&#123;execution.processEngine&#125;"'),
  },
  {
    name: 'a timer start event every second',
    rule: 'approval/resource-bounds',
    elementId: 'submitted',
    apply: (xml) =>
      replaceOnce(
        xml,
        '<bpmn:startEvent id="submitted" name="申请提交"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>',
        '<bpmn:startEvent id="submitted" name="申请提交"><bpmn:outgoing>f1</bpmn:outgoing><bpmn:timerEventDefinition id="storm"><bpmn:timeCycle xsi:type="bpmn:tFormalExpression">R/PT1S</bpmn:timeCycle></bpmn:timerEventDefinition></bpmn:startEvent>',
      ),
  },
  {
    name: 'a non-interrupting boundary timer repeating every second',
    rule: 'approval/resource-bounds',
    elementId: 'nag',
    apply: (xml) =>
      replaceOnce(
        xml,
        '<bpmn:eventBasedGateway id="awaiting"',
        '<bpmn:boundaryEvent id="nag" name="催" cancelActivity="false" attachedToRef="review"><bpmn:timerEventDefinition id="nag_timer"><bpmn:timeCycle xsi:type="bpmn:tFormalExpression">R/PT1S</bpmn:timeCycle></bpmn:timerEventDefinition></bpmn:boundaryEvent><bpmn:eventBasedGateway id="awaiting"',
      ),
  },
  {
    name: 'a repeating timer written as cron',
    rule: 'approval/resource-bounds',
    elementId: 'timeout',
    apply: (xml) =>
      replaceOnce(
        xml,
        '<bpmn:timeDuration xsi:type="bpmn:tFormalExpression">P5D</bpmn:timeDuration>',
        '<bpmn:timeCycle xsi:type="bpmn:tFormalExpression">0/1 * * * * ?</bpmn:timeCycle>',
      ),
  },
  {
    name: 'a repeating timer whose cycle comes from a variable',
    rule: 'approval/resource-bounds',
    elementId: 'timeout',
    apply: (xml) =>
      replaceOnce(
        xml,
        '<bpmn:timeDuration xsi:type="bpmn:tFormalExpression">P5D</bpmn:timeDuration>',
        '<bpmn:timeCycle xsi:type="bpmn:tFormalExpression">${cycle}</bpmn:timeCycle>',
      ),
  },
  {
    name: 'a multi-instance loop of 1,000,000',
    rule: 'approval/resource-bounds',
    elementId: 'review',
    apply: (xml) =>
      replaceOnce(
        xml,
        '<bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing></bpmn:userTask>',
        '<bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing><bpmn:multiInstanceLoopCharacteristics><bpmn:loopCardinality xsi:type="bpmn:tFormalExpression">1000000</bpmn:loopCardinality></bpmn:multiInstanceLoopCharacteristics></bpmn:userTask>',
      ),
  },
  {
    name: 'a multi-instance loop counted by a variable an applicant’s answer or form sets',
    rule: 'approval/resource-bounds',
    elementId: 'review',
    apply: (xml) => withLoop(xml, '<bpmn:loopCardinality xsi:type="bpmn:tFormalExpression">${copies}</bpmn:loopCardinality>'),
  },
  {
    name: 'a multi-instance loop counted by a reviewer count no assign-reviewers task writes',
    rule: 'approval/resource-bounds',
    elementId: 'review',
    apply: (xml) => withLoop(xml, '<bpmn:loopCardinality xsi:type="bpmn:tFormalExpression">${reviewReviewerCount}</bpmn:loopCardinality>'),
  },
  {
    name: 'a multi-instance count of 1,000,000 written as an expression',
    rule: 'approval/resource-bounds',
    elementId: 'review',
    apply: (xml) => withLoop(xml, '<bpmn:loopCardinality xsi:type="bpmn:tFormalExpression">${1000 * 1000}</bpmn:loopCardinality>'),
  },
  {
    name: 'a multi-instance loop over a collection variable',
    rule: 'approval/resource-bounds',
    elementId: 'review',
    apply: (xml) => withLoop(xml, '', 'camunda:collection="${people}" camunda:elementVariable="person"'),
  },
];

/** An entity expansion bomb (billion laughs): refused before parsing, like every DOCTYPE. */
export const withEntityBomb = (xml: string) =>
  xml.replace(
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>',
  );
