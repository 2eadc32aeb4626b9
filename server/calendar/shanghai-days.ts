/**
 * Calendar days in Asia/Shanghai. China keeps UTC+8 all year (no daylight saving), so a fixed
 * offset is exact. Days are 'YYYY-MM-DD' strings.
 */
const OFFSET_MS = 8 * 3600 * 1000;
const DAY_MS = 24 * 3600 * 1000;

export const shanghaiDay = (instant: Date): string => new Date(instant.getTime() + OFFSET_MS).toISOString().slice(0, 10);

export const addDays = (day: string, n: number): string => new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);

/** 0 = Sunday … 6 = Saturday */
export const weekday = (day: string): number => new Date(`${day}T00:00:00Z`).getUTCDay();

/** The first millisecond of a day in Asia/Shanghai. */
export const startOfDay = (day: string): Date => new Date(Date.parse(`${day}T00:00:00Z`) - OFFSET_MS);

/** The last millisecond of a day in Asia/Shanghai. */
export const endOfDay = (day: string): Date => new Date(Date.parse(`${day}T00:00:00Z`) - OFFSET_MS + DAY_MS - 1);

/** An instant written in Asia/Shanghai time, e.g. 2026-02-25T23:59:59.999+08:00. */
export const shanghaiIso = (instant: Date): string => `${new Date(instant.getTime() + OFFSET_MS).toISOString().slice(0, 23)}+08:00`;

/** An instant as a person reads it in Asia/Shanghai, to the minute: 2026-12-06 16:40. */
export const shanghaiTime = (instant: Date): string => new Date(instant.getTime() + OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');
