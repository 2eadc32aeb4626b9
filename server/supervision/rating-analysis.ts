import { QueryTypes, type Sequelize } from 'sequelize';
import type { Locale } from '../../contract/locale.ts';
import { BAD_LEVEL, RATING_REASON_CODES, type RatingReason } from '../../contract/requests/ratings.ts';
import { catalogNames } from '../catalog/index.ts';
import { allDepartments } from '../organization/index.ts';
import { RATING_LEVELS, RATING_REASONS } from '../ratings/index.ts';
import { assertValid } from '../validation/ajv.ts';
import { measureSql } from './drill-down.ts';
import { filterSql, type Period } from './indicators.service.ts';
import type { Filters } from './scope.ts';

/**
 * 好差评分析: how the ratings of a period and scope are spread over the levels (1 非常不满意 … 5
 * 非常满意) and why the bad ones were bad. The ratings counted are the indicators' (the measure
 * `ratings` over case_facts: an application's latest rating, on the day it was given), so the levels
 * add up to the 好评率's denominator; the reasons are read from the ratings themselves
 * (case_ratings, the ratings domain's table, read by SQL as ./fact-sources.ts reads the cases').
 */

export interface RatingAnalysis {
  /** the ratings counted (the sum of the levels) */
  ratings: number;
  /** 差评: levels 1 … BAD_LEVEL */
  bad: number;
  levels: { level: number; label: string; bad: boolean; count: number }[];
  /** each reason the bad ratings named, with how many named it (a rating may name several) */
  reasons: { code: string; label: string; count: number }[];
}

const parsed = (v: unknown): string[] => {
  const value = typeof v === 'string' ? (JSON.parse(v) as unknown) : v;
  return Array.isArray(value) ? value.map(String) : [];
};

/** The WHERE over case_facts of the ratings the analysis counts (the measure `ratings` in the period and scope). */
function ratedWhere(period: Period, filters: Filters, replacements: Record<string, unknown>): string {
  replacements.badLevel = BAD_LEVEL;
  return [measureSql('ratings', period, replacements), ...filterSql(filters, replacements)].map((w) => `(${w})`).join(' AND ');
}

export async function ratingAnalysis(sequelize: Sequelize, period: Period, filters: Filters, locale: Locale): Promise<RatingAnalysis> {
  const replacements: Record<string, unknown> = {};
  const where = ratedWhere(period, filters, replacements);
  const byLevel = await sequelize.query<{ level: number | string; n: number | string }>(
    `SELECT rating_level AS level, COUNT(*) AS n FROM case_facts WHERE ${where} GROUP BY rating_level`,
    { replacements, type: QueryTypes.SELECT },
  );
  const counted = new Map(byLevel.map((r) => [Number(r.level), Number(r.n)]));
  // the latest rating of each case rated badly in the period (the one its facts hold)
  const bad = await sequelize.query<{ reasons: unknown }>(
    `SELECT r.reasons FROM case_ratings r
      WHERE r.id IN (SELECT MAX(x.id) FROM case_ratings x
                      WHERE x.case_id IN (SELECT case_id FROM case_facts WHERE ${where} AND rating_level <= :badLevel)
                      GROUP BY x.case_id)`,
    { replacements, type: QueryTypes.SELECT },
  );
  const named = new Map<string, number>();
  for (const r of bad) for (const code of new Set(parsed(r.reasons))) named.set(code, (named.get(code) ?? 0) + 1);

  const levels = Object.keys(RATING_LEVELS)
    .map(Number)
    .sort((a, b) => a - b)
    .map((level) => ({ level, label: RATING_LEVELS[level]![locale], bad: level <= BAD_LEVEL, count: counted.get(level) ?? 0 }));
  return {
    ratings: levels.reduce((sum, l) => sum + l.count, 0),
    bad: levels.filter((l) => l.bad).reduce((sum, l) => sum + l.count, 0),
    levels,
    reasons: RATING_REASON_CODES.map((code) => ({ code, label: RATING_REASONS[code][locale], count: named.get(code) ?? 0 })),
  };
}

/** Which ratings a list shows: those of one level, or the bad ones naming one reason. */
export interface RatedCasesQuery {
  level?: number;
  reason?: string;
  page: number;
  pageSize: number;
}

const ratedCasesQuerySchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    level: { type: 'string', pattern: '^[1-5]$', title: '评价等级', 'x-title-en': 'Level' },
    reason: { type: 'string', enum: [...RATING_REASON_CODES], title: '不满意原因', 'x-title-en': 'Reason' },
  },
} as const;

/** level and reason of a query, checked (422 naming the field); the rest is the supervision query's. */
export function ratedCasesFilter(query: Record<string, unknown>): { level?: number; reason?: string; rest: Record<string, unknown> } {
  const { level, reason, ...rest } = query;
  const asked = Object.fromEntries(Object.entries({ level, reason }).filter(([, v]) => v !== undefined));
  assertValid<{ level?: string; reason?: string }>(ratedCasesQuerySchema, asked, 'query');
  return { ...(asked.level ? { level: Number(asked.level) } : {}), ...(asked.reason ? { reason: String(asked.reason) } : {}), rest };
}

/**
 * The cases behind a level's or a reason's count: each rated case with its latest rating (level,
 * reasons, comment, when), the latest rated first, a page at a time.
 */
export async function ratedCases(sequelize: Sequelize, period: Period, filters: Filters, query: RatedCasesQuery, locale: Locale) {
  const replacements: Record<string, unknown> = {};
  let where = ratedWhere(period, filters, replacements);
  if (query.level !== undefined) {
    where += ' AND rating_level = :level';
    replacements.level = query.level;
  }
  if (query.reason !== undefined) where += ' AND rating_level <= :badLevel';
  // the facts first (their columns unqualified, as filterSql writes them), then each one's latest rating
  let sql = `FROM (SELECT case_id, case_no, item_code, department_code AS department FROM case_facts WHERE ${where}) f
       JOIN case_ratings r ON r.id = (SELECT MAX(x.id) FROM case_ratings x WHERE x.case_id = f.case_id)`;
  if (query.reason !== undefined) {
    // reasons is a JSON array of codes kept as text: a code is a word of its own between quotes
    sql += ' WHERE r.reasons LIKE :reasonLike';
    replacements.reasonLike = `%"${query.reason}"%`;
  }
  const [{ total }] = (await sequelize.query<{ total: number | string }>(`SELECT COUNT(*) AS total ${sql}`, { replacements, type: QueryTypes.SELECT })) as [
    { total: number | string },
  ];
  replacements.limit = query.pageSize;
  replacements.offset = (query.page - 1) * query.pageSize;
  const rows = await sequelize.query<Record<string, unknown>>(
    `SELECT f.case_no, f.item_code, f.department, r.level, r.reasons, r.comment, r.created_at ${sql} ORDER BY r.created_at DESC, r.id DESC LIMIT :limit OFFSET :offset`,
    { replacements, type: QueryTypes.SELECT },
  );
  const [names, departments] = await Promise.all([catalogNames(locale), allDepartments()]);
  const departmentName = new Map(departments.map((d) => [d.code, locale === 'en' ? d.nameEn : d.nameZh]));
  const cases = rows.map((r) => {
    const level = Number(r.level);
    return {
      caseNo: String(r.case_no),
      itemCode: String(r.item_code),
      name: names(String(r.item_code)),
      department: departmentName.get(String(r.department)) ?? String(r.department),
      level,
      levelLabel: RATING_LEVELS[level]?.[locale] ?? String(level),
      reasons: parsed(r.reasons).map((code) => ({ code, label: RATING_REASONS[code as RatingReason]?.[locale] ?? code })),
      comment: (r.comment as string | null) ?? null,
      ratedAt: r.created_at instanceof Date ? r.created_at : new Date(String(r.created_at)),
    };
  });
  return { total: Number(total), page: query.page, pageSize: query.pageSize, cases };
}
