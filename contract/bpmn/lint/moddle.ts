/**
 * The little of moddle that our rules touch, typed by hand (bpmn-moddle ships no types for its
 * elements' runtime shape). No Node imports: these files are bundled for the browser too.
 */
export interface ModdleProperty {
  name: string;
  type: string;
  isAttr?: boolean;
  isBody?: boolean;
  isMany?: boolean;
  isReference?: boolean;
}

export interface ModdleElement {
  $type: string;
  $parent?: ModdleElement;
  $attrs?: Record<string, string>;
  $descriptor: { name: string; isGeneric?: boolean; properties: ModdleProperty[] };
  $instanceOf(type: string): boolean;
  get(name: string): unknown;
  id?: string;
  [key: string]: unknown;
}

/** A bpmnlint reporter: the message is Chinese (the UI's language), `en` rides along as data. */
export interface Reporter {
  report(id: string | undefined, message: string, data?: { en: string; [key: string]: unknown }): void;
}

export interface Rule {
  check(node: ModdleElement, reporter: Reporter): void;
}

export const is = (node: ModdleElement | undefined | null, type: string): boolean => !!node && typeof node.$instanceOf === 'function' && node.$instanceOf(type);

/** Types that have a shape or a place in the diagram, so the UI can mark them. */
function isMarkable(node: ModdleElement): boolean {
  if (is(node, 'bpmn:EventDefinition') || is(node, 'bpmn:Expression') || is(node, 'bpmn:LoopCharacteristics')) return false;
  return is(node, 'bpmn:FlowElement') || is(node, 'bpmn:Participant') || is(node, 'bpmn:Lane') || is(node, 'bpmn:RootElement') || is(node, 'bpmn:Definitions');
}

/** The id of the nearest element the diagram can mark: a listener's task, a condition's flow. */
export function ownerId(node: ModdleElement): string | undefined {
  for (let n: ModdleElement | undefined = node; n; n = n.$parent) {
    if (n.id && isMarkable(n)) return n.id;
  }
  return undefined;
}

/** An attribute of the camunda namespace, e.g. camunda('topic') on a service task. */
export const camundaAttr = (node: ModdleElement, name: string): string | undefined => {
  const value = node.get(`camunda:${name}`);
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
};

/** The string values moddle knows on this element (attributes and body text), by property name. */
export function stringValues(node: ModdleElement): [string, string][] {
  if (node.$descriptor.isGeneric) return [];
  const values: [string, string][] = [];
  for (const p of node.$descriptor.properties) {
    if (p.isReference || p.type !== 'String' || p.isMany) continue;
    const value = node[p.name];
    if (typeof value === 'string') values.push([p.name, value]);
  }
  return values;
}

/** The flow elements beside this one (its process or sub-process). */
export function siblings(node: ModdleElement): ModdleElement[] {
  const flowElements = node.$parent?.flowElements;
  return Array.isArray(flowElements) ? (flowElements as ModdleElement[]) : [];
}

export function eventDefinitions(node: ModdleElement): ModdleElement[] {
  return Array.isArray(node.eventDefinitions) ? (node.eventDefinitions as ModdleElement[]) : [];
}

/** The camunda:inputOutput element of a task, if any. */
function inputOutputOf(node: ModdleElement): ModdleElement | undefined {
  const values = (node.extensionElements as ModdleElement | undefined)?.values;
  return Array.isArray(values) ? (values as ModdleElement[]).find((v) => is(v, 'camunda:InputOutput')) : undefined;
}

/** A camunda:inputParameter's text value by name: undefined when absent, '' when empty or not text (a list, a map, a script). */
export function inputParameter(node: ModdleElement, name: string): string | undefined {
  const params = (inputOutputOf(node)?.inputParameters as ModdleElement[] | undefined) ?? [];
  const param = params.find((p) => p.name === name);
  if (!param) return undefined;
  return typeof param.value === 'string' ? param.value.trim() : '';
}

/** A camunda:property (the extension properties) by name. */
export function camundaProperty(node: ModdleElement, name: string): string | undefined {
  const values = (node.extensionElements as ModdleElement | undefined)?.values;
  const properties = Array.isArray(values) ? (values as ModdleElement[]).find((v) => is(v, 'camunda:Properties')) : undefined;
  const property = ((properties?.values as ModdleElement[] | undefined) ?? []).find((p) => p.name === name);
  return typeof property?.value === 'string' ? property.value : undefined;
}
