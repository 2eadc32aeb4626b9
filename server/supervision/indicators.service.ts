import { QueryTypes, type Sequelize } from 'sequelize';
import {
  INDICATORS,
  MEASURES,
  indicatorValue,
  meetsTarget,
  type Counts,
  type Dimension,
  type IndicatorDefinition,
  type Measure,
} from '../../contract/indicators.ts';
import { CHANNEL_LABELS, type Channel } from '../../contract/channels.ts';
import { regionPrefix } from '../../contract/regions.ts';
import type { Locale } from '../../contract/locale.ts';
import { catalogNames } from '../catalog/index.ts';
import { allDepartments, allRegions, type RegionRecord } from '../organization/index.ts';
import type { Filters } from './scope.ts';

/** A period of days (Asia/Shanghai), both ends included. */
export interface Period {
  from: string;
  to: string;
}

export interface IndicatorFigure {
  code: string;
  name: string;
  kind: IndicatorDefinition['kind'];
  value: number | null;
  numerator: number;
  denominator: number | null;
  target: number | null;
  atMost: boolean;
  meets: boolean | null;
}

export interface IndicatorGroup {
  key: string;
  name: string;
  counts: Counts;
  indicators: IndicatorFigure[];
}

/** What a row is grouped by, in the daily table and in the monthly one. */
const GROUP_COLUMNS: Record<Dimension, { daily: string; monthly: string }> = {
  region: { daily: 'region_code', monthly: 'region_code' },
  department: { daily: 'department_code', monthly: 'department_code' },
  item: { daily: 'item_code', monthly: 'item_code' },
  bundle: { daily: 'bundle_code', monthly: 'bundle_code' },
  channel: { daily: 'channel', monthly: 'channel' },
  day: { daily: 'day', monthly: 'month' },
  month: { daily: 'SUBSTR(day, 1, 7)', monthly: 'month' },
};

const dayNumber = (day: string) => Date.parse(`${day}T00:00:00Z`) / 86_400_000;
const dayOf = (n: number) => new Date(n * 86_400_000).toISOString().slice(0, 10);
const monthStart = (day: string) => `${day.slice(0, 7)}-01`;
const monthEnd = (day: string) => {
  const d = new Date(`${monthStart(day)}T00:00:00Z`);
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).toISOString().slice(0, 10);
};

/**
 * A period read as whole months (from the monthly counters) and the days at its ragged ends (from
 * the daily ones): a year is 12 months of some 400 rows each instead of 365 days. By day, only days.
 */
export function periodParts(period: Period, byDay: boolean): { days: [string, string][]; months: [string, string] | null } {
  if (byDay) return { days: [[period.from, period.to]], months: null };
  const firstFull = period.from === monthStart(period.from) ? period.from : dayOf(dayNumber(monthEnd(period.from)) + 1);
  const lastFull = period.to === monthEnd(period.to) ? period.to : dayOf(dayNumber(monthStart(period.to)) - 1);
  if (dayNumber(firstFull) > dayNumber(lastFull)) return { days: [[period.from, period.to]], months: null };
  const days: [string, string][] = [];
  if (firstFull !== period.from) days.push([period.from, dayOf(dayNumber(firstFull) - 1)]);
  if (lastFull !== period.to) days.push([dayOf(dayNumber(lastFull) + 1), period.to]);
  return { days, months: [firstFull.slice(0, 7), lastFull.slice(0, 7)] };
}

/** The WHERE of the filters on a table with the dimension columns (indicator_counts, case_facts). */
export function filterSql(filters: Filters, replacements: Record<string, unknown>): string[] {
  const where: string[] = [];
  if (filters.departmentCode) {
    where.push('department_code = :departmentCode');
    replacements.departmentCode = filters.departmentCode;
  }
  if (filters.regionCode) {
    // the region and every region under it (4301 for the city 430100)
    where.push('region_code LIKE :regionPrefix');
    replacements.regionPrefix = `${regionPrefix(filters.regionCode)}%`;
  }
  if (filters.itemCode) {
    where.push('item_code = :itemCode');
    replacements.itemCode = filters.itemCode;
  }
  if (filters.bundleCode) {
    where.push('bundle_code = :bundleCode');
    replacements.bundleCode = filters.bundleCode;
  }
  if (filters.channel) {
    where.push('channel = :channel');
    replacements.channel = filters.channel;
  }
  return where;
}

/** Each indicator of a list, computed from the counters (the case indicators, or the staff ones). */
export function figuresOf<M extends string>(definitions: IndicatorDefinition<M>[], counts: Partial<Record<M, number>>, locale: Locale): IndicatorFigure[] {
  return definitions.map((def) => {
    const value = indicatorValue(def, counts);
    return {
      code: def.code,
      name: def.name[locale],
      kind: def.kind,
      value,
      numerator: counts[def.numerator] ?? 0,
      denominator: def.denominator ? (counts[def.denominator] ?? 0) : null,
      target: def.target?.value ?? null,
      atMost: Boolean(def.target?.atMost),
      meets: meetsTarget(def, value) ?? null,
    };
  });
}

const figures = (counts: Counts, locale: Locale): IndicatorFigure[] => figuresOf(INDICATORS, counts, locale);

const toCounts = (row: Record<string, unknown>): Counts => Object.fromEntries(MEASURES.map((m) => [m, Number(row[m] ?? 0)])) as Record<Measure, number>;

function addTo(into: Counts, counts: Counts): void {
  for (const m of MEASURES) into[m] = (into[m] ?? 0) + (counts[m] ?? 0);
}

/** The region a code is counted under when grouping below `parent`: its ancestor one level under it (the parent itself for its own cases). */
function groupRegion(code: string, parent: string | null, regions: Map<string, RegionRecord>): string {
  let at = regions.get(code);
  if (!at) return code || '';
  while (at.parentCode && at.parentCode !== parent) {
    const up = regions.get(at.parentCode);
    if (!up) break;
    at = up;
  }
  return at.code;
}

/**
 * The indicators over a period, for the filters, in total and by a dimension: sums of the read
 * model's counters (whole months from indicator_months, the ragged ends' days from
 * indicator_counts), never a count over the cases.
 */
export async function indicators(sequelize: Sequelize, period: Period, filters: Filters, groupBy: Dimension | undefined, locale: Locale) {
  const replacements: Record<string, unknown> = {};
  const filter = filterSql(filters, replacements);
  const parts = periodParts(period, groupBy === 'day');
  const sums = MEASURES.map((m) => `SUM(${m}) AS ${m}`).join(', ');
  // each table summed on its own and the rows merged here: MariaDB sums a UNION ALL in a temporary table, at twice the cost
  const summed = (table: string, key: string | null, where: string) =>
    `SELECT ${key ?? "''"} AS group_key, ${sums} FROM ${table} WHERE ${where}${filter.map((w) => ` AND ${w}`).join('')}${key ? ` GROUP BY ${key}` : ''}`;
  const selects: string[] = [];
  if (parts.days.length) {
    const ranges = parts.days.map(([a, b], i) => {
      replacements[`dayFrom${i}`] = a;
      replacements[`dayTo${i}`] = b;
      return `(day >= :dayFrom${i} AND day <= :dayTo${i})`;
    });
    selects.push(summed('indicator_counts', groupBy ? GROUP_COLUMNS[groupBy].daily : null, `(${ranges.join(' OR ')})`));
  }
  if (parts.months) {
    replacements.monthFrom = parts.months[0];
    replacements.monthTo = parts.months[1];
    selects.push(summed('indicator_months', groupBy ? GROUP_COLUMNS[groupBy].monthly : null, 'month >= :monthFrom AND month <= :monthTo'));
  }
  const rows = (await Promise.all(selects.map((sql) => sequelize.query<Record<string, unknown>>(sql, { replacements, type: QueryTypes.SELECT })))).flat();
  const total: Counts = {};
  for (const r of rows) addTo(total, toCounts(r));
  const result = { period, filters, totals: { counts: total, indicators: figures(total, locale) }, groups: [] as IndicatorGroup[] };
  if (!groupBy) return result;

  const grouped = new Map<string, Counts>();
  const regions = groupBy === 'region' ? new Map((await allRegions()).map((r) => [r.code, r])) : null;
  for (const r of rows) {
    const raw = String(r.group_key ?? '');
    const key = regions ? groupRegion(raw, filters.regionCode ?? null, regions) : raw;
    const counts = grouped.get(key) ?? {};
    addTo(counts, toCounts(r));
    grouped.set(key, counts);
  }
  const nameOf = await namer(groupBy, locale, regions);
  result.groups = [...grouped.entries()]
    .map(([key, counts]) => ({ key, name: nameOf(key), counts, indicators: figures(counts, locale) }))
    .sort((a, b) => a.key.localeCompare(b.key));
  return result;
}

/** The name of a group's key in the language: a department, region, item or bundle by its name, a channel by its label. */
async function namer(groupBy: Dimension, locale: Locale, regions: Map<string, RegionRecord> | null): Promise<(key: string) => string> {
  const none = locale === 'en' ? '(none)' : '（无）';
  switch (groupBy) {
    case 'department': {
      const names = new Map((await allDepartments()).map((d) => [d.code, locale === 'en' ? d.nameEn : d.nameZh]));
      return (key) => names.get(key) ?? key;
    }
    case 'region':
      return (key) => {
        const r = regions?.get(key);
        return r ? (locale === 'en' ? r.nameEn : r.nameZh) : key || none;
      };
    case 'item':
    case 'bundle': {
      const names = await catalogNames(locale);
      return (key) => (key ? names(key) : none);
    }
    case 'channel':
      return (key) => CHANNEL_LABELS[key as Channel]?.[locale] ?? key;
    default:
      return (key) => key;
  }
}
