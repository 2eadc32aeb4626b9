import { INDICATORS, type IndicatorDefinition } from '../indicators.ts';
import { fieldProblem, type FieldProblem } from '../problems.ts';

/**
 * 监测预警规则 (server/supervision/monitoring-rules.ts, docs/problems.md): a rule watches one indicator
 * of each department over the last `days` days and raises a problem (问题闭环) for a department whose
 * figure is past the threshold: above it for an indicator where lower is better (超期办结率), below it
 * where higher is better (一次办率). A rate's or an average's figure counts only with at least
 * `minCases` in its denominator. The 数据局's leaders set them; PUT /supervision/monitoring-rules/{indicator}.
 */

/** The indicators a rule may watch: every case indicator (contract/indicators.ts). */
export const WATCHABLE = INDICATORS.map((i) => i.code);

export const RULE_DAYS = { min: 1, max: 92 } as const;
export const RULE_MIN_CASES = { min: 0, max: 100_000 } as const;

export interface MonitoringRuleBody {
  threshold: number;
  days: number;
  minCases: number;
  enabled: boolean;
}

export const monitoringRuleSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['threshold', 'days', 'minCases', 'enabled'],
  properties: {
    threshold: { type: 'number', minimum: 0, maximum: 1_000_000, title: '预警阈值', 'x-title-en': 'Threshold' },
    days: { type: 'integer', minimum: RULE_DAYS.min, maximum: RULE_DAYS.max, title: '统计天数', 'x-title-en': 'Days' },
    minCases: { type: 'integer', minimum: RULE_MIN_CASES.min, maximum: RULE_MIN_CASES.max, title: '最少件数', 'x-title-en': 'Fewest cases' },
    enabled: { type: 'boolean', title: '启用', 'x-title-en': 'Enabled' },
  },
} as const;

/** What the schema cannot say: a rate's threshold is a share, 0 to 1 (shown as a percentage). */
export function ruleProblems(def: Pick<IndicatorDefinition, 'kind'>, body: MonitoringRuleBody): FieldProblem[] {
  if (def.kind === 'rate' && body.threshold > 1)
    return [fieldProblem('threshold', '预警阈值：比率的阈值在 0% 到 100% 之间', 'threshold: a rate’s threshold is between 0% and 100%')];
  return [];
}

/** Whether a figure is past a rule's threshold: above it where lower is better, below it where higher is better. */
export const breaches = (def: Pick<IndicatorDefinition, 'higherIsBetter'>, value: number, threshold: number): boolean =>
  def.higherIsBetter ? value < threshold : value > threshold;
