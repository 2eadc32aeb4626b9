import { computed, reactive, ref } from 'vue';
import { ApiError } from '../api/http.ts';
import { session } from '../api/session.ts';
import { appLocale } from '../i18n/index.ts';
import type { Answers } from '../../../contract/catalog/questions.ts';
import { deliveryChoiceOf, noDeliveryChoice } from '../shared/deliveryChoice.ts';
import type { AskedQuestion } from '../shared/askedQuestion.ts';
import { cleanForm, intakeApi, type BundlePlan, type BundleView, type ItemGuide, type JsonSchema, type Prefill } from '../window/intakeApi.ts';
import { givenMaterials, itemMaterials, keepWaysOf, planMaterials, promisedMaterials, type ApplyMaterial, type MaterialWay } from '../shared/materialWays.ts';
import { itemApplicationForms, type GeneratedForm } from '../shared/generatedForms.ts';
import { agentOf, noAgent, type AgentFieldValues } from '../shared/agentFields.ts';

export type { ApplyMaterial, MaterialWay } from '../shared/materialWays.ts';

/** 委托代理: the person applied for, and the agent's own phone and relationship (the agent is the signed-in person). */
export interface ForSomeone {
  name: string;
  idNo: string;
  phone: string;
  agent: AgentFieldValues;
}

export type Question = AskedQuestion;

/**
 * 网上申报 of an item or a 一件事: the questions first (办理情形, or the bundle's 情形问答), then the
 * form and the materials the answers call for (the item's by its conditions, the bundle's from the
 * server's plan: 一表申请, 一套材料), then who applies (themselves, or someone else as their agent),
 * the delivery of the result, and the submission.
 */
export function useApplication(kind: 'item' | 'bundle', code: string) {
  const item = ref<ItemGuide | null>(null);
  const bundle = ref<BundleView | null>(null);
  const plan = ref<BundlePlan | null>(null);
  const prefill = ref<Prefill | null>(null);
  const answers = reactive<Answers>({});
  /** the answers the form and materials below were made for (the questions are asked again on a change) */
  const planned = ref<Answers | null>(null);
  const form = reactive<Record<string, unknown>>({});
  const ways = reactive<Record<string, MaterialWay>>({});
  const phone = ref('');
  const forSomeone = ref<ForSomeone | null>(null);
  const delivery = reactive(noDeliveryChoice());
  const regionCode = ref<string | null>(null);
  const problems = ref<Record<string, string>>({});
  const busy = ref(false);

  const name = computed(() => item.value?.name ?? bundle.value?.name ?? '');
  const questions = computed<Question[]>(() =>
    kind === 'bundle'
      ? (bundle.value?.questionnaire ?? []).map((q) => ({ code: q.code, text: q.text, type: q.type, options: q.options }))
      : (item.value?.situations ?? []).map((q) => ({
          code: q.code,
          text: appLocale.value === 'en' ? q.textEn : q.text,
          type: q.type,
          options: q.options?.map((o) => ({ value: o.value, label: appLocale.value === 'en' ? o.labelEn : o.label })),
        })),
  );
  const answered = computed(() => questions.value.every((q) => answers[q.code] !== undefined));

  /** The guide and, once answered, the plan: again in the page's language when it changes. */
  async function loadGuide(): Promise<void> {
    if (kind === 'bundle') bundle.value = await intakeApi.bundle(code);
    else item.value = await intakeApi.item(code);
    if (kind === 'bundle' && planned.value && plan.value) await replan();
  }

  async function load(): Promise<void> {
    await loadGuide();
    prefill.value = await intakeApi.prefill(kind === 'bundle' ? { bundleCode: code } : { itemCode: code });
    Object.assign(form, prefill.value.form);
    if (!questions.value.length) planned.value = {};
  }

  /** The bundle's plan for the answers given, and for who files (an agent's case asks for the authorisation). */
  async function replan(): Promise<void> {
    plan.value = await intakeApi.plan(code, { ...planned.value }, Boolean(forSomeone.value));
  }

  /** The answers are given: the form and the materials follow them (a bundle's from the server's plan). */
  async function confirmAnswers(): Promise<void> {
    planned.value = { ...answers };
    if (kind === 'bundle') await replan();
    keepWaysOf(ways, materials.value);
  }

  /** Asks the questions again (the materials they chose are chosen again after). */
  function changeAnswers(): void {
    planned.value = null;
    plan.value = null;
  }

  const formSchema = computed<JsonSchema | null>(() => (kind === 'bundle' ? (plan.value?.form ?? null) : (item.value?.formSchema ?? null)));

  const materials = computed<ApplyMaterial[]>(() => {
    if (!planned.value) return [];
    if (kind === 'bundle') return planMaterials(plan.value);
    return itemMaterials(item.value?.materials ?? [], planned.value, Boolean(forSomeone.value), appLocale.value === 'en');
  });

  /** the application forms the platform generates from the form: a bundle's from its plan (一表申请), an item's own */
  const generated = computed<GeneratedForm[]>(() => {
    if (!planned.value) return [];
    if (kind === 'bundle') return plan.value?.generatedMaterials ?? [];
    return itemApplicationForms(item.value?.materials ?? [], appLocale.value === 'en', planned.value);
  });

  /** what the platform holds of the applicant, offered for reuse: never for someone applied for */
  const licenseFor = (materialCode: string) => (forSomeone.value ? null : (prefill.value?.eLicenses.find((l) => l.code === materialCode) ?? null));
  const earlierFor = (materialCode: string) => (forSomeone.value ? null : (prefill.value?.materials.find((m) => m.code === materialCode) ?? null));

  /** 委托代理 on or off: what the platform holds of the signed-in person is not the other person's; an agent's materials include the authorisation */
  async function applyForSomeone(on: boolean): Promise<void> {
    forSomeone.value = on ? { name: '', idNo: '', phone: '', agent: { ...noAgent(), phone: phone.value } } : null;
    for (const k of Object.keys(form)) delete form[k];
    if (!on) Object.assign(form, prefill.value?.form ?? {});
    for (const [k, w] of Object.entries(ways)) if (w.way === 'reuse' || w.way === 'license') delete ways[k];
    if (kind === 'bundle' && planned.value) await replan();
    keepWaysOf(ways, materials.value);
  }

  const missing = computed(() => materials.value.filter((m) => m.required && !ways[m.code]));

  /** Submits; answers the case number. The server's problems are kept by field (form fields without their prefix). */
  async function submit(): Promise<string> {
    problems.value = {};
    busy.value = true;
    try {
      const someone = forSomeone.value;
      const res = await intakeApi.submit({
        ...(kind === 'bundle' ? { bundleCode: code } : { itemCode: code }),
        ...(questions.value.length ? { answers: { ...planned.value } } : {}),
        channel: 'web',
        ...(regionCode.value ? { regionCode: regionCode.value } : {}),
        applicant: someone
          ? { name: someone.name.trim(), idType: 'resident_id', idNo: someone.idNo.trim(), phone: someone.phone.trim() }
          : { name: session.user.value?.displayName ?? '', idType: 'resident_id', idNo: prefill.value?.idNo ?? '', phone: phone.value.trim() },
        // the agent's name and ID number are their account's (the server takes those, whatever is sent)
        ...(someone ? { agent: agentOf({ ...someone.agent, name: session.user.value?.displayName ?? '', idNo: prefill.value?.idNo ?? '' }) } : {}),
        // only the fields the form asks (prefill of a bundle holds values for all its items)
        form: Object.fromEntries(Object.entries(cleanForm(form)).filter(([field]) => field in (formSchema.value?.properties ?? {}))),
        materials: givenMaterials(ways),
        ...promisedMaterials(ways),
        delivery: deliveryChoiceOf(delivery),
      });
      return res.caseNo;
    } catch (err) {
      if (err instanceof ApiError) for (const d of err.details) problems.value[d.field.replace(/^form\./, '')] = d.message;
      throw err;
    } finally {
      busy.value = false;
    }
  }

  return {
    item,
    bundle,
    plan,
    prefill,
    name,
    questions,
    answers,
    answered,
    planned,
    form,
    formSchema,
    materials,
    generated,
    ways,
    missing,
    phone,
    forSomeone,
    delivery,
    regionCode,
    problems,
    busy,
    load,
    loadGuide,
    confirmAnswers,
    changeAnswers,
    licenseFor,
    earlierFor,
    applyForSomeone,
    submit,
  };
}
