import { onBeforeUnmount, ref } from 'vue';

/** Whether the screen is phone-narrow: tables and lists lay out in one column then. */
export function useNarrow(maxWidth = 600) {
  const query = window.matchMedia(`(max-width: ${maxWidth}px)`);
  const narrow = ref(query.matches);
  const update = (e: MediaQueryListEvent) => (narrow.value = e.matches);
  query.addEventListener('change', update);
  onBeforeUnmount(() => query.removeEventListener('change', update));
  return narrow;
}
