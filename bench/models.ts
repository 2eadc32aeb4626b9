/**
 * The benchmark's own processes, generated so that the external-task and the in-engine variants
 * differ only in how each step is executed.
 */
const NS = 'xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn"';

function chain(key: string, steps: string[]): string {
  const ids = ['start', ...steps.map((_, i) => `step${i + 1}`), 'end'];
  const flows = ids.slice(1).map((id, i) => `<bpmn:sequenceFlow id="f${i}" sourceRef="${ids[i]}" targetRef="${id}" />`);
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions ${NS} id="defs_${key}" targetNamespace="http://approval.gov.cn/bench">
  <bpmn:process id="${key}" isExecutable="true" camunda:historyTimeToLive="1">
    <bpmn:startEvent id="start" />
    ${steps.join('\n    ')}
    <bpmn:endEvent id="end" />
    ${flows.join('\n    ')}
  </bpmn:process>
</bpmn:definitions>`;
}

export const HANDOFF_TOPIC = 'bench-handoff';
export const STEP_TOPIC = 'bench-step';

/** One external task on a topic. */
export const oneExternalStep = (key: string, topic: string) => chain(key, [`<bpmn:serviceTask id="step1" camunda:type="external" camunda:topic="${topic}" />`]);

/** One external task: the hand-off latency probe. */
export const handoffProcess = (key: string) => oneExternalStep(key, HANDOFF_TOPIC);

/** Five steps done by external-task workers. */
export const fiveExternalSteps = (key: string) =>
  chain(
    key,
    [1, 2, 3, 4, 5].map((i) => `<bpmn:serviceTask id="step${i}" camunda:type="external" camunda:topic="${STEP_TOPIC}" />`),
  );

/** The same five steps as in-engine expressions: the baseline. */
export const fiveExpressionSteps = (key: string) =>
  chain(
    key,
    [1, 2, 3, 4, 5].map((i) => `<bpmn:serviceTask id="step${i}" camunda:expression="\${true}" />`),
  );
