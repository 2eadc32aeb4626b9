import { camundaAttr, is, type ModdleElement, type Reporter, type Rule } from '../moddle.ts';
import { outcomeVariable } from '../../../topics.ts';

/** A decision deployed on the engine: its key, or its key with the variables its inputs read. */
export type DeployedDecisionRef = string | { key: string; reads: string[] };

export interface DeployedDecisionConfig {
  /** the decisions (DMN) deployed on the engine, asked of it when the lint runs */
  decisions: readonly DeployedDecisionRef[];
  /**
   * the variables a case has without the model setting them: the platform's (contract/topics.ts
   * VARIABLES) and the 办理情形 answers of the items; with the ones the model sets (a user task's
   * outcome, a business rule task's result, an input or output parameter), what a decision may read
   */
  variables?: readonly string[];
}

const keyOf = (d: DeployedDecisionRef) => (typeof d === 'string' ? d : d.key);

/** The process (or sub-process chain's process) an element is in. */
function processOf(node: ModdleElement): ModdleElement | undefined {
  let n: ModdleElement | undefined = node.$parent;
  while (n && !is(n, 'bpmn:Process')) n = n.$parent;
  return n;
}

/** The variables a model sets: outcomes of its user tasks, results of its rule tasks, its input/output parameters and call activities' outs. */
function variablesSetIn(container: ModdleElement, into: Set<string>): Set<string> {
  for (const element of (container.get('flowElements') as ModdleElement[] | undefined) ?? []) {
    if (is(element, 'bpmn:UserTask') && element.id) into.add(outcomeVariable(element.id));
    const result = camundaAttr(element, 'resultVariable');
    if (result) into.add(result.trim());
    for (const ext of ((element.get('extensionElements') as ModdleElement | undefined)?.get('values') as ModdleElement[] | undefined) ?? []) {
      if (is(ext, 'camunda:InputOutput')) {
        for (const p of [...((ext.get('inputParameters') as ModdleElement[]) ?? []), ...((ext.get('outputParameters') as ModdleElement[]) ?? [])]) {
          const name = p.get('name');
          if (typeof name === 'string') into.add(name);
        }
      }
      if (is(ext, 'camunda:Out')) {
        const target = ext.get('target');
        if (typeof target === 'string') into.add(target);
      }
    }
    if (is(element, 'bpmn:SubProcess')) variablesSetIn(element, into);
  }
  return into;
}

/**
 * approval/deployed-decision: a business rule task that evaluates a decision (not an external
 * task) names, by key, a decision deployed on the engine; the engine would fail the case at the
 * task otherwise. Where the decision's inputs are known, each variable they read must be one a case
 * of the process has: the platform's, an item's situation answer, or one the model sets; a table
 * reading a variable nobody sets would decide on nothing (FEEL reads it as null).
 */
export default function deployedDecision(config: DeployedDecisionConfig): Rule {
  const decisions = config?.decisions ?? [];
  const keys = decisions.map(keyOf);
  const deployedZh = keys.length ? `已部署的决策：${keys.join('、')}` : '平台尚未部署任何决策（DMN）';
  const deployedEn = keys.length ? `deployed decisions: ${keys.join(', ')}` : 'no decision (DMN) is deployed on the platform';
  return {
    check(node: ModdleElement, reporter: Reporter) {
      if (!is(node, 'bpmn:BusinessRuleTask') || camundaAttr(node, 'type') === 'external') return;
      // a Java class or expression instead is approval/no-java-delegate's to refuse
      if (camundaAttr(node, 'class') || camundaAttr(node, 'delegateExpression') || camundaAttr(node, 'expression')) return;
      const ref = camundaAttr(node, 'decisionRef');
      if (!ref) {
        reporter.report(node.id, `业务规则任务没有引用已部署的决策（decisionRef）；${deployedZh}`, {
          en: `The business rule task names no deployed decision (decisionRef); ${deployedEn}`,
        });
        return;
      }
      const decision = decisions.find((d) => keyOf(d) === ref.trim());
      if (decision === undefined) {
        reporter.report(node.id, `业务规则任务引用的决策“${ref}”未部署；${deployedZh}`, {
          en: `The business rule task names decision "${ref}", which is not deployed; ${deployedEn}`,
        });
        return;
      }
      if (typeof decision === 'string' || !config.variables) return;
      const process = processOf(node);
      const known = new Set([...config.variables, ...(process ? variablesSetIn(process, new Set()) : [])]);
      const missing = decision.reads.filter((v) => !known.has(v));
      if (missing.length) {
        reporter.report(node.id, `业务规则任务引用的决策“${ref}”读取流程中没有的变量：${missing.join('、')}`, {
          en: `The business rule task's decision "${ref}" reads variables the process does not have: ${missing.join(', ')}`,
        });
      }
    },
  };
}
