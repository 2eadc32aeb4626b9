/**
 * 工作日历: the body of PUT /calendar/overrides/{day}, checked by the server
 * (server/calendar/calendar.controller.ts) and by the system administrator's 工作日历 page before
 * it sends.
 */

/** A region code (6 digits, 行政区划代码), or * for everywhere. */
export const REGION_PATTERN = '^(\\*|\\d{6})$';

export type DayKind = 'holiday' | 'workday';

export interface CalendarOverrideBody {
  kind: DayKind;
  name: string;
  /** absent: everywhere (*) */
  region?: string;
}

export const calendarOverrideSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['kind', 'name'],
  properties: {
    kind: { type: 'string', enum: ['holiday', 'workday'], title: '类型', 'x-title-en': 'Kind' },
    name: { type: 'string', minLength: 1, maxLength: 100, pattern: '\\S', title: '名称', 'x-title-en': 'Name' },
    region: { type: 'string', pattern: REGION_PATTERN, title: '区划代码', 'x-title-en': 'Region code' },
  },
} as const;
