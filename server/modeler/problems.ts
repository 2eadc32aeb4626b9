/** One finding about a BPMN file, shown on the diagram at elementId (when there is one). */
export interface Problem {
  elementId?: string;
  /** the bpmnlint rule (e.g. "approval/known-topic", "label-required") or "policy/…", "parse/…", "deploy/…" */
  rule: string;
  /** zh-CN, the UI's language */
  message: string;
  en: string;
  severity: 'error' | 'warning' | 'info';
}

export const problem = (rule: string, message: string, en: string, elementId?: string, severity: Problem['severity'] = 'error'): Problem => ({
  ...(elementId ? { elementId } : {}),
  rule,
  message,
  en,
  severity,
});

export const hasErrors = (problems: Problem[]): boolean => problems.some((p) => p.severity === 'error');

/** Chinese for the rules of bpmnlint and the Camunda compatibility plug-in (one table with the browser's). */
export { LINT_MESSAGES_ZH } from '../../contract/bpmn/lint/messages-zh.ts';
