import { get, getBlob } from '../api/http.ts';
import type { Answer } from '../../../contract/api/index.ts';
import type { Dimension, Measure } from '../../../contract/indicators.ts';

/** 监管指标 (server/supervision/): the figures, the cases behind one, the overdue list, the ratings' analysis and the exports. */
export type Figures = Answer<'/supervision/indicators', 'get'>;
export type Figure = Figures['totals']['indicators'][number];
export type FigureGroup = Figures['groups'][number];
export type Scope = Figures['scope'];
export type DrilledCases = Answer<'/supervision/cases', 'get'>;
export type DrilledCase = DrilledCases['cases'][number];
export type OverdueCases = Answer<'/supervision/overdue', 'get'>;
export type RatingAnalysis = Answer<'/supervision/ratings', 'get'>;
export type RatedCases = Answer<'/supervision/ratings/cases', 'get'>;
export type Department = Answer<'/departments', 'get'>['departments'][number];
export type Region = Answer<'/regions', 'get'>['regions'][number];
export type ItemSummary = Answer<'/items', 'get'>['items'][number];

/** The period and the filters every call of the dashboard takes (the query's names). */
export interface DashboardFilters {
  from: string;
  to: string;
  department?: string;
  region?: string;
  channel?: string;
  item?: string;
  bundle?: string;
}

const query = (f: DashboardFilters): Record<string, string | undefined> => ({ ...f });

export const supervisionApi = {
  indicators: (f: DashboardFilters, groupBy?: Dimension) => get<Figures>('/supervision/indicators', { ...query(f), groupBy }),
  cases: (f: DashboardFilters, measure: Measure, notIn: Measure | undefined, page: number, pageSize: number) =>
    get<DrilledCases>('/supervision/cases', { ...query(f), measure, notIn, page: String(page), pageSize: String(pageSize) }),
  /** the open cases past due now: no period */
  overdue: ({ from: _from, to: _to, ...f }: DashboardFilters, pageSize: number) =>
    get<OverdueCases>('/supervision/overdue', { ...f, pageSize: String(pageSize) }),
  ratings: (f: DashboardFilters) => get<RatingAnalysis>('/supervision/ratings', query(f)),
  /** the rated cases of a level, or the bad ones naming a reason */
  ratedCases: (f: DashboardFilters, which: { level?: number; reason?: string }, page: number, pageSize: number) =>
    get<RatedCases>('/supervision/ratings/cases', {
      ...query(f),
      level: which.level === undefined ? undefined : String(which.level),
      reason: which.reason,
      page: String(page),
      pageSize: String(pageSize),
    }),
  export: (f: DashboardFilters, groupBy: Dimension, format: 'csv' | 'xlsx') => {
    const all: Record<string, string | undefined> = { ...query(f), groupBy, format };
    const params = new URLSearchParams(Object.entries(all).filter((e): e is [string, string] => Boolean(e[1])));
    return getBlob(`/supervision/indicators?${params.toString()}`);
  },
  departments: async () => (await get<Answer<'/departments', 'get'>>('/departments')).departments,
  regions: async () => (await get<Answer<'/regions', 'get'>>('/regions')).regions,
  items: async () => (await get<Answer<'/items', 'get'>>('/items')).items,
};
