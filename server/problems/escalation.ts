import { Op } from 'sequelize';
import type { AppContext } from '../context.ts';
import { repeatEvery } from '../scheduling/repeat.ts';
import { activeAccounts } from '../auth/index.ts';
import { shanghaiTime } from '../calendar/index.ts';
import { notify } from '../notifications/index.ts';
import { recordAudit } from '../audit/index.ts';
import { Problem, ProblemEvent } from './problem.model.ts';
import { leadersOf, problemDue, SUPERVISING_DEPARTMENT } from './raise.ts';

/**
 * 超期督办: an open problem past its deadline is escalated once to the owner department's leaders and
 * the 数据局's leaders (a notification each), and marked. The mark is a compare-and-set on
 * `escalated_at`, in the transaction of the notices, so two nodes at once (a stalled lease) tell them
 * once. `now`: the moment the round judges by (tests pass a later one).
 */
export async function escalateOverdueProblems(ctx: Pick<AppContext, 'sequelize' | 'logger'>, now = new Date()): Promise<number> {
  const due = await Problem.findAll({
    where: { status: 'open', escalatedAt: null, dueAt: { [Op.lt]: now } },
    order: [['dueAt', 'ASC']],
    limit: 500,
  });
  if (!due.length) return 0;
  let escalated = 0;
  for (const p of due) {
    await ctx.sequelize.transaction(async (transaction) => {
      const [count] = await Problem.update({ escalatedAt: now, updatedAt: now }, { where: { id: p.id, status: 'open', escalatedAt: null }, transaction });
      if (count !== 1) return;
      escalated++;
      const staff = await activeAccounts({ transaction });
      const to = [...leadersOf(staff, p.departmentCode, p.regionCode), ...leadersOf(staff, SUPERVISING_DEPARTMENT, p.regionCode)];
      const due = shanghaiTime(p.dueAt!);
      const text = {
        'zh-CN': `问题超期未整改，请督办：${p.title}（整改时限 ${due}）`,
        en: `A problem was not rectified in time; please follow it up: ${p.title} (it was due by ${due}, Beijing time)`,
      };
      if (to.length) await notify(to, 'problem_escalated', text, p.caseNo, null, transaction);
      await ProblemEvent.create(
        { problemId: p.id, action: 'escalated', actorId: null, note: null, detail: { dueAt: p.dueAt!.toISOString(), told: to.length }, at: now },
        { transaction },
      );
      await recordAudit(
        { actor: 'system:problems', action: 'problem.escalated', target: `problem:${p.id}`, detail: { dueAt: p.dueAt!.toISOString() } },
        transaction,
      );
    });
  }
  if (escalated) ctx.logger.info({ escalated }, 'problems: overdue problems escalated');
  return escalated;
}

/**
 * The problems migrated from the rectifications (migrations/0037-problems.ts) get their deadline in
 * the region's working calendar at the first start: 15 working days from the rating.
 */
export async function settleMigratedDeadlines(): Promise<number> {
  const rows = await Problem.findAll({ where: { dueAt: null } });
  for (const p of rows) await Problem.update({ dueAt: await problemDue(p.regionCode, p.createdAt, p.dueDays) }, { where: { id: p.id, dueAt: null } });
  return rows.length;
}

/** 问题闭环's schedule: every DEADLINE_SWEEP_INTERVAL_MS (0: never), on one node at a time (the lease `problem escalation`). */
export function watchProblems(ctx: AppContext): () => Promise<void> {
  return repeatEvery(ctx.config.deadlineSweepIntervalMs, 'problem escalation', ctx, () => escalateOverdueProblems(ctx));
}
