import type { AppContext } from '../context.ts';
import type { ProcessInstance } from '../engine/types.ts';
import { CASE_STATUSES, FINAL_STATUSES, caseById, unfinishedCases, type CaseRecord } from '../cases/index.ts';
import type { Locale, Localized } from '../i18n/locale.ts';
import { runningInstancesOf } from './case-operations.ts';
import { engineInstant } from './incidents.ts';
import { stepsOfDefinition } from './process-steps.ts';

/** Why a case is stuck, as the detector found it. */
export type StuckKind = 'instance_gone' | 'instance_ended' | 'suspended' | 'waiting_for_nothing';

export interface StuckCase {
  caseNo: string;
  itemCode: string;
  departmentCode: string;
  regionCode: string | null;
  status: CaseRecord['status'];
  kind: StuckKind;
  diagnosis: Localized;
  /** the instances looked at (none when the instance is gone) */
  processInstanceIds: string[];
  /** when the detector first found it so */
  since: string;
}

/** Cases read from the app database at a time. */
const BATCH = 200;
/** How deep called instances are followed (a bundle calls items, which call acceptance and results). */
const MAX_DEPTH = 4;

const STATES: Record<string, Localized> = {
  COMPLETED: { 'zh-CN': '正常结束', en: 'completed' },
  EXTERNALLY_TERMINATED: { 'zh-CN': '被外部终止', en: 'terminated from outside' },
  INTERNALLY_TERMINATED: { 'zh-CN': '被流程内部终止', en: 'terminated by the process itself' },
};

/** The case's running instances and every instance they called, however deep. */
async function instanceTree(ctx: AppContext, roots: ProcessInstance[]): Promise<ProcessInstance[]> {
  const all = new Map(roots.map((i) => [i.id, i]));
  let level = roots;
  for (let depth = 0; depth < MAX_DEPTH && level.length; depth++) {
    const next: ProcessInstance[] = [];
    for (const instance of level) {
      for (const child of await ctx.engine.findProcessInstances({ superProcessInstance: instance.id })) {
        if (!all.has(child.id)) {
          all.set(child.id, child);
          next.push(child);
        }
      }
    }
    level = next;
  }
  return [...all.values()];
}

/** Whether anything in those instances waits for something that will move it: a user task, an external task, a job or timer, a subscription. */
async function waitsForSomething(ctx: AppContext, ids: string[]): Promise<boolean> {
  if ((await ctx.engine.taskCount({ processInstanceIdIn: ids })) > 0) return true;
  if ((await ctx.engine.externalTaskCount({ processInstanceIdIn: ids })) > 0) return true;
  for (const id of ids) {
    if ((await ctx.engine.jobsOf(id)).length > 0) return true;
    if ((await ctx.engine.eventSubscriptionsOf(id)).length > 0) return true;
  }
  return false;
}

/** The detector's look at one case: null when it waits for something (or its bundle moves it), else why it is stuck. */
export async function diagnose(ctx: AppContext, c: CaseRecord): Promise<Pick<StuckCase, 'kind' | 'diagnosis' | 'processInstanceIds'> | null> {
  const running = await runningInstancesOf(ctx, c);
  if (!running.length) {
    // an item case of a bundle runs once its bundle's acceptance calls it: the bundle's look covers it until then
    if (c.parentCaseId) {
      const parent = await caseById(c.parentCaseId);
      if (parent && !FINAL_STATUSES.includes(parent.status)) return null;
    }
    const [past] = c.processInstanceId
      ? await ctx.engine.historicProcessInstances({ processInstanceId: c.processInstanceId }, 1)
      : await ctx.engine.historicProcessInstances({ processInstanceBusinessKey: c.caseNo }, 1);
    const status = CASE_STATUSES[c.status];
    if (past?.endTime) {
      const state = STATES[past.state] ?? { 'zh-CN': past.state, en: past.state };
      const at = engineInstant(past.endTime);
      return {
        kind: 'instance_ended',
        diagnosis: {
          'zh-CN': `流程实例已于 ${at} 结束（${state['zh-CN']}），办件却仍为“${status['zh-CN']}”：没有环节会再推进它`,
          en: `The process instance ended at ${at} (${state.en}) while the case is still "${status.en}": nothing will move it on`,
        },
        processInstanceIds: [past.id],
      };
    }
    return {
      kind: 'instance_gone',
      diagnosis: {
        'zh-CN': `找不到该办件的流程实例（从未启动，或已被删除），办件却仍为“${status['zh-CN']}”`,
        en: `The case has no process instance (never started, or deleted) while it is still "${status.en}"`,
      },
      processInstanceIds: c.processInstanceId ? [c.processInstanceId] : [],
    };
  }
  const tree = await instanceTree(ctx, running);
  const ids = tree.map((i) => i.id);
  // 特别程序 suspends the instance on purpose (the case says so); any other suspension stops it for good
  const suspended = tree.filter((i) => i.suspended);
  if (suspended.length && !c.suspendedAt && c.status !== 'suspended') {
    return {
      kind: 'suspended',
      diagnosis: {
        'zh-CN': `流程实例已挂起（${suspended.map((i) => i.id).join('、')}），但办件不在特别程序中：挂起的流程不会继续`,
        en: `The process instance is suspended (${suspended.map((i) => i.id).join(', ')}) but the case is in no special procedure: a suspended process does not go on`,
      },
      processInstanceIds: ids,
    };
  }
  if (await waitsForSomething(ctx, ids)) return null;
  const top = running.find((i) => i.id === c.processInstanceId) ?? running[0]!;
  const [activities, steps] = await Promise.all([
    ctx.engine.activityInstances(top.id).catch(() => null),
    stepsOfDefinition(ctx.engine, top.definitionId).catch(() => []),
  ]);
  const where = (activities?.childActivityInstances ?? []).map((a) => a.activityName ?? steps.find((s) => s.id === a.activityId)?.name ?? a.activityId);
  return {
    kind: 'waiting_for_nothing',
    diagnosis: {
      'zh-CN': `流程停在${where.length ? `“${where.join('”“')}”` : '某处'}，却没有待办任务、外部任务、作业或定时器，也没有等待的消息：不会再有环节推进它`,
      en: `The process stands at ${where.length ? `"${where.join('", "')}"` : 'some step'} with no user task, external task, job or timer and no message awaited: nothing will move it on`,
    },
    processInstanceIds: ids,
  };
}

/** One look at every unfinished case: those stuck now, by case number. */
async function look(ctx: AppContext): Promise<Map<string, StuckCase>> {
  const found = new Map<string, StuckCase>();
  const now = new Date().toISOString();
  for (let after = 0; ;) {
    const batch = await unfinishedCases(after, BATCH);
    for (const c of batch) {
      try {
        const stuck = await diagnose(ctx, c);
        if (stuck)
          found.set(c.caseNo, {
            caseNo: c.caseNo,
            itemCode: c.itemCode,
            departmentCode: c.departmentCode,
            regionCode: c.regionCode,
            status: c.status,
            since: now,
            ...stuck,
          });
      } catch (err) {
        ctx.logger.warn({ err, caseNo: c.caseNo }, 'stuck-case detector: the case could not be examined');
      }
    }
    if (batch.length < BATCH) break;
    after = batch[batch.length - 1]!.id;
  }
  return found;
}

/**
 * 停滞办件: a case not final whose process waits for nothing, or has no instance at all. A case is
 * listed only when two consecutive looks found it stuck, so that the moments between two steps
 * (a case submitted before its process starts, a step just completed) are never taken for it.
 * The looks of one node follow each other (the scheduled round on the lease's holder, or a look
 * asked for by the listing on a node that has none recent).
 */
export class StuckCaseDetector {
  /** what the last look found (candidates) */
  private previous = new Map<string, StuckCase>();
  private confirmed: StuckCase[] = [];
  private checkedAt: Date | null = null;
  private running: Promise<void> | undefined;

  constructor(private readonly ctx: AppContext) {}

  /** One look: a case stuck in this look and in the one before is listed (with the time it was first found so). */
  check(): Promise<void> {
    this.running ??= this.look().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async look(): Promise<void> {
    const now = await look(this.ctx);
    const confirmed: StuckCase[] = [];
    for (const [caseNo, stuck] of now) {
      const before = this.previous.get(caseNo);
      if (before?.kind === stuck.kind) {
        stuck.since = before.since;
        confirmed.push(stuck);
      }
    }
    this.previous = now;
    this.confirmed = confirmed;
    this.checkedAt = new Date();
    if (confirmed.length) this.ctx.logger.warn({ stuck: confirmed.map((s) => `${s.caseNo}: ${s.kind}`) }, 'stuck cases found');
  }

  /** The cases stuck at the last two looks; looks again first when this node has not looked within `freshMs`. */
  async list(freshMs: number, confirmDelayMs: number, locale: Locale, twoFreshLooks = false) {
    if (!this.checkedAt || Date.now() - this.checkedAt.getTime() >= freshMs) {
      const hadLooked = this.checkedAt !== null;
      await this.check();
      // no look before this one (or two fresh ones asked for): look again a moment later, so that a
      // case between two steps is not listed
      if (twoFreshLooks || !hadLooked || this.previous.size > this.confirmed.length) {
        await new Promise((r) => setTimeout(r, confirmDelayMs));
        await this.check();
      }
    }
    return {
      checkedAt: this.checkedAt!.toISOString(),
      total: this.confirmed.length,
      cases: this.confirmed.map((s) => ({
        caseNo: s.caseNo,
        itemCode: s.itemCode,
        departmentCode: s.departmentCode,
        regionCode: s.regionCode,
        status: s.status,
        statusLabel: CASE_STATUSES[s.status][locale],
        kind: s.kind,
        diagnosis: s.diagnosis[locale],
        processInstanceIds: s.processInstanceIds,
        since: s.since,
      })),
    };
  }
}

const detectors = new WeakMap<AppContext, StuckCaseDetector>();

/** The node's detector (one per running server: the scheduled round and the listing share it). */
export function stuckCaseDetector(ctx: AppContext): StuckCaseDetector {
  let detector = detectors.get(ctx);
  if (!detector) detectors.set(ctx, (detector = new StuckCaseDetector(ctx)));
  return detector;
}
