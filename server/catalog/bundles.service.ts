import { notFound } from '../errors/app-error.ts';
import type { Locale } from '../i18n/locale.ts';
import { latestItem, type ItemVersion } from './items.repository.ts';
import { latestBundle, latestBundles, type BundleVersion } from './bundles.repository.ts';
import { mergeForms, mergeMaterials } from './bundle-merge.ts';
import { applicableItemCodes } from './bundle-questionnaire.ts';
import type { Answers } from '../../contract/catalog/questions.ts';
import { DEPARTMENTS } from '../organization/index.ts';

const pick = (locale: Locale, zh: string, en: string) => (locale === 'en' ? en : zh);

async function bundleOrThrow(code: string): Promise<BundleVersion> {
  const bundle = await latestBundle(code);
  if (!bundle) throw notFound('bundle_not_found');
  return bundle;
}

async function itemsOf(codes: string[]): Promise<ItemVersion[]> {
  const items = await Promise.all(codes.map((code) => latestItem(code)));
  return items.filter((i): i is ItemVersion => Boolean(i));
}

/**
 * What a set of items asks of an applicant when handled as one: the merged form (一表申请), the
 * deduplicated materials (一套材料), what that saves against applying item by item (减材料), and
 * the guide (一次告知) listing everything once.
 */
function combine(items: ItemVersion[], locale: Locale, promisedDays: number, answers?: Answers) {
  const form = mergeForms(items);
  const { materials, waived, materialsItemByItem } = mergeMaterials(items, answers);
  const itemName = (code: string) => {
    const item = items.find((i) => i.code === code)!;
    return pick(locale, item.definition.name, item.definition.nameEn);
  };
  const fieldsMerged = Object.keys(form.schema.properties).length;
  const departmentName = (code: string) => {
    const d = DEPARTMENTS.find((x) => x.code === code);
    return d ? pick(locale, d.nameZh, d.nameEn) : code;
  };
  return {
    form: form.schema,
    sharedFields: form.sharedFields,
    materials: materials.map((m) => ({
      code: m.code,
      name: pick(locale, m.name, m.nameEn),
      formats: m.formats,
      required: m.required,
      eLicense: m.eLicense,
      tolerable: m.tolerable,
      // 告知承诺: a signed commitment may stand in for it (every item asking for it allows one)
      commitment: Boolean(m.commitment),
      // 办理情形: asked only in this situation (shown when no answers chose it yet)
      when: m.when ?? null,
      items: m.items,
    })),
    // 前序事项产生的材料不需提交: issued by an item of the same bundle
    waivedMaterials: waived.map((m) => ({
      code: m.code,
      name: pick(locale, m.name, m.nameEn),
      producedBy: m.producedBy,
      reason: pick(
        locale,
        `由本件事中的“${itemName(m.producedBy)}”产生，免于提交`,
        `issued by "${itemName(m.producedBy)}" of this bundle; not to be handed in`,
      ),
      items: m.items,
    })),
    savings: {
      fields: { itemByItem: form.fieldsItemByItem, merged: fieldsMerged, saved: form.fieldsItemByItem - fieldsMerged },
      materials: { itemByItem: materialsItemByItem, merged: materials.length, saved: materialsItemByItem - materials.length },
    },
    guide: {
      promisedDays,
      feesTotalCents: items.reduce((sum, i) => sum + i.definition.fees.reduce((s, f) => s + f.amountCents, 0), 0),
      channels: items.reduce<string[]>(
        (common, i, n) => (n === 0 ? [...i.definition.channels] : common.filter((c) => i.definition.channels.includes(c as never))),
        [],
      ),
      items: items.map((i) => ({
        code: i.code,
        name: pick(locale, i.definition.name, i.definition.nameEn),
        type: i.definition.type,
        department: departmentName(i.departmentCode),
        conditions: i.definition.conditions,
        legalBasis: i.definition.legalBasis,
        promisedDays: i.definition.promisedDays,
        statutoryDays: i.definition.statutoryDays,
        fees: i.definition.fees,
        results: i.definition.results,
        place: i.definition.place,
        phone: i.definition.phone,
      })),
    },
  };
}

function header(bundle: BundleVersion, locale: Locale) {
  const d = bundle.definition;
  return {
    code: bundle.code,
    version: bundle.version,
    name: pick(locale, d.name, d.nameEn),
    description: d.description,
    promisedDays: d.promisedDays,
    onItemRejected: d.onItemRejected,
    onItemRejectedText:
      d.onItemRejected === 'refuse_bundle'
        ? pick(locale, '任一事项不予许可的，本件事整体不予办理，其余事项终止', 'If one item is refused, the whole bundle is refused and the other items end')
        : pick(locale, '某一事项不予许可的，其余事项继续办理，分别作出决定', 'If one item is refused, the other items go on and are decided on their own'),
  };
}

export async function listBundles(locale: Locale) {
  return (await latestBundles()).map((b) => ({ ...header(b, locale), items: b.definition.items.map((i) => i.code) }));
}

/** A bundle with its questionnaire and, for all its items together, the merged form and materials. */
export async function bundleView(code: string, locale: Locale) {
  const bundle = await bundleOrThrow(code);
  const items = await itemsOf(bundle.definition.items.map((i) => i.code));
  return {
    ...header(bundle, locale),
    questionnaire: bundle.definition.questionnaire.map((q) => ({
      code: q.code,
      text: pick(locale, q.text, q.textEn),
      type: q.type,
      ...(q.type === 'choice' ? { options: q.options.map((o) => ({ value: o.value, label: pick(locale, o.label, o.labelEn) })) } : {}),
    })),
    items: bundle.definition.items.map((i) => ({ code: i.code, name: items.find((x) => x.code === i.code)?.name ?? i.code, when: i.when })),
    ...combine(items, locale, bundle.definition.promisedDays),
  };
}

/** 场景式导航: the answers decide which items apply; returns what those items ask, merged. */
export async function planBundle(code: string, answers: unknown, locale: Locale) {
  const bundle = await bundleOrThrow(code);
  const codes = applicableItemCodes(bundle.definition, answers);
  const items = await itemsOf(codes);
  const given = answers as Answers;
  return {
    ...header(bundle, locale),
    answers,
    items: items.map((i) => ({ code: i.code, name: pick(locale, i.definition.name, i.definition.nameEn), departmentCode: i.departmentCode })),
    ...combine(items, locale, bundle.definition.promisedDays, given),
  };
}
