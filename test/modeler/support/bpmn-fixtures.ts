/**
 * BPMN for the modeler's tests: a small item process built from the element templates the server
 * hands out (as the browser would apply them), with a diagram, and variants that each break one
 * rule of the deployment policy.
 */
export interface Template {
  id: string;
  properties: { type: string; value?: string | boolean; binding: { type: string; name: string } }[];
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/** The attributes and extension elements a template sets on its element (Hidden and default values). */
function applyTemplate(templates: Template[], id: string): { attributes: string; extension: string } {
  const template = templates.find((t) => t.id === id);
  if (!template) throw new Error(`no template ${id}`);
  const attributes: string[] = [];
  const inputs: string[] = [];
  for (const p of template.properties) {
    if (p.value === undefined || p.binding.name === 'name') continue;
    if (p.binding.type === 'property') attributes.push(`${p.binding.name}="${esc(String(p.value))}"`);
    if (p.binding.type === 'camunda:inputParameter')
      inputs.push(`<camunda:inputParameter name="${p.binding.name}">${esc(String(p.value))}</camunda:inputParameter>`);
  }
  const extension = inputs.length ? `<bpmn:extensionElements><camunda:inputOutput>${inputs.join('')}</camunda:inputOutput></bpmn:extensionElements>` : '';
  return { attributes: attributes.join(' '), extension };
}

const shape = (id: string, x: number, y: number, w: number, h: number) =>
  `<bpmndi:BPMNShape id="${id}_di" bpmnElement="${id}"><dc:Bounds x="${x}" y="${y}" width="${w}" height="${h}" /></bpmndi:BPMNShape>`;
const edge = (id: string, points: [number, number][]) =>
  `<bpmndi:BPMNEdge id="${id}_di" bpmnElement="${id}">${points.map(([x, y]) => `<di:waypoint x="${x}" y="${y}" />`).join('')}</bpmndi:BPMNEdge>`;

/**
 * 申请提交 → 承办部门审核 (user task template) → 等待补齐材料 (event-based gateway: message, or the
 * timer after five days) → 告知 (notify template, notice approved) → 办结; the timer ends in 逾期终止.
 */
export function cleanItemProcess(processKey: string, templates: Template[]): string {
  const review = applyTemplate(templates, 'gov.approval.user-task.case-department.reviewer');
  const notify = applyTemplate(templates, 'gov.approval.topic.notify');
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:di="http://www.omg.org/spec/DD/20100524/DI" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" id="Definitions_modeler_test" targetNamespace="http://approval.gov.cn/processes" exporter="approval-platform tests" exporterVersion="1">
  <bpmn:message id="Message_Supplied" name="DeficiencySupplied" />
  <bpmn:process id="${processKey}" name="建模器测试事项" isExecutable="true" camunda:historyTimeToLive="180">
    <bpmn:startEvent id="submitted" name="申请提交"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:userTask id="review" name="承办部门审核" ${review.attributes}>${review.extension}<bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing></bpmn:userTask>
    <bpmn:eventBasedGateway id="awaiting" name="等待补齐材料"><bpmn:incoming>f2</bpmn:incoming><bpmn:outgoing>f3</bpmn:outgoing><bpmn:outgoing>f4</bpmn:outgoing></bpmn:eventBasedGateway>
    <bpmn:intermediateCatchEvent id="supplied" name="材料已补齐"><bpmn:incoming>f3</bpmn:incoming><bpmn:outgoing>f5</bpmn:outgoing><bpmn:messageEventDefinition id="supplied_message" messageRef="Message_Supplied" /></bpmn:intermediateCatchEvent>
    <bpmn:intermediateCatchEvent id="timeout" name="补齐期限届满"><bpmn:incoming>f4</bpmn:incoming><bpmn:outgoing>f6</bpmn:outgoing><bpmn:timerEventDefinition id="timeout_timer"><bpmn:timeDuration xsi:type="bpmn:tFormalExpression">P5D</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
    <bpmn:serviceTask id="notify_approved" name="告知" ${notify.attributes}>${notify.extension}<bpmn:incoming>f5</bpmn:incoming><bpmn:outgoing>f7</bpmn:outgoing></bpmn:serviceTask>
    <bpmn:endEvent id="ended" name="办结"><bpmn:incoming>f7</bpmn:incoming></bpmn:endEvent>
    <bpmn:endEvent id="ended_timeout" name="逾期终止"><bpmn:incoming>f6</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="submitted" targetRef="review" />
    <bpmn:sequenceFlow id="f2" sourceRef="review" targetRef="awaiting" />
    <bpmn:sequenceFlow id="f3" sourceRef="awaiting" targetRef="supplied" />
    <bpmn:sequenceFlow id="f4" sourceRef="awaiting" targetRef="timeout" />
    <bpmn:sequenceFlow id="f5" sourceRef="supplied" targetRef="notify_approved" />
    <bpmn:sequenceFlow id="f6" sourceRef="timeout" targetRef="ended_timeout" />
    <bpmn:sequenceFlow id="f7" sourceRef="notify_approved" targetRef="ended" />
  </bpmn:process>
  <bpmndi:BPMNDiagram id="Diagram_modeler_test">
    <bpmndi:BPMNPlane id="Plane_modeler_test" bpmnElement="${processKey}">
      ${shape('submitted', 100, 82, 36, 36)}${shape('review', 190, 60, 100, 80)}${shape('awaiting', 345, 75, 50, 50)}
      ${shape('supplied', 452, 82, 36, 36)}${shape('timeout', 452, 202, 36, 36)}${shape('notify_approved', 540, 60, 100, 80)}
      ${shape('ended', 702, 82, 36, 36)}${shape('ended_timeout', 702, 202, 36, 36)}
      ${edge('f1', [
        [136, 100],
        [190, 100],
      ])}${edge('f2', [
        [290, 100],
        [345, 100],
      ])}${edge('f3', [
        [395, 100],
        [452, 100],
      ])}
      ${edge('f4', [
        [370, 125],
        [370, 220],
        [452, 220],
      ])}${edge('f5', [
        [488, 100],
        [540, 100],
      ])}${edge('f6', [
        [488, 220],
        [702, 220],
      ])}
      ${edge('f7', [
        [640, 100],
        [702, 100],
      ])}
    </bpmndi:BPMNPlane>
  </bpmndi:BPMNDiagram>
</bpmn:definitions>
`;
}

const NOTIFY_TASK = /<bpmn:serviceTask id="notify_approved"[\s\S]*?<\/bpmn:serviceTask>/;

export function replaceOnce(xml: string, find: string | RegExp, replacement: string): string {
  const changed = xml.replace(find, replacement);
  if (changed === xml) throw new Error(`fixture variant did not apply: ${find}`);
  return changed;
}

/** Each breaks one rule; `elementId` is the element the refusal must name (undefined: the file). */
export const VIOLATIONS: { name: string; rule: string; elementId?: string; apply(xml: string): string }[] = [
  {
    name: 'a script task',
    rule: 'approval/no-script-task',
    elementId: 'notify_approved',
    apply: (xml) =>
      replaceOnce(
        xml,
        NOTIFY_TASK,
        `<bpmn:scriptTask id="notify_approved" name="告知" scriptFormat="javascript"><bpmn:incoming>f5</bpmn:incoming><bpmn:outgoing>f7</bpmn:outgoing><bpmn:script>java.lang.Runtime.getRuntime().exec('id')</bpmn:script></bpmn:scriptTask>`,
      ),
  },
  {
    name: 'a Java class delegate',
    rule: 'approval/no-java-delegate',
    elementId: 'notify_approved',
    apply: (xml) => replaceOnce(xml, 'camunda:type="external" camunda:topic="notify"', 'camunda:class="org.example.Evil"'),
  },
  {
    name: 'a bean delegate on an execution listener',
    rule: 'approval/no-java-delegate',
    elementId: 'review',
    apply: (xml) =>
      replaceOnce(
        xml,
        '<bpmn:incoming>f1</bpmn:incoming>',
        '<bpmn:extensionElements><camunda:executionListener event="start" delegateExpression="${runtimeService}" /></bpmn:extensionElements><bpmn:incoming>f1</bpmn:incoming>',
      ),
  },
  {
    name: 'an expression that calls a method',
    rule: 'approval/allowed-expressions',
    elementId: 'timeout',
    apply: (xml) =>
      replaceOnce(xml, '>P5D<', ">${execution.getProcessEngineServices().getRuntimeService().deleteProcessInstance(execution.processInstanceId, 'x')}<"),
  },
  {
    name: 'an unknown topic',
    rule: 'approval/known-topic',
    elementId: 'notify_approved',
    apply: (xml) => replaceOnce(xml, 'camunda:topic="notify"', 'camunda:topic="stamp-it"'),
  },
  {
    name: 'a user task without a candidate group',
    rule: 'approval/user-task-candidate-group',
    elementId: 'review',
    apply: (xml) => replaceOnce(xml, /camunda:candidateGroups="[^"]*"/, ''),
  },
  {
    name: 'a candidate group that does not exist',
    rule: 'approval/user-task-candidate-group',
    elementId: 'review',
    apply: (xml) => replaceOnce(xml, /camunda:candidateGroups="[^"]*"/, 'camunda:candidateGroups="nowhere:reviewer"'),
  },
  {
    name: 'a message wait without a timeout',
    rule: 'approval/wait-has-timeout',
    elementId: 'awaiting',
    apply: (xml) =>
      replaceOnce(
        xml,
        /<bpmn:timerEventDefinition id="timeout_timer">[\s\S]*?<\/bpmn:timerEventDefinition>/,
        '<bpmn:messageEventDefinition id="timeout_timer" messageRef="Message_Supplied" />',
      ),
  },
  {
    name: 'a form loaded from an outside address',
    rule: 'approval/no-external-resource',
    elementId: 'review',
    apply: (xml) => replaceOnce(xml, 'name="承办部门审核"', 'name="承办部门审核" camunda:formKey="https://evil.example/form.html"'),
  },
  {
    name: 'an imported external file',
    rule: 'approval/no-external-resource',
    elementId: 'Definitions_modeler_test',
    apply: (xml) =>
      replaceOnce(
        xml,
        '<bpmn:message id="Message_Supplied"',
        '<bpmn:import importType="http://www.w3.org/2001/XMLSchema" location="http://evil.example/types.xsd" namespace="http://evil.example/types" /><bpmn:message id="Message_Supplied"',
      ),
  },
  {
    name: 'a notice no worker knows',
    rule: 'approval/known-notice',
    elementId: 'notify_approved',
    apply: (xml) => replaceOnce(xml, '<camunda:inputParameter name="notice">approved<', '<camunda:inputParameter name="notice">approve<'),
  },
  {
    name: 'a business rule task naming no deployed decision',
    rule: 'approval/deployed-decision',
    elementId: 'notify_approved',
    apply: (xml) =>
      replaceOnce(
        xml,
        NOTIFY_TASK,
        '<bpmn:businessRuleTask id="notify_approved" name="收费规则" camunda:decisionRef="fee_rules"><bpmn:incoming>f5</bpmn:incoming><bpmn:outgoing>f7</bpmn:outgoing></bpmn:businessRuleTask>',
      ),
  },
  {
    name: 'a 会签 assign task whose step is no multi-instance user task',
    rule: 'approval/review-step',
    elementId: 'notify_approved',
    apply: (xml) =>
      replaceOnce(
        xml,
        NOTIFY_TASK,
        '<bpmn:serviceTask id="notify_approved" name="确定会签人员" camunda:type="external" camunda:topic="assign-reviewers"><bpmn:extensionElements><camunda:inputOutput><camunda:inputParameter name="step">review</camunda:inputParameter><camunda:inputParameter name="reviewGroup">${departmentCode}:reviewer</camunda:inputParameter><camunda:inputParameter name="reviewRule">countersign</camunda:inputParameter></camunda:inputOutput></bpmn:extensionElements><bpmn:incoming>f5</bpmn:incoming><bpmn:outgoing>f7</bpmn:outgoing></bpmn:serviceTask>',
      ),
  },
  {
    name: 'the Activiti namespace (which Camunda executes like its own)',
    rule: 'policy/engine-namespace',
    apply: (xml) =>
      replaceOnce(
        replaceOnce(xml, 'xmlns:xsi=', 'xmlns:activiti="&#104;ttp://activiti.org/bpmn" xmlns:xsi='),
        'name="告知"',
        'name="告知" activiti:class="org.example.Evil"',
      ),
  },
];

/** A DOCTYPE with an external entity used in a name (XXE). */
export const withXxe = (xml: string) =>
  replaceOnce(
    replaceOnce(
      xml,
      '<?xml version="1.0" encoding="UTF-8"?>',
      '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE definitions [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>',
    ),
    'name="申请提交"',
    'name="&xxe;"',
  );

/** The same process, padded with a comment to just over 2 MB. */
export const oversized = (xml: string) => xml.replace('</bpmn:definitions>', `<!-- ${'x'.repeat(2 * 1024 * 1024)} -->\n</bpmn:definitions>`);
