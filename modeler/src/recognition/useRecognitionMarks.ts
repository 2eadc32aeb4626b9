import { computed, ref, watch } from 'vue';
import { useI18n } from 'vue-i18n';

/**
 * The form fields filled from a recognised document, each marked 已识别，请核对 until the person
 * confirms it or edits it (a changed value is theirs: its mark goes). `notes` is what SchemaForm
 * shows under each marked field.
 */
export function useRecognitionMarks(form: Record<string, unknown>) {
  const { t } = useI18n();
  const marks = ref<Record<string, unknown>>({});
  watch(
    () => ({ ...form }),
    () => {
      for (const [field, value] of Object.entries(marks.value)) if (form[field] !== value) delete marks.value[field];
    },
  );
  const notes = computed(() => Object.fromEntries(Object.keys(marks.value).map((field) => [field, t('recognition.mark')])));
  return { marks, notes };
}
