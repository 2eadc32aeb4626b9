/**
 * One finding about a model file (BPMN or DMN), shown on the diagram or the table at elementId
 * (when there is one): what the server's deployment policy refuses and the editors' live checks show.
 */
export interface Problem {
  elementId?: string;
  /** the rule (e.g. "approval/known-topic", "label-required", "dmn/feel-only") or "policy/…", "parse/…", "deploy/…" */
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
