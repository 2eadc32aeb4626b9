import { computed, reactive, ref } from 'vue';
import { ApiError } from '../api/http.ts';
import { appLocale } from '../i18n/index.ts';
import type { Answers } from '../../../contract/catalog/questions.ts';
import type { PriorityReason } from '../../../contract/priority.ts';
import { AGENT_RELATIONSHIP_LABELS } from '../../../contract/requests/case-agent.ts';
import { maskPersonal } from '../../../contract/catalog/personal.ts';
import { deliveryChoiceOf, noDeliveryChoice } from '../shared/deliveryChoice.ts';
import type { AskedQuestion } from '../shared/askedQuestion.ts';
import { itemApplicationForms, type GeneratedForm } from '../shared/generatedForms.ts';
import { casesApi } from '../api/cases.ts';
import type { CaseView } from '../api/types.ts';
import { useFormProblems } from '../shared/useFormProblems.ts';
import { agentOf, noAgent } from '../shared/agentFields.ts';
import { givenMaterials, itemMaterials, keepWaysOf, planMaterials, promisedMaterials, type ApplyMaterial, type MaterialWay } from '../shared/materialWays.ts';
import { formatDate } from '../shared/format.ts';
import { intakeApi, cleanForm, type ApplicantInfo, type BundlePlan, type ItemGuide, type Prefill, type Submitted } from './intakeApi.ts';

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
  materials: ApplyMaterial[];
  generatedMaterials: GeneratedForm[];
};

/** A line of the receipt's materials: received (a file, an e-license), replaced by a 告知承诺, or deferred (容缺). */
export interface ReceiptMaterial {
  name: string;
  how: string;
}

/** A generated application form filed with the submitted case: the clerk prints it for the applicant to sign. */
export interface FiledForm {
  code: string;
  name: string;
  attachmentId: string;
}

/**
 * An item's plan made from its guide: its form, and the materials its situation (办理情形) calls for,
 * as the server chooses them (an agent's case: the authorisation whatever the answers).
 */
function itemPlan(item: ItemGuide, answers: Answers, byAgent: boolean): IntakePlan {
  const en = appLocale.value === 'en';
  return {
    name: item.name,
    promisedDays: item.promisedDays,
    form: item.formSchema,
    waivedMaterials: [],
    items: [{ name: item.name }],
    generatedMaterials: itemApplicationForms(item.materials, en, answers),
    materials: itemMaterials(item.materials, answers, byAgent, en),
  };
}

/**
 * The window clerk's intake of one 一件事 or one item: questions → form → materials → the applicant
 * named (and, 帮办代办, the agent who came for them), 绿色通道 and delivery → submitted for them →
 * receipt. Each material is handed in, or where the catalog allows replaced by a 告知承诺 or deferred
 * (容缺), as online (shared/MaterialChoices.vue).
 */
export function useIntake() {
  const target = ref<IntakeTarget | null>(null);
  const item = ref<ItemGuide | null>(null);
  const answers = reactive<Answers>({});
  const plan = ref<IntakePlan | null>(null);
  const applicant = reactive<ApplicantInfo>({ name: '', idType: 'resident_id', idNo: '', phone: '' });
  const form = reactive<Record<string, unknown>>({});
  /** how each material of the plan is given (a file, an e-license, an earlier file, 告知承诺, 容缺) */
  const ways = reactive<Record<string, MaterialWay>>({});
  /** 帮办代办: an agent came for the applicant (the case goes in as channel assisted, naming them) */
  const byAgent = ref(false);
  const agent = reactive(noAgent());
  /** the agent's fields checked as the server checks them (contract/requests/case-agent.ts) before the case is sent */
  const agentProblems = useFormProblems(['name', 'idNo', 'phone', 'relationship']);
  const prefill = ref<Prefill | null>(null);
  const submitted = ref<(Submitted & { at: string }) | null>(null);
  /** the submitted case's generated application forms, to print for the applicant's signature */
  const filedForms = ref<FiledForm[]>([]);
  /** the submitted case as read back (its 容缺 periods and forms); null when not read */
  const filed = ref<CaseView | null>(null);
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

  async function chooseTarget(kind: 'item' | 'bundle', code: string) {
    const chosen = await load(kind, code);
    for (const o of [answers, ways]) for (const k of Object.keys(o)) delete (o as Record<string, unknown>)[k];
    plan.value = null;
    submitted.value = null;
    // an item without 办理情形 has nothing to ask: its form and materials follow at once
    if (!chosen.questions.length) await makePlan();
  }

  const answered = computed(() => Boolean(target.value?.questions.every((q) => answers[q.code] !== undefined)));

  let plans = 0;
  /**
   * The plan for the answers (and who came: an agent's case asks for the authorisation) as they are
   * now; what was given for a material the plan still asks for stays.
   */
  async function makePlan() {
    const t = target.value!;
    const asked = ++plans;
    const next: IntakePlan =
      t.kind === 'bundle'
        ? await intakeApi.plan(t.code, { ...answers }, byAgent.value).then((p) => ({ ...p, materials: planMaterials(p) }))
        : itemPlan(item.value!, answers, byAgent.value);
    // answers changed again while the server planned: the later plan is the one to show
    if (asked !== plans) return;
    plan.value = next;
    keepWaysOf(ways, next.materials);
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

  /** the applicant's e-license for the material, and a file of their earlier cases (复用): the clerk checked the ID in person */
  const licenseFor = (code: string) => prefill.value?.eLicenses.find((l) => l.code === code) ?? null;
  const earlierFor = (code: string) => prefill.value?.materials.find((m) => m.code === code) ?? null;

  /** A material given some way (MaterialChoices), or taken back (null). */
  function choose(code: string, way: MaterialWay | null) {
    if (way) ways[code] = way;
    else delete ways[code];
  }

  const missing = computed(() => (plan.value?.materials ?? []).filter((m) => m.required && !ways[m.code]));

  /** 帮办代办 on or off: the materials follow (the authorisation asked for or not) */
  async function setByAgent(on: boolean) {
    byAgent.value = on;
    agentProblems.clear();
    if (plan.value) await makePlan();
  }

  /** the agent as the receipt names them: name, relationship, ID number masked */
  const agentLine = computed(() => {
    if (!byAgent.value) return null;
    const relationship = agent.relationship ? AGENT_RELATIONSHIP_LABELS[agent.relationship][appLocale.value] : '';
    return { name: agent.name.trim(), relationship, idNo: maskPersonal('id-number', agent.idNo.trim().toUpperCase()) };
  });

  async function submit() {
    problems.value = {};
    // 帮办代办: the agent checked as the server will, before anything is sent
    if (byAgent.value && !(await agentProblems.check('assistedAgent', () => agentOf(agent)))) return;
    busy.value = true;
    try {
      const res = await intakeApi.submit({
        ...targetCode(),
        ...(target.value!.questions.length ? { answers: { ...answers } } : {}),
        channel: byAgent.value ? 'assisted' : 'window',
        ...(byAgent.value ? { agent: agentOf(agent) } : {}),
        ...(priority.value ? { priority: { reason: priority.value } } : {}),
        delivery: deliveryChoiceOf(delivery),
        ...(regionCode.value ? { regionCode: regionCode.value } : {}),
        applicant: { ...applicant, idNo: applicant.idNo.trim(), name: applicant.name.trim(), phone: applicant.phone.trim() },
        form: cleanForm(form),
        materials: givenMaterials(ways),
        ...promisedMaterials(ways),
      });
      const at = new Date().toISOString();
      const generated = new Set(plan.value!.generatedMaterials.map((g) => g.code));
      const deferred = Object.values(ways).some((w) => w.way === 'deferral');
      // the case is in; the receipt shows what this read says of it (the forms to print, the 容缺 period):
      // without it the receipt stands all the same, and the forms are on the case's page
      filed.value = generated.size || deferred ? await casesApi.get(res.caseNo).catch(() => null) : null;
      filedForms.value = (filed.value?.materials ?? []).flatMap((m) =>
        generated.has(m.code) && 'attachmentId' in m ? [{ code: m.code, name: m.name, attachmentId: m.attachmentId }] : [],
      );
      submitted.value = { ...res, at };
    } catch (err) {
      if (err instanceof ApiError) {
        for (const d of err.details) {
          const field = d.field
            .replace(/^form\./, '')
            .replace(/^applicant\./, 'applicant-')
            .replace(/^agent\./, 'agent-')
            .replace(/^delivery\./, 'delivery-');
          problems.value[field] = d.message;
        }
      }
      throw err;
    } finally {
      busy.value = false;
    }
  }

  /** What the receipt lists: each material received, promised (告知承诺) or deferred (容缺, with its period), in the page's language. */
  function receiptMaterials(t: (key: string, values?: Record<string, unknown>, plural?: number) => string): ReceiptMaterial[] {
    return (plan.value?.materials ?? []).flatMap((m): ReceiptMaterial[] => {
      const w = ways[m.code];
      if (!w) return [];
      if (w.way === 'file') return [{ name: m.name, how: w.attachment.originalName }];
      if (w.way === 'reuse') return [{ name: m.name, how: t('applicant.applyPage.reusedFrom', { name: w.originalName, case: w.fromCase }) }];
      if (w.way === 'license') return [{ name: m.name, how: t('window.byLicense', { no: w.number }) }];
      if (w.way === 'commitment') return [{ name: m.name, how: t('agent.replacement') }];
      const signed = filed.value?.commitments?.find((k) => k.kind === 'deferral' && k.materialCode === m.code);
      const when = signed?.dueAt
        ? t('agent.deferralDue', { day: formatDate(signed.dueAt) })
        : signed?.workingDays
          ? t('agent.deferralPending', { n: signed.workingDays }, signed.workingDays)
          : t('window.deferralUnknown');
      return [{ name: m.name, how: t('agent.deferralHow', { when }) }];
    });
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
    filed.value = null;
    problems.value = {};
    byAgent.value = false;
    Object.assign(agent, noAgent());
    agentProblems.clear();
    // the next applicant is taken for the window's own region again (RegionCascader puts it back)
    regionCode.value = null;
    for (const o of [answers, form, ways]) for (const k of Object.keys(o)) delete (o as Record<string, unknown>)[k];
    Object.assign(applicant, { name: '', idType: 'resident_id', idNo: '', phone: '' });
  }

  return {
    target,
    answers,
    answered,
    plan,
    applicant,
    form,
    ways,
    byAgent,
    agent,
    agentProblems,
    agentLine,
    prefill,
    submitted,
    filedForms,
    problems,
    busy,
    regionCode,
    priority,
    delivery,
    missing,
    choose: chooseTarget,
    makePlan,
    relabel,
    loadPrefill,
    licenseFor,
    earlierFor,
    chooseWay: choose,
    setByAgent,
    receiptMaterials,
    submit,
    reset,
  };
}
