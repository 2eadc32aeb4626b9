import { appLocale } from '../i18n/index.ts';

// China keeps one time zone all year: every time is shown as it was in Beijing
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(kind: 'date' | 'dateTime'): Intl.DateTimeFormat {
  const key = `${appLocale.value}:${kind}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(appLocale.value, {
      timeZone: 'Asia/Shanghai',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      ...(kind === 'dateTime' ? { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' } : {}),
    });
    formatters.set(key, f);
  }
  return f;
}

export const formatDateTime = (iso: string | null | undefined): string => (iso ? formatter('dateTime').format(new Date(iso)) : '');
export const formatDate = (iso: string | null | undefined): string => (iso ? formatter('date').format(new Date(iso)) : '');

const UNITS = ['B', 'KB', 'MB', 'GB', 'TB'];
/** A size in bytes as people read it (1024-based, one decimal above a kilobyte): 1.5 MB. */
export function formatBytes(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${unit ? value.toFixed(1) : value} ${UNITS[unit]}`;
}
