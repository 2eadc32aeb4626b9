/**
 * The rules that keep an upload from reaching the engine's internals or exhausting it. A refusal
 * lists their findings first (each naming its rule and element), before the diagram's problems,
 * on the server and in the browser's live lint alike.
 */
export const SECURITY_RULES: readonly string[] = [
  'policy/size-limit',
  'policy/no-doctype',
  'policy/no-xinclude',
  'policy/engine-namespace',
  'approval/no-script-task',
  'approval/no-java-delegate',
  'approval/allowed-expressions',
  'approval/no-external-resource',
  'approval/resource-bounds',
];

export const isSecurityRule = (rule: string): boolean => SECURITY_RULES.includes(rule);

/** The same findings, the security rules' first, each group in its own order. */
export function securityFirst<T extends { rule: string }>(problems: readonly T[]): T[] {
  return [...problems.filter((p) => isSecurityRule(p.rule)), ...problems.filter((p) => !isSecurityRule(p.rule))];
}
