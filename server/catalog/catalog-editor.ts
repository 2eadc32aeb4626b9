import { notFound } from '../errors/app-error.ts';
import { Item } from './item.model.ts';
import { APPLICATION_CHANNELS } from '../../contract/channels.ts';
import { DEPARTMENTS } from '../organization/index.ts';
import type { Locale } from '../i18n/locale.ts';
import { ITEM_TYPES, RESULT_KINDS, type ItemDefinition, type ItemFile, type ItemMaterialRef } from '../../contract/catalog/item.ts';
import { latestItem, latestItems } from './items.repository.ts';
import { latestBundle } from './bundles.repository.ts';

/**
 * What the analysts' catalog editor reads (analysts, administrators): an item or a bundle exactly
 * as PUT takes it back — the item.json shape with material references, not the applicant-facing
 * view with the catalog entries resolved and the names localised.
 */

/** A stored material (catalog entry + the item's terms) back to the reference item.json holds. */
function materialRef(m: ItemDefinition['materials'][number]): ItemMaterialRef {
  return {
    code: m.code,
    required: m.required,
    ...(m.note !== undefined && m.note !== null ? { note: m.note } : {}),
    ...(m.commitment !== undefined && m.commitment !== null ? { commitment: m.commitment } : {}),
    ...(m.when !== undefined && m.when !== null ? { when: m.when } : {}),
  };
}

export function itemFileOf(definition: ItemDefinition): ItemFile {
  return { ...definition, materials: definition.materials.map(materialRef) };
}

async function savedBy(code: string, version: number): Promise<{ source: string; editedBy: number | null; savedAt: Date }> {
  const row = await Item.findOne({ where: { code, version }, attributes: ['source', 'editedBy', 'createdAt'] });
  return { source: row!.source, editedBy: row!.editedBy, savedAt: row!.createdAt };
}

/** One item as the editor edits it: {code, version, definition (item.json), formSchema} and where the version came from. */
export async function itemForEditing(code: string) {
  const item = await latestItem(code);
  if (!item) throw notFound('item_not_found');
  return {
    code: item.code,
    version: item.version,
    ...(await savedBy(item.code, item.version)),
    definition: itemFileOf(item.definition),
    formSchema: item.formSchema,
  };
}

/** Every item's latest version with what the editor lists it by (its process key included), optionally of one process. */
export async function itemsForEditing(processKey?: string) {
  const items = (await latestItems()).filter((i) => !processKey || i.processKey === processKey);
  return items.map((i) => ({
    code: i.code,
    version: i.version,
    name: i.definition.name,
    nameEn: i.definition.nameEn,
    departmentCode: i.departmentCode,
    processKey: i.processKey,
    promisedDays: i.definition.promisedDays,
    statutoryDays: i.definition.statutoryDays,
  }));
}

/** One bundle as the editor edits it: {code, version, definition (bundle.json)}. */
export async function bundleForEditing(code: string) {
  const bundle = await latestBundle(code);
  if (!bundle) throw notFound('bundle_not_found');
  return { code: bundle.code, version: bundle.version, definition: bundle.definition };
}

/** The closed lists an item's definition chooses from, as the server checks them. */
export function editorOptions(locale: Locale) {
  return {
    departments: DEPARTMENTS.map((d) => ({ code: d.code, name: locale === 'en' ? d.nameEn : d.nameZh })),
    itemTypes: ITEM_TYPES,
    channels: APPLICATION_CHANNELS,
    resultKinds: RESULT_KINDS,
  };
}
