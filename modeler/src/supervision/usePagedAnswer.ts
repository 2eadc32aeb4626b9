import { ref, watch, type Ref } from 'vue';
import { useI18n } from 'vue-i18n';
import { showError } from '../shared/errors.ts';

/**
 * A page of what a dialog shows for a request (the cases behind a figure, a person's tasks): loaded
 * when the request or the language changes, from the first page; `turn` loads another. An answer
 * that arrives after the request changed is dropped.
 */
export function usePagedAnswer<R, A>(request: () => R | null, fetch: (request: R, page: number) => Promise<A>) {
  const { locale } = useI18n();
  const page = ref(1);
  const answer = ref<A | null>(null) as Ref<A | null>;
  async function load() {
    const asked = request();
    if (!asked) return;
    try {
      const found = await fetch(asked, page.value);
      if (request() === asked) answer.value = found;
    } catch (err) {
      showError(err);
    }
  }
  watch(
    [request, locale],
    () => {
      answer.value = null;
      page.value = 1;
      void load();
    },
    { immediate: true },
  );
  return {
    page,
    answer,
    turn(p: number) {
      page.value = p;
      void load();
    },
  };
}
