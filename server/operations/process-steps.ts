import type { EngineClient } from '../engine/client.ts';

/** A flow node of a deployed process definition, as the BPMN names it. */
export interface ProcessStep {
  id: string;
  name: string | null;
  /** the BPMN element: userTask, serviceTask, callActivity, exclusiveGateway … */
  type: string;
  /** 会签, 或签, 依次 …: the engine runs it as a multi-instance body around its instances */
  multiInstance: boolean;
}

/** The multi-instance body of an activity is named "<activity>#multiInstanceBody" by the engine. */
export const MI_BODY = '#multiInstanceBody';

/** The step an activity instance's id belongs to (a multi-instance body's: its activity's). */
export const stepIdOf = (activityId: string): string => (activityId.endsWith(MI_BODY) ? activityId.slice(0, -MI_BODY.length) : activityId);

/**
 * Where an instance starts before a step: a multi-instance step's whole body (every signer), not
 * one instance of it.
 */
export const startingPointOf = (step: ProcessStep): string => (step.multiInstance ? `${step.id}${MI_BODY}` : step.id);

/** The flow nodes an instance may be started before (process instance modification): not the start or boundary events. */
const FLOW_NODES = [
  'task',
  'userTask',
  'serviceTask',
  'sendTask',
  'receiveTask',
  'scriptTask',
  'businessRuleTask',
  'manualTask',
  'callActivity',
  'subProcess',
  'transaction',
  'intermediateCatchEvent',
  'intermediateThrowEvent',
  'endEvent',
  'exclusiveGateway',
  'parallelGateway',
  'inclusiveGateway',
  'eventBasedGateway',
  'complexGateway',
];
const ELEMENT = new RegExp(`<(?:[A-Za-z][\\w.-]*:)?(${FLOW_NODES.join('|')})(\\s[^>]*)?/?>`, 'g');
const attribute = (attributes: string, name: string) => new RegExp(`\\s${name}\\s*=\\s*"([^"]*)"`).exec(attributes)?.[1] ?? null;
const unescapeXml = (text: string) =>
  text
    .replace(/&#x([0-9a-fA-F]+);/g, (_m, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&#(\d+);/g, (_m, dec: string) => String.fromCodePoint(Number(dec)))
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');

const LOOP = /<(?:[A-Za-z][\w.-]*:)?multiInstanceLoopCharacteristics[\s/>]/;

/**
 * The flow nodes of a BPMN document, in the order they are written. An activity's loop
 * characteristics come before any flow node nested in it (the schema's order), so what lies between
 * its start tag and the next flow node tells whether it is a multi-instance step.
 */
export function flowNodesOf(xml: string): ProcessStep[] {
  const steps: ProcessStep[] = [];
  const seen = new Set<string>();
  const matches = [...xml.matchAll(ELEMENT)];
  matches.forEach((match, i) => {
    const attributes = match[2] ?? '';
    const id = attribute(attributes, 'id');
    if (!id || seen.has(id)) return;
    seen.add(id);
    const name = attribute(attributes, 'name');
    const selfClosing = match[0].endsWith('/>');
    const inside = selfClosing ? '' : xml.slice(match.index + match[0].length, matches[i + 1]?.index ?? xml.length);
    steps.push({ id, name: name ? unescapeXml(name).replace(/\s+/g, ' ').trim() : null, type: match[1]!, multiInstance: LOOP.test(inside) });
  });
  return steps;
}

/** A deployed definition never changes: its steps are read once per node. */
const cache = new Map<string, Promise<ProcessStep[]>>();
const CACHE_LIMIT = 500;

/** The steps of a deployed process definition (GET /process-definition/{id}/xml, read once). */
export function stepsOfDefinition(engine: EngineClient, definitionId: string): Promise<ProcessStep[]> {
  let steps = cache.get(definitionId);
  if (!steps) {
    if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value!);
    steps = engine.processDefinitionXml(definitionId).then((d) => flowNodesOf(d.bpmn20Xml));
    // a failed read is not kept: the next look asks again
    steps.catch(() => cache.delete(definitionId));
    cache.set(definitionId, steps);
  }
  return steps;
}

/** The step's name as the process names it (its id when unnamed or unknown). */
export async function stepName(engine: EngineClient, definitionId: string | undefined, activityId: string): Promise<string> {
  if (!definitionId) return activityId;
  try {
    return (await stepsOfDefinition(engine, definitionId)).find((s) => s.id === activityId)?.name ?? activityId;
  } catch {
    return activityId;
  }
}
