import { createRequire } from 'node:module';
import { Linter, type LintReport, type Resolver } from 'bpmnlint';
import NodeResolver from 'bpmnlint/lib/resolver/node-resolver.js';
import { ALL_TOPICS, NOTICES, VARIABLES } from '../../contract/topics.ts';
import { DEPARTMENTS } from '../organization/index.ts';
import {
  DEFAULT_POLICY_BOUNDS,
  lintConfig,
  PLUGIN_PACKAGE,
  rules,
  type ApprovalRuleSettings,
  type DeployedDecisionRef,
  type LintConfig,
  type PolicyBounds,
} from '../../contract/bpmn/lint/index.ts';
import type { ModdleElement } from '../../contract/bpmn/lint/moddle.ts';
import { LINT_MESSAGES_ZH, type Problem } from './problems.ts';
import { ROLES } from '../auth/index.ts';

/** Roles a task can be offered to (applicants have no department; the audit administrator reads the trail only). */
const TASK_ROLES = ROLES.filter((r) => r !== 'applicant' && r !== 'auditor');

/**
 * What our rules check against: the topics, the groups the departments and roles make, the
 * notices, the resource bounds and the decisions deployed on the engine (deployedDecisions).
 */
export function platformRuleSettings(bounds: PolicyBounds = DEFAULT_POLICY_BOUNDS, decisions: readonly DeployedDecisionRef[] = []): ApprovalRuleSettings {
  return {
    bounds,
    notices: Object.keys(NOTICES),
    decisions: [...decisions],
    // what a case has before the model sets anything (the items' situation answers are taken out of a decision's reads: ./deployed-decisions.ts)
    variables: Object.values(VARIABLES),
    topics: [...ALL_TOPICS],
    groups: DEPARTMENTS.flatMap((d) => TASK_ROLES.map((role) => `${d.code}:${role}`)),
    roles: [...TASK_ROLES],
    departmentVariable: VARIABLES.departmentCode,
  };
}

export const platformLintConfig = (bounds: PolicyBounds = DEFAULT_POLICY_BOUNDS, decisions: readonly DeployedDecisionRef[] = []): LintConfig =>
  lintConfig(platformRuleSettings(bounds, decisions));

/** bpmnlint and the compatibility plug-in from node_modules; ours from contract/bpmn/lint. */
class PlatformResolver implements Resolver {
  private readonly node = new NodeResolver({ require: createRequire(import.meta.url) });

  resolveRule(pkg: string, ruleName: string): unknown {
    if (pkg !== PLUGIN_PACKAGE) return this.node.resolveRule(pkg, ruleName);
    const rule = rules[ruleName];
    if (!rule) throw new Error(`unknown rule <${ruleName}> of ${PLUGIN_PACKAGE}`);
    return rule;
  }

  resolveConfig(pkg: string, configName: string): unknown {
    return this.node.resolveConfig(pkg, configName);
  }
}

const resolver = new PlatformResolver();

const SEVERITY: Record<LintReport['category'], Problem['severity']> = { error: 'error', 'rule-error': 'error', warn: 'warning', info: 'info' };

/** Lints parsed definitions with the platform's configuration; `decisions` are the keys deployed on the engine. */
export async function lintDefinitions(
  definitions: ModdleElement,
  bounds: PolicyBounds = DEFAULT_POLICY_BOUNDS,
  decisions: readonly DeployedDecisionRef[] = [],
): Promise<Problem[]> {
  // a new Linter each time: rules keep state between the nodes of one run (no-duplicate-sequence-flows)
  const linter = new Linter({ config: platformLintConfig(bounds, decisions), resolver });
  const results = await linter.lint(definitions);
  return Object.entries(results).flatMap(([rule, reports]) =>
    reports.map((report): Problem => {
      const ours = typeof report.en === 'string';
      return {
        ...(report.id ? { elementId: report.id } : {}),
        rule,
        message: ours ? report.message : (LINT_MESSAGES_ZH[rule] ?? report.message),
        en: ours ? (report.en as string) : report.message,
        severity: SEVERITY[report.category] ?? 'error',
      };
    }),
  );
}
