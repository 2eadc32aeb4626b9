import StaticResolver from 'bpmnlint/lib/resolver/static-resolver.js';
import recommended from 'bpmnlint/config/recommended.js';
import adHocSubProcess from 'bpmnlint/rules/ad-hoc-sub-process.js';
import conditionalFlows from 'bpmnlint/rules/conditional-flows.js';
import endEventRequired from 'bpmnlint/rules/end-event-required.js';
import eventBasedGateway from 'bpmnlint/rules/event-based-gateway.js';
import eventSubProcessTypedStartEvent from 'bpmnlint/rules/event-sub-process-typed-start-event.js';
import fakeJoin from 'bpmnlint/rules/fake-join.js';
import global from 'bpmnlint/rules/global.js';
import labelRequired from 'bpmnlint/rules/label-required.js';
import linkEvent from 'bpmnlint/rules/link-event.js';
import noBpmndi from 'bpmnlint/rules/no-bpmndi.js';
import noComplexGateway from 'bpmnlint/rules/no-complex-gateway.js';
import noDisconnected from 'bpmnlint/rules/no-disconnected.js';
import noDuplicateSequenceFlows from 'bpmnlint/rules/no-duplicate-sequence-flows.js';
import noGatewayJoinFork from 'bpmnlint/rules/no-gateway-join-fork.js';
import noImplicitSplit from 'bpmnlint/rules/no-implicit-split.js';
import noImplicitEnd from 'bpmnlint/rules/no-implicit-end.js';
import noImplicitStart from 'bpmnlint/rules/no-implicit-start.js';
import noInclusiveGateway from 'bpmnlint/rules/no-inclusive-gateway.js';
import noOverlappingElements from 'bpmnlint/rules/no-overlapping-elements.js';
import singleBlankStartEvent from 'bpmnlint/rules/single-blank-start-event.js';
import singleEventDefinition from 'bpmnlint/rules/single-event-definition.js';
import startEventRequired from 'bpmnlint/rules/start-event-required.js';
import subProcessBlankStartEvent from 'bpmnlint/rules/sub-process-blank-start-event.js';
import superfluousGateway from 'bpmnlint/rules/superfluous-gateway.js';
import superfluousLabel from 'bpmnlint/rules/superfluous-label.js';
import superfluousTermination from 'bpmnlint/rules/superfluous-termination.js';
import camundaCompat from 'bpmnlint-plugin-camunda-compat';
import historyTimeToLive from 'bpmnlint-plugin-camunda-compat/rules/camunda-platform/history-time-to-live.js';
import { PLUGIN_PACKAGE, staticRuleCache } from '../../../contract/bpmn/lint/index.ts';
import { LINT_MESSAGES_ZH } from '../../../contract/bpmn/lint/messages-zh.ts';
import type { LintConfigAnswer } from '../api/modeler.ts';

/**
 * Live lint in the browser (bpmn-js-bpmnlint): the same rules the server runs, resolved from a
 * static cache, as bpmnlint-pack-config would pack them: bpmnlint's recommended set, the Camunda
 * 7.24 compatibility set and our own rules (contract/bpmn/lint, bundled from the repository), configured
 * with GET /modeler/lint/config. POST /modeler/lint stays the authoritative answer (deploy runs it).
 *
 * bpmnlint's and camunda-compat's rules speak English, ours Chinese (with `en` beside): each
 * report is put into the UI's language here, the Chinese for bpmnlint's rules given per rule.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type RuleFactory = (config?: any) => any;

const BPMNLINT_RULES: Record<string, RuleFactory> = {
  'ad-hoc-sub-process': adHocSubProcess,
  'conditional-flows': conditionalFlows,
  'end-event-required': endEventRequired,
  'event-based-gateway': eventBasedGateway,
  'event-sub-process-typed-start-event': eventSubProcessTypedStartEvent,
  'fake-join': fakeJoin,
  global: global,
  'label-required': labelRequired,
  'link-event': linkEvent,
  'no-bpmndi': noBpmndi,
  'no-complex-gateway': noComplexGateway,
  'no-disconnected': noDisconnected,
  'no-duplicate-sequence-flows': noDuplicateSequenceFlows,
  'no-gateway-join-fork': noGatewayJoinFork,
  'no-implicit-split': noImplicitSplit,
  'no-implicit-end': noImplicitEnd,
  'no-implicit-start': noImplicitStart,
  'no-inclusive-gateway': noInclusiveGateway,
  'no-overlapping-elements': noOverlappingElements,
  'single-blank-start-event': singleBlankStartEvent,
  'single-event-definition': singleEventDefinition,
  'start-event-required': startEventRequired,
  'sub-process-blank-start-event': subProcessBlankStartEvent,
  'superfluous-gateway': superfluousGateway,
  'superfluous-label': superfluousLabel,
  'superfluous-termination': superfluousTermination,
};

interface Reporter {
  report(id: string, message: string, data?: Record<string, unknown>): void;
}

/** The rule with its reports in the UI's language. */
function localised(factory: RuleFactory, zh: string | undefined, english: () => boolean): RuleFactory {
  return (config?: unknown) => {
    const rule = factory(config);
    const check = rule.check;
    const inLanguage = (reporter: Reporter): Reporter => ({
      report(id, message, data) {
        const en = typeof data?.en === 'string' ? data.en : undefined;
        reporter.report(id, english() ? (en ?? message) : (zh ?? message), data);
      },
    });
    const wrapped =
      typeof check === 'function'
        ? (node: unknown, reporter: Reporter) => check(node, inLanguage(reporter))
        : {
            enter: check.enter && ((node: unknown, reporter: Reporter) => check.enter(node, inLanguage(reporter))),
            leave: check.leave && ((node: unknown, reporter: Reporter) => check.leave(node, inLanguage(reporter))),
          };
    return { ...rule, check: wrapped };
  };
}

/** bpmn-js-bpmnlint's linter configuration: { config, resolver }. */
export function browserLintConfig(answer: LintConfigAnswer, english: () => boolean) {
  const cache: Record<string, unknown> = {
    'config:bpmnlint/recommended': recommended,
    'config:bpmnlint-plugin-camunda-compat/camunda-platform-7-24': camundaCompat.configs['camunda-platform-7-24'],
    'rule:bpmnlint-plugin-camunda-compat/history-time-to-live': localised(historyTimeToLive, LINT_MESSAGES_ZH['camunda-compat/history-time-to-live'], english),
  };
  for (const [name, rule] of Object.entries(BPMNLINT_RULES)) cache[`rule:bpmnlint/${name}`] = localised(rule, LINT_MESSAGES_ZH[name], english);
  for (const [key, rule] of Object.entries(staticRuleCache())) {
    if (key.startsWith(`rule:${PLUGIN_PACKAGE}/`)) cache[key] = localised(rule as RuleFactory, undefined, english);
  }
  return { config: answer.config, resolver: new StaticResolver(cache) };
}
