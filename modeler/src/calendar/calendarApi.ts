import { del, get, post, put } from '../api/http.ts';
import type { Answer } from '../../../contract/api/index.ts';
import type { ArrangementImportBody, CalendarOverrideBody } from '../../../contract/requests/calendar.ts';

/**
 * GET /calendar/{year}: the year's days off and its make-up workdays; `source` where they come from
 * (published, imported by an administrator, or statutory: derived from the law while the State
 * Council's arrangement is not published, provisional 推定).
 */
export type CalendarYear = Answer<'/calendar/{year}', 'get'>;

/** A day of a year's calendar (server/calendar/working-calendar.ts DayInfo): an official holiday or make-up workday (调休), or one of the platform's overrides. */
export type CalendarDay = CalendarYear['holidays'][number];

/** One of the platform's own overrides: for everywhere ('*') or one region. */
export type CalendarOverride = Answer<'/calendar/overrides', 'get'>['overrides'][number];

/** GET /calendar/arrangements/{year}: the year's imported arrangement of the State Council, if any. */
export type Arrangement = Answer<'/calendar/arrangements/{year}', 'get'>;

/** POST /calendar/arrangements: what an import (or its dry run) changes. */
export type ArrangementResult = Answer<'/calendar/arrangements', 'post'>;

export const EVERYWHERE = '*';

const enc = encodeURIComponent;

/** 工作日历 (server/calendar/): the year as the platform counts it, and the system administrator's overrides. */
export const calendarApi = {
  year: (year: number) => get<CalendarYear>(`/calendar/${year}`),
  overrides: async (year: number) => (await get<Answer<'/calendar/overrides', 'get'>>('/calendar/overrides', { year: String(year) })).overrides,
  set: (day: string, body: CalendarOverrideBody) => put<Answer<'/calendar/overrides/{day}', 'put'>>(`/calendar/overrides/${enc(day)}`, body),
  remove: (day: string, region: string) => del(`/calendar/overrides/${enc(day)}`, region === EVERYWHERE ? {} : { region }),
  arrangement: (year: number) => get<Arrangement>(`/calendar/arrangements/${year}`),
  importArrangement: (body: ArrangementImportBody) => post<ArrangementResult>('/calendar/arrangements', body),
  removeArrangement: (year: number) => del(`/calendar/arrangements/${year}`),
};
