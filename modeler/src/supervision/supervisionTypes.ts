/**
 * The dashboard's types alone (no request code): what the pure helpers (figures.ts, the period
 * arithmetic) and the unit tests import without the app's HTTP client and session.
 */
import type { Answer } from '../../../contract/api/index.ts';

/** 监管指标 (server/supervision/): the figures, the cases behind one, the overdue list, the ratings' analysis. */
export type Figures = Answer<'/supervision/indicators', 'get'>;
export type Figure = Figures['totals']['indicators'][number];
export type FigureGroup = Figures['groups'][number];
export type Scope = Figures['scope'];
export type DrilledCases = Answer<'/supervision/cases', 'get'>;
export type DrilledCase = DrilledCases['cases'][number];
export type OverdueCases = Answer<'/supervision/overdue', 'get'>;
export type RatingAnalysis = Answer<'/supervision/ratings', 'get'>;
export type RatedCases = Answer<'/supervision/ratings/cases', 'get'>;
export type StaffFigures = Answer<'/supervision/staff', 'get'>;
export type StaffRow = StaffFigures['staff'][number];
export type StaffTasks = Answer<'/supervision/staff/{userId}/tasks', 'get'>;
export type StaffTask = StaffTasks['tasks'][number];
export type MonitoringRules = Answer<'/supervision/monitoring-rules', 'get'>;
export type MonitoringRuleRow = MonitoringRules['rules'][number];
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
