/** XML attribute text: & < > " escaped. */
const attr = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * A new draft's diagram: start → a user task from a template (市场监督管理局审核, candidate group
 * samr:reviewer bound by the template) → end; executable, its id the process key.
 */
export function newDiagram(processKey: string, name: string, labels: { start: string; end: string }): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:di="http://www.omg.org/spec/DD/20100524/DI" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="Definitions_${attr(processKey)}" targetNamespace="http://bpmn.io/schema/bpmn">
  <bpmn:process id="${attr(processKey)}" name="${attr(name)}" isExecutable="true" camunda:historyTimeToLive="P3650D">
    <bpmn:startEvent id="start" name="${attr(labels.start)}">
      <bpmn:outgoing>flow_start_review</bpmn:outgoing>
    </bpmn:startEvent>
    <bpmn:userTask id="review" name="市场监督管理局审核" camunda:modelerTemplate="gov.approval.user-task.samr.reviewer" camunda:modelerTemplateVersion="1" camunda:candidateGroups="samr:reviewer">
      <bpmn:incoming>flow_start_review</bpmn:incoming>
      <bpmn:outgoing>flow_review_end</bpmn:outgoing>
    </bpmn:userTask>
    <bpmn:endEvent id="end" name="${attr(labels.end)}">
      <bpmn:incoming>flow_review_end</bpmn:incoming>
    </bpmn:endEvent>
    <bpmn:sequenceFlow id="flow_start_review" sourceRef="start" targetRef="review" />
    <bpmn:sequenceFlow id="flow_review_end" sourceRef="review" targetRef="end" />
  </bpmn:process>
  <bpmndi:BPMNDiagram id="diagram">
    <bpmndi:BPMNPlane id="plane" bpmnElement="${attr(processKey)}">
      <bpmndi:BPMNShape id="start_di" bpmnElement="start"><dc:Bounds x="160" y="182" width="36" height="36" /><bpmndi:BPMNLabel><dc:Bounds x="166" y="225" width="24" height="14" /></bpmndi:BPMNLabel></bpmndi:BPMNShape>
      <bpmndi:BPMNShape id="review_di" bpmnElement="review"><dc:Bounds x="280" y="160" width="100" height="80" /></bpmndi:BPMNShape>
      <bpmndi:BPMNShape id="end_di" bpmnElement="end"><dc:Bounds x="900" y="182" width="36" height="36" /><bpmndi:BPMNLabel><dc:Bounds x="906" y="225" width="24" height="14" /></bpmndi:BPMNLabel></bpmndi:BPMNShape>
      <bpmndi:BPMNEdge id="flow_start_review_di" bpmnElement="flow_start_review"><di:waypoint x="196" y="200" /><di:waypoint x="280" y="200" /></bpmndi:BPMNEdge>
      <bpmndi:BPMNEdge id="flow_review_end_di" bpmnElement="flow_review_end"><di:waypoint x="380" y="200" /><di:waypoint x="900" y="200" /></bpmndi:BPMNEdge>
    </bpmndi:BPMNPlane>
  </bpmndi:BPMNDiagram>
</bpmn:definitions>
`;
}

/** The id of the file's first executable process (else its first process): the draft's process key. */
export function processKeyOf(xml: string): string | null {
  const doc = new DOMParser().parseFromString(xml, 'application/xml');
  const processes = Array.from(doc.getElementsByTagNameNS('http://www.omg.org/spec/BPMN/20100524/MODEL', 'process'));
  const chosen = processes.find((p) => p.getAttribute('isExecutable') === 'true') ?? processes[0];
  return chosen?.getAttribute('id') ?? null;
}
