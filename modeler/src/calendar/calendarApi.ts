import { del, get, put } from '../api/http.ts';
import type { CalendarOverrideBody, DayKind } from '../../../contract/requests/calendar.ts';

/** A day of a year's calendar (server/calendar/working-calendar.ts DayInfo). */
export interface CalendarDay {
  day: string;
  workday: boolean;
  /** an official holiday or make-up workday (调休), or one of the platform's overrides */
  reason: 'weekday' | 'weekend' | 'holiday' | 'make_up_workday' | 'override';
  name?: string;
  provisional: boolean;
}

/** GET /calendar/{year}: the year's days off on weekdays and holidays, and its make-up workdays. */
export interface CalendarYear {
  year: number;
  /** no official calendar for the year yet: weekends only */
  provisional: boolean;
  holidays: CalendarDay[];
  makeUpWorkdays: CalendarDay[];
}

/** One of the platform's own overrides: for everywhere ('*') or one region. */
export interface CalendarOverride {
  day: string;
  region: string;
  kind: DayKind;
  name: string;
}

export const EVERYWHERE = '*';

const enc = encodeURIComponent;

/** 工作日历 (server/calendar/): the year as the platform counts it, and the system administrator's overrides. */
export const calendarApi = {
  year: (year: number) => get<CalendarYear>(`/calendar/${year}`),
  overrides: async (year: number) => (await get<{ year: number; overrides: CalendarOverride[] }>('/calendar/overrides', { year: String(year) })).overrides,
  set: (day: string, body: CalendarOverrideBody) => put<CalendarOverride>(`/calendar/overrides/${enc(day)}`, body),
  remove: (day: string, region: string) => del(`/calendar/overrides/${enc(day)}`, region === EVERYWHERE ? {} : { region }),
};
