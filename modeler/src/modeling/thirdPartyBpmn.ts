import type EventBus from 'diagram-js/lib/core/EventBus';
import type ElementRegistry from 'diagram-js/lib/core/ElementRegistry';
import { keepUnresolvedReferences, repairNamespaces, type ModdleLike, type ParseWarningLike } from '../../../contract/bpmn/repairs.ts';
import type { ModdleElement } from '../../../contract/bpmn/lint/moddle.ts';

/**
 * Third-party BPMN saved from the browser as it came (the BPMN MIWG models, Camunda Modeler's files):
 * - the server's repairs as the file is read (../../bpmn/repairs.ts): foreign namespaces on our
 *   prefixes, references to ids the file does not have;
 * - the drawing of what bpmn-js cannot draw is kept: it writes a plane's shapes from what it drew
 *   (BpmnDiOrdering on saveXML.start), which drops the shapes of, say, a process no pool shows
 *   (MIWG B.1.0). Those the import left undrawn are put back after it, unless their element has
 *   gone from the model since.
 */
const AFTER_DI_ORDERING = 1500; // bpmn-js orders the DI at 2000

interface Plane extends ModdleElement {
  planeElement: ModdleElement[];
}

function ThirdPartyBpmn(
  this: unknown,
  eventBus: EventBus,
  moddle: ModdleLike,
  elementRegistry: ElementRegistry,
  bpmnjs: { getDefinitions(): ModdleElement | undefined },
) {
  let xml = '';
  let undrawn: { plane: Plane; di: ModdleElement }[] = [];

  eventBus.on('import.parse.start', (event: { xml: string }) => {
    xml = event.xml;
  });

  eventBus.on('import.parse.complete', (event: { error?: unknown; definitions?: ModdleElement; warnings?: ParseWarningLike[] }) => {
    if (event.error || !event.definitions) return;
    repairNamespaces(moddle, event.definitions, xml);
    keepUnresolvedReferences(moddle, event.warnings ?? []);
  });

  eventBus.on('import.done', (event: { error?: unknown }) => {
    undrawn = [];
    if (event.error) return;
    for (const diagram of (bpmnjs.getDefinitions()?.get('diagrams') as ModdleElement[] | undefined) ?? []) {
      const plane = diagram.get('plane') as Plane | undefined;
      if (!plane) continue;
      for (const di of plane.planeElement ?? []) {
        const element = di.get('bpmnElement') as ModdleElement | undefined;
        const drawn = element?.id ? elementRegistry.get(element.id) : undefined;
        if (!drawn || (drawn as unknown as { di?: unknown }).di !== di) undrawn.push({ plane, di });
      }
    }
  });

  eventBus.on('saveXML.start', AFTER_DI_ORDERING, () => {
    for (const { plane, di } of undrawn) {
      const element = di.get('bpmnElement') as ModdleElement | undefined;
      if (plane.planeElement.includes(di) || (element && !inModel(element))) continue;
      plane.planeElement.push(di);
    }
  });
}
ThirdPartyBpmn.$inject = ['eventBus', 'moddle', 'elementRegistry', 'bpmnjs'];

/** Still in the model: its chain of parents reaches the definitions (a deleted element's does not). */
function inModel(element: ModdleElement): boolean {
  let e: ModdleElement | undefined = element;
  while (e) {
    if (e.$type === 'bpmn:Definitions') return true;
    const parent: ModdleElement | undefined = e.$parent;
    if (!parent) return false;
    const contained = Object.values(parent).some((value) => value === e || (Array.isArray(value) && value.includes(e)));
    if (!contained) return false;
    e = parent;
  }
  return false;
}

export const ThirdPartyBpmnModule = { __init__: ['thirdPartyBpmn'], thirdPartyBpmn: ['type', ThirdPartyBpmn] };
