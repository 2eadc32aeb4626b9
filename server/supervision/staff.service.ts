import { QueryTypes, type Sequelize } from 'sequelize';
import { regionPrefix } from '../../contract/regions.ts';
import type { Locale } from '../../contract/locale.ts';
import { STAFF_INDICATORS, STAFF_MEASURES, type StaffCounts } from '../../contract/staff-indicators.ts';
import { accountsByIds } from '../auth/index.ts';
import { catalogNames } from '../catalog/index.ts';
import { allDepartments } from '../organization/index.ts';
import { fieldProblem, validationFailed } from '../errors/app-error.ts';
import { assertValid } from '../validation/ajv.ts';
import { addRow } from './count-maps.ts';
import { handlingMinutes } from './staff-facts.ts';
import { figuresOf, periodParts, type IndicatorFigure, type Period } from './indicators.service.ts';
import type { Filters } from './scope.ts';

/** A person's figures in one department (someone who moved counts in each they worked for). */
export interface StaffRow {
  userId: number;
  username: string;
  displayName: string;
  departmentCode: string;
  department: string;
  counts: StaffCounts;
  indicators: IndicatorFigure[];
}

const toCounts = (row: Record<string, unknown>): StaffCounts => Object.fromEntries(STAFF_MEASURES.map((m) => [m, Number(row[m] ?? 0)]));

/** Staff figures are kept by department and region only: an item, a bundle or a channel is no cut of a person's work. */
function staffFilters(filters: Filters): { where: string[]; replacements: Record<string, unknown> } {
  if (filters.itemCode || filters.bundleCode || filters.channel) {
    throw validationFailed([
      fieldProblem(
        'query',
        '按人员统计只按部门、区划和期间筛选，不按事项、一件事或渠道',
        'by staff: filter by department, region and period only, not by item, bundle or channel',
      ),
    ]);
  }
  const where: string[] = [];
  const replacements: Record<string, unknown> = {};
  if (filters.departmentCode) {
    where.push('department_code = :departmentCode');
    replacements.departmentCode = filters.departmentCode;
  }
  if (filters.regionCode) {
    where.push('region_code LIKE :regionPrefix');
    replacements.regionPrefix = `${regionPrefix(filters.regionCode)}%`;
  }
  return { where, replacements };
}

/**
 * 按人员: each person's figures over a period, summed from staff_counts (the read model), the
 * busiest first; the total of the scope beside them.
 */
export async function staffFigures(sequelize: Sequelize, period: Period, filters: Filters, locale: Locale, userId?: number) {
  const { where, replacements } = staffFilters(filters);
  if (userId !== undefined) {
    where.push('user_id = :userId');
    replacements.userId = userId;
  }
  const sums = STAFF_MEASURES.map((m) => `SUM(${m}) AS ${m}`).join(', ');
  // whole months from staff_months, the days at the period's ragged ends from staff_counts (as the case indicators)
  const parts = periodParts(period, false);
  const summed = (table: string, when: string, bind: Record<string, unknown>) =>
    sequelize.query<Record<string, unknown>>(
      `SELECT user_id, department_code, ${sums} FROM ${table} WHERE ${when}${where.map((w) => ` AND ${w}`).join('')} GROUP BY user_id, department_code`,
      { replacements: { ...replacements, ...bind }, type: QueryTypes.SELECT },
    );
  const reads: Promise<Record<string, unknown>[]>[] = parts.days.map(([from, to]) => summed('staff_counts', 'day >= :from AND day <= :to', { from, to }));
  if (parts.months) reads.push(summed('staff_months', 'month >= :from AND month <= :to', { from: parts.months[0], to: parts.months[1] }));
  const byPerson = new Map<string, StaffCounts>();
  for (const r of (await Promise.all(reads)).flat()) addRow(byPerson, `${Number(r.user_id)}|${String(r.department_code)}`, toCounts(r));
  const rows = [...byPerson.entries()].map(([key, counts]) => {
    const [userId, departmentCode] = key.split('|') as [string, string];
    // every measure, 0 where nothing was counted
    return { user_id: Number(userId), department_code: departmentCode, counts: toCounts(counts) };
  });
  const accounts = new Map((await accountsByIds([...new Set(rows.map((r) => Number(r.user_id)))])).map((a) => [a.id, a]));
  const departments = new Map((await allDepartments()).map((d) => [d.code, locale === 'en' ? d.nameEn : d.nameZh]));
  const total = new Map<string, StaffCounts>();
  const staff: StaffRow[] = rows.map((r) => {
    const counts = r.counts;
    addRow(total, '', counts);
    const account = accounts.get(Number(r.user_id));
    const departmentCode = String(r.department_code);
    return {
      userId: Number(r.user_id),
      username: account?.username ?? String(r.user_id),
      displayName: account?.displayName ?? String(r.user_id),
      departmentCode,
      department: departments.get(departmentCode) ?? departmentCode,
      counts,
      indicators: figuresOf(STAFF_INDICATORS, counts, locale),
    };
  });
  staff.sort((a, b) => (b.counts.tasks_done ?? 0) - (a.counts.tasks_done ?? 0) || a.username.localeCompare(b.username));
  const totals = toCounts(total.get('') ?? {});
  return { period, filters, totals: { counts: totals, indicators: figuresOf(STAFF_INDICATORS, totals, locale) }, staff };
}

/** Which of a person's tasks to list: all, those decided after the step's due time, or those the figure counts. */
export const STAFF_TASK_FILTERS = ['all', 'late', 'rejections', 'corrections_asked'] as const;
export type StaffTaskFilter = (typeof STAFF_TASK_FILTERS)[number];

/** Which of a person's tasks: the condition on their opinions (each served by an index of migration 0043), and the counters' figure of them. */
const TASK_KINDS: Record<StaffTaskFilter, { where: string; count: (c: StaffCounts) => number }> = {
  all: { where: '', count: (c) => c.tasks_done ?? 0 },
  late: { where: ' AND o.on_time = :no', count: (c) => (c.tasks_timed ?? 0) - (c.tasks_on_time ?? 0) },
  rejections: { where: " AND o.outcome IN ('reject', 'not_accepted')", count: (c) => c.rejections ?? 0 },
  corrections_asked: { where: " AND o.outcome = 'correction'", count: (c) => c.corrections_asked ?? 0 },
};

const staffTasksQuerySchema = {
  type: 'object',
  additionalProperties: false,
  properties: { only: { type: 'string', enum: [...STAFF_TASK_FILTERS], title: '范围', 'x-title-en': 'Which tasks' } },
} as const;

/** A person's tasks query: `only` checked (422), the rest for parseQuery. */
export function staffTasksFilter(query: Record<string, unknown>): { only: StaffTaskFilter; rest: Record<string, unknown> } {
  const { only, ...rest } = query;
  const asked = only === undefined ? {} : { only };
  assertValid<{ only?: StaffTaskFilter }>(staffTasksQuerySchema, asked, 'query');
  return { only: (asked.only as StaffTaskFilter | undefined) ?? 'all', rest };
}

/** The moment a day (Asia/Shanghai) starts. */
const dayStart = (day: string) => new Date(`${day}T00:00:00+08:00`);

/**
 * 数据穿透 by staff: the tasks a person completed in the period (in the department and region asked,
 * as their figures count them), newest first, a page at a time, with their cases.
 */
export async function staffTasks(
  sequelize: Sequelize,
  userId: number,
  period: Period,
  filters: Filters,
  query: { only: StaffTaskFilter; page: number; pageSize: number },
  locale: Locale,
) {
  const { where, replacements } = staffFilters(filters);
  const kind = TASK_KINDS[query.only];
  // how many: the person's counters over the period (what their figure says), not a count of their opinions
  const mine = await staffFigures(sequelize, period, filters, locale, userId);
  const total = mine.staff.reduce((n, r) => n + kind.count(r.counts), 0);
  const conditions = `o.user_id = :userId AND o.created_at >= :start AND o.created_at < :end${where.map((w) => ` AND o.${w}`).join('')}${kind.where}`;
  const bind = {
    ...replacements,
    userId,
    no: false,
    start: dayStart(period.from),
    end: new Date(dayStart(period.to).getTime() + 86_400_000),
  };
  // the page of opinions first (an index range, newest first), then their cases
  const rows = await sequelize.query<Record<string, unknown>>(
    `SELECT o.task_id, o.activity_name, o.activity_id, o.outcome, o.comment, o.created_at, o.task_created_at, o.step_due_at,
            c.case_no, c.item_code, c.status
       FROM (SELECT * FROM opinions o WHERE ${conditions} ORDER BY o.created_at DESC, o.id DESC LIMIT ${query.pageSize} OFFSET ${(query.page - 1) * query.pageSize}) o
       JOIN cases c ON c.id = o.case_id
      ORDER BY o.created_at DESC, o.id DESC`,
    { replacements: bind, type: QueryTypes.SELECT },
  );
  const name = await catalogNames(locale);
  const date = (v: unknown) => (v === null || v === undefined ? null : v instanceof Date ? v : new Date(String(v)));
  return {
    total,
    page: query.page,
    pageSize: query.pageSize,
    tasks: rows.map((r) => {
      const completedAt = date(r.created_at)!;
      const arrived = date(r.task_created_at);
      const due = date(r.step_due_at);
      return {
        taskId: String(r.task_id),
        step: String(r.activity_name ?? r.activity_id),
        outcome: String(r.outcome),
        opinion: String(r.comment),
        caseNo: String(r.case_no),
        itemCode: String(r.item_code),
        itemName: name(String(r.item_code)),
        caseStatus: String(r.status),
        completedAt: completedAt.toISOString(),
        arrivedAt: arrived?.toISOString() ?? null,
        stepDueAt: due?.toISOString() ?? null,
        onTime: due ? completedAt.getTime() <= due.getTime() : null,
        handlingMinutes: arrived ? handlingMinutes(arrived, completedAt) : null,
      };
    }),
  };
}
