import { ref, watch, type Ref } from 'vue';
import { useI18n } from 'vue-i18n';
import { casesApi, catalogApi } from '../api/cases.ts';
import type { CaseView, FormSchema, Tracking } from '../api/types.ts';
import { ApiError } from '../api/http.ts';

/**
 * One case as the case panels show it: the case (GET /cases/{caseNo}), where it stands
 * (GET /cases/{caseNo}/tracking) and the form schema its field titles come from. The API answers
 * labels in the UI's language, so a change of language loads it again. A page that shows the form
 * as the task's own form (the task page) asks for no schema: one request less before it shows.
 */
export function useCaseData(caseNo: Ref<string | null>, options: { schema?: boolean } = {}) {
  const { locale } = useI18n();
  const view = ref<CaseView | null>(null);
  const tracking = ref<Tracking | null>(null);
  const schema = ref<FormSchema | null>(null);
  const error = ref<ApiError | null>(null);
  const loading = ref(false);

  async function load(): Promise<void> {
    const no = caseNo.value;
    if (!no) {
      view.value = tracking.value = schema.value = null;
      return;
    }
    loading.value = true;
    error.value = null;
    try {
      const [v, tr] = await Promise.all([casesApi.get(no), casesApi.tracking(no)]);
      // the titles come with the fields, not after them
      schema.value =
        options.schema === false ? null : await (v.kind === 'bundle' ? catalogApi.bundleForm(v.item.code) : catalogApi.itemForm(v.item.code)).catch(() => null);
      view.value = v;
      tracking.value = tr;
    } catch (err) {
      view.value = tracking.value = schema.value = null;
      error.value = err instanceof ApiError ? err : new ApiError(0, 'unknown', String(err));
    } finally {
      loading.value = false;
    }
  }

  watch([caseNo, locale], () => void load(), { immediate: true });
  return { view, tracking, schema, error, loading, load };
}
