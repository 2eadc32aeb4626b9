import { camundaAttr, eventDefinitions, inputParameter, is, ownerId, siblings, type ModdleElement, type Reporter, type Rule } from '../moddle.ts';
import { expressionsIn } from '../expressions.ts';
import { reviewerCountVariable, TOPICS, VARIABLES } from '../../../topics.ts';

/** What one uploaded process may ask of the engine; each configurable, with safe defaults. */
export interface PolicyBounds {
  /** multi-instance: the most instances a loop may run (a literal cardinality at deployment; every loop in the engine, POLICY_MAX_INSTANCES) */
  maxInstances: number;
  /** a repeating timer fires at most this often */
  minTimerCycleMinutes: number;
  /** flow elements in a process, sub-processes included */
  maxElements: number;
  /** sub-processes inside sub-processes */
  maxNesting: number;
}

export const DEFAULT_POLICY_BOUNDS: PolicyBounds = { maxInstances: 200, minTimerCycleMinutes: 60, maxElements: 500, maxNesting: 5 };

const UNIT_SECONDS: Record<string, number> = { Y: 365 * 86400, W: 7 * 86400, D: 86400, H: 3600, S: 1 };

/** The length of an ISO 8601 duration (P1DT2H, PT30M, P2W) in seconds; months as 30 days. Null when it is not one. */
export function durationSeconds(text: string): number | null {
  const m =
    /^P(?:(\d+(?:\.\d+)?)Y)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)W)?(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/.exec(
      text.trim(),
    );
  if (!m || text.trim() === 'P' || text.trim().endsWith('T')) return null;
  const [, y, mo, w, d, h, mi, s] = m.map((v) => (v === undefined ? 0 : Number(v)));
  return y! * UNIT_SECONDS.Y! + mo! * 30 * 86400 + w! * UNIT_SECONDS.W! + d! * UNIT_SECONDS.D! + h! * UNIT_SECONDS.H! + mi! * 60 + s! * UNIT_SECONDS.S!;
}

/** How often an ISO 8601 repeating interval (R/PT1H, R5/2026-01-01T00:00/P1D) fires, in seconds; null when it is not one. */
export function cycleSeconds(text: string): number | null {
  const parts = text.trim().split('/');
  if (parts.length < 2 || !/^R\d*$/.test(parts[0]!)) return null;
  const duration = parts.slice(1).find((p) => p.startsWith('P'));
  return duration === undefined ? null : durationSeconds(duration);
}

const bodyOf = (expression: ModdleElement | undefined): string | undefined => (typeof expression?.body === 'string' ? expression.body : undefined);

function flowElementsOf(node: ModdleElement): ModdleElement[] {
  return (node.flowElements as ModdleElement[] | undefined) ?? [];
}

/** Counts the flow elements of a process or sub-process, and how deep its sub-processes nest. */
function measure(node: ModdleElement, depth = 0): { elements: number; depth: number; deepest?: ModdleElement } {
  let elements = 0;
  let deepest = { depth, node: undefined as ModdleElement | undefined };
  for (const element of flowElementsOf(node)) {
    elements++;
    if (is(element, 'bpmn:SubProcess')) {
      const inner = measure(element, depth + 1);
      elements += inner.elements;
      if (inner.depth > deepest.depth) deepest = { depth: inner.depth, node: inner.deepest ?? element };
    }
  }
  return { elements, depth: deepest.depth, deepest: deepest.node };
}

/**
 * The variable a multi-instance count may read, where the platform writes it itself (never a form,
 * a situation answer or a model): a review step's reviewer count, which its assign-reviewers task
 * writes from the reviewers' group (contract/bpmn/review-step.ts), and a bundle's item count, which
 * the server writes from the bundle's items for its call activity. The engine holds these to the
 * bound at run time as it holds every count (engine/ MultiInstanceBoundPlugin).
 */
function isPlatformCount(owner: ModdleElement, variable: string): boolean {
  if (owner.id && variable === reviewerCountVariable(owner.id) && is(owner, 'bpmn:UserTask'))
    return siblings(owner).some(
      (e) => camundaAttr(e, 'type') === 'external' && camundaAttr(e, 'topic') === TOPICS.assignReviewers && inputParameter(e, 'step') === owner.id,
    );
  return variable === VARIABLES.itemCount && is(owner, 'bpmn:CallActivity');
}

/** What is wrong with a multi-instance loop's size: a literal over the bound, a count the platform does not write, any collection. */
function checkInstances(owner: ModdleElement, loop: ModdleElement, bounds: PolicyBounds, reporter: Reporter): void {
  const id = owner.id ?? ownerId(owner);
  const max = bounds.maxInstances;
  const reviewers = `\${${reviewerCountVariable(owner.id ?? 'step')}}`;
  const cardinality = bodyOf(loop.loopCardinality as ModdleElement | undefined)?.trim();
  if (cardinality !== undefined && /^\d+$/.test(cardinality)) {
    if (Number(cardinality) > max)
      reporter.report(id, `多实例数量过多（${cardinality}）：最多 ${max} 个`, { en: `Too many multi-instance instances (${cardinality}): at most ${max}` });
  } else if (cardinality !== undefined) {
    const variable = /^[$#]\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}$/.exec(cardinality)?.[1];
    if (!variable || !isPlatformCount(owner, variable))
      reporter.report(
        id,
        `多实例数量“${cardinality}”不是平台写入的数量：只能写不超过 ${max} 的整数，或多人审批环节由会签分派环节写入的审核人数 ${reviewers}（变量可能来自申请人填写的情形或表单，其大小在部署时无法限定）`,
        {
          en: `The multi-instance count "${cardinality}" is not one the platform writes: write a whole number up to ${max}, or the reviewer count ${reviewers} its assign-reviewers task writes for a review step (a variable may come from an applicant's answers or form, and its size cannot be bounded at deployment)`,
        },
      );
  }
  const collection = camundaAttr(loop, 'collection');
  if (collection !== undefined)
    reporter.report(
      id,
      `多实例不能按集合“${collection}”展开：平台不写入集合变量，集合的大小在部署时无法限定；请改用实例数（不超过 ${max} 的整数，或多人审批环节的审核人数 ${reviewers}）`,
      {
        en: `A multi-instance cannot run over the collection "${collection}": the platform writes no collection, and its size cannot be bounded at deployment; use a count instead (a whole number up to ${max}, or a review step's reviewer count ${reviewers})`,
      },
    );
}

/**
 * approval/resource-bounds: what an uploaded process may ask of the engine. No timer start event
 * (the platform starts item processes itself), repeating timers written out as ISO 8601 cycles no
 * more often than `minTimerCycleMinutes`, multi-instance loops counted by a literal up to
 * `maxInstances` or by a count the platform writes itself (never a collection: checkInstances), at
 * most `maxElements` flow elements and `maxNesting` levels of sub-processes.
 */
export default function resourceBounds(config: Partial<PolicyBounds> = {}): Rule {
  const bounds = { ...DEFAULT_POLICY_BOUNDS, ...config };
  return {
    check(node: ModdleElement, reporter: Reporter) {
      if (is(node, 'bpmn:StartEvent') && eventDefinitions(node).some((d) => is(d, 'bpmn:TimerEventDefinition'))) {
        reporter.report(node.id, '不允许定时启动事件：事项流程由平台在申请提交时启动', {
          en: 'No timer start events: the platform starts item processes when an application is submitted',
        });
      }
      if (is(node, 'bpmn:TimerEventDefinition')) {
        const cycle = bodyOf(node.timeCycle as ModdleElement | undefined);
        if (cycle !== undefined) {
          const seconds = expressionsIn(cycle).length ? null : cycleSeconds(cycle);
          if (seconds === null) {
            reporter.report(ownerId(node), `重复定时器须写明 ISO 8601 周期（如 R/PT1H），不允许 cron 或表达式：“${cycle}”`, {
              en: `A repeating timer must be written out as an ISO 8601 cycle (e.g. R/PT1H), not cron or an expression: "${cycle}"`,
            });
          } else if (seconds < bounds.minTimerCycleMinutes * 60) {
            reporter.report(ownerId(node), `重复定时器过于频繁（${cycle}）：至少间隔 ${bounds.minTimerCycleMinutes} 分钟`, {
              en: `The repeating timer fires too often (${cycle}): at least ${bounds.minTimerCycleMinutes} minutes apart`,
            });
          }
        }
      }
      // from the activity that owns the loop: a loop the modeler's template has just written has no $parent yet
      const loop = node.loopCharacteristics as ModdleElement | undefined;
      if (loop && is(loop, 'bpmn:MultiInstanceLoopCharacteristics')) checkInstances(node, loop, bounds, reporter);
      if (is(node, 'bpmn:Process')) {
        const size = measure(node);
        if (size.elements > bounds.maxElements) {
          reporter.report(node.id, `流程元素过多（${size.elements} 个）：最多 ${bounds.maxElements} 个`, {
            en: `Too many flow elements (${size.elements}): at most ${bounds.maxElements}`,
          });
        }
        if (size.depth > bounds.maxNesting) {
          reporter.report(size.deepest?.id ?? node.id, `子流程嵌套过深（${size.depth} 层）：最多 ${bounds.maxNesting} 层`, {
            en: `Sub-processes nest too deep (${size.depth} levels): at most ${bounds.maxNesting}`,
          });
        }
      }
    },
  };
}
