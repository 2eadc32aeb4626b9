import type { Localized } from './locale.ts';

/**
 * 监管指标: the counters the read model keeps per day and dimension (server/supervision), and the
 * indicators the dashboards show as their ratios. docs/indicators.md defines each with its formula,
 * its source and the seed it answers; this file is the one list both the server and the pages read.
 */

/**
 * The counters of the read model, each with the day it is counted on: an application on the day it
 * was submitted (一件事 once), a closing on the day the case closed, a rating on the day it was given.
 */
export const MEASURE_DAY = {
  // 申办: one per application
  applications: 'submitted',
  online_applications: 'submitted',
  accepted: 'submitted',
  not_accepted: 'submitted',
  corrected: 'submitted',
  tolerated: 'submitted',
  committed: 'submitted',
  assisted: 'submitted',
  // 办结: one per application closed
  finished: 'finished',
  once: 'finished',
  visits: 'finished',
  overdue: 'finished',
  within_promised: 'finished',
  used_days: 'finished',
  promised_days: 'finished',
  materials_given: 'finished',
  materials_exempted: 'finished',
  assisted_finished: 'finished',
  assisted_solved: 'finished',
  // 事项办件 of a department: every item case, a bundle's items in their own departments
  item_cases: 'submitted',
  item_finished: 'finished',
  item_overdue: 'finished',
  // 好差评
  ratings: 'rated',
  satisfied: 'rated',
  bad: 'rated',
  bad_rectified: 'rated',
  bad_rectified_on_time: 'rated',
  assisted_ratings: 'rated',
  assisted_satisfied: 'rated',
} as const satisfies Record<string, 'submitted' | 'finished' | 'rated'>;

export type Measure = keyof typeof MEASURE_DAY;
export const MEASURES = Object.keys(MEASURE_DAY) as Measure[];

export type Counts = Partial<Record<Measure, number>>;

/** The ways an indicator can be cut. */
export const DIMENSIONS = ['region', 'department', 'item', 'bundle', 'channel', 'day', 'month'] as const;
export type Dimension = (typeof DIMENSIONS)[number];

export const DIMENSION_NAMES: Record<Dimension, Localized> = {
  region: { 'zh-CN': '区划', en: 'Region' },
  department: { 'zh-CN': '部门', en: 'Department' },
  item: { 'zh-CN': '事项', en: 'Item' },
  bundle: { 'zh-CN': '一件事', en: 'Bundle' },
  channel: { 'zh-CN': '渠道', en: 'Channel' },
  day: { 'zh-CN': '日', en: 'Day' },
  month: { 'zh-CN': '月', en: 'Month' },
};

/** How an indicator is read: a share (0–1, shown as a percentage), a count, or an average number of days or visits. */
export type IndicatorKind = 'rate' | 'count' | 'average';

export interface IndicatorDefinition<M extends string = Measure> {
  code: string;
  name: Localized;
  kind: IndicatorKind;
  /** the counter counted (a count), or divided (a rate or average) */
  numerator: M;
  /** the counter divided by (rates and averages) */
  denominator?: M;
  /** an average's unit from the counters' (e.g. 1/60: minutes counted, hours shown) */
  scale?: number;
  /** the seeds' target (rates: a share, e.g. 0.8; `atMost`: the figure must not exceed it) */
  target?: { value: number; atMost?: boolean; seed: string };
  /** a high figure is good (rankings order by it) */
  higherIsBetter: boolean;
}

/**
 * The case-level indicators. 全程网办率 is an indicator of the catalog, not of cases (items at depth
 * level 4 ÷ items): server/supervision/online-depth.ts computes it from the items' 网办深度.
 */
export const INDICATORS: IndicatorDefinition[] = [
  {
    code: 'online_application_rate',
    name: { 'zh-CN': '网上申办率', en: 'Online application rate' },
    kind: 'rate',
    numerator: 'online_applications',
    denominator: 'applications',
    target: { value: 0.8, seed: '000' },
    higherIsBetter: true,
  },
  {
    code: 'once_rate',
    name: { 'zh-CN': '一次办率', en: 'Done-in-one-visit rate' },
    kind: 'rate',
    numerator: 'once',
    denominator: 'finished',
    target: { value: 0.95, seed: '001' },
    higherIsBetter: true,
  },
  {
    code: 'visits_per_case',
    name: { 'zh-CN': '平均跑动次数', en: 'Visits per case' },
    kind: 'average',
    numerator: 'visits',
    denominator: 'finished',
    higherIsBetter: false,
  },
  { code: 'applications', name: { 'zh-CN': '申办量', en: 'Applications' }, kind: 'count', numerator: 'applications', higherIsBetter: true },
  { code: 'finished', name: { 'zh-CN': '办结量', en: 'Cases closed' }, kind: 'count', numerator: 'finished', higherIsBetter: true },
  {
    code: 'overdue_rate',
    name: { 'zh-CN': '超期办结率', en: 'Closed late (rate)' },
    kind: 'rate',
    numerator: 'overdue',
    denominator: 'finished',
    target: { value: 0, atMost: true, seed: '003' },
    higherIsBetter: false,
  },
  { code: 'overdue', name: { 'zh-CN': '超期办结数', en: 'Closed late' }, kind: 'count', numerator: 'overdue', higherIsBetter: false },
  {
    code: 'within_promised_rate',
    name: { 'zh-CN': '承诺时限内办结率', en: 'Closed within the promised days' },
    kind: 'rate',
    numerator: 'within_promised',
    denominator: 'finished',
    higherIsBetter: true,
  },
  {
    code: 'days_used',
    name: { 'zh-CN': '平均办理用时（工作日）', en: 'Working days used per case' },
    kind: 'average',
    numerator: 'used_days',
    denominator: 'finished',
    higherIsBetter: false,
  },
  {
    code: 'days_promised',
    name: { 'zh-CN': '平均承诺时限（工作日）', en: 'Working days promised per case' },
    kind: 'average',
    numerator: 'promised_days',
    denominator: 'finished',
    higherIsBetter: false,
  },
  {
    code: 'correction_rate',
    name: { 'zh-CN': '补正率', en: 'Correction rate' },
    kind: 'rate',
    numerator: 'corrected',
    denominator: 'applications',
    higherIsBetter: false,
  },
  {
    code: 'tolerance_rate',
    name: { 'zh-CN': '容缺受理率', en: 'Accepted with materials to follow' },
    kind: 'rate',
    numerator: 'tolerated',
    denominator: 'accepted',
    higherIsBetter: true,
  },
  {
    code: 'commitment_rate',
    name: { 'zh-CN': '告知承诺率', en: 'Accepted on a commitment' },
    kind: 'rate',
    numerator: 'committed',
    denominator: 'accepted',
    higherIsBetter: true,
  },
  {
    code: 'not_accepted_rate',
    name: { 'zh-CN': '不予受理率', en: 'Not-accepted rate' },
    kind: 'rate',
    numerator: 'not_accepted',
    denominator: 'applications',
    higherIsBetter: false,
  },
  {
    code: 'materials_exempted_rate',
    name: { 'zh-CN': '材料免提交率', en: 'Materials not handed in again (rate)' },
    kind: 'rate',
    numerator: 'materials_exempted',
    denominator: 'materials_given',
    target: { value: 0.6, seed: '002' },
    higherIsBetter: true,
  },
  {
    code: 'materials_exempted',
    name: { 'zh-CN': '免提交材料数', en: 'Materials not handed in again' },
    kind: 'count',
    numerator: 'materials_exempted',
    higherIsBetter: true,
  },
  {
    code: 'satisfaction_rate',
    name: { 'zh-CN': '好评率', en: 'Satisfaction' },
    kind: 'rate',
    numerator: 'satisfied',
    denominator: 'ratings',
    higherIsBetter: true,
  },
  { code: 'bad_ratings', name: { 'zh-CN': '差评数', en: 'Bad ratings' }, kind: 'count', numerator: 'bad', higherIsBetter: false },
  {
    code: 'bad_rectified_rate',
    name: { 'zh-CN': '差评整改率', en: 'Bad ratings rectified' },
    kind: 'rate',
    numerator: 'bad_rectified',
    denominator: 'bad',
    target: { value: 1, seed: '001' },
    higherIsBetter: true,
  },
  {
    code: 'bad_rectified_on_time_rate',
    name: { 'zh-CN': '差评按期整改率', en: 'Bad ratings rectified on time' },
    kind: 'rate',
    numerator: 'bad_rectified_on_time',
    denominator: 'bad',
    target: { value: 1, seed: '001' },
    higherIsBetter: true,
  },
  {
    code: 'assisted_share',
    name: { 'zh-CN': '帮办代办占比', en: 'Assisted applications' },
    kind: 'rate',
    numerator: 'assisted',
    denominator: 'applications',
    higherIsBetter: true,
  },
  {
    code: 'assisted_solve_rate',
    name: { 'zh-CN': '帮办代办办成率', en: 'Assisted cases approved' },
    kind: 'rate',
    numerator: 'assisted_solved',
    denominator: 'assisted_finished',
    higherIsBetter: true,
  },
  {
    code: 'assisted_satisfaction_rate',
    name: { 'zh-CN': '帮办代办满意率', en: 'Assisted cases: satisfaction' },
    kind: 'rate',
    numerator: 'assisted_satisfied',
    denominator: 'assisted_ratings',
    higherIsBetter: true,
  },
  { code: 'item_cases', name: { 'zh-CN': '事项办件量', en: 'Item cases' }, kind: 'count', numerator: 'item_cases', higherIsBetter: true },
  {
    code: 'item_overdue_rate',
    name: { 'zh-CN': '事项超期率', en: 'Item cases closed late' },
    kind: 'rate',
    numerator: 'item_overdue',
    denominator: 'item_finished',
    target: { value: 0, atMost: true, seed: '003' },
    higherIsBetter: false,
  },
];

/** The value of an indicator over counts: null where its denominator is zero (no figure, not 0%). */
export function indicatorValue<M extends string>(def: IndicatorDefinition<M>, counts: Partial<Record<M, number>>): number | null {
  const numerator = counts[def.numerator] ?? 0;
  if (!def.denominator) return numerator;
  const denominator = counts[def.denominator] ?? 0;
  return denominator === 0 ? null : (numerator / denominator) * (def.scale ?? 1);
}

/** Whether a figure meets its target (undefined: the indicator has none, or there is no figure). */
export function meetsTarget<M extends string>(def: IndicatorDefinition<M>, value: number | null): boolean | undefined {
  if (!def.target || value === null) return undefined;
  return def.target.atMost ? value <= def.target.value : value >= def.target.value;
}
