import { computed, onBeforeUnmount, onMounted, ref, watch } from 'vue';
import { useRoute, useRouter } from 'vue-router';
import { useI18n } from 'vue-i18n';
import { inboxApi } from '../api/inbox.ts';
import type { InboxAnswer, InboxQuery } from '../api/types.ts';
import { onLive, type TaskEvent } from '../live/socket.ts';
import { showError } from '../shared/errors.ts';

const FILTERS = ['scope', 'caseNo', 'itemCode', 'bundleCode', 'channel', 'colour', 'receivedFrom', 'receivedTo'] as const;
export type InboxFilter = (typeof FILTERS)[number];

export const SORTS = ['urgency', 'newest', 'oldest'] as const;
export type InboxSort = (typeof SORTS)[number];
export const PAGE_SIZES = [20, 50, 100] as const;

const one = (value: unknown): string | undefined => (typeof value === 'string' && value ? value : undefined);

/**
 * The inbox's state: its filters, sort and page live in the URL (a reload or a shared link keeps
 * them: ?caseNo=…&sort=newest&page=2&size=50), the page of tasks comes from GET /tasks (paged by
 * the server, with the exact total), and every `task` event of the socket refetches the page, a
 * little later so that a burst of events (claim + complete + the next step) costs one request.
 */
export function useInbox() {
  const route = useRoute();
  const router = useRouter();
  const { locale } = useI18n();
  const answer = ref<InboxAnswer | null>(null);
  const loading = ref(false);
  const lastEvent = ref<TaskEvent | null>(null);

  /** the filters only (what narrows the list), as the filters' panel shows them */
  const query = computed<InboxQuery>(() => Object.fromEntries(FILTERS.flatMap((f) => (one(route.query[f]) ? [[f, one(route.query[f])]] : []))));
  const sort = computed<InboxSort>(() => SORTS.find((s) => s === route.query.sort) ?? 'urgency');
  const size = computed<number>(() => PAGE_SIZES.find((s) => String(s) === route.query.size) ?? PAGE_SIZES[0]);
  const page = computed<number>(() => {
    const n = Number(one(route.query.page) ?? '1');
    return Number.isInteger(n) && n >= 1 ? n : 1;
  });
  const request = computed<InboxQuery>(() => ({
    ...query.value,
    ...(sort.value === 'urgency' ? {} : { sort: sort.value }),
    limit: String(size.value),
    offset: String((page.value - 1) * size.value),
  }));

  /** Changes the URL's query: undefined removes a key; the default values stay out of it. */
  function replaceQuery(changes: Record<string, string | undefined>): void {
    const next: Record<string, unknown> = { ...route.query, ...changes };
    if (next.sort === 'urgency') delete next.sort;
    if (next.size === String(PAGE_SIZES[0])) delete next.size;
    if (next.page === '1') delete next.page;
    void router.replace({ query: Object.fromEntries(Object.entries(next).filter(([, v]) => typeof v === 'string' && v)) as Record<string, string> });
  }

  let latest = 0;
  async function load(): Promise<void> {
    const mine = ++latest;
    loading.value = true;
    try {
      const got = await inboxApi.list(request.value);
      // an answer to an older request (the filters changed meanwhile) is not shown
      if (mine !== latest) return;
      answer.value = got;
      // the page emptied (its tasks done, or fewer tasks than a shared link's page): the last page that has tasks
      if (got.tasks.length === 0 && got.total > 0 && page.value > 1) replaceQuery({ page: String(Math.ceil(got.total / size.value)) });
    } catch (err) {
      showError(err);
    } finally {
      if (mine === latest) loading.value = false;
    }
  }

  /** A filter changed: back to the first page. */
  const setFilters = (changes: Partial<Record<InboxFilter, string | undefined>>) => replaceQuery({ ...changes, page: undefined });
  /** Clears the filters; the sort and the page size stay. */
  const clearFilters = () => replaceQuery({ ...Object.fromEntries(FILTERS.map((f) => [f, undefined])), page: undefined });
  const setSort = (value: InboxSort) => replaceQuery({ sort: value, page: undefined });
  const setPage = (value: number) => replaceQuery({ page: String(value) });
  const setSize = (value: number) => replaceQuery({ size: String(value), page: undefined });

  let timer: ReturnType<typeof setTimeout> | undefined;
  function refetchSoon(): void {
    clearTimeout(timer);
    timer = setTimeout(() => void load(), 150);
  }

  let stop: (() => void) | undefined;
  onMounted(() => {
    void load();
    stop = onLive('task', (event) => {
      lastEvent.value = event;
      refetchSoon();
    });
  });
  onBeforeUnmount(() => {
    stop?.();
    clearTimeout(timer);
  });
  // the route's query object changes on every navigation: refetch only when the request does (or the
  // language: the tasks' item and bundle names come in it)
  watch(
    () => `${locale.value} ${JSON.stringify(request.value)}`,
    () => {
      if (route.name === 'inbox') void load();
    },
  );

  return { answer, loading, query, sort, page, size, load, setFilters, clearFilters, setSort, setPage, setSize, lastEvent };
}
