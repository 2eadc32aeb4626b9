import { startOfDay } from './shanghai-days.ts';
import type { WorkingCalendar } from './working-calendar.ts';
import type { DeadlineColour } from '../../contract/deadlines.ts';

export type { DeadlineColour };

/**
 * 超期预警: green while less than `warningShare` of the period's working days are used, yellow from
 * there, red once the due time has passed. Time is counted in working days on the calendar, as the
 * law counts it: a holiday uses none of a case's time.
 */
export function deadlineColour(calendar: WorkingCalendar, startAt: Date, dueAt: Date, now: Date, warningShare: number): DeadlineColour {
  if (now.getTime() > dueAt.getTime()) return 'red';
  const total = Math.max(calendar.workingDaysBetween(startAt, dueAt), 1);
  const used = calendar.workingDaysBetween(startAt, now);
  return used / total >= warningShare ? 'yellow' : 'green';
}

/** Whether a case now `colour` has a turn its holders were not told of (never yellow after red); only yellow and red can. */
export function hasUntoldTurn(colour: DeadlineColour, warned: 'yellow' | 'red' | null): colour is 'yellow' | 'red' {
  return !(colour === 'green' || colour === warned || (colour === 'yellow' && warned === 'red'));
}

/**
 * When the colour turns next after `now`: green turns yellow at the start of the working day that
 * uses up `warningShare` of the period, yellow turns red just after the due time; null once red.
 */
export function nextTurnAt(calendar: WorkingCalendar, startAt: Date, dueAt: Date, now: Date, warningShare: number): Date | null {
  const colour = deadlineColour(calendar, startAt, dueAt, now, warningShare);
  const red = new Date(dueAt.getTime() + 1);
  if (colour === 'red') return null;
  if (colour === 'yellow') return red;
  // the fewest used working days that are yellow, by the very comparison deadlineColour makes
  const total = Math.max(calendar.workingDaysBetween(startAt, dueAt), 1);
  let days = Math.max(Math.ceil(warningShare * total), 0);
  while (days > 0 && (days - 1) / total >= warningShare) days--;
  while (days / total < warningShare) days++;
  const yellow = startOfDay(calendar.due(startAt, days).dueDay);
  return yellow < red ? yellow : red;
}
