import { QueryTypes, type Sequelize } from 'sequelize';
import type { Locale } from '../../contract/locale.ts';
import { BAD_LEVEL, RATING_REASON_CODES } from '../../contract/requests/ratings.ts';
import { RATING_LEVELS, RATING_REASONS } from '../ratings/index.ts';
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

export async function ratingAnalysis(sequelize: Sequelize, period: Period, filters: Filters, locale: Locale): Promise<RatingAnalysis> {
  const replacements: Record<string, unknown> = { badLevel: BAD_LEVEL };
  const where = [measureSql('ratings', period, replacements), ...filterSql(filters, replacements)].map((w) => `(${w})`).join(' AND ');
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
