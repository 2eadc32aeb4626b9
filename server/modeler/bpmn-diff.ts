import type { ModdleElement } from '../../contract/bpmn/lint/moddle.ts';
import { parseBpmn } from './bpmn-xml.ts';

const isNamespaceDeclaration = (name: string) => name === 'xmlns' || name.startsWith('xmlns:');

/**
 * A canonical form of one element: its type and every property moddle knows (references by id,
 * contained elements without an id inline, contained elements with an id as "#id", compared on
 * their own), unknown attributes and unknown extension elements included. Namespace declarations
 * are left out: they are how the file is written, not what it says.
 */
export function canonical(value: unknown, root = true): unknown {
  if (Array.isArray(value)) return value.map((v) => canonical(v, false));
  if (!value || typeof value !== 'object' || typeof (value as ModdleElement).$type !== 'string') return value;
  const element = value as ModdleElement;
  if (!root && typeof element.id === 'string' && !element.$descriptor.isGeneric) return `#${element.id}`;
  const out: Record<string, unknown> = { $type: element.$type };
  if (element.$descriptor.isGeneric) {
    // an attribute qualified with the element's own prefix is the unqualified one to moddle-xml,
    // which writes the pair once (C.8.1: <triso:allowedValues constraintsType triso:constraintsType>)
    const own = `${element.$type.split(':')[0]}:`;
    for (const [key, v] of Object.entries(element)) {
      if (!['$type', '$parent', '$model', '$descriptor'].includes(key) && !isNamespaceDeclaration(key))
        out[key.startsWith(own) ? key.slice(own.length) : key] = canonical(v, false);
    }
  } else {
    for (const p of element.$descriptor.properties) {
      const v = element[p.name];
      if (v === undefined || (p.isMany && Array.isArray(v) && v.length === 0)) continue;
      out[p.name] = p.isReference ? (Array.isArray(v) ? v.map((r: ModdleElement) => r?.id) : (v as ModdleElement | null)?.id) : canonical(v, false);
    }
  }
  const attrs = Object.entries(element.$attrs ?? {}).filter(([k]) => !isNamespaceDeclaration(k) && !k.endsWith(':type'));
  if (attrs.length) out.$attrs = Object.fromEntries(attrs.sort(([a], [b]) => a.localeCompare(b)));
  return out;
}

/** id → canonical JSON of every element with an id. */
export function canonicalElements(elementsById: Record<string, ModdleElement>): Map<string, string> {
  return new Map(Object.entries(elementsById).map(([id, element]) => [id, JSON.stringify(canonical(element))]));
}

const isDiagram = (type: string) => /^(bpmndi|dc|di):/.test(type);

export interface ElementChange {
  id: string;
  type: string;
  name?: string;
}

/**
 * What changed between two versions of a process, by element id: added, removed, changed
 * (any property, condition, listener or extension). Diagram layout is reported only as a flag.
 */
export async function compareBpmn(before: string, after: string) {
  const [a, b] = [await parseBpmn(before), await parseBpmn(after)];
  const [ca, cb] = [canonicalElements(a.elementsById), canonicalElements(b.elementsById)];
  const describe = (el: ModdleElement): ElementChange => ({ id: el.id!, type: el.$type, ...(typeof el.name === 'string' ? { name: el.name } : {}) });
  const semantic = (byId: Record<string, ModdleElement>) => Object.values(byId).filter((el) => !isDiagram(el.$type));
  const added = semantic(b.elementsById)
    .filter((el) => !ca.has(el.id!))
    .map(describe);
  const removed = semantic(a.elementsById)
    .filter((el) => !cb.has(el.id!))
    .map(describe);
  const changed = semantic(b.elementsById)
    .filter((el) => ca.has(el.id!) && ca.get(el.id!) !== cb.get(el.id!))
    .map(describe);
  const layoutChanged =
    Object.values(b.elementsById).some((el) => isDiagram(el.$type) && ca.get(el.id!) !== cb.get(el.id!)) ||
    Object.values(a.elementsById).some((el) => isDiagram(el.$type) && !cb.has(el.id!));
  return { added, removed, changed, layoutChanged, identical: !added.length && !removed.length && !changed.length && !layoutChanged };
}
