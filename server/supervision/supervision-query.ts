import { DIMENSIONS, MEASURES, type Dimension, type Measure } from '../../contract/indicators.ts';
import { CHANNELS } from '../../contract/channels.ts';
import { REGION_CODE_PATTERN } from '../../contract/regions.ts';
import { shanghaiDay } from '../calendar/index.ts';
import { fieldProblem, validationFailed } from '../errors/app-error.ts';
import { assertValid } from '../validation/ajv.ts';
import type { Period } from './indicators.service.ts';
import type { Filters } from './scope.ts';

const DAY = '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$';
const CODE = { type: 'string', minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_.-]+$' } as const;

/** The longest period one request may sum: three years (a dashboard's comparisons). */
const MAX_DAYS = 3 * 366;
/** The period when none is asked for: the last 30 days. */
const DEFAULT_DAYS = 30;
/** A trend by day covers at most a quarter (longer ones are read by month). */
const MAX_DAYS_BY_DAY = 92;

export const supervisionQuerySchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    from: { type: 'string', pattern: DAY, title: '开始日期', 'x-title-en': 'From' },
    to: { type: 'string', pattern: DAY, title: '结束日期', 'x-title-en': 'To' },
    groupBy: { type: 'string', enum: [...DIMENSIONS], title: '分组', 'x-title-en': 'Group by' },
    department: { ...CODE, title: '部门', 'x-title-en': 'Department' },
    region: { type: 'string', pattern: REGION_CODE_PATTERN, title: '区划', 'x-title-en': 'Region' },
    item: { ...CODE, title: '事项', 'x-title-en': 'Item' },
    bundle: { ...CODE, title: '一件事', 'x-title-en': 'Bundle' },
    channel: { type: 'string', enum: [...CHANNELS], title: '渠道', 'x-title-en': 'Channel' },
    measure: { type: 'string', enum: [...MEASURES], title: '指标项', 'x-title-en': 'Measure' },
    notIn: { type: 'string', enum: [...MEASURES], title: '不计入', 'x-title-en': 'Not counted by' },
    page: { type: 'string', pattern: '^[1-9][0-9]{0,5}$', title: '页码', 'x-title-en': 'Page' },
    pageSize: { type: 'string', pattern: '^([1-9]|[1-9][0-9]|1[0-9][0-9]|200)$', title: '每页条数', 'x-title-en': 'Page size' },
    format: { type: 'string', enum: ['csv', 'xlsx'], title: '导出格式', 'x-title-en': 'Export format' },
  },
} as const;

export interface SupervisionQuery {
  from?: string;
  to?: string;
  groupBy?: Dimension;
  department?: string;
  region?: string;
  item?: string;
  bundle?: string;
  channel?: string;
  measure?: Measure;
  notIn?: Measure;
  page?: string;
  pageSize?: string;
  format?: 'csv' | 'xlsx';
}

const dayNumber = (day: string) => Date.parse(`${day}T00:00:00Z`) / 86_400_000;
const isRealDay = (day: string) => new Date(`${day}T00:00:00Z`).toISOString().slice(0, 10) === day;

/** The query checked (422 naming what is wrong), with its period: the last 30 days unless asked. */
export function parseQuery(query: unknown, now = new Date()): { q: SupervisionQuery; period: Period; filters: Filters } {
  assertValid<SupervisionQuery>(supervisionQuerySchema, query, 'query');
  const q = query as SupervisionQuery;
  for (const field of ['from', 'to'] as const) {
    const day = q[field];
    if (day && !isRealDay(day))
      throw validationFailed([
        fieldProblem(`query.${field}`, `${field === 'from' ? '开始日期' : '结束日期'}：${day} 不是日历上的日期`, `${field}: ${day} is not a calendar date`),
      ]);
  }
  const to = q.to ?? shanghaiDay(now);
  const from = q.from ?? new Date((dayNumber(to) - (DEFAULT_DAYS - 1)) * 86_400_000).toISOString().slice(0, 10);
  if (dayNumber(from) > dayNumber(to)) throw validationFailed([fieldProblem('query.from', '开始日期：不能晚于结束日期', 'from: must not be after to')]);
  if (dayNumber(to) - dayNumber(from) >= MAX_DAYS)
    throw validationFailed([fieldProblem('query.from', '开始日期：一次最多统计三年', 'from: a period is at most three years')]);
  if (q.groupBy === 'day' && dayNumber(to) - dayNumber(from) >= MAX_DAYS_BY_DAY)
    throw validationFailed([
      fieldProblem('query.groupBy', '分组：按日分组最多 92 天，更长的期间请按月分组', 'groupBy: by day for at most 92 days; group a longer period by month'),
    ]);
  const filters: Filters = {
    ...(q.department ? { departmentCode: q.department } : {}),
    ...(q.region ? { regionCode: q.region } : {}),
    ...(q.item ? { itemCode: q.item } : {}),
    ...(q.bundle ? { bundleCode: q.bundle } : {}),
    ...(q.channel ? { channel: q.channel } : {}),
  };
  return { q, period: { from, to }, filters };
}
