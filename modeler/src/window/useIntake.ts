import { computed, reactive, ref } from 'vue';
import { ApiError } from '../api/http.ts';
import { appLocale } from '../i18n/index.ts';
import { meets, type Answers } from '../../../contract/catalog/questions.ts';
import type { PriorityReason } from '../../../contract/priority.ts';
import { deliveryChoiceOf, noDeliveryChoice } from '../shared/deliveryChoice.ts';
import type { AskedQuestion } from '../shared/askedQuestion.ts';
import { itemApplicationForms, type GeneratedForm } from '../shared/generatedForms.ts';
import { casesApi } from '../api/cases.ts';
import {
  intakeApi,
  cleanForm,
  type ApplicantInfo,
  type Attachment,
  type BundlePlan,
  type ItemGuide,
  type MaterialGiven,
  type Prefill,
  type Submitted,
} from './intakeApi.ts';

/** One material on the checklist: a file handed in, or the applicant's e-license in its place. */
export interface MaterialState {
  attachment: Attachment | null;
  eLicenseNumber: string | null;
}

/** A question of the target, as the page asks it: a bundle's 情形问答 or an item's 办理情形. */
export type IntakeQuestion = AskedQuestion;

/** What the clerk takes: a 一件事 or a single item, with the questions its answers choose materials by. */
export interface IntakeTarget {
  kind: 'item' | 'bundle';
  code: string;
  name: string;
  questions: IntakeQuestion[];
}

/**
 * What the answers call for, alike for both: the items, the form, the materials, those not needed,
 * and the application forms the platform generates from the form (申请表电子化, a bundle's 一表申请).
 */
export type IntakePlan = Pick<BundlePlan, 'name' | 'promisedDays' | 'form' | 'waivedMaterials'> & {
  items: { name: string }[];
  materials: { code: string; name: string; formats: string[]; required: boolean }[];
  generatedMaterials: GeneratedForm[];
};

/** A generated application form filed with the submitted case: the clerk prints it for the applicant to sign. */
export interface FiledForm {
  code: string;
  name: string;
  attachmentId: string;
}

/** An item's plan made from its guide: its form, and the materials its situation (办理情形) calls for, as the server chooses them. */
function itemPlan(item: ItemGuide, answers: Answers): IntakePlan {
  const en = appLocale.value === 'en';
  return {
    name: item.name,
    promisedDays: item.promisedDays,
    form: item.formSchema,
    waivedMaterials: [],
    items: [{ name: item.name }],
    generatedMaterials: itemApplicationForms(item.materials, en, answers),
    materials: item.materials
      .filter((m) => !m.applicationForm && meets(m.when ?? null, answers))
      .map((m) => ({ code: m.code, name: en ? m.nameEn : m.name, formats: m.formats, required: m.required })),
  };
}

/**
 * The window clerk's intake of one 一件事 or one item: questions → form → materials → the applicant
 * named, 绿色通道 and delivery → submitted for them → receipt.
 */
export function useIntake() {
  const target = ref<IntakeTarget | null>(null);
  const item = ref<ItemGuide | null>(null);
  const answers = reactive<Answers>({});
  const plan = ref<IntakePlan | null>(null);
  const applicant = reactive<ApplicantInfo>({ name: '', idType: 'resident_id', idNo: '', phone: '' });
  const form = reactive<Record<string, unknown>>({});
  const materials = reactive<Record<string, MaterialState>>({});
  const prefill = ref<Prefill | null>(null);
  const submitted = ref<(Submitted & { at: string }) | null>(null);
  /** the submitted case's generated application forms, to print for the applicant's signature */
  const filedForms = ref<FiledForm[]>([]);
  const problems = ref<Record<string, string>>({});
  const busy = ref(false);
  /** 办理地: the region the case is taken for (the window's own region until the clerk chooses another: 跨域通办) */
  const regionCode = ref<string | null>(null);
  /** 绿色通道: the reason the clerk puts the case first ('' for an ordinary case) */
  const priority = ref<PriorityReason | ''>('');
  /** 送达方式 as the applicant asks for it at the window (electronic, as when none is chosen) */
  const delivery = reactive(noDeliveryChoice());

  /** The bundle's or item's guide, in the UI's language: its name and its questions. */
  async function load(kind: 'item' | 'bundle', code: string): Promise<IntakeTarget> {
    const en = appLocale.value === 'en';
    if (kind === 'bundle') {
      const bundle = await intakeApi.bundle(code);
      item.value = null;
      target.value = { kind, code, name: bundle.name, questions: bundle.questionnaire };
    } else {
      const guide = await intakeApi.item(code);
      item.value = guide;
      target.value = {
        kind,
        code,
        name: guide.name,
        questions: (guide.situations ?? []).map((q) => ({
          code: q.code,
          text: en ? q.textEn : q.text,
          type: q.type,
          options: q.options?.map((o) => ({ value: o.value, label: en ? o.labelEn : o.label })),
        })),
      };
    }
    return target.value;
  }

  async function choose(kind: 'item' | 'bundle', code: string) {
    const chosen = await load(kind, code);
    for (const o of [answers, materials]) for (const k of Object.keys(o)) delete (o as Record<string, unknown>)[k];
    plan.value = null;
    submitted.value = null;
    // an item without 办理情形 has nothing to ask: its form and materials follow at once
    if (!chosen.questions.length) await makePlan();
  }

  const answered = computed(() => Boolean(target.value?.questions.every((q) => answers[q.code] !== undefined)));

  let plans = 0;
  /** The plan for the answers as they are now; what was handed in for a material the plan still asks for stays. */
  async function makePlan() {
    const t = target.value!;
    const asked = ++plans;
    const next = t.kind === 'bundle' ? await intakeApi.plan(t.code, { ...answers }) : itemPlan(item.value!, answers);
    // answers changed again while the server planned: the later plan is the one to show
    if (asked !== plans) return;
    plan.value = next;
    const before = { ...materials };
    for (const k of Object.keys(materials)) delete materials[k];
    for (const m of next.materials) materials[m.code] = before[m.code] ?? { attachment: null, eLicenseNumber: null };
  }

  /** The UI's language changed: the questions, the items' and the materials' names are read again in it (the receipt's too). */
  async function relabel() {
    if (!target.value) return;
    await load(target.value.kind, target.value.code);
    if (plan.value) await makePlan();
  }

  /** the target's code as POST /cases and /prefill name it */
  const targetCode = () => (target.value!.kind === 'bundle' ? { bundleCode: target.value!.code } : { itemCode: target.value!.code });

  async function loadPrefill() {
    prefill.value = await intakeApi.prefill({ ...targetCode(), idNo: applicant.idNo.trim() });
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
        ...targetCode(),
        ...(target.value!.questions.length ? { answers: { ...answers } } : {}),
        channel: 'window',
        ...(priority.value ? { priority: { reason: priority.value } } : {}),
        delivery: deliveryChoiceOf(delivery),
        ...(regionCode.value ? { regionCode: regionCode.value } : {}),
        applicant: { ...applicant, idNo: applicant.idNo.trim(), name: applicant.name.trim(), phone: applicant.phone.trim() },
        form: cleanForm(form),
        materials: given.value,
      });
      submitted.value = { ...res, at: new Date().toISOString() };
      filedForms.value = [];
      const generated = new Set(plan.value!.generatedMaterials.map((g) => g.code));
      // the case is in whatever this read says: without it the receipt stands, and the forms are on the case's page
      const view = generated.size ? await casesApi.get(res.caseNo).catch(() => null) : null;
      filedForms.value = (view?.materials ?? []).flatMap((m) =>
        generated.has(m.code) && 'attachmentId' in m ? [{ code: m.code, name: m.name, attachmentId: m.attachmentId }] : [],
      );
    } catch (err) {
      if (err instanceof ApiError) {
        for (const d of err.details) {
          const field = d.field
            .replace(/^form\./, '')
            .replace(/^applicant\./, 'applicant-')
            .replace(/^delivery\./, 'delivery-');
          problems.value[field] = d.message;
        }
      }
      throw err;
    } finally {
      busy.value = false;
    }
  }

  function reset() {
    target.value = null;
    item.value = null;
    priority.value = '';
    Object.assign(delivery, noDeliveryChoice());
    plan.value = null;
    prefill.value = null;
    submitted.value = null;
    filedForms.value = [];
    problems.value = {};
    // the next applicant is taken for the window's own region again (RegionCascader puts it back)
    regionCode.value = null;
    for (const o of [answers, form, materials]) for (const k of Object.keys(o)) delete (o as Record<string, unknown>)[k];
    Object.assign(applicant, { name: '', idType: 'resident_id', idNo: '', phone: '' });
  }

  return {
    target,
    answers,
    answered,
    plan,
    applicant,
    form,
    materials,
    prefill,
    submitted,
    filedForms,
    problems,
    busy,
    regionCode,
    priority,
    delivery,
    given,
    missing,
    choose,
    makePlan,
    relabel,
    loadPrefill,
    licenseFor,
    attach,
    useLicense,
    clearMaterial,
    submit,
    reset,
  };
}
