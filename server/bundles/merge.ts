import type { ItemVersion } from '../catalog/items.repository.ts';
import type { MaterialRequirement } from '../catalog/item-definition.ts';

type PropertySchema = Record<string, unknown>;
interface ObjectSchema {
  properties?: Record<string, PropertySchema>;
  required?: string[];
}

/** A stable text of a JSON value (keys sorted), to compare two field definitions. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`).join(',')}}`;
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

/** 一套材料: one entry per catalog material, required if any item requires it. */
export function mergeMaterials(items: ItemVersion[]): { materials: MergedMaterial[]; materialsItemByItem: number } {
  const merged = new Map<string, MergedMaterial>();
  let materialsItemByItem = 0;
  for (const item of items) {
    for (const material of item.definition.materials) {
      materialsItemByItem++;
      const existing = merged.get(material.code);
      if (existing) {
        existing.required ||= material.required;
        existing.items.push(item.code);
      } else {
        merged.set(material.code, { ...material, items: [item.code] });
      }
    }
  }
  return { materials: [...merged.values()], materialsItemByItem };
}
