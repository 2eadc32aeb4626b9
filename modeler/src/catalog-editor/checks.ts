import { leadsBundle, type BundleDefinition } from '../../../contract/catalog/bundle.ts';
import { BUNDLE_CODE, ITEM_CODE, ITEM_PROCESS_KEY, QUESTION_CODE } from '../../../contract/catalog/codes.ts';
import { onlineDepthProblem } from '../../../contract/catalog/online-depth.ts';
import { lacksAgentAuthorization, type CatalogMaterial, type ItemFile } from '../../../contract/catalog/item.ts';
import { bundleMissingEnglish, missingEnglish } from '../../../contract/catalog/catalog-english.ts';
import { DAYS, MIN_BUNDLE_ITEMS, MIN_CHOICE_OPTIONS, NAME_LENGTH, STEP_DAYS } from '../../../contract/catalog/limits.ts';
import type { Condition, Question } from '../../../contract/catalog/questions.ts';
import type { ProblemDetail } from '../../../contract/problems.ts';

/**
 * The checks the server makes on a save (the schemas of contract/catalog/, server/catalog/catalog-editing.ts,
 * situations.ts), made here first so a mistake is shown at its field before anything is sent: the
 * codes' patterns and the limits are the contract's, the ones the server's schemas use. The server
 * checks again (and more: a bundle's merged form, a process still deployed); its problems are shown
 * at their fields the same way.
 */

/**
 * A problem at a field (contract/problems.ts): the path inside the definition (`promisedDays`,
 * `materials.2.code`), as the server names it without `definition.`, and its message in the page's
 * language (the server's 422 details come in the request's language too).
 */
type FieldProblem = ProblemDetail;

type T = (key: string, params?: Record<string, unknown>) => string;

const blank = (s: string | undefined) => !s || !s.trim();
/** a whole number of days in the range (limits.ts) */
const isDays = (n: unknown, range: { min: number; max: number }) => Number.isInteger(n) && (n as number) >= range.min && (n as number) <= range.max;
/** an item's or a bundle's name: not blank below the minimum, and within the maximum if there is one */
const badName = (name: string, max = Infinity) => name.trim().length < NAME_LENGTH.min || name.length > max;

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
      const options = q.options;
      if (options.length < MIN_CHOICE_OPTIONS) problems.push({ field: `${at}.options`, message: t('catalogEditor.check.twoOptions') });
      const values = options.map((o) => o.value);
      if (values.some((v) => blank(v)) || new Set(values).size !== values.length || options.some((o) => blank(o.label) || blank(o.labelEn))) {
        problems.push({ field: `${at}.options`, message: t('catalogEditor.check.optionValues') });
      }
    }
  });
  return problems;
}

/** A condition names asked questions with answers they can give (server/catalog/situations.ts checkCondition). */
function checkCondition(field: string, when: Condition | undefined, questions: Question[], t: T): FieldProblem[] {
  return Object.entries(when ?? {}).flatMap(([code, answer]) => {
    const q = questions.find((x) => x.code === code);
    if (!q) return [{ field, message: t('catalogEditor.check.unknownQuestion', { code }) }];
    const valid = q.type === 'boolean' ? typeof answer === 'boolean' : q.options.some((o) => o.value === answer);
    return valid ? [] : [{ field, message: t('catalogEditor.check.unknownAnswer', { code, answer: String(answer) }) }];
  });
}

/**
 * What an item is checked against: the closed lists it chooses from (GET /catalog/editor-options),
 * the material catalog, the deployed item processes, its process's user tasks (null: not known).
 */
export interface ItemContext {
  options: { itemTypes: readonly string[]; departments: readonly { code: string }[] };
  materials: Map<string, CatalogMaterial>;
  processKeys: Set<string>;
  userTasks: string[] | null;
}

export function checkItem(item: ItemFile, context: ItemContext, t: T): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const add = (field: string, key: string, params?: Record<string, unknown>) => problems.push({ field, message: t(`catalogEditor.check.${key}`, params) });
  if (!ITEM_CODE.test(item.code)) add('code', 'itemCode');
  if (badName(item.name, NAME_LENGTH.max)) add('name', 'name');
  if (badName(item.nameEn, NAME_LENGTH.max)) add('nameEn', 'name');
  if (!context.options.itemTypes.includes(item.type)) add('type', 'choose');
  if (!context.options.departments.some((d) => d.code === item.departmentCode)) add('departmentCode', 'choose');
  if (!ITEM_PROCESS_KEY.test(item.processKey)) add('processKey', 'processKey');
  else if (!context.processKeys.has(item.processKey)) add('processKey', 'notDeployed', { key: item.processKey });
  if (item.legalBasis.length === 0) add('legalBasis', 'legalBasis');
  item.legalBasis.forEach((b, i) => {
    if (blank(b.title) || blank(b.titleEn)) add(`legalBasis.${i}`, 'legalBasisTitle');
  });
  if (!isDays(item.promisedDays, DAYS)) add('promisedDays', 'days');
  if (!isDays(item.statutoryDays, DAYS)) add('statutoryDays', 'days');
  if (isDays(item.promisedDays, DAYS) && isDays(item.statutoryDays, DAYS) && item.promisedDays > item.statutoryDays) {
    add('promisedDays', 'promisedOverStatutory', { promised: item.promisedDays, statutory: item.statutoryDays });
  }
  item.conditions.forEach((c, i) => {
    if (blank(c) || blank(item.conditionsEn[i])) add(`conditions.${i}`, 'empty');
  });
  // the English beside each Chinese text (the server asks the same: contract/catalog/catalog-english.ts)
  for (const field of missingEnglish(item)) add(field, 'english');
  const situations = item.situations ?? [];
  problems.push(...checkQuestions('situations', situations, t));
  const seen = new Set<string>();
  item.materials.forEach((m, i) => {
    if (!context.materials.has(m.code)) add(`materials.${i}`, 'unknownMaterial', { code: m.code || '—' });
    else if (seen.has(m.code)) add(`materials.${i}`, 'duplicate', { code: m.code });
    seen.add(m.code);
    problems.push(...checkCondition(`materials.${i}`, m.when, situations, t));
  });
  if (lacksAgentAuthorization(item, context.materials)) add('materials', 'agentAuthorization');
  if (onlineDepthProblem(item)) add('onlineDepth', 'onlineDepth');
  item.fees.forEach((f, i) => {
    if (blank(f.name) || blank(f.nameEn)) add(`fees.${i}`, 'feeName');
    if (!Number.isInteger(f.amountCents) || f.amountCents < 0) add(`fees.${i}`, 'amount');
  });
  item.results.forEach((r, i) => {
    if (blank(r.name)) add(`results.${i}`, 'resultName');
    if (r.material && !context.materials.has(r.material)) add(`results.${i}`, 'unknownMaterial', { code: r.material });
  });
  if (blank(item.place)) add('place', 'empty');
  if (blank(item.placeEn)) add('placeEn', 'empty');
  if (blank(item.phone)) add('phone', 'empty');
  if (item.channels.length === 0) add('channels', 'channels');
  for (const [step, days] of Object.entries(item.stepDays ?? {})) {
    if (!isDays(days, STEP_DAYS)) add(`stepDays.${step}`, 'stepDays');
    else if (context.userTasks && !context.userTasks.includes(step)) add(`stepDays.${step}`, 'noSuchStep', { step });
  }
  return problems;
}

/** A bundle as the server checks it (server/catalog/check-bundle.ts); `itemDepartments`: each item's department by its code. */
export function checkBundle(bundle: BundleDefinition, itemDepartments: Map<string, string>, t: T): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const add = (field: string, key: string, params?: Record<string, unknown>) => problems.push({ field, message: t(`catalogEditor.check.${key}`, params) });
  if (!BUNDLE_CODE.test(bundle.code)) add('code', 'bundleCode');
  if (badName(bundle.name)) add('name', 'name');
  if (badName(bundle.nameEn)) add('nameEn', 'name');
  for (const field of bundleMissingEnglish(bundle)) add(field, 'english');
  if (!isDays(bundle.promisedDays, DAYS)) add('promisedDays', 'days');
  problems.push(...checkQuestions('questionnaire', bundle.questionnaire, t));
  if (bundle.items.length < MIN_BUNDLE_ITEMS) add('items', 'twoItems');
  const seen = new Set<string>();
  bundle.items.forEach((item, i) => {
    if (!itemDepartments.has(item.code)) add(`items.${i}`, 'unknownItem', { code: item.code || '—' });
    else if (seen.has(item.code)) add(`items.${i}`, 'duplicate', { code: item.code });
    seen.add(item.code);
    problems.push(...checkCondition(`items.${i}`, item.when, bundle.questionnaire, t));
  });
  if (bundle.items.every((i) => itemDepartments.has(i.code)) && !leadsBundle(bundle, (code) => itemDepartments.get(code))) add('leadDepartmentCode', 'lead');
  return problems;
}
