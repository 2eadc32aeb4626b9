import type { AppContext } from '../context.ts';
import type { ProcessInstance } from '../engine/types.ts';
import {
  CASE_STATUSES,
  FINAL_STATUSES,
  caseById,
  casesByIds,
  casesByNumbers,
  casesByProcessInstances,
  casesDueForStuckLook,
  makeStuckLookDue,
  scheduleStuckLook,
  type CaseRecord,
} from '../cases/index.ts';
import { engineDate } from '../engine/engine-date.ts';
import { StuckCaseRow } from './stuck-case.model.ts';
import type { Locale, Localized } from '../i18n/locale.ts';
import { runningInstancesOf } from './case-operations.ts';
import { engineTimeInWords } from './incidents.ts';
import { stepsOfDefinition } from './process-steps.ts';

/** Why a case is stuck, as the detector found it. */
export type StuckKind = 'instance_gone' | 'instance_ended' | 'suspended' | 'waiting_for_nothing';

/** What one look finds of a stuck case. */
export interface StuckFinding {
  kind: StuckKind;
  diagnosis: Localized;
  /** the instances looked at (none when the instance is gone) */
  processInstanceIds: string[];
}

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
export async function diagnose(ctx: AppContext, c: CaseRecord): Promise<StuckFinding | null> {
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
      const at = engineTimeInWords(past.endTime);
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

/** Cases looked at in one look at most: a look's cost stays bounded however many cases are unfinished. */
const LOOK_BUDGET = 500;
/** A case found stuck once is looked at again this much later; found so again, it is listed. */
const CONFIRM_AFTER_MS = 60_000;
/** A case waiting for someone is looked at again after half the time since it last changed, within these bounds. */
const CALM_MIN_MS = 60_000;
const CALM_MAX_MS = 24 * 3_600_000;
/** How far back the first look of a node asks the engine for instances that ended. */
const ENDED_LOOKBACK_MS = 24 * 3_600_000;
/** Ended or suspended instances read from the engine in one look at most. */
const ENGINE_PAGE = 1_000;

function calmDelay(c: CaseRecord, now: Date): number {
  return Math.min(CALM_MAX_MS, Math.max(CALM_MIN_MS, (now.getTime() - new Date(c.updatedAt).getTime()) / 2));
}

/**
 * 停滞办件: a case not final whose process waits for nothing, or has no instance at all, or is
 * suspended outside 特别程序. A case is listed only when two looks in a row found it so, so that
 * the moments between two steps (a case submitted before its process starts, a step just
 * completed) are never taken for it.
 *
 * At a city's scale a look does not read every unfinished case: each case carries when it is to be
 * looked at next (`stuckLookAt`): at once after any change of it; a minute later when a look found
 * it stuck once; else after half the time since it last changed (a minute to a day), as a case that
 * waits for a reviewer stays so until something happens to it. What happens to a process outside
 * the platform's steps is asked of the engine at each look, for all cases at once: the instances
 * that ended since the last look and those suspended make their cases due. A look reads at most
 * LOOK_BUDGET due cases, the longest due first. What the looks found is kept in the database
 * (`stuck_cases`), so that every node lists the same cases.
 */
export class StuckCaseDetector {
  private checkedAt: Date | null = null;
  private endedSince: Date | null = null;
  private running: Promise<void> | undefined;

  constructor(private readonly ctx: AppContext) {}

  /** One look, after the one under way on this node if any; `candidatesNow` looks at the cases found stuck once again now rather than a minute later. */
  check(candidatesNow = false): Promise<void> {
    const next = (this.running ?? Promise.resolve()).then(() => this.look(candidatesNow));
    const settled = next.catch(() => undefined);
    this.running = settled;
    void settled.then(() => {
      if (this.running === settled) this.running = undefined;
    });
    return next;
  }

  /** The engine's news since the last look: the cases of instances that ended or are suspended are due now. */
  private async engineNews(now: Date): Promise<void> {
    const since = this.endedSince ?? new Date(now.getTime() - ENDED_LOOKBACK_MS);
    const [ended, suspended] = await Promise.all([
      this.ctx.engine.historicProcessInstances({ finishedAfter: engineDate(since) }, ENGINE_PAGE),
      this.ctx.engine.findProcessInstances({ suspended: true }, ENGINE_PAGE),
    ]);
    // the next look asks from here (a little before: the engine's clock and ours)
    this.endedSince = new Date(now.getTime() - 5_000);
    const instances = [...ended, ...suspended];
    if (!instances.length) return;
    const keys = [...new Set(instances.map((i) => i.businessKey).filter((k): k is string => !!k))];
    const [byInstance, byKey] = await Promise.all([casesByProcessInstances(instances.map((i) => i.id)), keys.length ? casesByNumbers(keys) : []]);
    const listedSuspended = new Set(
      (await StuckCaseRow.findAll({ where: { kind: 'suspended', confirmed: true }, attributes: ['caseId'] })).map((r) => r.caseId),
    );
    const cases = new Map([...byInstance, ...byKey].map((c) => [c.id, c]));
    // a case in 特别程序 is suspended on purpose; one already listed as suspended stays listed without a look each time
    const due = [...cases.values()].filter(
      (c) => !FINAL_STATUSES.includes(c.status) && !c.suspendedAt && c.status !== 'suspended' && !listedSuspended.has(c.id),
    );
    await makeStuckLookDue(due.map((c) => c.id));
  }

  private async look(candidatesNow: boolean): Promise<void> {
    const now = new Date();
    try {
      await this.engineNews(now);
    } catch (err) {
      this.ctx.logger.warn({ err }, 'stuck-case detector: the engine could not be asked what ended; the due cases are looked at all the same');
    }
    const due = await casesDueForStuckLook(now, LOOK_BUDGET);
    if (candidatesNow) {
      const seen = new Set(due.map((c) => c.id));
      const candidates = await StuckCaseRow.findAll({ where: { confirmed: false }, attributes: ['caseId'], limit: LOOK_BUDGET });
      due.push(...(await casesByIds(candidates.map((r) => r.caseId).filter((id) => !seen.has(id)))).filter((c) => !FINAL_STATUSES.includes(c.status)));
    }
    const rows = new Map((await StuckCaseRow.findAll({ where: { caseId: due.map((c) => c.id) } })).map((r) => [r.caseId, r]));
    let stuck = 0;
    for (const c of due) {
      try {
        if (await this.lookAt(c, rows.get(c.id), now)) stuck++;
      } catch (err) {
        this.ctx.logger.warn({ err, caseNo: c.caseNo }, 'stuck-case detector: the case could not be examined; it is looked at again later');
        await scheduleStuckLook(c, new Date(now.getTime() + CALM_MIN_MS));
      }
    }
    this.checkedAt = new Date();
    if (stuck) this.ctx.logger.warn({ looked: due.length, stuck }, 'stuck-case detector: cases found stuck');
  }

  /** Looks at one case: its finding recorded (a candidate, or confirmed by a second finding of the same kind) and its next look scheduled. */
  private async lookAt(c: CaseRecord, row: StuckCaseRow | undefined, now: Date): Promise<boolean> {
    const found = await diagnose(this.ctx, c);
    if (!found) {
      await row?.destroy();
      await scheduleStuckLook(c, new Date(now.getTime() + calmDelay(c, now)));
      return false;
    }
    const again = row?.kind === found.kind;
    await StuckCaseRow.upsert({
      caseId: c.id,
      caseNo: c.caseNo,
      kind: found.kind,
      diagnosis: found.diagnosis,
      processInstanceIds: found.processInstanceIds,
      firstFoundAt: again ? row.firstFoundAt : now,
      confirmed: again,
      lookedAt: now,
    });
    await scheduleStuckLook(c, new Date(now.getTime() + (again ? calmDelay(c, now) : CONFIRM_AFTER_MS)));
    return true;
  }

  /** The cases two looks in a row found stuck; looks first when this node has not looked within `freshMs` (twice, `confirmDelayMs` apart, when asked or when a look found new candidates). */
  async list(freshMs: number, confirmDelayMs: number, locale: Locale, twoFreshLooks = false) {
    if (!this.checkedAt || Date.now() - this.checkedAt.getTime() >= freshMs) {
      await this.check();
      if (twoFreshLooks || (await StuckCaseRow.count({ where: { confirmed: false } })) > 0) {
        await new Promise((r) => setTimeout(r, confirmDelayMs));
        await this.check(true);
      }
    }
    const rows = await StuckCaseRow.findAll({ where: { confirmed: true }, order: [['firstFoundAt', 'ASC']], limit: LIST_LIMIT });
    const cases = new Map((await casesByIds(rows.map((r) => r.caseId))).map((c) => [c.id, c]));
    // closed meanwhile (cancelled, moved on to its end): no longer stuck, never looked at again
    const closed = rows.filter((r) => !cases.has(r.caseId) || FINAL_STATUSES.includes(cases.get(r.caseId)!.status));
    if (closed.length) await StuckCaseRow.destroy({ where: { caseId: closed.map((r) => r.caseId) } });
    const listed = rows.filter((r) => !closed.includes(r));
    return {
      checkedAt: this.checkedAt!.toISOString(),
      total: listed.length,
      cases: listed.map((r) => {
        const c = cases.get(r.caseId)!;
        return {
          caseNo: c.caseNo,
          itemCode: c.itemCode,
          departmentCode: c.departmentCode,
          regionCode: c.regionCode,
          status: c.status,
          statusLabel: CASE_STATUSES[c.status][locale],
          kind: r.kind as StuckKind,
          diagnosis: r.diagnosis[locale],
          processInstanceIds: r.processInstanceIds,
          since: r.firstFoundAt.toISOString(),
        };
      }),
    };
  }
}

/** The listing's most cases (the longest stuck first): more would be a failure of the whole platform, seen elsewhere. */
const LIST_LIMIT = 1_000;

const detectors = new WeakMap<AppContext, StuckCaseDetector>();

/** The node's detector (one per running server: the scheduled round and the listing share it). */
export function stuckCaseDetector(ctx: AppContext): StuckCaseDetector {
  let detector = detectors.get(ctx);
  if (!detector) detectors.set(ctx, (detector = new StuckCaseDetector(ctx)));
  return detector;
}
