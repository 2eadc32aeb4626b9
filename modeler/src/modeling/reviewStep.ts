import type EventBus from 'diagram-js/lib/core/EventBus';
import type ElementRegistry from 'diagram-js/lib/core/ElementRegistry';
import type Canvas from 'diagram-js/lib/core/Canvas';
import type SpaceTool from 'diagram-js/lib/features/space-tool/SpaceTool';
import type Modeling from 'bpmn-js/lib/features/modeling/Modeling';
import { selfAndAllChildren } from 'diagram-js/lib/util/Elements';
import type { Connection, Element, Parent, Shape } from 'bpmn-js/lib/model/Types';
import type { ModdleElement } from '../../../contract/bpmn/lint/moddle.ts';
import { camundaProperty, inputParameter, is } from '../../../contract/bpmn/lint/moddle.ts';
import {
  ASSIGN_TEMPLATE,
  ASSIGN_TOPIC,
  isReviewRule,
  REVIEW_GROUP_PROPERTY,
  REVIEW_RULE_PROPERTY,
  reviewStepShape,
  RULE_LABELS,
  TALLY_TEMPLATE,
  TALLY_TOPIC,
} from '../../../contract/bpmn/review-step.ts';
import { VARIABLES, type ReviewRule } from '../../../contract/topics.ts';

/**
 * 多人审批 in the modeler: a user task whose extension properties say its review rule (会签 / 或签 /
 * 依次) and group — chosen in the "多人审批" template's two lists — is written out as the platform
 * runs it (contract/bpmn/review-step.ts), after every change the analyst makes:
 * - the user task: the assignee from its reviewers list, the multi-instance loop (cardinality,
 *   completion condition per rule, sequential for 依次, asynchronous after), the local outcome variable;
 * - an assign-reviewers task before it (step, group, rule), made with room when there is none;
 * - a tally task after it (step, rule), likewise.
 * Choosing another rule or group, or renaming the step's id, rewrites all three; choosing another
 * rule on the assign or tally task's own list changes the step's rule, and so the other two.
 * What it writes is part of the analyst's command: one undo takes both back.
 */
interface Moddle {
  create(type: string, properties?: Record<string, unknown>): ModdleElement;
}
type BpmnShape = Shape;
type BpmnConnection = Connection & { source: Shape; target: Shape };

const GAP = 150; // room made for a new task: its width and the flows beside it
const DEFAULT_GROUP = `\${${VARIABLES.departmentCode}}:reviewer`;
const RULE_NAMES = new Set(Object.values(RULE_LABELS).map((l) => l.zh));
const assignName = (rule: ReviewRule) => `确定${RULE_LABELS[rule].zh}人员`;
const tallyName = (rule: ReviewRule) => `${RULE_LABELS[rule].zh}结果汇总`;
const GENERATED_NAMES = new Set([
  ...Object.keys(RULE_LABELS).flatMap((r) => [assignName(r as ReviewRule), tallyName(r as ReviewRule)]),
  '会签分派',
  '会签汇总',
]);

const bo = (e: { businessObject?: unknown }): ModdleElement => e.businessObject as ModdleElement;
const topicOf = (e: { businessObject?: unknown }): string | undefined => {
  const b = bo(e);
  return b && is(b, 'bpmn:ServiceTask') && b.get('camunda:type') === 'external' ? (b.get('camunda:topic') as string | undefined) : undefined;
};
const isReviewTask = (e: { businessObject?: ModdleElement }): boolean =>
  !!bo(e) && is(bo(e), 'bpmn:UserTask') && camundaProperty(bo(e), REVIEW_RULE_PROPERTY) !== undefined;
const bodyOf = (expression: unknown): string | undefined => (expression as ModdleElement | undefined)?.body as string | undefined;

function ReviewStep(
  this: unknown,
  eventBus: EventBus,
  elementRegistry: ElementRegistry,
  modeling: Modeling,
  moddle: Moddle,
  spaceTool: SpaceTool,
  canvas: Canvas,
) {
  let syncing = false;
  /** commands under way: the analyst's command is the outermost; what sync does nests in it (one undo step) */
  let depth = 0;
  /** elements the analyst's command changed: a rule chosen on an assign or tally task is taken up by its step */
  let touched = new Set<Element>();

  eventBus.on('commandStack.preExecute', () => {
    depth++;
  });
  eventBus.on('commandStack.postExecuted', (event: { context?: { element?: Element; shape?: Element } }) => {
    depth--;
    const element = event.context?.element ?? event.context?.shape;
    if (element && !syncing) touched.add(element);
    if (depth > 0 || syncing) return;
    const changed = touched;
    touched = new Set();
    syncing = true;
    try {
      for (const task of elementRegistry.filter((e) => isReviewTask(e as Element)) as BpmnShape[]) syncStep(task, changed);
    } finally {
      syncing = false;
    }
  });
  // undo and redo replay what was recorded (no preExecute / postExecuted); a failed command leaves no count behind
  eventBus.on('commandStack.changed', () => {
    depth = 0;
    touched = new Set();
  });

  const formal = (body: string) => moddle.create('bpmn:FormalExpression', { body });
  const incoming = (shape: BpmnShape) => (shape.incoming as BpmnConnection[]).filter((c) => is(c.businessObject, 'bpmn:SequenceFlow'));
  const outgoing = (shape: BpmnShape) => (shape.outgoing as BpmnConnection[]).filter((c) => is(c.businessObject, 'bpmn:SequenceFlow'));

  function syncStep(task: BpmnShape, changed: Set<Element>): void {
    let assign = incoming(task)
      .map((c) => c.source)
      .find((s) => topicOf(s) === ASSIGN_TOPIC);
    let tally = outgoing(task)
      .map((c) => c.target)
      .find((s) => topicOf(s) === TALLY_TOPIC);
    // a rule chosen on the assign or tally task's own list becomes the step's
    const chosenThere = [assign, tally].find((p) => p && changed.has(p) && isReviewRule(inputParameter(bo(p), 'reviewRule')));
    if (chosenThere) {
      const rule = inputParameter(bo(chosenThere), 'reviewRule')!;
      if (rule !== camundaProperty(bo(task), REVIEW_RULE_PROPERTY)) setProperties(task, { [REVIEW_RULE_PROPERTY]: rule });
    }
    const property = camundaProperty(bo(task), REVIEW_RULE_PROPERTY);
    if (!isReviewRule(property)) return;
    const rule = property;
    // a step written before the template (a starter's) keeps the group its assign task names
    const group = camundaProperty(bo(task), REVIEW_GROUP_PROPERTY) || (assign && inputParameter(bo(assign), 'reviewGroup')) || DEFAULT_GROUP;
    if (!camundaProperty(bo(task), REVIEW_GROUP_PROPERTY)) setProperties(task, { [REVIEW_GROUP_PROPERTY]: group });
    writeUserTask(task, rule);
    assign ??= insertBefore(task);
    tally ??= insertAfter(task);
    writePart(assign, ASSIGN_TEMPLATE, ASSIGN_TOPIC, assignName(rule), { step: task.id, reviewGroup: group, reviewRule: rule });
    writePart(tally, TALLY_TEMPLATE, TALLY_TOPIC, tallyName(rule), { step: task.id, reviewRule: rule });
  }

  /** The task's extension properties (camunda:properties), others kept. */
  function setProperties(task: BpmnShape, values: Record<string, string>): void {
    const extensions = extensionsOf(task);
    let properties = (extensions.get('values') as ModdleElement[]).find((v) => is(v, 'camunda:Properties'));
    if (!properties) {
      properties = moddle.create('camunda:Properties', { values: [] });
      modeling.updateModdleProperties(task, extensions, { values: [...(extensions.get('values') as ModdleElement[]), properties] });
    }
    const list = [...(properties.get('values') as ModdleElement[])];
    for (const [name, value] of Object.entries(values)) {
      const existing = list.find((p) => p.name === name);
      if (existing) modeling.updateModdleProperties(task, existing, { value });
      else list.push(moddle.create('camunda:Property', { name, value }));
    }
    if (list.length !== (properties.get('values') as ModdleElement[]).length) modeling.updateModdleProperties(task, properties, { values: list });
  }

  function extensionsOf(shape: BpmnShape): ModdleElement {
    let extensions = bo(shape).extensionElements as ModdleElement | undefined;
    if (!extensions) {
      extensions = moddle.create('bpmn:ExtensionElements', { values: [] });
      modeling.updateProperties(shape, { extensionElements: extensions });
    }
    return extensions;
  }

  /** Sets camunda:inputParameters by name (an empty string: an empty parameter, the local variable), dropping `drop`. */
  function setInputs(shape: BpmnShape, inputs: Record<string, string>, drop: (name: string) => boolean = () => false): void {
    const extensions = extensionsOf(shape);
    let io = (extensions.get('values') as ModdleElement[]).find((v) => is(v, 'camunda:InputOutput'));
    const wanted = Object.entries(inputs);
    const current = (io?.get('inputParameters') as ModdleElement[] | undefined) ?? [];
    const same =
      wanted.every(([name, value]) => current.some((p) => p.name === name && (p.value ?? '') === value)) &&
      !current.some((p) => drop(p.name as string) && !((p.name as string) in inputs));
    if (same) return;
    const kept = current.filter((p) => !((p.name as string) in inputs) && !drop(p.name as string));
    const made = wanted.map(([name, value]) => moddle.create('camunda:InputParameter', value === '' ? { name } : { name, value }));
    if (!io) {
      io = moddle.create('camunda:InputOutput', { inputParameters: made, outputParameters: [] });
      modeling.updateModdleProperties(shape, extensions, { values: [...(extensions.get('values') as ModdleElement[]), io] });
    } else {
      modeling.updateModdleProperties(shape, io, { inputParameters: [...kept, ...made] });
    }
  }

  function writeUserTask(task: BpmnShape, rule: ReviewRule): void {
    const shape = reviewStepShape(task.id, rule);
    const b = bo(task);
    const name = b.name as string | undefined;
    const attributes: Record<string, unknown> = {};
    if (b.get('camunda:assignee') !== shape.assignee) attributes['camunda:assignee'] = shape.assignee;
    if (b.get('camunda:candidateGroups')) attributes['camunda:candidateGroups'] = undefined;
    if (b.get('camunda:candidateUsers')) attributes['camunda:candidateUsers'] = undefined;
    if (!name || (RULE_NAMES.has(name) && name !== RULE_LABELS[rule].zh)) attributes.name = RULE_LABELS[rule].zh;
    if (Object.keys(attributes).length) modeling.updateProperties(task, attributes);
    const loop = b.loopCharacteristics as ModdleElement | undefined;
    const fits =
      loop &&
      is(loop, 'bpmn:MultiInstanceLoopCharacteristics') &&
      bodyOf(loop.loopCardinality) === shape.loopCardinality &&
      bodyOf(loop.completionCondition) === shape.completionCondition &&
      Boolean(loop.isSequential) === shape.isSequential &&
      loop.get('camunda:asyncAfter') === true;
    if (!fits) {
      const made = moddle.create('bpmn:MultiInstanceLoopCharacteristics', {
        isSequential: shape.isSequential,
        loopCardinality: formal(shape.loopCardinality),
        completionCondition: formal(shape.completionCondition),
      });
      (made as unknown as { set(name: string, value: unknown): void }).set('camunda:asyncAfter', true);
      modeling.updateProperties(task, { loopCharacteristics: made });
    }
    // the outcome variable local to each instance; one left from an earlier id goes
    setInputs(task, { [shape.outcomeVariable]: '' }, (n) => n.endsWith('Outcome') && n !== shape.outcomeVariable);
  }

  function writePart(part: BpmnShape, template: string, topic: string, name: string, inputs: Record<string, string>): void {
    const b = bo(part);
    const attributes: Record<string, unknown> = {};
    if (b.get('camunda:modelerTemplate') !== template) Object.assign(attributes, { 'camunda:modelerTemplate': template, 'camunda:modelerTemplateVersion': 1 });
    if (b.get('camunda:type') !== 'external') attributes['camunda:type'] = 'external';
    if (b.get('camunda:topic') !== topic) attributes['camunda:topic'] = topic;
    const current = b.name as string | undefined;
    if (!current || (GENERATED_NAMES.has(current) && current !== name)) attributes.name = name;
    if (Object.keys(attributes).length) modeling.updateProperties(part, attributes);
    setInputs(part, inputs);
  }

  /** Moves everything from x onwards right by GAP, so a new task fits without overlapping. */
  function makeRoom(x: number): void {
    const root = canvas.getRootElement();
    const { movingShapes, resizingShapes } = spaceTool.calculateAdjustments(selfAndAllChildren(root as never) as Shape[], 'x', GAP as never, x);
    modeling.createSpace(movingShapes, resizingShapes, { x: GAP, y: 0 } as never, 'e', x);
  }

  function newTask(task: BpmnShape, x: number): BpmnShape {
    return modeling.createShape({ type: 'bpmn:ServiceTask' }, { x: x + task.width / 2, y: task.y + task.height / 2 }, task.parent as Parent) as BpmnShape;
  }

  function insertBefore(task: BpmnShape): BpmnShape {
    const x = task.x;
    makeRoom(x - 1);
    const created = newTask(task, x);
    for (const flow of incoming(task)) {
      modeling.reconnectEnd(flow, created, { x: created.x, y: created.y + created.height / 2 });
      modeling.layoutConnection(flow, {});
    }
    modeling.connect(created, task);
    return created;
  }

  function insertAfter(task: BpmnShape): BpmnShape {
    const x = task.x + task.width + (GAP - task.width);
    makeRoom(task.x + task.width + 1);
    const created = newTask(task, x);
    for (const flow of outgoing(task)) {
      modeling.reconnectStart(flow, created, { x: created.x + created.width, y: created.y + created.height / 2 });
      modeling.layoutConnection(flow, {});
    }
    modeling.connect(task, created);
    return created;
  }
}
ReviewStep.$inject = ['eventBus', 'elementRegistry', 'modeling', 'moddle', 'spaceTool', 'canvas'];

export const ReviewStepModule = { __init__: ['reviewStep'], reviewStep: ['type', ReviewStep] };
