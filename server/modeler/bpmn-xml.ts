import { BpmnModdle, type ParseWarning } from 'bpmn-moddle';
import camundaDescriptor from 'camunda-bpmn-moddle/resources/camunda.json' with { type: 'json' };
import type { ModdleElement } from '../../modeler/lint/moddle.ts';

/**
 * Reading and writing BPMN with bpmn-moddle (+ the Camunda extensions). saxen, its parser, never
 * expands entities or fetches anything; we refuse DOCTYPE before parsing all the same
 * (deployment-policy.ts). Two repairs make third-party files survive a save unchanged:
 * - a file that binds one of our prefixes (camunda, bpmn …) to another namespace, e.g. Activiti's
 *   `xmlns:camunda="http://activiti.org/bpmn"`: the parser renames those to ns0, ns1 … but keeps
 *   the original declaration, and the writer then fails ("no namespace uri given for prefix
 *   <ns0>"). We declare the new prefixes and drop the clashing declarations.
 * - a reference to an id that does not exist (`<outMessageRef>triso:unspecified</outMessageRef>`):
 *   the parser drops it with a warning. We keep it as written, as a detached placeholder.
 */
const moddle = new BpmnModdle({ camunda: camundaDescriptor });

export interface ParsedBpmn {
  definitions: ModdleElement;
  elementsById: Record<string, ModdleElement>;
  warnings: ParseWarning[];
}

const NAMESPACE_DECLARATION = /\sxmlns(?::([A-Za-z_][\w.-]*))?\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

/** The prefixes the parser gave to namespaces whose own prefix clashed with ours (as saxen does). */
function renamedPrefixes(xml: string): Map<string, string> {
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

function eachElement(root: ModdleElement, visit: (element: ModdleElement) => void): void {
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
      // references point into the tree elsewhere; only containment is walked
      const property = element.$descriptor?.properties?.find((p) => p.name === key);
      if (property?.isReference) continue;
      walk(child);
    }
  };
  walk(root);
}

function repairNamespaces(definitions: ModdleElement, xml: string): void {
  const renamed = renamedPrefixes(xml);
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

function keepUnresolvedReferences(warnings: ParseWarning[]): void {
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

/** Parses BPMN 2.0 XML; throws on XML that is not well formed or not BPMN definitions. */
export async function parseBpmn(xml: string): Promise<ParsedBpmn> {
  const result = await moddle.fromXML(xml, 'bpmn:Definitions');
  repairNamespaces(result.rootElement, xml);
  keepUnresolvedReferences(result.warnings);
  // the XML reaches us as a string, already decoded: a declared encoding no longer matters
  const warnings = result.warnings.filter((w) => !w.message.startsWith('unsupported document encoding'));
  return { definitions: result.rootElement, elementsById: result.elementsById, warnings };
}

export async function writeBpmn(definitions: ModdleElement): Promise<string> {
  return (await moddle.toXML(definitions, { format: true })).xml;
}

export { eachElement };
