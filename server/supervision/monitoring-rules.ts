import type { AppContext } from '../context.ts';
import type { Principal } from '../auth/index.ts';
import { recordAudit } from '../audit/index.ts';
import { repeatEvery } from '../scheduling/repeat.ts';
import { shanghaiDay } from '../calendar/index.ts';
import { raiseRuleProblem } from '../problems/index.ts';
import { AppError, notFound, validationFailed } from '../errors/app-error.ts';
import { assertValid } from '../validation/ajv.ts';
import { INDICATORS, indicatorValue, type IndicatorDefinition } from '../../contract/indicators.ts';
import type { Locale } from '../../contract/locale.ts';
import { SUPERVISING_DEPARTMENT } from '../../contract/roles.ts';
import { breaches, monitoringRuleSchema, ruleProblems, WATCHABLE, type MonitoringRuleBody } from '../../contract/requests/monitoring-rules.ts';
import { indicators } from './indicators.service.ts';
import { MonitoringRule } from './monitoring-rule.model.ts';

/**
 * 监测预警 (问题闭环's third source): the 数据局's rules over the indicators (table monitoring_rules)
 * raise a problem for a department (server/problems) whose figure over the rule's last days is past
 * its threshold, once while it is not closed. The figures are the read model's (indicators() over
 * the counters), never a count over the cases. A rate's or an average's figure counts only with at
 * least `minCases` in its denominator (a department with two cases, one late, is not yet a pattern).
 */

const definitionOf = (code: string) => INDICATORS.find((i) => i.code === code);

/** A figure as the problem's text says it: a rate as a percentage, an average with two decimals. */
function said(def: IndicatorDefinition, value: number): string {
  if (def.kind === 'rate') return `${(Math.round(value * 1000) / 10).toFixed(1)}%`;
  return def.kind === 'average' ? value.toFixed(2) : String(value);
}

/** One round of the rules: the problems raised (their ids). `now`: tests pass another. */
export async function runMonitoringRules(
  ctx: Pick<AppContext, 'sequelize' | 'logger' | 'config'>,
  { now = new Date() }: { now?: Date } = {},
): Promise<number[]> {
  const rules = await MonitoringRule.findAll({ where: { enabled: true }, order: [['indicatorCode', 'ASC']] });
  const regionCode = ctx.config.regionCode;
  const raised: number[] = [];
  // the departments' figures, once per look-back
  const byDays = new Map<number, Promise<{ period: { from: string; to: string }; figures: Awaited<ReturnType<typeof indicators>> }>>();
  const figuresOver = (days: number) => {
    let found = byDays.get(days);
    if (!found) {
      const period = { from: shanghaiDay(new Date(now.getTime() - (days - 1) * 86_400_000)), to: shanghaiDay(now) };
      found = indicators(ctx.sequelize, period, { regionCode }, 'department', 'zh-CN').then((figures) => ({ period, figures }));
      byDays.set(days, found);
    }
    return found;
  };
  for (const rule of rules) {
    const def = definitionOf(rule.indicatorCode);
    if (!def) continue;
    const { period, figures } = await figuresOver(rule.days);
    for (const group of figures.groups) {
      const numerator = group.counts[def.numerator] ?? 0;
      const denominator = def.denominator ? (group.counts[def.denominator] ?? 0) : null;
      const value = indicatorValue(def, group.counts);
      if (!group.key || value === null || (denominator !== null && denominator < rule.minCases) || !breaches(def, value, rule.threshold)) continue;
      const side = def.higherIsBetter ? '低于' : '高于';
      const basis = denominator === null ? '' : `（${numerator} / ${denominator}）`;
      const id = await raiseRuleProblem(
        ctx.sequelize,
        {
          rule: def.code,
          departmentCode: group.key,
          regionCode,
          title: `${def.name['zh-CN']}${def.higherIsBetter ? '偏低' : '偏高'}：${group.name}`,
          description:
            `近 ${rule.days} 日（${period.from} 至 ${period.to}）${def.name['zh-CN']} ${said(def, value)}${basis}，` +
            `${side}预警阈值 ${said(def, rule.threshold)}。请分析原因，提出并落实整改措施。`,
          dueDays: ctx.config.problemDueWorkingDays,
        },
        now,
      );
      if (id !== null) raised.push(id);
    }
  }
  if (raised.length) ctx.logger.info({ raised }, 'monitoring rules: problems raised');
  return raised;
}

/** The rules' schedule: every DEADLINE_SWEEP_INTERVAL_MS (0: never), on one node at a time (the lease `monitoring rules`). */
export function watchMonitoringRules(ctx: AppContext): () => Promise<void> {
  return repeatEvery(ctx.config.deadlineSweepIntervalMs, 'monitoring rules', ctx, () => runMonitoringRules(ctx));
}

const view = (rule: MonitoringRule) => ({
  threshold: rule.threshold,
  days: rule.days,
  minCases: rule.minCases,
  enabled: rule.enabled,
  updatedBy: rule.updatedBy,
  updatedAt: rule.updatedAt.toISOString(),
});

/** Every indicator a rule may watch, with its rule (null: none yet), for every leader to read; `editable` for the 数据局's. */
export async function listRules(principal: Principal, locale: Locale) {
  const rules = new Map((await MonitoringRule.findAll()).map((r) => [r.indicatorCode, r]));
  return {
    editable: principal.departmentCode === SUPERVISING_DEPARTMENT,
    rules: INDICATORS.map((def) => {
      const rule = rules.get(def.code);
      return { indicatorCode: def.code, name: def.name[locale], kind: def.kind, higherIsBetter: def.higherIsBetter, rule: rule ? view(rule) : null };
    }),
  };
}

/** Sets an indicator's rule (the 数据局's leaders): checked (422), recorded with who changed it, audited with the rule before and after. */
export async function putRule(ctx: Pick<AppContext, 'sequelize'>, principal: Principal, code: string, body: unknown) {
  if (principal.departmentCode !== SUPERVISING_DEPARTMENT) throw new AppError(403, 'monitoring_rules_forbidden');
  const def = definitionOf(code);
  if (!def || !WATCHABLE.includes(code)) throw notFound('indicator_not_found');
  assertValid<MonitoringRuleBody>(monitoringRuleSchema, body);
  const asked = body as MonitoringRuleBody;
  const problems = ruleProblems(def, asked);
  if (problems.length) throw validationFailed(problems);
  return ctx.sequelize.transaction(async (transaction) => {
    const found = await MonitoringRule.findByPk(code, { transaction, lock: transaction.LOCK.UPDATE });
    const before = found && { threshold: found.threshold, days: found.days, minCases: found.minCases, enabled: found.enabled };
    const values = { ...asked, updatedBy: principal.username, updatedAt: new Date() };
    const rule = found ? await found.update(values, { transaction }) : await MonitoringRule.create({ indicatorCode: code, ...values }, { transaction });
    await recordAudit(
      {
        actor: principal.username,
        action: 'monitoring_rule.updated',
        target: `monitoring_rule:${code}`,
        detail: { before, after: asked },
      },
      transaction,
    );
    return { indicatorCode: code, rule: view(rule) };
  });
}
