import { computed, onBeforeUnmount, onMounted, ref, watch } from 'vue';
import { useRoute, useRouter } from 'vue-router';
import { inboxApi } from '../api/inbox.ts';
import type { InboxAnswer, InboxQuery } from '../api/types.ts';
import { onLive, type TaskEvent } from '../live/socket.ts';
import { showError } from '../shared/errors.ts';

const FILTERS = ['scope', 'itemCode', 'bundleCode', 'channel', 'colour', 'receivedFrom', 'receivedTo'] as const;

/**
 * The inbox's state: its filters live in the URL (a reload or a shared link keeps them), the list
 * comes from GET /tasks, and every `task` event of the socket refetches it, a little later so
 * that a burst of events (claim + complete + the next step) costs one request.
 */
export function useInbox() {
  const route = useRoute();
  const router = useRouter();
  const answer = ref<InboxAnswer | null>(null);
  const loading = ref(false);
  const lastEvent = ref<TaskEvent | null>(null);

  const query = computed<InboxQuery>(() =>
    Object.fromEntries(FILTERS.flatMap((f) => (typeof route.query[f] === 'string' && route.query[f] ? [[f, route.query[f]]] : []))),
  );

  async function load(): Promise<void> {
    loading.value = true;
    try {
      answer.value = await inboxApi.list(query.value);
    } catch (err) {
      showError(err);
    } finally {
      loading.value = false;
    }
  }

  function setFilters(changes: Partial<Record<(typeof FILTERS)[number], string | undefined>>): void {
    const next: Record<string, unknown> = { ...route.query, ...changes };
    void router.replace({ query: Object.fromEntries(Object.entries(next).filter(([, v]) => v)) as Record<string, string> });
  }

  const clearFilters = () => void router.replace({ query: {} });

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
  watch(query, () => void load());

  return { answer, loading, query, load, setFilters, clearFilters, lastEvent };
}
