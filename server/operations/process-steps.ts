import type { EngineClient } from '../engine/client.ts';

/** A flow node of a deployed process definition, as the BPMN names it. */
export interface ProcessStep {
  id: string;
  name: string | null;
  /** the BPMN element: userTask, serviceTask, callActivity, exclusiveGateway … */
  type: string;
}

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

/** The flow nodes of a BPMN document, in the order they are written. */
export function flowNodesOf(xml: string): ProcessStep[] {
  const steps: ProcessStep[] = [];
  const seen = new Set<string>();
  for (const match of xml.matchAll(ELEMENT)) {
    const attributes = match[2] ?? '';
    const id = attribute(attributes, 'id');
    if (!id || seen.has(id)) continue;
    seen.add(id);
    const name = attribute(attributes, 'name');
    steps.push({ id, name: name ? unescapeXml(name).replace(/\s+/g, ' ').trim() : null, type: match[1]! });
  }
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
