import type { BundleFile, CatalogMaterial, EditorOptions, ItemFile, Question } from './catalogApi.ts';

/**
 * The checks the server makes on a save (server/catalog/item-definition.ts, catalog-editing.ts,
 * situations.ts, bundles/bundle-definition.ts), made here first so a mistake is shown at its field
 * before anything is sent. The server checks again (and more: a bundle's merged form, a process
 * still deployed); its problems are shown at their fields the same way.
 */

/** A problem at a field: the path inside the definition (`promisedDays`, `materials.2.code`), as the server names it without `definition.`. */
export interface FieldProblem {
  field: string;
  message: string;
}

type T = (key: string, params?: Record<string, unknown>) => string;

export const ITEM_CODE = /^[A-Za-z0-9][A-Za-z0-9-]{1,62}$/;
export const BUNDLE_CODE = /^[A-Z0-9-]{2,32}$/;
export const ITEM_PROCESS_KEY = /^item_[A-Za-z0-9_.-]{1,123}$/;
export const MATERIAL_CODE = /^[a-z0-9-]{2,64}$/;
export const QUESTION_CODE = /^[A-Za-z][A-Za-z0-9]{1,40}$/;
const blank = (s: string | undefined) => !s || !s.trim();
const isDays = (n: unknown, max: number, min = 0) => Number.isInteger(n) && (n as number) >= min && (n as number) <= max;

function checkQuestions(where: string, questions: Question[], t: T): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const seen = new Set<string>();
  questions.forEach((q, i) => {
    const at = `${where}.${i}`;
    if (!QUESTION_CODE.test(q.code)) problems.push({ field: `${at}.code`, message: t('catalogEditor.check.questionCode') });
    else if (seen.has(q.code)) problems.push({ field: `${at}.code`, message: t('catalogEditor.check.duplicate', { code: q.code }) });
    seen.add(q.code);
    if (blank(q.text) || blank(q.textEn)) problems.push({ field: `${at}.text`, message: t('catalogEditor.check.questionText') });
    if (q.type === 'choice') {
      const options = q.options ?? [];
      if (options.length < 2) problems.push({ field: `${at}.options`, message: t('catalogEditor.check.twoOptions') });
      const values = options.map((o) => o.value);
      if (values.some((v) => blank(v)) || new Set(values).size !== values.length || options.some((o) => blank(o.label) || blank(o.labelEn))) {
        problems.push({ field: `${at}.options`, message: t('catalogEditor.check.optionValues') });
      }
    }
  });
  return problems;
}

/** A condition names asked questions with answers they can give (situations.ts checkCondition). */
function checkCondition(field: string, when: Record<string, boolean | string> | null | undefined, questions: Question[], t: T): FieldProblem[] {
  return Object.entries(when ?? {}).flatMap(([code, answer]) => {
    const q = questions.find((x) => x.code === code);
    if (!q) return [{ field, message: t('catalogEditor.check.unknownQuestion', { code }) }];
    const valid = q.type === 'boolean' ? typeof answer === 'boolean' : (q.options ?? []).some((o) => o.value === answer);
    return valid ? [] : [{ field, message: t('catalogEditor.check.unknownAnswer', { code, answer: String(answer) }) }];
  });
}

export function checkItem(
  item: ItemFile,
  context: { options: EditorOptions; materials: Map<string, CatalogMaterial>; processKeys: Set<string>; userTasks: string[] | null },
  t: T,
): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const add = (field: string, key: string, params?: Record<string, unknown>) => problems.push({ field, message: t(`catalogEditor.check.${key}`, params) });
  if (!ITEM_CODE.test(item.code)) add('code', 'itemCode');
  if (item.name.trim().length < 2 || item.name.length > 200) add('name', 'name');
  if (item.nameEn.trim().length < 2 || item.nameEn.length > 200) add('nameEn', 'name');
  if (!context.options.itemTypes.includes(item.type)) add('type', 'choose');
  if (!context.options.departments.some((d) => d.code === item.departmentCode)) add('departmentCode', 'choose');
  if (!ITEM_PROCESS_KEY.test(item.processKey)) add('processKey', 'processKey');
  else if (!context.processKeys.has(item.processKey)) add('processKey', 'notDeployed', { key: item.processKey });
  if (item.legalBasis.length === 0) add('legalBasis', 'legalBasis');
  item.legalBasis.forEach((b, i) => {
    if (blank(b.title)) add(`legalBasis.${i}`, 'legalBasisTitle');
  });
  if (!isDays(item.promisedDays, 365)) add('promisedDays', 'days');
  if (!isDays(item.statutoryDays, 365)) add('statutoryDays', 'days');
  if (isDays(item.promisedDays, 365) && isDays(item.statutoryDays, 365) && item.promisedDays > item.statutoryDays) {
    add('promisedDays', 'promisedOverStatutory', { promised: item.promisedDays, statutory: item.statutoryDays });
  }
  item.conditions.forEach((c, i) => {
    if (blank(c)) add(`conditions.${i}`, 'empty');
  });
  const situations = item.situations ?? [];
  problems.push(...checkQuestions('situations', situations, t));
  const seen = new Set<string>();
  item.materials.forEach((m, i) => {
    if (!context.materials.has(m.code)) add(`materials.${i}`, 'unknownMaterial', { code: m.code || '—' });
    else if (seen.has(m.code)) add(`materials.${i}`, 'duplicate', { code: m.code });
    seen.add(m.code);
    problems.push(...checkCondition(`materials.${i}`, m.when, situations, t));
  });
  item.fees.forEach((f, i) => {
    if (blank(f.name)) add(`fees.${i}`, 'feeName');
    if (!Number.isInteger(f.amountCents) || f.amountCents < 0) add(`fees.${i}`, 'amount');
  });
  item.results.forEach((r, i) => {
    if (blank(r.name)) add(`results.${i}`, 'resultName');
    if (r.material && !context.materials.has(r.material)) add(`results.${i}`, 'unknownMaterial', { code: r.material });
  });
  if (blank(item.place)) add('place', 'empty');
  if (blank(item.phone)) add('phone', 'empty');
  if (item.channels.length === 0) add('channels', 'channels');
  for (const [step, days] of Object.entries(item.stepDays ?? {})) {
    if (!isDays(days, 60, 1)) add(`stepDays.${step}`, 'stepDays');
    else if (context.userTasks && !context.userTasks.includes(step)) add(`stepDays.${step}`, 'noSuchStep', { step });
  }
  return problems;
}

export function checkBundle(bundle: BundleFile, itemCodes: Set<string>, t: T): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const add = (field: string, key: string, params?: Record<string, unknown>) => problems.push({ field, message: t(`catalogEditor.check.${key}`, params) });
  if (!BUNDLE_CODE.test(bundle.code)) add('code', 'bundleCode');
  if (bundle.name.trim().length < 2) add('name', 'name');
  if (bundle.nameEn.trim().length < 2) add('nameEn', 'name');
  if (!isDays(bundle.promisedDays, 365)) add('promisedDays', 'days');
  problems.push(...checkQuestions('questionnaire', bundle.questionnaire, t));
  if (bundle.items.length < 2) add('items', 'twoItems');
  const seen = new Set<string>();
  bundle.items.forEach((item, i) => {
    if (!itemCodes.has(item.code)) add(`items.${i}`, 'unknownItem', { code: item.code || '—' });
    else if (seen.has(item.code)) add(`items.${i}`, 'duplicate', { code: item.code });
    seen.add(item.code);
    problems.push(...checkCondition(`items.${i}`, item.when, bundle.questionnaire, t));
  });
  return problems;
}

/**
 * Where a problem is shown: the deepest of the fields on screen its path starts with
 * (`materials.2.code` → the material's row `materials.2`); null when no field on screen has it
 * (a problem of the whole definition, e.g. a bundle's forms not merging): shown above the form.
 */
export function placeOf(field: string, shown: Set<string>): string | null {
  const parts = field.split('.');
  for (let n = parts.length; n > 0; n--) {
    const key = parts.slice(0, n).join('.');
    if (shown.has(key)) return key;
  }
  return null;
}

/** The server's field problems without their body prefix (`definition.promisedDays` → `promisedDays`). */
export const withoutPrefix = (field: string, prefix: string) =>
  field === prefix ? '' : field.startsWith(`${prefix}.`) ? field.slice(prefix.length + 1) : field;
