import { computed, ref, watch } from 'vue';
import { useI18n } from 'vue-i18n';
import type { ApplicantFields } from '../../../contract/recognition/form-matching.ts';

/** The marks of the window's applicant fields (beside the form's own fields): the field each stands for and its title. */
export const APPLICANT_MARKS: Record<string, { field: 'name' | 'idNo'; title: string }> = {
  '@applicant.name': { field: 'name', title: 'window.applicantName' },
  '@applicant.idNo': { field: 'idNo', title: 'window.idNo' },
};

/**
 * The fields filled from a recognised document, each marked 已识别，请核对 until the person confirms
 * it or edits it (a changed value is theirs: its mark goes): the form's, and at the window the
 * applicant's. `notes` is what SchemaForm shows under each marked field (and the window under the
 * applicant's).
 */
export function useRecognitionMarks(form: Record<string, unknown>, applicant?: ApplicantFields) {
  const { t } = useI18n();
  const marks = ref<Record<string, unknown>>({});
  const current = (mark: string) => (APPLICANT_MARKS[mark] ? applicant?.[APPLICANT_MARKS[mark].field] : form[mark]);
  watch(
    () => [{ ...form }, { ...applicant }],
    () => {
      for (const [mark, value] of Object.entries(marks.value)) if (current(mark) !== value) delete marks.value[mark];
    },
  );
  const notes = computed(() => Object.fromEntries(Object.keys(marks.value).map((field) => [field, t('recognition.mark')])));
  return { marks, notes };
}
