import type { ItemVersion } from './items.repository.ts';
import { meets } from './situations.ts';
import type { MaterialRequirement } from '../../contract/catalog/item.ts';
import type { Answers } from '../../contract/catalog/questions.ts';

type PropertySchema = Record<string, unknown>;
interface ObjectSchema {
  properties?: Record<string, PropertySchema>;
  required?: string[];
}

/** A stable text of a JSON value (keys sorted), to compare two field definitions. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

export class MergeConflict extends Error {}

export interface MergedForm {
  /** one JSON schema asking each field once (一表申请) */
  schema: { type: 'object'; additionalProperties: false; required: string[]; properties: Record<string, PropertySchema> };
  /** fields two or more items ask for */
  sharedFields: string[];
  /** which items ask for each field */
  fieldItems: Record<string, string[]>;
  fieldsItemByItem: number;
}

/**
 * Merges the items' forms by property name: the same name is the same field and must be defined
 * identically in every item (a conflict is a catalog error); a field is required if any item
 * requires it.
 */
export function mergeForms(items: Pick<ItemVersion, 'code' | 'formSchema'>[]): MergedForm {
  const properties: Record<string, PropertySchema> = {};
  const required = new Set<string>();
  const fieldItems: Record<string, string[]> = {};
  let fieldsItemByItem = 0;
  for (const item of items) {
    const form = item.formSchema as ObjectSchema;
    for (const [name, schema] of Object.entries(form.properties ?? {})) {
      fieldsItemByItem++;
      const existing = properties[name];
      if (existing && canonical(existing) !== canonical(schema)) {
        throw new MergeConflict(`field "${name}" is defined differently by ${fieldItems[name]!.join(', ')} and ${item.code}`);
      }
      properties[name] = schema;
      (fieldItems[name] ??= []).push(item.code);
    }
    for (const name of form.required ?? []) required.add(name);
  }
  return {
    schema: { type: 'object', additionalProperties: false, required: [...required], properties },
    sharedFields: Object.keys(fieldItems).filter((name) => fieldItems[name]!.length > 1),
    fieldItems,
    fieldsItemByItem,
  };
}

export type MergedMaterial = MaterialRequirement & { items: string[] };

/** A material no applicant hands in because another item of the same bundle issues it. */
export interface WaivedMaterial {
  code: string;
  name: string;
  nameEn: string;
  /** the item whose result it is */
  producedBy: string;
  /** the items that would have asked for it */
  items: string[];
}

/** An item's application form (申请表) that the platform generates from the merged form's answers (一表申请). */
export interface GeneratedMaterial {
  code: string;
  name: string;
  nameEn: string;
  /** the items whose application form it is */
  items: string[];
}

/**
 * 一套材料: one entry per catalog material, required if any item requires it. A material one of
 * the items issues (营业执照 from the business registration, 出生医学证明 …) is not asked for
 * at all: 前序事项产生的材料不需提交. Nor is an item's application form: the merged form is the
 * application (一表申请), and the platform generates each item's application form from it.
 */
export function mergeMaterials(
  items: Pick<ItemVersion, 'code' | 'definition'>[],
  /** the applicant's answers: a material asked only in some situations (办理情形) counts when they meet it; without answers, all count */
  answers?: Answers,
): {
  materials: MergedMaterial[];
  waived: WaivedMaterial[];
  generated: GeneratedMaterial[];
  materialsItemByItem: number;
} {
  const producers = new Map(items.flatMap((item) => item.definition.results.flatMap((r) => (r.material ? [[r.material, item.code] as const] : []))));
  const merged = new Map<string, MergedMaterial>();
  let materialsItemByItem = 0;
  for (const item of items) {
    for (const material of item.definition.materials) {
      if (answers && !meets(material.when, answers)) continue;
      materialsItemByItem++;
      const existing = merged.get(material.code);
      if (existing) {
        existing.required ||= material.required;
        // a commitment may replace it only where every item asking for it allows one
        existing.commitment = Boolean(existing.commitment && material.commitment);
        existing.items.push(item.code);
      } else {
        merged.set(material.code, { ...material, items: [item.code] });
      }
    }
  }
  const all = [...merged.values()];
  return {
    materials: all.filter((m) => !producers.has(m.code) && !m.applicationForm),
    generated: all.filter((m) => !producers.has(m.code) && m.applicationForm).map((m) => ({ code: m.code, name: m.name, nameEn: m.nameEn, items: m.items })),
    waived: all
      .filter((m) => producers.has(m.code))
      .map((m) => ({ code: m.code, name: m.name, nameEn: m.nameEn, producedBy: producers.get(m.code)!, items: m.items })),
    materialsItemByItem,
  };
}
