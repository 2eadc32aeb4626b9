import type { IndicatorDefinition } from './indicators.ts';

/**
 * 监管指标 by staff (按人员): what each member of staff did, counted per day by the read model
 * (server/supervision/staff-facts.ts): the tasks they completed on the day they completed them, the
 * ratings of the cases they handled on the day the rating was given. docs/indicators.md defines each.
 */
export const STAFF_MEASURES = [
  // 办理: one per task completed (a reviewer's, a leader's, a clerk's acceptance decision)
  'tasks_done',
  // with a step time limit (the item's stepDays, the law's for 受理), and completed within it
  'tasks_timed',
  'tasks_on_time',
  // with a known arrival (every task since migration 0040), and the minutes from its arrival to its completion (natural time)
  'tasks_measured',
  'handling_minutes',
  // approve or accepted; reject or not accepted; 补正 asked for
  'approvals',
  'rejections',
  'corrections_asked',
  // 好差评 of the cases they handled: each handler once per rated case
  'rated_cases',
  'rated_satisfied',
  'rated_bad',
] as const;

export type StaffMeasure = (typeof STAFF_MEASURES)[number];
export type StaffCounts = Partial<Record<StaffMeasure, number>>;

export const STAFF_INDICATORS: IndicatorDefinition<StaffMeasure>[] = [
  { code: 'tasks_done', name: { 'zh-CN': '办理件数', en: 'Tasks completed' }, kind: 'count', numerator: 'tasks_done', higherIsBetter: true },
  {
    code: 'on_time_rate',
    name: { 'zh-CN': '环节按时办结率', en: 'Steps completed in time' },
    kind: 'rate',
    numerator: 'tasks_on_time',
    denominator: 'tasks_timed',
    target: { value: 1, seed: '003' },
    higherIsBetter: true,
  },
  {
    code: 'handling_hours',
    name: { 'zh-CN': '平均办理时长（小时）', en: 'Average handling time (hours)' },
    kind: 'average',
    numerator: 'handling_minutes',
    denominator: 'tasks_measured',
    scale: 1 / 60,
    higherIsBetter: false,
  },
  { code: 'approvals', name: { 'zh-CN': '同意件数', en: 'Approved' }, kind: 'count', numerator: 'approvals', higherIsBetter: true },
  { code: 'rejections', name: { 'zh-CN': '不同意件数', en: 'Refused' }, kind: 'count', numerator: 'rejections', higherIsBetter: false },
  {
    code: 'corrections_asked',
    name: { 'zh-CN': '一次性告知补正', en: 'Corrections asked' },
    kind: 'count',
    numerator: 'corrections_asked',
    higherIsBetter: false,
  },
  { code: 'rated_cases', name: { 'zh-CN': '经办件评价数', en: 'Ratings of cases handled' }, kind: 'count', numerator: 'rated_cases', higherIsBetter: true },
  {
    code: 'handled_satisfaction_rate',
    name: { 'zh-CN': '经办件好评率', en: 'Satisfaction with cases handled' },
    kind: 'rate',
    numerator: 'rated_satisfied',
    denominator: 'rated_cases',
    higherIsBetter: true,
  },
  { code: 'rated_bad', name: { 'zh-CN': '经办件差评数', en: 'Bad ratings of cases handled' }, kind: 'count', numerator: 'rated_bad', higherIsBetter: false },
];
