import { computed, reactive, ref } from 'vue';
import { ApiError } from '../api/http.ts';
import {
  intakeApi,
  cleanForm,
  type ApplicantInfo,
  type Attachment,
  type BundlePlan,
  type BundleView,
  type MaterialGiven,
  type Prefill,
  type Submitted,
} from './intakeApi.ts';

/** One material on the checklist: a file handed in, or the applicant's e-license in its place. */
export interface MaterialState {
  attachment: Attachment | null;
  eLicenseNumber: string | null;
}

/** The window clerk's intake of one 一件事: questionnaire → merged form → materials → receipt. */
export function useIntake() {
  const bundle = ref<BundleView | null>(null);
  const answers = reactive<Record<string, unknown>>({});
  const plan = ref<BundlePlan | null>(null);
  const applicant = reactive<ApplicantInfo>({ name: '', idType: 'resident_id', idNo: '', phone: '' });
  const form = reactive<Record<string, unknown>>({});
  const materials = reactive<Record<string, MaterialState>>({});
  const prefill = ref<Prefill | null>(null);
  const submitted = ref<(Submitted & { at: string }) | null>(null);
  const problems = ref<Record<string, string>>({});
  const busy = ref(false);
  /** 办理地: the region the case is taken for (the window's own region until the clerk chooses another: 跨域通办) */
  const regionCode = ref<string | null>(null);

  async function choose(code: string) {
    bundle.value = await intakeApi.bundle(code);
    for (const k of Object.keys(answers)) delete answers[k];
    plan.value = null;
    submitted.value = null;
  }

  const answered = computed(() => Boolean(bundle.value?.questionnaire.every((q) => answers[q.code] !== undefined)));

  async function makePlan() {
    plan.value = await intakeApi.plan(bundle.value!.code, { ...answers });
    for (const k of Object.keys(materials)) delete materials[k];
    for (const m of plan.value.materials) materials[m.code] = { attachment: null, eLicenseNumber: null };
  }

  async function loadPrefill() {
    prefill.value = await intakeApi.prefill({ bundleCode: bundle.value!.code, idNo: applicant.idNo.trim() });
    for (const [field, value] of Object.entries(prefill.value.form)) if (form[field] === undefined || form[field] === '') form[field] = value;
  }

  const licenseFor = (code: string) => prefill.value?.eLicenses.find((l) => l.code === code) ?? null;

  /** A file uploaded for the material (MaterialUpload): it replaces an e-license chosen before. */
  function attach(code: string, attachment: Attachment) {
    const state = materials[code]!;
    state.attachment = attachment;
    state.eLicenseNumber = null;
  }

  function useLicense(code: string) {
    const license = licenseFor(code);
    if (!license) return;
    materials[code]!.eLicenseNumber = license.number;
    materials[code]!.attachment = null;
  }

  function clearMaterial(code: string) {
    materials[code]!.attachment = null;
    materials[code]!.eLicenseNumber = null;
  }

  const given = computed<MaterialGiven[]>(() =>
    Object.entries(materials).flatMap(([code, m]): MaterialGiven[] =>
      m.attachment ? [{ code, attachmentId: m.attachment.id }] : m.eLicenseNumber ? [{ code, eLicenseNumber: m.eLicenseNumber }] : [],
    ),
  );
  const missing = computed(() => (plan.value?.materials ?? []).filter((m) => m.required && !given.value.some((g) => g.code === m.code)));

  async function submit() {
    problems.value = {};
    busy.value = true;
    try {
      const res = await intakeApi.submit({
        bundleCode: bundle.value!.code,
        answers: { ...answers },
        channel: 'window',
        ...(regionCode.value ? { regionCode: regionCode.value } : {}),
        applicant: { ...applicant, idNo: applicant.idNo.trim(), name: applicant.name.trim(), phone: applicant.phone.trim() },
        form: cleanForm(form),
        materials: given.value,
      });
      submitted.value = { ...res, at: new Date().toISOString() };
    } catch (err) {
      if (err instanceof ApiError) {
        for (const d of err.details) {
          const field = d.field.replace(/^form\./, '').replace(/^applicant\./, 'applicant-');
          problems.value[field] = d.message;
        }
      }
      throw err;
    } finally {
      busy.value = false;
    }
  }

  function reset() {
    bundle.value = null;
    plan.value = null;
    prefill.value = null;
    submitted.value = null;
    problems.value = {};
    // the next applicant is taken for the window's own region again (RegionCascader puts it back)
    regionCode.value = null;
    for (const o of [answers, form, materials]) for (const k of Object.keys(o)) delete (o as Record<string, unknown>)[k];
    Object.assign(applicant, { name: '', idType: 'resident_id', idNo: '', phone: '' });
  }

  return {
    bundle,
    answers,
    answered,
    plan,
    applicant,
    form,
    materials,
    prefill,
    submitted,
    problems,
    busy,
    regionCode,
    given,
    missing,
    choose,
    makePlan,
    loadPrefill,
    licenseFor,
    attach,
    useLicense,
    clearMaterial,
    submit,
    reset,
  };
}
