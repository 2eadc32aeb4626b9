import type { FactInputs } from './fact-sources.ts';
import { BAD_AT_MOST } from './rating-levels.ts';
import { serializeStaff, staffContributions } from './staff-facts.ts';

/**
 * A case's facts as the indicators count them (a row of case_facts), from its inputs. Pure: the
 * projection and the rebuild compute them the same way, and a test can check each rule alone.
 * docs/indicators.md defines every column.
 */
export interface CaseFact {
  caseId: number;
  caseNo: string;
  parentCaseId: number | null;
  kind: 'item' | 'bundle';
  itemCode: string;
  bundleCode: string;
  departmentCode: string;
  regionCode: string;
  channel: string;
  status: string;
  submittedAt: Date;
  submittedDay: string;
  acceptedAt: Date | null;
  finishedAt: Date | null;
  finishedDay: string | null;
  promisedDueAt: Date | null;
  statutoryDueAt: Date | null;
  /** how the case ended: its decision, or not accepted, withdrawn, terminated (null while open) */
  outcome: string | null;
  corrections: number;
  tolerated: boolean;
  committed: boolean;
  assisted: boolean;
  visits: number;
  overdue: boolean | null;
  withinPromised: boolean | null;
  usedDays: number | null;
  promisedDays: number;
  materialsGiven: number;
  materialsExempted: number;
  ratingLevel: number | null;
  ratedAt: Date | null;
  ratedDay: string | null;
  /** a bad rating's rectification: open or rectified (null: no bad rating) */
  rectification: 'open' | 'rectified' | null;
  rectifiedOnTime: boolean | null;
  /** what the case adds to the staff counters (staff-facts.ts), as JSON; null for nothing */
  staffCounts: string | null;
}

/** What the facts need of the working calendar (server/calendar's WorkingCalendar, of the case's region). */
export interface FactCalendar {
  workingDaysBetween(from: Date, to: Date): number;
  due(from: Date, workingDays: number): { due: Date };
}

/** Channels where the applicant (or their agent) comes to the hall to submit. */
const IN_PERSON = ['window', 'kiosk', 'assisted'];
const ENDINGS = ['not_accepted', 'withdrawn', 'terminated'];
/** 差评整改: rectified within 15 working days of the rating (seed 001) */
export const RECTIFICATION_WORKING_DAYS = 15;

/**
 * 跑动次数: each time the applicant must come: a submission at the hall (window, kiosk, 帮办代办), each
 * correction or deferred material handed in at the window, and a pickup of the result. An online
 * case delivered by post or electronically counts none.
 */
export function visitsOf(inputs: FactInputs): number {
  const c = inputs.case;
  if (c.parentCaseId !== null) return 0; // a bundle's item: the applicant comes for the bundle
  const submission = IN_PERSON.includes(c.channel) ? 1 : 0;
  const supplements = inputs.timeline.filter(
    (e) => (e.type === 'case.resubmitted' || e.type === 'case.materials_supplied') && e.detail.atWindow === true,
  ).length;
  const pickups = inputs.deliveries.filter((d) => d.method === 'pickup' && d.status === 'delivered').length;
  return submission + supplements + pickups;
}

export function factOf(inputs: FactInputs, calendar: FactCalendar, dayOf: (d: Date) => string): CaseFact {
  const c = inputs.case;
  const decided = c.decision !== null && c.finishedAt !== null;
  const outcome = decided ? c.decision : ENDINGS.includes(c.status) ? c.status : null;
  const finishedAt = decided ? c.finishedAt : null;
  const rating = c.parentCaseId === null ? inputs.rating : null;
  const bad = rating !== null && rating.level <= BAD_AT_MOST;
  const rectification = bad ? (rating.rectification?.status === 'resolved' ? 'rectified' : 'open') : null;
  const resolvedAt = rating?.rectification?.resolvedAt ?? null;
  const usedDays = finishedAt && c.acceptedAt ? Math.max(0, calendar.workingDaysBetween(c.acceptedAt, finishedAt) - c.suspendedWorkingDays) : null;
  const promisedDays = finishedAt && c.acceptedAt && c.promisedDueAt ? Math.max(0, calendar.workingDaysBetween(c.acceptedAt, c.promisedDueAt)) : 0;
  return {
    caseId: c.id,
    caseNo: c.caseNo,
    parentCaseId: c.parentCaseId,
    kind: c.kind,
    itemCode: c.itemCode,
    bundleCode: c.kind === 'bundle' ? c.itemCode : (c.parentItemCode ?? ''),
    departmentCode: c.departmentCode,
    regionCode: c.regionCode ?? '',
    channel: c.channel,
    status: c.status,
    submittedAt: c.createdAt,
    submittedDay: dayOf(c.createdAt),
    acceptedAt: c.acceptedAt,
    finishedAt,
    finishedDay: finishedAt ? dayOf(finishedAt) : null,
    promisedDueAt: c.promisedDueAt,
    statutoryDueAt: c.statutoryDueAt,
    outcome,
    corrections: inputs.timeline.filter((e) => e.type === 'acceptance.correction').length,
    tolerated: inputs.commitments.some((x) => x.kind === 'deferral'),
    committed: inputs.commitments.some((x) => x.kind === 'replacement'),
    assisted: c.channel === 'assisted',
    visits: visitsOf(inputs),
    overdue: finishedAt && c.statutoryDueAt ? finishedAt.getTime() > c.statutoryDueAt.getTime() : null,
    withinPromised: finishedAt && c.promisedDueAt ? finishedAt.getTime() <= c.promisedDueAt.getTime() : null,
    usedDays,
    promisedDays,
    materialsGiven: inputs.files + inputs.licences,
    materialsExempted: inputs.reusedFiles + inputs.licences,
    ratingLevel: rating?.level ?? null,
    ratedAt: rating?.at ?? null,
    ratedDay: rating ? dayOf(rating.at) : null,
    rectification,
    // open: not yet known
    rectifiedOnTime: bad && resolvedAt ? resolvedAt.getTime() <= calendar.due(rating.at, RECTIFICATION_WORKING_DAYS).due.getTime() : null,
    staffCounts: serializeStaff(staffContributions(c.id, inputs.opinions, rating ? { level: rating.level, day: dayOf(rating.at) } : null, dayOf)),
  };
}
