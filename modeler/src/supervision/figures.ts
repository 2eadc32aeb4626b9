import { INDICATORS, type Dimension, type IndicatorDefinition, type Measure } from '../../../contract/indicators.ts';
import type { DashboardFilters, Figure, FigureGroup } from './supervisionTypes.ts';

/** The indicators of the tiles, in the order the seeds put them first (网上申办率, 一次办率 …). */
export const TILE_CODES = [
  'online_application_rate',
  'once_rate',
  'overdue_rate',
  'satisfaction_rate',
  'bad_rectified_rate',
  'materials_exempted_rate',
  'visits_per_case',
  'applications',
  'finished',
];

/** The 好差评 tab's indicators. */
export const RATING_CODES = ['satisfaction_rate', 'bad_ratings', 'bad_rectified_rate', 'bad_rectified_on_time_rate'];

export const definitionOf = (code: string): IndicatorDefinition => INDICATORS.find((i) => i.code === code)!;

/** A figure as read: a rate as a percentage (one decimal), an average with two, a count whole; no figure: —. */
export function formatValue(kind: IndicatorDefinition['kind'], value: number | null, locale: string): string {
  if (value === null) return '—';
  if (kind === 'rate') return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(value);
  if (kind === 'average') return new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(value);
  return new Intl.NumberFormat(locale).format(value);
}

export const formatTarget = (figure: Pick<Figure, 'kind' | 'target'>, locale: string) => formatValue(figure.kind, figure.target, locale);

/** How a figure stands against its target: met, missed, no figure, or no target. */
export type Standing = 'met' | 'missed' | 'none' | 'untargeted';
export function standingOf(figure: Figure): Standing {
  if (figure.target === null) return 'untargeted';
  if (figure.meets === null) return 'none';
  return figure.meets ? 'met' : 'missed';
}

/** The cases behind a figure: those its counter counts, and (a rate or average) the denominator's others. */
export interface DrillRequest {
  code: string;
  name: string;
  filters: DashboardFilters;
  /** what narrowed the figure beyond the page's filters (a ranking row, a day of the trend) */
  narrowedTo?: string;
}

export function drillMeasures(code: string): { counted: Measure; misses?: { measure: Measure; notIn: Measure } } {
  const def = definitionOf(code);
  return { counted: def.numerator, ...(def.denominator ? { misses: { measure: def.denominator, notIn: def.numerator } } : {}) };
}

/** A group of a grouping as a filter: a ranking row or a trend point narrows the drill-down to itself. */
export function filtersOfGroup(filters: DashboardFilters, groupBy: Dimension, key: string): DashboardFilters {
  switch (groupBy) {
    case 'day':
      return { ...filters, from: key, to: key };
    case 'month': {
      const [y, m] = key.split('-').map(Number) as [number, number];
      const last = new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
      return { ...filters, from: key + '-01' > filters.from ? `${key}-01` : filters.from, to: last < filters.to ? last : filters.to };
    }
    default:
      return { ...filters, [groupBy]: key };
  }
}

export const figureOf = (group: Pick<FigureGroup, 'indicators'>, code: string) => group.indicators.find((i) => i.code === code)!;

/** The rated cases behind a level's or a reason's count (好差评分析). */
export interface RatedCasesRequest {
  title: string;
  filters: DashboardFilters;
  level?: number;
  reason?: string;
}

/** The tasks behind a person's count (按人员): all they completed, those after the step's due time, their refusals or their 补正 notices. */
export interface StaffTasksRequest {
  userId: number;
  person: string;
  /** the department their figures are of */
  department: string;
  only: 'all' | 'late' | 'rejections' | 'corrections_asked';
  filters: DashboardFilters;
}
