import { recordAudit } from '../audit/index.ts';
import { UniqueConstraintError } from 'sequelize';
import type { AppContext } from '../context.ts';
import { Opinion } from './opinion.model.ts';
import { EngineError } from '../engine/client.ts';
import type { Task } from '../engine/types.ts';
import { conflict, notFound } from '../errors/app-error.ts';
import { groupsOf, hasRole, type Principal } from '../auth/index.ts';
import { type CaseRecord, casesByIds, recordTimeline, updateCase } from '../cases/index.ts';
import { itemVersion, latestItems, type ItemVersion } from '../catalog/index.ts';
import { calendarFor, deadlineColour, shanghaiDay, type WorkingCalendar } from '../calendar/index.ts';
import { OUTCOMES, outcomeVariable, VARIABLES } from '../../contract/topics.ts';
import { regionPrefix } from '../../contract/regions.ts';
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
import { claimedByOther, decidedByOther, isDeadlock, isEngineRace, isTaskGone, retryingDeadlocks } from './task-races.ts';
import { casesOfInstances } from './task-cases.ts';
import { absentFor } from './deputies.ts';
import { CHANNELS, type Channel } from '../../contract/channels.ts';
import { sealRecordedNotice } from '../results/index.ts';

/** The outcomes a task accepts: a clerk decides acceptance, everyone else approves or rejects. */
function checkOutcome(task: Task, outcome: Completion['outcome']): void {
  const allowed: readonly string[] = task.taskDefinitionKey === ACCEPTANCE_REVIEW_TASK ? CLERK_DECISIONS : OUTCOMES;
  if (!allowed.includes(outcome)) {
    throw validationFailed([
      { field: 'outcome', message: { 'zh-CN': `办理结果：本任务只能选择 ${allowed.join('、')}`, en: `outcome: this task takes one of ${allowed.join(', ')}` } },
    ]);
  }
}

export const inboxQuerySchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    scope: { type: 'string', enum: ['mine', 'group'], title: '范围', 'x-title-en': 'Scope' },
    itemCode: { type: 'string', minLength: 1, maxLength: 64, title: '事项', 'x-title-en': 'Item' },
    bundleCode: { type: 'string', minLength: 1, maxLength: 64, title: '一件事', 'x-title-en': 'Bundle' },
    channel: { type: 'string', enum: [...CHANNELS], title: '渠道', 'x-title-en': 'Channel' },
    colour: { type: 'string', enum: ['green', 'yellow', 'red'], title: '时限颜色', 'x-title-en': 'Deadline colour' },
    receivedFrom: { type: 'string', format: 'date', title: '收到日期起', 'x-title-en': 'Received from' },
    receivedTo: { type: 'string', format: 'date', title: '收到日期止', 'x-title-en': 'Received until' },
  },
} as const;

export interface InboxQuery {
  scope?: 'mine' | 'group';
  itemCode?: string;
  bundleCode?: string;
  channel?: Channel;
  colour?: 'green' | 'yellow' | 'red';
  receivedFrom?: string;
  receivedTo?: string;
}

const tally = (values: (string | null)[]) => values.reduce<Record<string, number>>((n, v) => ({ ...n, [v ?? 'none']: (n[v ?? 'none'] ?? 0) + 1 }), {});

/** The engine's page size, and how many tasks an inbox reads at most. */
const TASK_PAGE = 200;
const MAX_INBOX = 5000;

/**
 * 四级: the tasks of the caller's region (a leader's: and of the regions under it), by the process
 * variable every case's instances carry (VARIABLES.regionCode). Staff placed in no region are
 * offered no task of a group (listTasks), only those assigned to them.
 */
function regionFilter(principal: Principal) {
  if (!principal.regionCode) return {};
  const leader = hasRole(principal, 'leader');
  return {
    processVariables: [
      leader
        ? { name: VARIABLES.regionCode, operator: 'like', value: `${regionPrefix(principal.regionCode)}%` }
        : { name: VARIABLES.regionCode, operator: 'eq', value: principal.regionCode },
    ],
  };
}

/**
 * Every task of a query, page by page: the engine answers at most a page at a time, and an inbox cut
 * at the first page hid the newest work (issue 16 makes the inbox itself paged).
 */
async function allTasks(ctx: AppContext, query: Record<string, unknown>): Promise<Task[]> {
  const tasks: Task[] = [];
  for (let page = 0; ; page++) {
    const batch = await ctx.engine.tasks(query, page * TASK_PAGE, TASK_PAGE);
    tasks.push(...batch);
    if (batch.length < TASK_PAGE || tasks.length >= MAX_INBOX) return tasks;
  }
}

/**
 * The caller's inbox: tasks assigned to them and unclaimed tasks offered to their department role,
 * most urgent first, filtered; with counts per filter value over the whole inbox, so the UI can
 * show how many each filter would leave.
 */
export async function listTasks(ctx: AppContext, principal: Principal, query: InboxQuery = {}) {
  const groups = principal.regionCode ? groupsOf(principal) : [];
  const absent = (await absentFor(principal)).map((u) => u.username);
  const assignees = [principal.username, ...absent];
  const sorting = [{ sortBy: 'created', sortOrder: 'asc' }];
  // the tasks held by the caller (or by those they stand in for), wherever; and the unclaimed tasks
  // of their groups in their region (四级)
  const held = await allTasks(ctx, { assigneeIn: assignees, sorting });
  const offered = groups.length ? await allTasks(ctx, { candidateGroups: groups, unassigned: true, ...regionFilter(principal), sorting }) : [];
  const tasks = [...held, ...offered].sort((a, b) => a.created.localeCompare(b.created)).slice(0, MAX_INBOX);
  const cases = await casesOfInstances(
    ctx.engine,
    tasks.map((t) => t.processInstanceId),
  );
  const parents = new Map((await casesByIds([...cases.values()].flatMap((c) => (c.parentCaseId ? [c.parentCaseId] : [])))).map((p) => [p.id, p]));
  const itemNames = new Map((await latestItems()).map((i) => [i.code, i.name]));
  // each case's item version, for the working days its steps may take
  const versions = new Map<string, ItemVersion | undefined>();
  for (const c of cases.values()) {
    const key = `${c.itemCode}@${c.itemVersion}`;
    if (c.kind === 'item' && !versions.has(key)) versions.set(key, await itemVersion(c.itemCode, c.itemVersion));
  }
  const calendar = await calendarFor(ctx.config.regionCode);
  const share = ctx.config.deadlineWarningShare;
  const now = new Date();
  const all = tasks.map((t) => {
    const c = cases.get(t.processInstanceId);
    const bundle = c?.kind === 'bundle' ? c : c?.parentCaseId ? parents.get(c.parentCaseId) : undefined;
    return {
      id: t.id,
      name: t.name,
      taskDefinitionKey: t.taskDefinitionKey,
      created: t.created,
      receivedDay: shanghaiDay(new Date(t.created)),
      due: t.due,
      assignee: t.assignee,
      // out-of-office: a task of someone the caller stands in for
      onBehalfOf: t.assignee && absent.includes(t.assignee) ? t.assignee : null,
      owner: t.owner ?? null,
      delegated: t.delegationState === 'PENDING',
      caseNo: c?.caseNo ?? null,
      itemCode: c?.itemCode ?? null,
      itemName: c ? (itemNames.get(c.itemCode) ?? c.itemCode) : null,
      bundleCode: bundle?.itemCode ?? null,
      bundleCaseNo: bundle?.caseNo ?? null,
      applicantName: c?.applicantName ?? null,
      channel: c?.channel ?? null,
      caseStatus: c?.status ?? null,
      caseDueAt: c?.promisedDueAt?.toISOString() ?? null,
      deadlineColour: c?.acceptedAt && c.promisedDueAt && !c.suspendedAt ? deadlineColour(calendar, c.acceptedAt, c.promisedDueAt, now, share) : null,
      ...stepDeadline(c && versions.get(`${c.itemCode}@${c.itemVersion}`), t, calendar, now, share, Boolean(c?.suspendedAt)),
    };
  });
  const counts = {
    all: all.length,
    mine: all.filter((t) => t.assignee === principal.username).length,
    group: all.filter((t) => !t.assignee).length,
    colour: tally(all.map((t) => t.deadlineColour)),
    item: tally(all.map((t) => t.itemCode)),
    bundle: tally(all.map((t) => t.bundleCode)),
    channel: tally(all.map((t) => t.channel)),
  };
  const listed = all.filter(
    (t) =>
      (!query.scope || (query.scope === 'mine' ? t.assignee === principal.username : !t.assignee)) &&
      (!query.itemCode || t.itemCode === query.itemCode) &&
      (!query.bundleCode || t.bundleCode === query.bundleCode) &&
      (!query.channel || t.channel === query.channel) &&
      (!query.colour || t.deadlineColour === query.colour) &&
      (!query.receivedFrom || t.receivedDay >= query.receivedFrom) &&
      (!query.receivedTo || t.receivedDay <= query.receivedTo),
  );
  return { tasks: listed.sort(byUrgency), counts };
}

/** A step's own due time: the working days the item gives it (stepDays), from when the task arrived. */
function stepDeadline(item: ItemVersion | undefined, task: Task, calendar: WorkingCalendar, now: Date, share: number, suspended: boolean) {
  const days = item?.definition.stepDays?.[task.taskDefinitionKey];
  if (!days) return { stepDueAt: null, stepColour: null };
  const created = new Date(task.created);
  const due = calendar.due(created, days).due;
  return { stepDueAt: due.toISOString(), stepColour: suspended ? null : deadlineColour(calendar, created, due, now, share) };
}

/** The most urgent first: by the case's promised due time (none last), then by when the task arrived. */
export function byUrgency(a: { caseDueAt: string | null; created: string }, b: { caseDueAt: string | null; created: string }): number {
  return (a.caseDueAt ?? '9999').localeCompare(b.caseDueAt ?? '9999') || a.created.localeCompare(b.created);
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
        try {
          await ctx.engine.claim(task.id, principal.username);
        } catch (err) {
          if (err instanceof EngineError && err.type === 'TaskAlreadyClaimedException') {
            const now = await ctx.engine.task(task.id).catch(() => null);
            throw await claimedByOther(now?.assignee);
          }
          if (err instanceof EngineError && err.status === 404) throw notFound('task_not_found');
          throw err;
        }
      }),
    );
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
  for (let attempt = 1; ; attempt++) {
    try {
      await recordCompletion(ctx, principal, task, c, body, opinion, acceptance);
      break;
    } catch (err) {
      if (err instanceof UniqueConstraintError) throw conflict('task_already_completed');
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
): Promise<void> {
  await ctx.sequelize.transaction(async (transaction) => {
    await Opinion.create(
      {
        caseId: c.id,
        taskId: task.id,
        activityId: task.taskDefinitionKey,
        activityName: task.name,
        userId: principal.id,
        outcome: body.outcome,
        comment: opinion,
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
