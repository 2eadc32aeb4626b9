import { Op } from 'sequelize';
import type { AppContext } from '../context.ts';
import { Case, User } from '../db/index.ts';
import { groupsOf } from '../auth/principal.ts';
import { recordTimeline } from '../cases/timeline.ts';
import { holdersOf, notify } from '../inbox/task-operations.ts';
import { emitToUsers } from '../live/live.ts';
import { calendarFor } from './calendar.repository.ts';
import { deadlineColour } from './deadline.ts';

const RUNNING = ['accepted', 'in_review'] as const;

/**
 * 超期预警: finds running cases that turned yellow or red since they were last looked at, and tells
 * the holders of their open tasks and their department's leaders, once per turn. The turn is
 * taken with a compare-and-set on the case, so several servers sweeping at once warn once.
 */
export async function sweepDeadlines(ctx: AppContext, now: Date = new Date()): Promise<number> {
  const calendar = await calendarFor(ctx.config.regionCode);
  const cases = await Case.findAll({ where: { status: { [Op.in]: [...RUNNING] }, suspendedAt: null, promisedDueAt: { [Op.ne]: null }, acceptedAt: { [Op.ne]: null } } });
  let warned = 0;
  for (const c of cases) {
    const colour = deadlineColour(calendar, c.acceptedAt!, c.promisedDueAt!, now, ctx.config.deadlineWarningShare);
    if (colour === 'green' || colour === c.warnedColour || (colour === 'yellow' && c.warnedColour === 'red')) continue;
    const [taken] = await Case.update({ warnedColour: colour }, { where: { id: c.id, warnedColour: c.warnedColour ?? null } });
    if (!taken) continue;
    const tasks = c.processInstanceId ? await ctx.engine.tasks({ processInstanceId: c.processInstanceId }) : [];
    const holders = await holdersOf(ctx, tasks);
    const taskHolders = new Set(holders);
    const staff = await User.findAll({ where: { active: true } });
    for (const u of staff) if (groupsOf(u).includes(`${c.departmentCode}:leader`)) holders.add(u.id);
    const words = colour === 'red' ? '已超过承诺时限' : '即将到期（黄色预警）';
    await ctx.sequelize.transaction(async (transaction) => {
      await recordTimeline({ caseId: c.id, type: 'case.deadline_warning', actor: 'system:deadlines', detail: { colour, promisedDueAt: c.promisedDueAt!.toISOString() } }, transaction);
      await notify([...holders], `deadline_${colour}`, `办件 ${c.caseNo} ${words}，承诺办结时间 ${c.promisedDueAt!.toISOString()}`, c.caseNo, null, transaction);
      // the open inboxes that list the case's tasks recolour them (the same `task` event as the engine's)
      transaction.afterCommit(() => {
        for (const t of tasks) emitToUsers([...taskHolders], 'task', { type: 'deadline', colour, taskId: t.id, taskDefinitionKey: t.taskDefinitionKey, name: t.name, caseNo: c.caseNo, assignee: t.assignee ?? null, previousAssignee: null, at: now.toISOString() });
      });
    });
    warned++;
  }
  if (warned) ctx.logger.info({ warned }, 'deadline warnings sent');
  return warned;
}

/** Runs the sweep every interval until stopped; a failed sweep is logged and the next one tries again. */
export function watchDeadlines(ctx: AppContext): () => void {
  if (!ctx.config.deadlineSweepIntervalMs) return () => undefined;
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    sweepDeadlines(ctx)
      .catch((err: unknown) => ctx.logger.error({ err }, 'deadline sweep failed'))
      .finally(() => {
        running = false;
      });
  }, ctx.config.deadlineSweepIntervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
