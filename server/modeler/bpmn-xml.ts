import { BpmnModdle, type ParseWarning } from 'bpmn-moddle';
import camundaDescriptor from 'camunda-bpmn-moddle/resources/camunda.json' with { type: 'json' };
import type { ModdleElement } from '../../contract/bpmn/lint/moddle.ts';
import { eachElement, keepUnresolvedReferences, repairNamespaces, type ModdleLike } from '../../contract/bpmn/repairs.ts';

/**
 * Reading and writing BPMN with bpmn-moddle (+ the Camunda extensions). saxen, its parser, never
 * expands entities or fetches anything; we refuse DOCTYPE before parsing all the same
 * (deployment-policy.ts). Third-party files are repaired as they are read
 * (contract/bpmn/repairs.ts, shared with the browser's modeler) so they survive a save unchanged.
 */
const moddle = new BpmnModdle({ camunda: camundaDescriptor });

export interface ParsedBpmn {
  definitions: ModdleElement;
  elementsById: Record<string, ModdleElement>;
  warnings: ParseWarning[];
}

/** Parses BPMN 2.0 XML; throws on XML that is not well formed or not BPMN definitions. */
export async function parseBpmn(xml: string): Promise<ParsedBpmn> {
  const result = await moddle.fromXML(xml, 'bpmn:Definitions');
  repairNamespaces(moddle as unknown as ModdleLike, result.rootElement, xml);
  keepUnresolvedReferences(moddle as unknown as ModdleLike, result.warnings);
  // the XML reaches us as a string, already decoded: a declared encoding no longer matters
  const warnings = result.warnings.filter((w) => !w.message.startsWith('unsupported document encoding'));
  return { definitions: result.rootElement, elementsById: result.elementsById, warnings };
}

export async function writeBpmn(definitions: ModdleElement): Promise<string> {
  return (await moddle.toXML(definitions, { format: true })).xml;
}

export { eachElement };
