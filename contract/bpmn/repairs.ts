import type { ModdleElement } from './lint/moddle.ts';

/**
 * What bpmn-moddle does to third-party files that would lose something on save, and its repair.
 * Used where BPMN is read: by the server (server/modeler/bpmn-xml.ts) and by the modeler in the
 * browser (modeler/src/modeling/thirdPartyBpmn.ts), so both keep the same files whole. No Node
 * imports.
 * - a file that binds one of our prefixes (camunda, bpmn …) to another namespace, e.g. Activiti's
 *   `xmlns:camunda="http://activiti.org/bpmn"`: the parser renames those to ns0, ns1 … but keeps
 *   the original declaration, and the writer then fails ("no namespace uri given for prefix
 *   <ns0>"). We declare the new prefixes and drop the clashing declarations.
 * - a reference to an id that does not exist (`<outMessageRef>triso:unspecified</outMessageRef>`):
 *   the parser drops it with a warning. We keep it as written, as a detached placeholder.
 */

/** The little of a Moddle instance the repairs use. */
export interface ModdleLike {
  getPackages(): { prefix: string; uri: string }[];
  create(type: string, attrs: Record<string, unknown>): ModdleElement;
}

/** A parse warning as bpmn-moddle reports it. */
export interface ParseWarningLike {
  message: string;
  element?: ModdleElement;
  property?: string;
  value?: string;
}

const NAMESPACE_DECLARATION = /\sxmlns(?::([A-Za-z_][\w.-]*))?\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

/** The prefixes the parser gave to namespaces whose own prefix clashed with ours (as saxen does). */
function renamedPrefixes(moddle: ModdleLike, xml: string): Map<string, string> {
  const registered = new Map(moddle.getPackages().map((p) => [p.prefix, p.uri]));
  const prefixOf = new Map([...registered].map(([prefix, uri]) => [uri, prefix]));
  const taken = new Set(registered.keys());
  const renamed = new Map<string, string>();
  let next = 0;
  for (const m of xml.matchAll(NAMESPACE_DECLARATION)) {
    const [prefix, uri] = [m[1], m[2] ?? m[3] ?? ''];
    if (prefixOf.has(uri)) continue;
    if (prefix === undefined || (registered.has(prefix) && registered.get(prefix) !== uri)) {
      let alias: string;
      do alias = `ns${next++}`;
      while (taken.has(alias));
      prefixOf.set(uri, alias);
      renamed.set(alias, uri);
    } else {
      prefixOf.set(uri, prefix);
      taken.add(prefix);
    }
  }
  return renamed;
}

/** Visits every element contained in the tree (references, which point elsewhere, are not followed). */
export function eachElement(root: ModdleElement, visit: (element: ModdleElement) => void): void {
  const seen = new Set<unknown>();
  const walk = (value: unknown): void => {
    if (!value || typeof value !== 'object' || seen.has(value)) return;
    seen.add(value);
    if (Array.isArray(value)) return value.forEach(walk);
    const element = value as ModdleElement;
    if (typeof element.$type !== 'string') return;
    visit(element);
    for (const [key, child] of Object.entries(element)) {
      if (key === '$parent' || key === '$model' || key === '$descriptor' || key === '$attrs') continue;
      const property = element.$descriptor?.properties?.find((p) => p.name === key);
      if (property?.isReference) continue;
      walk(child);
    }
  };
  walk(root);
}

export function repairNamespaces(moddle: ModdleLike, definitions: ModdleElement, xml: string): void {
  const renamed = renamedPrefixes(moddle, xml);
  if (!renamed.size) return;
  const registered = new Map(moddle.getPackages().map((p) => [p.prefix, p.uri]));
  eachElement(definitions, (element) => {
    for (const [name, value] of Object.entries(element.$attrs ?? {})) {
      const prefix = name.startsWith('xmlns:') ? name.slice(6) : undefined;
      if (prefix && registered.has(prefix) && registered.get(prefix) !== value) delete element.$attrs![name];
    }
  });
  definitions.$attrs ??= {};
  for (const [alias, uri] of renamed) definitions.$attrs[`xmlns:${alias}`] = uri;
}

export function keepUnresolvedReferences(moddle: ModdleLike, warnings: ParseWarningLike[]): void {
  for (const w of warnings) {
    if (!w.message.startsWith('unresolved reference') || !w.element || !w.property || !w.value) continue;
    const descriptor = w.element.$descriptor as unknown as { propertiesByName: Record<string, { name: string; type: string; isMany?: boolean }> };
    const property = descriptor.propertiesByName?.[w.property];
    if (!property) continue;
    let placeholder: ModdleElement;
    try {
      placeholder = moddle.create(property.type, { id: w.value });
    } catch {
      continue;
    }
    if (property.isMany) (w.element.get(property.name) as ModdleElement[]).push(placeholder);
    else (w.element as unknown as { set(name: string, value: unknown): void }).set(property.name, placeholder);
  }
}
