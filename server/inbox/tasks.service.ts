import { recordAudit } from '../audit/index.ts';
import { UniqueConstraintError } from 'sequelize';
import type { AppContext } from '../context.ts';
import { Opinion } from './opinion.model.ts';
import { EngineError } from '../engine/client.ts';
import type { Task } from '../engine/types.ts';
import { conflict, notFound } from '../errors/app-error.ts';
import type { Principal } from '../auth/index.ts';
import { type CaseRecord, recordTimeline, updateCase } from '../cases/index.ts';
import { OUTCOMES, outcomeVariable } from '../../contract/topics.ts';
import type { Completion } from '../../contract/requests/task-completion.ts';
import type { Variables } from '../engine/types.ts';
import { validationFailed } from '../errors/app-error.ts';
import {
  ACCEPTANCE_REVIEW_TASK,
  CLERK_DECISIONS,
  acceptanceContext,
  clerkOutcome,
  engineVariables,
  recordAcceptance,
  type ClerkDecision,
} from '../acceptance/index.ts';
import { accessibleTask } from './task-access.ts';
import { closedTask } from './closed-tasks.ts';
import { decisiveKeyOf, roundDecision, stepRound, type StepRound } from './step-decision.ts';
import { claimedByOther, decidedByOther, isDeadlock, isEngineRace, isTaskGone, retryingDeadlocks } from './task-races.ts';
import { casesOfInstances } from './task-cases.ts';
import { absentFor } from './deputies.ts';
import { sealRecordedNotice } from '../results/index.ts';
import { itemVersion } from '../catalog/index.ts';
import { calendarFor } from '../calendar/index.ts';
import { stepDueAt } from './step-due.ts';

/** The outcomes a task accepts: a clerk decides acceptance, everyone else approves or rejects. */
function checkOutcome(task: Task, outcome: Completion['outcome']): void {
  const allowed: readonly string[] = task.taskDefinitionKey === ACCEPTANCE_REVIEW_TASK ? CLERK_DECISIONS : OUTCOMES;
  if (!allowed.includes(outcome)) {
    throw validationFailed([
      { field: 'outcome', message: { 'zh-CN': `办理结果：本任务只能选择 ${allowed.join('、')}`, en: `outcome: this task takes one of ${allowed.join(', ')}` } },
    ]);
  }
}

export async function caseOfTask(ctx: AppContext, task: Task): Promise<CaseRecord> {
  const c = (await casesOfInstances(ctx.engine, [task.processInstanceId])).get(task.processInstanceId);
  if (!c) throw notFound('case_not_found');
  return c;
}

/** 签收: the caller takes the task; claiming one's own task again is a no-op. */
export async function claimTask(ctx: AppContext, principal: Principal, taskId: string) {
  const task = await accessibleTask(ctx.engine, principal, taskId);
  const c = await caseOfTask(ctx, task);
  if (task.assignee && task.assignee !== principal.username) {
    // accessibleTask let a deputy through: they take the absent holder's task over
    if (!(await absentFor(principal)).some((u) => u.username === task.assignee)) throw await claimedByOther(task.assignee);
    await ctx.sequelize.transaction(async (transaction) => {
      await recordTimeline({ caseId: c.id, type: 'task.taken_over', actor: principal.username, detail: { task: task.name, for: task.assignee } }, transaction);
      await ctx.engine.setAssignee(task.id, principal.username);
    });
    return { id: task.id, assignee: principal.username, caseNo: c.caseNo };
  }
  if (!task.assignee) {
    // two claims at once: MariaDB may make one a deadlock's victim; tried again, the engine tells it who won
    try {
      await retryingDeadlocks(() =>
        ctx.sequelize.transaction(async (transaction) => {
          await recordTimeline(
            {
              caseId: c.id,
              type: 'task.claimed',
              actor: principal.username,
              detail: { task: task.name, taskDefinitionKey: task.taskDefinitionKey },
              idempotencyKey: `claim:${task.id}:${principal.username}`,
            },
            transaction,
          );
          if (c.status === 'accepted') await updateCase(c, { status: 'in_review' }, transaction);
          await ctx.engine.claim(task.id, principal.username);
        }),
      );
    } catch (err) {
      // the 409 is worked out once the transaction has ended: on SQLite what it reads would queue
      // behind the server's other writes, which wait for this transaction's write lock (a lost claim
      // held its request 60 s, till the busy timeout)
      if (err instanceof EngineError && err.type === 'TaskAlreadyClaimedException') {
        const now = await ctx.engine.task(task.id).catch(() => null);
        throw await claimedByOther(now?.assignee);
      }
      if (isTaskGone(err)) throw await closedTask(ctx.engine, principal, task.id);
      throw err;
    }
    ctx.logger.info({ caseNo: c.caseNo, taskId, user: principal.username }, 'task claimed');
  }
  return { id: task.id, assignee: principal.username, caseNo: c.caseNo };
}

/**
 * Completes the caller's task with an outcome and an opinion. The opinion, the timeline entry and
 * the engine's completion succeed together: the engine call runs inside the transaction, so a
 * failure leaves neither, and the task id's unique opinion makes a repeat a 409.
 */
export async function completeTask(ctx: AppContext, principal: Principal, taskId: string, body: Completion) {
  const task = await accessibleTask(ctx.engine, principal, taskId);
  checkOutcome(task, body.outcome);
  if (task.delegationState === 'PENDING') throw conflict('task_delegated');
  if (!task.assignee) throw conflict('task_not_claimed');
  if (task.assignee !== principal.username) throw await claimedByOther(task.assignee);
  const c = await caseOfTask(ctx, task);
  if (c.suspendedAt) throw conflict('case_suspended');
  const opinion = body.opinion.trim();
  // 窗口人工受理: the clerk's decision is recorded with its notice, as the machine's would be
  const acceptance =
    task.taskDefinitionKey === ACCEPTANCE_REVIEW_TASK
      ? { outcome: await clerkOutcome(c, body.outcome as ClerkDecision, body.reasons, opinion), context: await acceptanceContext(c, ctx.config) }
      : undefined;
  // two people deciding the same step at once: the engine refuses one (a 或签 decided by the other,
  // a 会签 whose executions the other's signature changed): a step still open is tried again, a
  // step gone is a 409 that says who decided it
  const round = acceptance ? null : await stepRound(c.id, task.taskDefinitionKey);
  const timing = await taskTiming(ctx, c, task);
  for (let attempt = 1; ; attempt++) {
    try {
      await recordCompletion(ctx, principal, task, c, body, opinion, acceptance, round, timing);
      break;
    } catch (err) {
      if (err instanceof UniqueConstraintError) {
        // the same task twice, or the round's decision taken by someone else at the same moment
        const decision = await roundDecision(round);
        throw decision && decision.taskId !== task.id ? await decidedByOther(c.id, task, principal, decision) : conflict('task_already_completed');
      }
      // MariaDB may pick one of two such transactions as a deadlock's victim: try it again
      if (isDeadlock(err) && attempt < 3) continue;
      if (!(err instanceof EngineError) || err.status === 0) throw err;
      // the engine says 404, or 500 "Cannot find task … task is null" when a sibling's decision
      // removed it meanwhile, or OptimisticLockingException: whether the task is still there decides
      const still = await ctx.engine.task(task.id).catch((e: unknown) => (isTaskGone(e) ? null : Promise.reject(e)));
      if (!still) throw await decidedByOther(c.id, task, principal);
      if (!isEngineRace(err)) throw err;
      if (attempt >= 3) throw conflict('task_busy');
    }
  }
  if (acceptance) {
    // the clerk's decision stands; its notice as a sealed PDF follows (a failure is logged, the
    // notice itself is on the timeline already)
    await sealRecordedNotice(ctx.config, `clerk:${task.id}`).catch((err: unknown) =>
      ctx.logger.error({ err, caseNo: c.caseNo }, 'sealing the acceptance notice failed'),
    );
  }
  ctx.logger.info({ caseNo: c.caseNo, taskId, user: principal.username, outcome: body.outcome }, 'task completed');
  return { id: task.id, caseNo: c.caseNo, outcome: body.outcome };
}

/** When the task arrived, and the step's own due time as the inbox showed it while it was open (./step-due.ts). */
async function taskTiming(ctx: AppContext, c: CaseRecord, task: Task): Promise<{ taskCreatedAt: Date | null; stepDueAt: Date | null }> {
  if (!task.created) return { taskCreatedAt: null, stepDueAt: null };
  const created = new Date(task.created);
  const item = c.kind === 'item' ? await itemVersion(c.itemCode, c.itemVersion) : undefined;
  return { taskCreatedAt: created, stepDueAt: stepDueAt(item, task.taskDefinitionKey, created, await calendarFor(ctx.config.regionCode)) };
}

/**
 * The opinion, the timeline entry and the engine's completion, together: the engine call runs
 * inside the transaction, so a failure leaves neither.
 */
async function recordCompletion(
  ctx: AppContext,
  principal: Principal,
  task: Task,
  c: CaseRecord,
  body: Completion,
  opinion: string,
  acceptance: { outcome: Awaited<ReturnType<typeof clerkOutcome>>; context: Awaited<ReturnType<typeof acceptanceContext>> } | undefined,
  round: StepRound | null,
  timing: Awaited<ReturnType<typeof taskTiming>>,
): Promise<void> {
  await ctx.sequelize.transaction(async (transaction) => {
    // a multi-instance step someone else decided already: its end is on its way in the engine
    const decision = await roundDecision(round, transaction);
    if (decision) throw await decidedByOther(c.id, task, principal, decision);
    const decidedAt = new Date();
    await Opinion.create(
      {
        caseId: c.id,
        taskId: task.id,
        activityId: task.taskDefinitionKey,
        activityName: task.name,
        userId: principal.id,
        outcome: body.outcome,
        comment: opinion,
        decisiveKey: decisiveKeyOf(round, body.outcome),
        departmentCode: principal.departmentCode,
        regionCode: principal.regionCode,
        ...timing,
        createdAt: decidedAt,
        onTime: timing.stepDueAt ? decidedAt.getTime() <= timing.stepDueAt.getTime() : null,
      },
      { transaction },
    );
    await recordTimeline(
      {
        caseId: c.id,
        type: 'task.completed',
        actor: principal.username,
        detail: { task: task.name, taskDefinitionKey: task.taskDefinitionKey, outcome: body.outcome, opinion },
        idempotencyKey: `complete:${task.id}`,
      },
      transaction,
    );
    let variables: Variables = { [outcomeVariable(task.taskDefinitionKey)]: { value: body.outcome, type: 'String' } };
    if (acceptance) {
      const recorded = await recordAcceptance(c, acceptance.outcome, principal.username, `clerk:${task.id}`, ctx.config, acceptance.context, transaction);
      variables = { ...variables, ...engineVariables(recorded) };
    } else if (c.status === 'accepted') {
      await updateCase(c, { status: 'in_review' }, transaction);
    }
    // before the engine hears of it: once it has, the next step's worker may read what this
    // transaction wrote, so the commit must follow the engine's answer at once
    await recordAudit(
      {
        actor: principal.username,
        action: 'case.decided',
        target: `case:${c.caseNo}`,
        detail: { task: task.taskDefinitionKey, taskId: task.id, outcome: body.outcome },
      },
      transaction,
    );
    await ctx.engine.completeTask(task.id, variables);
  });
}
