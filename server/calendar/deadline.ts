import type { WorkingCalendar } from './working-calendar.ts';

export type DeadlineColour = 'green' | 'yellow' | 'red';

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
