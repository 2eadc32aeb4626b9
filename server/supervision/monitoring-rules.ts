import type { AppContext } from '../context.ts';
import { repeatEvery } from '../scheduling/repeat.ts';
import { shanghaiDay } from '../calendar/index.ts';
import { raiseRuleProblem } from '../problems/index.ts';
import { indicators } from './indicators.service.ts';

/**
 * 监测预警 (问题闭环's third source): rules over the indicators that raise a problem for a department
 * (server/problems), once while it is not closed. The figures are the read model's (indicators()
 * over the counters), never a count over the cases.
 *
 * 超期办结率: a department whose cases closed over the last `days` days were late (closed after the
 * statutory due time) more often than `threshold`, with at least `minFinished` cases closed (a
 * department with two cases, one late, is not yet a pattern).
 */
export interface OverdueRule {
  days: number;
  threshold: number;
  minFinished: number;
}
export const OVERDUE_RATE_RULE: OverdueRule = { days: 30, threshold: 0.1, minFinished: 5 };

const percent = (v: number) => `${(Math.round(v * 1000) / 10).toFixed(1)}%`;

/** One round of the rules: the problems raised (their ids). `now` and the rule's settings: tests pass others. */
export async function runMonitoringRules(
  ctx: Pick<AppContext, 'sequelize' | 'logger' | 'config'>,
  { now = new Date(), rule = OVERDUE_RATE_RULE }: { now?: Date; rule?: OverdueRule } = {},
): Promise<number[]> {
  const period = { from: shanghaiDay(new Date(now.getTime() - (rule.days - 1) * 86_400_000)), to: shanghaiDay(now) };
  const regionCode = ctx.config.regionCode;
  const figures = await indicators(ctx.sequelize, period, { regionCode }, 'department', 'zh-CN');
  const raised: number[] = [];
  for (const group of figures.groups) {
    const finished = group.counts.finished ?? 0;
    const overdue = group.counts.overdue ?? 0;
    if (!group.key || finished < rule.minFinished || overdue / finished <= rule.threshold) continue;
    const id = await raiseRuleProblem(
      ctx.sequelize,
      {
        rule: 'overdue_rate',
        departmentCode: group.key,
        regionCode,
        title: `超期办结率偏高：${group.name}`,
        description:
          `近 ${rule.days} 日（${period.from} 至 ${period.to}）办结 ${finished} 件，其中超期办结 ${overdue} 件，` +
          `超期办结率 ${percent(overdue / finished)}，高于预警阈值 ${percent(rule.threshold)}。请分析超期原因，提出并落实整改措施。`,
        dueDays: ctx.config.problemDueWorkingDays,
      },
      now,
    );
    if (id !== null) raised.push(id);
  }
  if (raised.length) ctx.logger.info({ raised }, 'monitoring rules: problems raised');
  return raised;
}

/** The rules' schedule: every DEADLINE_SWEEP_INTERVAL_MS (0: never), on one node at a time (the lease `monitoring rules`). */
export function watchMonitoringRules(ctx: AppContext): () => Promise<void> {
  return repeatEvery(ctx.config.deadlineSweepIntervalMs, 'monitoring rules', ctx, () => runMonitoringRules(ctx));
}
