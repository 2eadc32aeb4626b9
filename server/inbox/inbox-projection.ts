import { Op, type InferAttributes, type Transaction } from 'sequelize';
import type { AppContext } from '../context.ts';
import type { Task } from '../engine/types.ts';
import { casesByIds, type CaseRecord } from '../cases/index.ts';
import { calendarFor, deadlineColour, nextTurnAt, type WorkingCalendar } from '../calendar/index.ts';
import { groupHolder, InboxEntry, InboxTask, InboxTaskOffer, userHolder } from './inbox-task.model.ts';
import { casesOfInstances } from './task-cases.ts';
import type { EngineTaskEvent } from './task-events.ts';

/**
 * The inbox's copy of the engine's open user tasks (inbox_tasks, inbox_task_offers): an inbox is
 * paged, sorted, filtered and counted by one indexed query there instead of reading every task of
 * the engine (server/inbox/inbox-query.ts). It is kept by
 *   - the engine's task events (engine-events.controller.ts), before they reach open inboxes, so a
 *     page refetched on an event sees the change;
 *   - the platform's own task operations (claim, complete, transfer …), at once, read back from the
 *     engine (refreshAfterOperation);
 *   - a round (inbox-sync.ts) that picks up tasks whose events were lost (the engine's sender drops
 *     events while the server is down), follows the cases whose clocks changed, and compares the
 *     whole with the engine when the counts differ or an hour has passed.
 * The engine stays the truth: every operation on a task reads it from the engine first.
 */

/** The sort key of a case without a promised due time: after every real one. */
export const NO_DUE = new Date('9999-12-31T00:00:00.000Z');

/** What a task's row takes from its case (and the case's 一件事). */
export type CaseColumns = Pick<
  InboxTask,
  'caseId' | 'caseNo' | 'itemCode' | 'bundleCode' | 'channel' | 'regionCode' | 'priorityRank' | 'sortDueAt' | 'colourDueAt' | 'yellowAt'
>;

/** 绿色通道: a priority case's tasks rank 0, before every other (1). */
export const priorityRankOf = (c: Pick<CaseRecord, 'priorityReason'>): number => (c.priorityReason ? 0 : 1);

const NO_CASE: CaseColumns = {
  caseId: null,
  caseNo: null,
  itemCode: null,
  bundleCode: null,
  channel: null,
  regionCode: null,
  priorityRank: 1,
  sortDueAt: NO_DUE,
  colourDueAt: null,
  yellowAt: null,
};

/** When the case's deadline colour turns yellow: at acceptance if it is yellow (or red) already, else at the turn the deadline watch also uses. */
function yellowFrom(calendar: WorkingCalendar, start: Date, due: Date, share: number): Date {
  if (deadlineColour(calendar, start, due, start, share) !== 'green') return start;
  return nextTurnAt(calendar, start, due, start, share) ?? start;
}

/** The columns of each case's tasks, by case id (a bundle's item cases carry its code). */
export async function caseColumns(ctx: AppContext, cases: CaseRecord[]): Promise<Map<number, CaseColumns>> {
  const parentIds = [...new Set(cases.flatMap((c) => (c.parentCaseId ? [c.parentCaseId] : [])))];
  const parents = new Map((parentIds.length ? await casesByIds(parentIds) : []).map((p) => [p.id, p]));
  const calendar = await calendarFor(ctx.config.regionCode);
  const share = ctx.config.deadlineWarningShare;
  const columns = new Map<number, CaseColumns>();
  for (const c of cases) {
    const bundle = c.kind === 'bundle' ? c : c.parentCaseId ? parents.get(c.parentCaseId) : undefined;
    const coloured = c.acceptedAt && c.promisedDueAt && !c.suspendedAt;
    columns.set(c.id, {
      caseId: c.id,
      caseNo: c.caseNo,
      itemCode: c.itemCode,
      bundleCode: bundle?.itemCode ?? null,
      channel: c.channel,
      regionCode: c.regionCode ?? null,
      // a bundle's item cases are put first with their bundle
      priorityRank: priorityRankOf(bundle ?? c),
      sortDueAt: c.promisedDueAt ?? NO_DUE,
      colourDueAt: coloured ? c.promisedDueAt : null,
      yellowAt: coloured ? yellowFrom(calendar, c.acceptedAt!, c.promisedDueAt!, share) : null,
    });
  }
  return columns;
}

/** The engine's own columns of a task's row. */
const taskColumns = (t: Task, now: Date) => ({
  taskId: t.id,
  processInstanceId: t.processInstanceId,
  taskDefinitionKey: t.taskDefinitionKey,
  name: t.name,
  assignee: t.assignee,
  owner: t.owner ?? null,
  delegated: t.delegationState === 'PENDING',
  created: new Date(t.created),
  due: t.due ? new Date(t.due) : null,
  syncedAt: now,
});

const CHUNK = 500;
const chunks = <T>(list: T[]): T[][] => Array.from({ length: Math.ceil(list.length / CHUNK) }, (_, i) => list.slice(i * CHUNK, (i + 1) * CHUNK));

/**
 * Writes the rows of open tasks as the engine has them now. `offers`: the roles each task is offered
 * to, where known (an event's candidate groups); a task without them keeps the roles it had, and a
 * task new to the inbox without them asks the engine (its identity links), unless `offersComplete`
 * says the map names every role of every task (then it has none).
 */
export async function projectTasks(ctx: AppContext, tasks: Task[], offers = new Map<string, string[]>(), offersComplete = false): Promise<void> {
  if (!tasks.length) return;
  const now = new Date();
  const cases = await casesOfInstances(
    ctx.engine,
    tasks.map((t) => t.processInstanceId),
  );
  const columns = await caseColumns(ctx, [...new Map([...cases.values()].map((c) => [c.id, c])).values()]);
  const known = new Set(
    (await InboxTask.findAll({ attributes: ['taskId'], where: { taskId: { [Op.in]: tasks.map((t) => t.id) } }, raw: true })).map((r) => r.taskId),
  );
  for (const t of tasks) {
    if (offers.has(t.id) || known.has(t.id)) continue;
    if (offersComplete) {
      offers.set(t.id, []);
      continue;
    }
    const links = await ctx.engine.identityLinks(t.id).catch(() => []);
    offers.set(
      t.id,
      links.filter((l) => l.type === 'candidate' && l.groupId).map((l) => l.groupId!),
    );
  }
  const rows = tasks.map((t) => {
    const c = cases.get(t.processInstanceId);
    return { ...taskColumns(t, now), ...((c && columns.get(c.id)) ?? NO_CASE) };
  });
  await ctx.sequelize.transaction(async (transaction) => {
    for (const part of chunks(rows)) await InboxTask.bulkCreate(part, { updateOnDuplicate: UPDATED_COLUMNS, transaction });
    // the rows whose roles are known now (a whole comparison's map names every open task: look up, don't scan it)
    const replaced = rows.map((r) => r.taskId).filter((id) => offers.has(id));
    for (const part of chunks(replaced)) await InboxTaskOffer.destroy({ where: { taskId: { [Op.in]: part } }, transaction });
    const offerRows = replaced.flatMap((taskId) => [...new Set(offers.get(taskId))].map((groupId) => ({ taskId, groupId })));
    for (const part of chunks(offerRows)) await InboxTaskOffer.bulkCreate(part, { transaction });
    await writeEntries(
      rows.map((r) => r.taskId),
      transaction,
    );
  });
}

/**
 * Who sees each of these tasks, written again from their rows and roles: the holder, or while
 * nobody holds it each role in the case's region (inbox_entries, what an inbox reads).
 */
async function writeEntries(taskIds: string[], transaction: Transaction): Promise<void> {
  for (const part of chunks(taskIds)) {
    await InboxEntry.destroy({ where: { taskId: { [Op.in]: part } }, transaction });
    const [tasks, offers] = await Promise.all([
      InboxTask.findAll({ where: { taskId: { [Op.in]: part } }, transaction }),
      InboxTaskOffer.findAll({ where: { taskId: { [Op.in]: part } }, transaction }),
    ]);
    const groups = new Map<string, string[]>();
    for (const o of offers) groups.set(o.taskId, [...(groups.get(o.taskId) ?? []), o.groupId]);
    const entries = tasks.flatMap((t) => {
      const columns = {
        taskId: t.taskId,
        priorityRank: t.priorityRank,
        sortDueAt: t.sortDueAt,
        created: t.created,
        caseNo: t.caseNo,
        itemCode: t.itemCode,
        bundleCode: t.bundleCode,
        channel: t.channel,
        colourDueAt: t.colourDueAt,
        yellowAt: t.yellowAt,
      };
      if (t.assignee) return [{ holder: userHolder(t.assignee), ...columns }];
      return [...new Set(groups.get(t.taskId) ?? [])].map((g) => ({ holder: groupHolder(g, t.regionCode), ...columns }));
    });
    if (entries.length) await InboxEntry.bulkCreate(entries, { transaction });
  }
}

const UPDATED_COLUMNS: (keyof InferAttributes<InboxTask>)[] = [
  'processInstanceId',
  'taskDefinitionKey',
  'name',
  'assignee',
  'owner',
  'delegated',
  'created',
  'due',
  'caseId',
  'caseNo',
  'itemCode',
  'bundleCode',
  'channel',
  'regionCode',
  'priorityRank',
  'sortDueAt',
  'colourDueAt',
  'yellowAt',
  'syncedAt',
];

/** Forgets tasks that are no longer open. */
export async function forgetTasks(ctx: AppContext, taskIds: string[]): Promise<void> {
  if (!taskIds.length) return;
  await ctx.sequelize.transaction(async (transaction) => {
    for (const part of chunks(taskIds)) {
      await InboxEntry.destroy({ where: { taskId: { [Op.in]: part } }, transaction });
      await InboxTaskOffer.destroy({ where: { taskId: { [Op.in]: part } }, transaction });
      await InboxTask.destroy({ where: { taskId: { [Op.in]: part } }, transaction });
    }
  });
}

/** The refreshes under way on this node, by task: a later one waits for the earlier, so an older read never overwrites a newer one. */
const refreshing = new Map<string, Promise<void>>();

/** Runs `work` once every refresh of these tasks begun before it has finished. */
async function inTurn(ids: string[], work: () => Promise<void>): Promise<void> {
  const before = ids.flatMap((id) => (refreshing.has(id) ? [refreshing.get(id)!] : []));
  const mine = Promise.allSettled(before).then(work);
  const settled = mine.then(
    () => undefined,
    () => undefined,
  );
  for (const id of ids) refreshing.set(id, settled);
  try {
    await mine;
  } finally {
    for (const id of ids) if (refreshing.get(id) === settled) refreshing.delete(id);
  }
}

/** Reads these tasks from the engine and writes what it says: open ones as they are, the others forgotten. */
export async function refreshTasks(ctx: AppContext, taskIds: string[], offers?: Map<string, string[]>): Promise<void> {
  const ids = [...new Set(taskIds)];
  if (!ids.length) return;
  await inTurn(ids, () => readAndWrite(ctx, ids, offers));
}

async function readAndWrite(ctx: AppContext, ids: string[], offers?: Map<string, string[]>): Promise<void> {
  const open: Task[] = [];
  for (const part of chunks(ids)) open.push(...(await ctx.engine.tasks({ taskIdIn: part }, 0, part.length)));
  const openIds = new Set(open.map((t) => t.id));
  await forgetTasks(
    ctx,
    ids.filter((id) => !openIds.has(id)),
  );
  await projectTasks(ctx, open, offers);
}

/**
 * The engine's task events, applied before they reach open inboxes: a task completed or deleted is
 * forgotten; one created or reassigned is read back from the engine (its due date, delegation and
 * whether it is still open), with the roles the event names.
 */
export async function applyTaskEvents(ctx: AppContext, events: EngineTaskEvent[]): Promise<void> {
  const last = new Map<string, EngineTaskEvent>();
  const offers = new Map<string, string[]>();
  for (const e of events) {
    last.set(e.taskId, e);
    if (e.event === 'create' && e.candidateGroups) offers.set(e.taskId, e.candidateGroups);
  }
  const gone = [...last.values()].filter((e) => e.event === 'complete' || e.event === 'delete').map((e) => e.taskId);
  await inTurn(gone, () => forgetTasks(ctx, gone));
  await refreshTasks(
    ctx,
    [...last.keys()].filter((id) => !gone.includes(id)),
    offers,
  );
}

/** The process instance of a task, before an operation on it: from the copy, else from the engine (null: neither knows it). */
export async function instanceOfTask(ctx: AppContext, taskId: string): Promise<string | null> {
  const row = await InboxTask.findByPk(taskId, { attributes: ['processInstanceId'] });
  if (row) return row.processInstanceId;
  return (await ctx.engine.task(taskId).catch(() => null))?.processInstanceId ?? null;
}

/**
 * After one of the platform's own operations on a task (claim, complete, transfer, send back …):
 * the task and the open tasks of its instance (read before the operation: it may have ended the
 * task) as the engine has them now, so that the caller's next page shows what they just did
 * without waiting for the engine's events.
 */
export async function refreshAfterOperation(ctx: AppContext, taskId: string, processInstanceId: string | null): Promise<void> {
  try {
    const siblings = processInstanceId ? await ctx.engine.tasks({ processInstanceId }, 0, 200) : [];
    await refreshTasks(ctx, [taskId, ...siblings.map((t) => t.id)]);
  } catch (err) {
    // the engine's event or the next round brings it: the operation itself stands
    ctx.logger.warn({ err, taskId }, 'inbox: a task could not be read back after an operation');
  }
}

/** After an operation on a case's tasks (收回): the open tasks of its instances as the engine has them now. */
export async function refreshCaseTasks(ctx: AppContext, caseNo: string): Promise<void> {
  try {
    const rows = await InboxTask.findAll({ attributes: ['taskId'], where: { caseNo } });
    // the open tasks of every instance under the case's number (its own, its called acceptance, a bundle's items):
    // the copy may have forgotten the task the operation ended before it learnt of the one it started
    const open = await ctx.engine.tasks({ processInstanceBusinessKeyLike: `${caseNo}%` }, 0, 200);
    await refreshTasks(ctx, [...rows.map((r) => r.taskId), ...open.map((t) => t.id)]);
  } catch (err) {
    ctx.logger.warn({ err, caseNo }, "inbox: a case's tasks could not be read back after an operation");
  }
}

/** The rows of these cases again, after their clocks changed (suspended, resumed, accepted). */
export async function refreshCases(ctx: AppContext, cases: CaseRecord[]): Promise<number> {
  if (!cases.length) return 0;
  const columns = await caseColumns(ctx, cases);
  const rows = await InboxTask.findAll({ where: { caseId: { [Op.in]: [...columns.keys()] } } });
  const time = (d: Date | null) => d?.getTime() ?? null;
  // only the rows whose case columns moved: a whole comparison over 100,000 tasks writes none of the others
  const stale = rows.filter((r) => {
    const v = columns.get(r.caseId!)!;
    return (
      time(r.sortDueAt) !== time(v.sortDueAt) ||
      time(r.colourDueAt) !== time(v.colourDueAt) ||
      time(r.yellowAt) !== time(v.yellowAt) ||
      r.regionCode !== v.regionCode ||
      r.priorityRank !== v.priorityRank ||
      r.bundleCode !== v.bundleCode ||
      r.caseNo !== v.caseNo
    );
  });
  if (!stale.length) return 0;
  await ctx.sequelize.transaction(async (transaction) => {
    for (const caseId of new Set(stale.map((r) => r.caseId!))) await InboxTask.update(columns.get(caseId)!, { where: { caseId }, transaction });
    await writeEntries(
      stale.map((r) => r.taskId),
      transaction,
    );
  });
  return stale.length;
}
