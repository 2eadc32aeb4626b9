import { QueryTypes, type Sequelize } from 'sequelize';
import { MEASURE_DAY, type Measure } from '../../contract/indicators.ts';
import { CHANNEL_LABELS, type Channel } from '../../contract/channels.ts';
import type { Locale } from '../../contract/locale.ts';
import { catalogNames } from '../catalog/index.ts';
import { allDepartments } from '../organization/index.ts';
import { filterSql, indicators, type Period } from './indicators.service.ts';
import type { Filters } from './scope.ts';

/**
 * 数据穿透: the cases behind a figure. Each counter is the number (or a sum) over the cases that meet
 * its condition on its day (contract/indicators.ts MEASURE_DAY); these are the same conditions as
 * server/supervision/contributions.ts counts by, written over case_facts.
 */
const APPLICATION = 'parent_case_id IS NULL';
const CONDITIONS: Record<Measure, string> = {
  applications: APPLICATION,
  online_applications: `${APPLICATION} AND channel IN ('web', 'mobile')`,
  accepted: `${APPLICATION} AND accepted_at IS NOT NULL`,
  not_accepted: `${APPLICATION} AND outcome = 'not_accepted'`,
  corrected: `${APPLICATION} AND corrections > 0`,
  tolerated: `${APPLICATION} AND accepted_at IS NOT NULL AND tolerated = :yes`,
  committed: `${APPLICATION} AND accepted_at IS NOT NULL AND committed = :yes`,
  assisted: `${APPLICATION} AND assisted = :yes`,
  finished: APPLICATION,
  once: `${APPLICATION} AND visits <= 1`,
  visits: `${APPLICATION} AND visits > 0`,
  overdue: `${APPLICATION} AND overdue = :yes`,
  within_promised: `${APPLICATION} AND within_promised = :yes`,
  used_days: APPLICATION,
  promised_days: APPLICATION,
  materials_given: `${APPLICATION} AND materials_given > 0`,
  materials_exempted: `${APPLICATION} AND materials_exempted > 0`,
  assisted_finished: `${APPLICATION} AND assisted = :yes`,
  assisted_solved: `${APPLICATION} AND assisted = :yes AND outcome IN ('approved', 'partially_approved')`,
  item_cases: `kind = 'item'`,
  item_finished: `kind = 'item'`,
  item_overdue: `kind = 'item' AND overdue = :yes`,
  ratings: `${APPLICATION} AND rating_level IS NOT NULL`,
  satisfied: `${APPLICATION} AND rating_level >= 4`,
  bad: `${APPLICATION} AND rating_level <= 2`,
  bad_rectified: `${APPLICATION} AND rectification = 'rectified'`,
  bad_rectified_on_time: `${APPLICATION} AND rectified_on_time = :yes`,
  assisted_ratings: `${APPLICATION} AND assisted = :yes AND rating_level IS NOT NULL`,
  assisted_satisfied: `${APPLICATION} AND assisted = :yes AND rating_level >= 4`,
};
const date = (v: unknown) => (v === null || v === undefined ? null : v instanceof Date ? v : new Date(String(v)));
const DAY_COLUMN = { submitted: 'submitted_day', finished: 'finished_day', rated: 'rated_day' } as const;

/** The counters that sum a quantity over cases (visits, days, materials) rather than count cases. */
const SUMS: Measure[] = ['visits', 'used_days', 'promised_days', 'materials_given', 'materials_exempted'];

/** The cases a counting measure counts (less those `notIn` counts of them: every case `notIn` counts, the measure counts too). */
const countOf = (counts: Partial<Record<Measure, number>>, q: Pick<DrillQuery, 'measure' | 'notIn'>) =>
  (counts[q.measure] ?? 0) - (q.notIn ? (counts[q.notIn] ?? 0) : 0);

export interface DrillQuery {
  measure: Measure;
  /** the cases of `within` that the measure does not count (a rate's misses: the finished cases not done in one visit) */
  notIn?: Measure;
  page: number;
  pageSize: number;
}

export interface DrilledCase {
  caseNo: string;
  itemCode: string;
  name: string;
  department: string;
  channel: string;
  status: string;
  outcome: string | null;
  submittedAt: Date;
  finishedAt: Date | null;
  statutoryDueAt: Date | null;
  visits: number;
  corrections: number;
  usedDays: number | null;
  overdue: boolean | null;
  ratingLevel: number | null;
}

/** The WHERE of a measure's cases over a period (with its day column). */
export function measureSql(measure: Measure, period: Period, replacements: Record<string, unknown>): string {
  const day = DAY_COLUMN[MEASURE_DAY[measure]];
  replacements.from = period.from;
  replacements.to = period.to;
  replacements.yes = true;
  return `${day} >= :from AND ${day} <= :to AND ${CONDITIONS[measure]}`;
}

/** The cases a figure counts, newest first, a page at a time. */
export async function drillDown(sequelize: Sequelize, period: Period, filters: Filters, query: DrillQuery, locale: Locale) {
  const replacements: Record<string, unknown> = {};
  const where = [measureSql(query.measure, period, replacements), ...filterSql(filters, replacements)];
  // a rate's misses: the denominator's cases the numerator does not count (same day column)
  if (query.notIn) where.push(`NOT (${CONDITIONS[query.notIn]})`);
  const sql = where.map((w) => `(${w})`).join(' AND ');
  // how many: the counters say it for a count of cases (a large department's year is hundreds of thousands of rows to count)
  const counted = !SUMS.includes(query.measure) && (!query.notIn || !SUMS.includes(query.notIn));
  const total = counted
    ? countOf((await indicators(sequelize, period, filters, undefined, locale)).totals.counts, query)
    : Number(
        (
          (await sequelize.query<{ total: number | string }>(`SELECT COUNT(*) AS total FROM case_facts WHERE ${sql}`, {
            replacements,
            type: QueryTypes.SELECT,
          })) as [{ total: number | string }]
        )[0].total,
      );
  replacements.limit = query.pageSize;
  replacements.offset = (query.page - 1) * query.pageSize;
  // newest first on the day the figure counts them: the (dimension, day) index read backwards, stopping at a page
  const day = DAY_COLUMN[MEASURE_DAY[query.measure]];
  const rows = await sequelize.query<Record<string, unknown>>(
    `SELECT case_no, item_code, department_code, channel, status, outcome, submitted_at, finished_at, statutory_due_at, visits, corrections, used_days, overdue, rating_level
       FROM case_facts WHERE ${sql} ORDER BY ${day} DESC, case_id DESC LIMIT :limit OFFSET :offset`,
    { replacements, type: QueryTypes.SELECT },
  );
  const [names, departments] = await Promise.all([catalogNames(locale), allDepartments()]);
  const departmentName = new Map(departments.map((d) => [d.code, locale === 'en' ? d.nameEn : d.nameZh]));
  const cases: DrilledCase[] = rows.map((r) => ({
    caseNo: String(r.case_no),
    itemCode: String(r.item_code),
    name: names(String(r.item_code)),
    department: departmentName.get(String(r.department_code)) ?? String(r.department_code),
    channel: CHANNEL_LABELS[r.channel as Channel]?.[locale] ?? String(r.channel),
    status: String(r.status),
    outcome: (r.outcome as string | null) ?? null,
    submittedAt: date(r.submitted_at)!,
    finishedAt: date(r.finished_at),
    statutoryDueAt: date(r.statutory_due_at),
    visits: Number(r.visits),
    corrections: Number(r.corrections),
    usedDays: r.used_days === null ? null : Number(r.used_days),
    overdue: r.overdue === null ? null : Boolean(Number(r.overdue)),
    ratingLevel: r.rating_level === null ? null : Number(r.rating_level),
  }));
  return { total, page: query.page, pageSize: query.pageSize, cases };
}

/** 超期未办结: the open cases past their statutory due time now (time passes without an event: read at the moment). */
export async function overdueOpen(sequelize: Sequelize, filters: Filters, now: Date, limit: number) {
  const replacements: Record<string, unknown> = { now, limit };
  const where = ['finished_at IS NULL', 'outcome IS NULL', 'statutory_due_at < :now', ...filterSql(filters, replacements)].join(' AND ');
  const [{ total }] = (await sequelize.query<{ total: number | string }>(`SELECT COUNT(*) AS total FROM case_facts WHERE ${where}`, {
    replacements,
    type: QueryTypes.SELECT,
  })) as [{ total: number | string }];
  const rows = await sequelize.query<{ case_no: string; item_code: string; department_code: string; statutory_due_at: unknown }>(
    `SELECT case_no, item_code, department_code, statutory_due_at FROM case_facts WHERE ${where} ORDER BY statutory_due_at LIMIT :limit`,
    { replacements, type: QueryTypes.SELECT },
  );
  return {
    total: Number(total),
    cases: rows.map((r) => ({ caseNo: r.case_no, itemCode: r.item_code, departmentCode: r.department_code, statutoryDueAt: date(r.statutory_due_at)! })),
  };
}
