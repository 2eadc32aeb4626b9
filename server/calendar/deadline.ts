export type DeadlineColour = 'green' | 'yellow' | 'red';

/**
 * 超期预警: green while less than `warningShare` of the time from start to due is used, yellow
 * from there, red once the due time has passed.
 */
export function deadlineColour(startAt: Date, dueAt: Date, now: Date, warningShare: number): DeadlineColour {
  if (now.getTime() > dueAt.getTime()) return 'red';
  const used = (now.getTime() - startAt.getTime()) / Math.max(dueAt.getTime() - startAt.getTime(), 1);
  return used >= warningShare ? 'yellow' : 'green';
}
