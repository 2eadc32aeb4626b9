/** One finding about a BPMN file (the shape BPMN and DMN share: contract/model-problems.ts). */
export { hasErrors, problem, type Problem } from '../../contract/model-problems.ts';

/** Chinese for the rules of bpmnlint and the Camunda compatibility plug-in (one table with the browser's). */
export { LINT_MESSAGES_ZH } from '../../contract/bpmn/lint/messages-zh.ts';
