import { computed } from 'vue';
import { useRoute, useRouter, type LocationQueryRaw } from 'vue-router';
import type { DashboardFilters } from './supervisionTypes.ts';

/** The periods offered: the last 7, 30 or 90 days (today included), this year so far, or two days chosen. */
export const PERIODS = ['7', '30', '90', 'year', 'custom'] as const;
export type PeriodKey = (typeof PERIODS)[number];

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Today in Beijing (the indicators' days are Asia/Shanghai days). */
export function shanghaiToday(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}
const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

export function periodDays(key: PeriodKey, custom: { from?: string; to?: string }, today = shanghaiToday()): { from: string; to: string } {
  if (key === 'custom' && custom.from && custom.to && DAY.test(custom.from) && DAY.test(custom.to)) return { from: custom.from, to: custom.to };
  if (key === 'year') return { from: `${today.slice(0, 4)}-01-01`, to: today };
  const days = key === '7' ? 7 : key === '90' ? 90 : 30;
  return { from: addDays(today, 1 - days), to: today };
}

const FILTER_KEYS = ['department', 'region', 'channel', 'item'] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];

/**
 * The dashboard's state in the address (a leader can bookmark or send a view): the period, the
 * filters, the tab, and the indicators and grouping the trend and the ranking show.
 */
export function useDashboardQuery() {
  const route = useRoute();
  const router = useRouter();
  const text = (name: string) => (typeof route.query[name] === 'string' ? (route.query[name] as string) : undefined);
  const set = (changes: LocationQueryRaw) => {
    const next: LocationQueryRaw = { ...route.query, ...changes };
    for (const [k, v] of Object.entries(next)) if (v === undefined || v === null || v === '') delete next[k];
    void router.replace({ query: next });
  };

  const period = computed<PeriodKey>(() => ((PERIODS as readonly string[]).includes(text('period') ?? '') ? (text('period') as PeriodKey) : '30'));
  const filters = computed<DashboardFilters>(() => ({
    ...periodDays(period.value, { from: text('from'), to: text('to') }),
    ...Object.fromEntries(FILTER_KEYS.map((k) => [k, text(k)]).filter(([, v]) => v)),
  }));
  const field = (name: string, fallback: string) =>
    computed<string>({ get: () => text(name) ?? fallback, set: (value) => set({ [name]: value === fallback ? undefined : value }) });

  return {
    period,
    filters,
    text,
    set,
    setPeriod: (key: PeriodKey, range?: { from: string; to: string }) =>
      set({ period: key === '30' ? undefined : key, from: key === 'custom' ? range?.from : undefined, to: key === 'custom' ? range?.to : undefined }),
    setFilter: (key: FilterKey, value: string | undefined) => set({ [key]: value }),
    clearFilters: () => set(Object.fromEntries(FILTER_KEYS.map((k) => [k, undefined]))),
    tab: field('tab', 'overview'),
    trendCode: field('trend', 'online_application_rate'),
    rankCode: field('rank', 'online_application_rate'),
    field,
  };
}
