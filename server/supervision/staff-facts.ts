import type { StaffCounts } from '../../contract/staff-indicators.ts';
import { addRow, difference } from './count-maps.ts';
import { BAD_AT_MOST, SATISFIED_AT_LEAST } from './rating-levels.ts';

/** An opinion as the staff figures read it (fact-sources.ts). */
export interface OpinionRow {
  id: number;
  caseId: number;
  userId: number;
  departmentCode: string | null;
  regionCode: string | null;
  outcome: string;
  at: Date;
  taskCreatedAt: Date | null;
  stepDueAt: Date | null;
}

/** A row of staff_counts: a day and a person, in the department and region they worked in. */
export interface StaffKey {
  day: string;
  userId: number;
  departmentCode: string;
  regionCode: string;
}

export const staffKeyString = (k: StaffKey) => [k.day, k.userId, k.departmentCode, k.regionCode].join('|');

export function staffKeyOf(s: string): StaffKey {
  const [day, userId, departmentCode, regionCode] = s.split('|') as [string, string, string, string];
  return { day, userId: Number(userId), departmentCode, regionCode };
}

/** A task's handling time: whole minutes from its arrival to its completion (natural time). */
export const handlingMinutes = (arrived: Date, completed: Date) => Math.max(0, Math.round((completed.getTime() - arrived.getTime()) / 60_000));

const APPROVALS = ['approve', 'accepted'];
const REJECTIONS = ['reject', 'not_accepted'];

/**
 * What a case adds to the staff counters (key string → counts), pure: each of the case's own
 * opinions counts a task of its author on the day it was recorded (in time when recorded by the
 * step's due time, its handling time when its arrival is known); a rating of the case counts once
 * for each person who decided a task of it or, for a 一件事, of its items, on the day it was given.
 */
export function staffContributions(
  caseId: number,
  opinions: OpinionRow[],
  rating: { level: number; day: string } | null,
  dayOf: (d: Date) => string,
): Map<string, StaffCounts> {
  const rows = new Map<string, StaffCounts>();
  const add = (key: StaffKey, counts: StaffCounts) => {
    addRow(rows, staffKeyString(key), counts);
  };
  const n = (b: boolean) => (b ? 1 : 0);
  const where = (o: OpinionRow) => ({ userId: o.userId, departmentCode: o.departmentCode ?? '', regionCode: o.regionCode ?? '' });
  for (const o of opinions) {
    if (o.caseId !== caseId) continue;
    const measured = o.taskCreatedAt !== null;
    add(
      { day: dayOf(o.at), ...where(o) },
      {
        tasks_done: 1,
        tasks_timed: n(o.stepDueAt !== null),
        tasks_on_time: n(o.stepDueAt !== null && o.at.getTime() <= o.stepDueAt.getTime()),
        tasks_measured: n(measured),
        handling_minutes: measured ? handlingMinutes(o.taskCreatedAt!, o.at) : 0,
        approvals: n(APPROVALS.includes(o.outcome)),
        rejections: n(REJECTIONS.includes(o.outcome)),
        corrections_asked: n(o.outcome === 'correction'),
      },
    );
  }
  if (rating) {
    // each handler once, in the department and region of their latest decision on the case
    const handlers = new Map<number, OpinionRow>();
    for (const o of opinions) if ((handlers.get(o.userId)?.id ?? 0) < o.id) handlers.set(o.userId, o);
    for (const o of handlers.values()) {
      add(
        { day: rating.day, ...where(o) },
        { rated_cases: 1, rated_satisfied: n(rating.level >= SATISFIED_AT_LEAST), rated_bad: n(rating.level <= BAD_AT_MOST) },
      );
    }
  }
  return rows;
}

/** The contributions as case_facts.staff_counts keeps them: JSON in key order, null for none (so equal contributions are equal text). */
export function serializeStaff(rows: Map<string, StaffCounts>): string | null {
  if (rows.size === 0) return null;
  return JSON.stringify(Object.fromEntries([...rows.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))));
}

export function parseStaff(text: string | null | undefined): Map<string, StaffCounts> {
  return text ? new Map(Object.entries(JSON.parse(text) as Record<string, StaffCounts>)) : new Map();
}

/** What changes in staff_counts when a case's contributions go from `before` to `after` (rows with nothing to change left out). */
export function staffDelta(before: string | null | undefined, after: string | null | undefined): Map<string, StaffCounts> {
  return difference(parseStaff(before), parseStaff(after));
}
