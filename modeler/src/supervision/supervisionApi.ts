import { get, getBlob, put } from '../api/http.ts';
import type { MonitoringRuleBody } from '../../../contract/requests/monitoring-rules.ts';
import type { Dimension, Measure } from '../../../contract/indicators.ts';

/** 监管指标 (server/supervision/): the figures, the cases behind one, the overdue list, the ratings' analysis and the exports. */
export type {
  Figures,
  Figure,
  FigureGroup,
  Scope,
  DrilledCases,
  DrilledCase,
  OverdueCases,
  RatingAnalysis,
  RatedCases,
  StaffFigures,
  StaffRow,
  StaffTasks,
  StaffTask,
  MonitoringRules,
  MonitoringRuleRow,
  Department,
  Region,
  ItemSummary,
  DashboardFilters,
} from './supervisionTypes.ts';
import type {
  Figures,
  DrilledCases,
  OverdueCases,
  RatingAnalysis,
  RatedCases,
  StaffFigures,
  StaffTasks,
  MonitoringRules,
  DashboardFilters,
  Department,
  Region,
  ItemSummary,
} from './supervisionTypes.ts';

const query = (f: DashboardFilters): Record<string, string | undefined> => ({ ...f });
/** by staff: a person's work is cut by period, department and region only */
const staffQuery = ({ from, to, department, region }: DashboardFilters): Record<string, string | undefined> => ({ from, to, department, region });
const withFormat = (path: string, all: Record<string, string | undefined>) =>
  getBlob(`${path}?${new URLSearchParams(Object.entries(all).filter((e): e is [string, string] => Boolean(e[1]))).toString()}`);

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
  export: (f: DashboardFilters, groupBy: Dimension, format: 'csv' | 'xlsx') => withFormat('/supervision/indicators', { ...query(f), groupBy, format }),
  staff: (f: DashboardFilters) => get<StaffFigures>('/supervision/staff', staffQuery(f)),
  /** a person's tasks: all, those decided after the step's due time, their refusals or their 补正 notices */
  staffTasks: (
    f: DashboardFilters,
    userId: number,
    department: string,
    only: 'all' | 'late' | 'rejections' | 'corrections_asked',
    page: number,
    pageSize: number,
  ) => get<StaffTasks>(`/supervision/staff/${userId}/tasks`, { ...staffQuery(f), department, only, page: String(page), pageSize: String(pageSize) }),
  exportStaff: (f: DashboardFilters, format: 'csv' | 'xlsx') => withFormat('/supervision/staff', { ...staffQuery(f), format }),
  monitoringRules: () => get<MonitoringRules>('/supervision/monitoring-rules'),
  setMonitoringRule: (indicator: string, body: MonitoringRuleBody) => put<{ indicatorCode: string }>(`/supervision/monitoring-rules/${indicator}`, body),
  departments: async () => (await get<{ departments: Department[] }>('/departments')).departments,
  regions: async () => (await get<{ regions: Region[] }>('/regions')).regions,
  items: async () => (await get<{ items: ItemSummary[] }>('/items')).items,
};
