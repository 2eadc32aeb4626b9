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

const GROUP_COLUMNS: Record<Exclude<Dimension, 'region'>, string> = {
  department: 'department_code',
  item: 'item_code',
  bundle: 'bundle_code',
  channel: 'channel',
  day: 'day',
  month: 'SUBSTR(day, 1, 7)',
};

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

const figures = (counts: Counts, locale: Locale): IndicatorFigure[] =>
  INDICATORS.map((def) => {
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
 * model's counters (indicator_counts: a few rows per day), never a count over the cases.
 */
export async function indicators(sequelize: Sequelize, period: Period, filters: Filters, groupBy: Dimension | undefined, locale: Locale) {
  const replacements: Record<string, unknown> = { from: period.from, to: period.to };
  const where = ['day >= :from', 'day <= :to', ...filterSql(filters, replacements)];
  const sums = MEASURES.map((m) => `SUM(${m}) AS ${m}`).join(', ');
  const column = groupBy === 'region' ? 'region_code' : groupBy ? GROUP_COLUMNS[groupBy] : null;
  const rows = await sequelize.query<Record<string, unknown>>(
    `SELECT ${column ? `${column} AS group_key, ` : ''}${sums} FROM indicator_counts WHERE ${where.join(' AND ')}${column ? ` GROUP BY ${column}` : ''}`,
    { replacements, type: QueryTypes.SELECT },
  );
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
