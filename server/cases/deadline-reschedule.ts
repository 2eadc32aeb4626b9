import { Op } from 'sequelize';
import type { AppContext } from '../context.ts';
import { Case } from './case.model.ts';
import { FINAL_STATUSES } from './case-status.ts';
import { recordTimeline } from './timeline.ts';
import { calendarFor, endOfDay, startOfDay, type WorkingCalendar } from '../calendar/index.ts';
import { lookAgainAtRunningCases } from './deadline-watch.ts';

/** cases read at a time */
const BATCH = 500;

/** The days a calendar change touched (YYYY-MM-DD, both counted): a year's arrangement, one day's override. */
export interface CalendarSpan {
  from: string;
  to: string;
}

/**
 * The calendar changed (a year's arrangement of the State Council imported or removed, a day off
 * or a make-up workday set or removed): the due times of the cases not closed whose periods count
 * days of the changed span are counted again, as many working days from their acceptance as in
 * the calendar before (so the days a special procedure added stay added), in the new calendar. A
 * due time that moved is written with a timeline entry saying from when to when and why, in one
 * transaction per case; the deadline sweep then looks at every running case's warnings again.
 * Answers how many cases' due times moved.
 */
export async function rescheduleDeadlines(ctx: AppContext, before: WorkingCalendar, span: CalendarSpan): Promise<number> {
  const after = await calendarFor(ctx.config.regionCode);
  const start = startOfDay(span.from);
  let moved = 0;
  for (let lastId = 0; ;) {
    // a period counts the days after its acceptance up to its due day: those that reach into the span
    const cases = await Case.findAll({
      where: {
        id: { [Op.gt]: lastId },
        status: { [Op.notIn]: [...FINAL_STATUSES] },
        acceptedAt: { [Op.ne]: null, [Op.lte]: endOfDay(span.to) },
        [Op.or]: [{ promisedDueAt: { [Op.gte]: start } }, { statutoryDueAt: { [Op.gte]: start } }],
      },
      order: [['id', 'ASC']],
      limit: BATCH,
    });
    for (const c of cases) if (await recount(ctx, c, before, after)) moved++;
    if (cases.length < BATCH) break;
    lastId = cases.at(-1)!.id;
  }
  await lookAgainAtRunningCases();
  if (moved) ctx.logger.info({ moved, span }, 'due times counted again in the changed calendar');
  return moved;
}

/** The case's due times in the new calendar; written with a timeline entry when one moved (true). */
async function recount(ctx: AppContext, c: Case, before: WorkingCalendar, after: WorkingCalendar): Promise<boolean> {
  const again = (due: Date | null) => (due ? after.due(c.acceptedAt!, before.workingDaysBetween(c.acceptedAt!, due)).due : null);
  const promisedDueAt = again(c.promisedDueAt);
  const statutoryDueAt = again(c.statutoryDueAt);
  if (promisedDueAt?.getTime() === c.promisedDueAt?.getTime() && statutoryDueAt?.getTime() === c.statutoryDueAt?.getTime()) return false;
  return ctx.sequelize.transaction(async (transaction) => {
    // changed meanwhile (a suspension ended, the case closed): its next look counts it
    const [updated] = await Case.update(
      { promisedDueAt, statutoryDueAt },
      { where: { id: c.id, promisedDueAt: c.promisedDueAt, statutoryDueAt: c.statutoryDueAt, status: c.status }, transaction },
    );
    if (!updated) return false;
    await recordTimeline(
      {
        caseId: c.id,
        type: 'case.deadline_rescheduled',
        actor: 'system:calendar',
        detail: {
          promisedDueAt: { from: c.promisedDueAt?.toISOString() ?? null, to: promisedDueAt?.toISOString() ?? null },
          statutoryDueAt: { from: c.statutoryDueAt?.toISOString() ?? null, to: statutoryDueAt?.toISOString() ?? null },
          provisional: after.provisionalBetween(c.acceptedAt!, new Date(Math.max(promisedDueAt?.getTime() ?? 0, statutoryDueAt?.getTime() ?? 0))),
        },
      },
      transaction,
    );
    return true;
  });
}
