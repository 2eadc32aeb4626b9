import { Op } from 'sequelize';
import type { AppContext } from '../context.ts';
import { Case } from './case.model.ts';
import { type Account, activeAccounts, groupsOf } from '../auth/index.ts';
import { recordTimeline } from './timeline.ts';
import type { Task } from '../engine/types.ts';
import { notify } from '../notifications/index.ts';
import { emitToUsers } from '../live/index.ts';
import { repeatEvery } from '../scheduling/repeat.ts';
import { reachesRegion } from '../../contract/regions.ts';
import { calendarFor, deadlineColour, hasUntoldTurn, nextTurnAt, shanghaiTime, type WorkingCalendar } from '../calendar/index.ts';

const RUNNING = ['accepted', 'in_review'] as const;

/** Who holds those open tasks (their assignees, or the holders of their roles while unclaimed): the inbox's, handed in by the composition root. */
export type TaskHolders = (ctx: AppContext, tasks: Task[]) => Promise<Set<number>>;
/** cases read at a time; a sweep goes on until no due case is left */
const BATCH = 200;

/**
 * 超期预警: finds running cases that turned yellow or red since they were last looked at, and tells
 * the holders of their open tasks and their department's leaders, once per turn. A sweep reads only
 * the cases whose next turn is due (`nextWarningAt`, indexed with the status) and schedules each
 * one's next turn, so its cost follows the cases that turn, not the cases that run. The turn is
 * taken with a compare-and-set on the case, so several servers sweeping at once warn once.
 */
export async function sweepDeadlines(ctx: AppContext, holdersOf: TaskHolders, now: Date = new Date()): Promise<number> {
  const calendar = await calendarFor(ctx.config.regionCode);
  let staff: Account[] | undefined;
  // the leaders of the case's department in its region and the regions above it
  const leadersOf = async (c: Pick<Case, 'departmentCode' | 'regionCode'>) => {
    staff ??= await activeAccounts();
    return staff
      .filter((u) => groupsOf(u).includes(`${c.departmentCode}:leader`) && reachesRegion({ regionCode: u.regionCode, leader: true }, c.regionCode))
      .map((u) => u.id);
  };
  let warned = 0;
  for (;;) {
    const due = await Case.findAll({
      where: {
        status: { [Op.in]: [...RUNNING] },
        nextWarningAt: { [Op.lte]: now },
        suspendedAt: null,
        promisedDueAt: { [Op.ne]: null },
        acceptedAt: { [Op.ne]: null },
      },
      limit: BATCH,
    });
    for (const c of due) if (await examine(ctx, c, calendar, now, leadersOf, holdersOf)) warned++;
    // every case read was scheduled later than now (or taken by another server): the next read moves on
    if (due.length < BATCH) break;
  }
  if (warned) ctx.logger.info({ warned }, 'deadline warnings sent');
  return warned;
}

/** Warns of the case's turn if it has not been told, and schedules its next look; true when it warned. */
async function examine(
  ctx: AppContext,
  c: Case,
  calendar: WorkingCalendar,
  now: Date,
  leadersOf: (c: Pick<Case, 'departmentCode' | 'regionCode'>) => Promise<number[]>,
  holdersOf: TaskHolders,
): Promise<boolean> {
  const share = ctx.config.deadlineWarningShare;
  const colour = deadlineColour(calendar, c.acceptedAt!, c.promisedDueAt!, now, share);
  const turn = nextTurnAt(calendar, c.acceptedAt!, c.promisedDueAt!, now, share);
  // a turn is always after now; the guard keeps a sweep moving whatever the calendar says
  const nextWarningAt = turn && turn <= now ? new Date(now.getTime() + 1) : turn;
  const unchanged = { id: c.id, nextWarningAt: c.nextWarningAt!, warnedColour: c.warnedColour ?? null };
  if (!hasUntoldTurn(colour, c.warnedColour)) {
    await Case.update({ nextWarningAt }, { where: unchanged, silent: true });
    return false;
  }
  const [taken] = await Case.update({ warnedColour: colour, nextWarningAt }, { where: unchanged, silent: true });
  if (!taken) return false;
  const tasks = c.processInstanceId ? await ctx.engine.tasks({ processInstanceId: c.processInstanceId }) : [];
  const holders = await holdersOf(ctx, tasks);
  const taskHolders = new Set(holders);
  for (const id of await leadersOf(c)) holders.add(id);
  const due = shanghaiTime(c.promisedDueAt!);
  const text =
    colour === 'red'
      ? {
          'zh-CN': `办件 ${c.caseNo} 已超过承诺时限，承诺办结时间 ${due}（北京时间）`,
          en: `Case ${c.caseNo} is past its promised time: it was promised by ${due} (Beijing time)`,
        }
      : {
          'zh-CN': `办件 ${c.caseNo} 即将到期（黄色预警），承诺办结时间 ${due}（北京时间）`,
          en: `Case ${c.caseNo} is due soon (yellow warning): it is promised by ${due} (Beijing time)`,
        };
  await ctx.sequelize.transaction(async (transaction) => {
    await recordTimeline(
      { caseId: c.id, type: 'case.deadline_warning', actor: 'system:deadlines', detail: { colour, promisedDueAt: c.promisedDueAt!.toISOString() } },
      transaction,
    );
    await notify([...holders], `deadline_${colour}`, text, c.caseNo, null, transaction);
    // the open inboxes that list the case's tasks recolour them (the same `task` event as the engine's)
    transaction.afterCommit(() => {
      for (const t of tasks)
        emitToUsers([...taskHolders], 'task', {
          type: 'deadline',
          colour,
          taskId: t.id,
          taskDefinitionKey: t.taskDefinitionKey,
          name: t.name,
          caseNo: c.caseNo,
          assignee: t.assignee ?? null,
          previousAssignee: null,
          at: now.toISOString(),
        });
    });
  });
  return true;
}

/**
 * The calendar changed (a day off or a make-up workday set or removed): every running case's turns
 * may fall on other days, so the next sweep looks at each of them again. Rare, and one statement.
 */
export async function lookAgainAtRunningCases(): Promise<number> {
  const [count] = await Case.update(
    { nextWarningAt: new Date(0) },
    { where: { status: { [Op.in]: [...RUNNING] }, nextWarningAt: { [Op.ne]: null } }, silent: true },
  );
  return count;
}

/** Sweeps every `deadlineSweepIntervalMs` until stopped. */
export function watchDeadlines(ctx: AppContext, holdersOf: TaskHolders): () => Promise<void> {
  return repeatEvery(ctx.config.deadlineSweepIntervalMs, 'deadline sweep', ctx, () => sweepDeadlines(ctx, holdersOf));
}
