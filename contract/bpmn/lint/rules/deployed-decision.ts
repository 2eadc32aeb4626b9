import { camundaAttr, is, type ModdleElement, type Reporter, type Rule } from '../moddle.ts';

export interface DeployedDecisionConfig {
  /** the keys of the decisions (DMN) deployed on the engine, asked of it when the lint runs */
  decisions: string[];
}

/**
 * approval/deployed-decision: a business rule task that evaluates a decision (not an external
 * task) names, by key, a decision deployed on the engine; the engine would fail the case at the
 * task otherwise. The platform deploys BPMN only, so unless an operator deployed a DMN file, no
 * decision is deployed and every such task is refused.
 */
export default function deployedDecision(config: DeployedDecisionConfig): Rule {
  const decisions = config?.decisions ?? [];
  const deployedZh = decisions.length ? `已部署的决策：${decisions.join('、')}` : '平台尚未部署任何决策（DMN）';
  const deployedEn = decisions.length ? `deployed decisions: ${decisions.join(', ')}` : 'no decision (DMN) is deployed on the platform';
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
      } else if (!decisions.includes(ref.trim())) {
        reporter.report(node.id, `业务规则任务引用的决策“${ref}”未部署；${deployedZh}`, {
          en: `The business rule task names decision "${ref}", which is not deployed; ${deployedEn}`,
        });
      }
    },
  };
}
