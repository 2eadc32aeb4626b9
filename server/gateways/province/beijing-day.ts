/** The Beijing day (YYYY-MM-DD, UTC+8 all year) of an instant: the day the exchange counts an event under. */
export function beijingDay(at: Date | string): string {
  return new Date(new Date(at).getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

/** A day as YYYY-MM-DD that is a real date. */
export function isDay(value: unknown): value is string {
  return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) && new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) === value;
}
