import { latestBundle, latestItem, mergeForms } from '../catalog/index.ts';
import { maskPersonal, personalKindOf, type PersonalKind } from '../../contract/catalog/personal.ts';

interface FieldSchema {
  title?: string;
  'x-title-en'?: string;
  format?: unknown;
  'x-personal'?: unknown;
  [key: string]: unknown;
}

/** A field of the application's form as the helper's page shows it. */
export interface HelpField {
  name: string;
  title: string;
  titleEn: string;
  /** personal data: shown masked to the helper, never filled by them */
  personal: PersonalKind | null;
  schema: FieldSchema;
}

/**
 * The form of what the applicant applies for: an item's form, or a bundle's merged form of all its
 * items (一表申请; which items apply depends on the applicant's answers, so every field any item asks).
 * Undefined when the item or bundle is unknown.
 */
export async function formOf(subject: { itemCode: string | null; bundleCode: string | null }): Promise<{ name: string; fields: HelpField[] } | undefined> {
  let name: string;
  let properties: Record<string, FieldSchema>;
  if (subject.itemCode) {
    const item = await latestItem(subject.itemCode);
    if (!item) return undefined;
    name = item.name;
    properties = ((item.formSchema as { properties?: Record<string, FieldSchema> }).properties ?? {}) as Record<string, FieldSchema>;
  } else {
    const bundle = await latestBundle(subject.bundleCode ?? '');
    if (!bundle) return undefined;
    name = bundle.definition.name;
    const items = (await Promise.all(bundle.definition.items.map(({ code }) => latestItem(code)))).filter((i) => i !== undefined);
    properties = mergeForms(items).schema.properties as Record<string, FieldSchema>;
  }
  return {
    name,
    fields: Object.entries(properties).map(([field, schema]) => ({
      name: field,
      title: schema.title ?? field,
      titleEn: schema['x-title-en'] ?? schema.title ?? field,
      personal: personalKindOf(schema) ?? null,
      schema,
    })),
  };
}

/** The applicant's form as the helper sees it: the form's own fields only, personal data masked as staff see it elsewhere. */
export function maskedForm(fields: HelpField[], form: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of fields) {
    const value = form[f.name];
    if (value === undefined) continue;
    out[f.name] = f.personal && typeof value === 'string' && value !== '' ? maskPersonal(f.personal, value) : value;
  }
  return out;
}
