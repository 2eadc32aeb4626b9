import noScriptTask from './rules/no-script-task.ts';
import noJavaDelegate from './rules/no-java-delegate.ts';
import allowedExpressions from './rules/allowed-expressions.ts';
import noExternalResource from './rules/no-external-resource.ts';
import knownTopic, { type KnownTopicConfig } from './rules/known-topic.ts';
import userTaskCandidateGroup, { type CandidateGroupConfig } from './rules/user-task-candidate-group.ts';
import waitHasTimeout from './rules/wait-has-timeout.ts';
import resourceBounds, { DEFAULT_POLICY_BOUNDS, type PolicyBounds } from './rules/resource-bounds.ts';
import reviewStep from './rules/review-step.ts';
import knownNotice, { type KnownNoticeConfig } from './rules/known-notice.ts';
import deployedDecision, { type DeployedDecisionConfig, type DeployedDecisionRef } from './rules/deployed-decision.ts';

export type { DeployedDecisionRef };

export { DEFAULT_POLICY_BOUNDS, type PolicyBounds };

/**
 * bpmnlint-plugin-approval: our own rules, as a bpmnlint plug-in kept in the repository. Rules
 * take what they check against (topics, groups) from their configuration, never from the
 * server, so the browser can bundle these files with the configuration the server hands out
 * (GET /api/v1/modeler/lint/config).
 */
export const PLUGIN_NAME = 'approval';
export const PLUGIN_PACKAGE = `bpmnlint-plugin-${PLUGIN_NAME}`;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const rules: Record<string, (config: any) => unknown> = {
  'no-script-task': noScriptTask,
  'no-java-delegate': noJavaDelegate,
  'allowed-expressions': allowedExpressions,
  'no-external-resource': noExternalResource,
  'known-topic': knownTopic,
  'user-task-candidate-group': userTaskCandidateGroup,
  'wait-has-timeout': waitHasTimeout,
  'resource-bounds': resourceBounds,
  'review-step': reviewStep,
  'known-notice': knownNotice,
  'deployed-decision': deployedDecision,
};

export type ApprovalRuleSettings = KnownTopicConfig & CandidateGroupConfig & KnownNoticeConfig & DeployedDecisionConfig & { bounds: PolicyBounds };

type RuleValue = 'off' | 'info' | 'warn' | 'error' | [string, unknown];

export interface LintConfig {
  extends: string[];
  rules: Record<string, RuleValue>;
}

/**
 * The platform's bpmnlint configuration: bpmnlint's recommended rules (a few lowered to warnings,
 * see docs/modeler.md), the Camunda 7.24 compatibility rules, and all of ours as errors.
 */
export function lintConfig(settings: ApprovalRuleSettings): LintConfig {
  const withTopics: RuleValue = ['error', { topics: settings.topics }];
  const withGroups: RuleValue = ['error', { groups: settings.groups, roles: settings.roles, departmentVariable: settings.departmentVariable }];
  return {
    extends: ['bpmnlint:recommended', 'plugin:camunda-compat/camunda-platform-7-24'],
    rules: {
      // a label helps people; its absence never breaks a case
      'label-required': 'warn',
      // an exclusive gateway that joins and splits runs correctly on Camunda 7; the shipped processes use it
      'no-gateway-join-fork': 'warn',
      // 'no-bpmndi' stays an error: an element without a shape cannot be shown or marked
      [`${PLUGIN_NAME}/no-script-task`]: 'error',
      [`${PLUGIN_NAME}/no-java-delegate`]: 'error',
      [`${PLUGIN_NAME}/allowed-expressions`]: 'error',
      [`${PLUGIN_NAME}/no-external-resource`]: 'error',
      [`${PLUGIN_NAME}/known-topic`]: withTopics,
      [`${PLUGIN_NAME}/user-task-candidate-group`]: withGroups,
      [`${PLUGIN_NAME}/wait-has-timeout`]: 'error',
      [`${PLUGIN_NAME}/resource-bounds`]: ['error', settings.bounds],
      [`${PLUGIN_NAME}/review-step`]: 'error',
      [`${PLUGIN_NAME}/known-notice`]: ['error', { notices: settings.notices }],
      [`${PLUGIN_NAME}/deployed-decision`]: ['error', { decisions: settings.decisions, variables: settings.variables }],
    },
  };
}

/**
 * Our rules as entries of bpmnlint's StaticResolver cache (the shape bpmnlint-pack-config makes),
 * for the browser: merge them with the packed bpmnlint and camunda-compat rules.
 */
export const staticRuleCache = (): Record<string, unknown> =>
  Object.fromEntries(Object.entries(rules).map(([name, rule]) => [`rule:${PLUGIN_PACKAGE}/${name}`, rule]));
