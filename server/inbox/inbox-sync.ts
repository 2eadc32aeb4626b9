import { Op } from 'sequelize';
import type { AppContext } from '../context.ts';
import type { Task } from '../engine/types.ts';
import { repeatEvery } from '../scheduling/repeat.ts';
import { casesByIds, casesUpdatedSince } from '../cases/index.ts';
import { InboxTask, InboxTaskOffer } from './inbox-task.model.ts';
import { activeAccounts, groupsOf } from '../auth/index.ts';
import { forgetTasks, projectTasks, refreshCases } from './inbox-projection.ts';
import { engineDate } from '../engine/engine-date.ts';

/** How far back a round looks again for new tasks and changed cases: a commit finishing late is not missed. */
const OVERLAP_MS = 60_000;
/** The whole copy is compared with the engine at least this often, even when the counts agree. */
const FULL_EVERY_MS = 3_600_000;
const PAGE = 1000;

/** The engine's date format in task queries (createdAfter …). */

/** Every open task of a query, page by page, oldest id first. */
async function engineTasks(ctx: AppContext, query: Record<string, unknown>): Promise<Task[]> {
  const tasks: Task[] = [];
  for (let first = 0; ; first += PAGE) {
    const page = await ctx.engine.tasks({ ...query, sorting: [{ sortBy: 'id', sortOrder: 'asc' }] }, first, PAGE);
    tasks.push(...page);
    if (page.length < PAGE) return tasks;
  }
}

/** Whether the row says what the engine says of the task. */
const same = (row: InboxTask, t: Task) =>
  row.assignee === t.assignee &&
  row.owner === (t.owner ?? null) &&
  row.delegated === (t.delegationState === 'PENDING') &&
  row.name === t.name &&
  (row.due?.getTime() ?? null) === (t.due ? new Date(t.due).getTime() : null);

export interface InboxSyncResult {
  /** tasks written (new, or changed since the copy had them) */
  written: number;
  /** tasks forgotten (no longer open in the engine) */
  forgotten: number;
  /** task rows whose case columns were refreshed */
  casesFollowed: number;
  full: boolean;
}

/**
 * One node's rounds over the inbox's copy (inbox-projection.ts): each one writes the tasks created
 * since the last (less an overlap) that the copy lacks or has otherwise, follows the cases changed
 * meanwhile, and compares the whole with the engine when the counts differ or an hour has passed.
 * The first round of a node compares the whole (a new installation, or an upgrade, fills the copy).
 */
export function inboxSync(ctx: AppContext) {
  let since: Date | null = null;
  let casesSince = new Date(Date.now() - OVERLAP_MS);
  let lastFull = 0;

  /** Writes the tasks the copy lacks or has otherwise; a row written since the engine was read (`asOf`, by an event) is newer and stays. */
  async function writeChanged(tasks: Task[], asOf: Date, offers?: Map<string, string[]>): Promise<number> {
    const rows = new Map((await InboxTask.findAll({ where: { taskId: { [Op.in]: tasks.map((t) => t.id) } } })).map((r) => [r.taskId, r]));
    const changed = tasks.filter((t) => {
      const row = rows.get(t.id);
      return !row || (row.syncedAt < asOf && !same(row, t));
    });
    for (let i = 0; i < changed.length; i += PAGE) await projectTasks(ctx, changed.slice(i, i + PAGE), offers, offers !== undefined);
    return changed.length;
  }

  /** The roles every open task is offered to, asked of the engine one role at a time: the roles staff hold and those the copy knows. */
  async function offersByGroup(): Promise<Map<string, string[]>> {
    const groups = new Set([
      ...(await activeAccounts()).flatMap((a) => groupsOf(a)),
      ...(await InboxTaskOffer.findAll({ attributes: ['groupId'], group: ['groupId'], raw: true })).map((r) => r.groupId),
    ]);
    const offers = new Map<string, string[]>();
    for (const group of groups) {
      for (const t of await engineTasks(ctx, { candidateGroup: group, includeAssignedTasks: true })) offers.set(t.id, [...(offers.get(t.id) ?? []), group]);
    }
    return offers;
  }

  async function full(): Promise<Pick<InboxSyncResult, 'written' | 'forgotten'>> {
    const asOf = new Date();
    const open = await engineTasks(ctx, {});
    const openIds = new Set(open.map((t) => t.id));
    // a row written after the engine was read (a task created meanwhile) is not taken for gone
    const known = (await InboxTask.findAll({ attributes: ['taskId'], where: { syncedAt: { [Op.lt]: asOf } }, raw: true })).map((r) => r.taskId);
    const gone = known.filter((id) => !openIds.has(id));
    await forgetTasks(ctx, gone);
    const knownIds = new Set(known);
    const missing = open.filter((t) => !knownIds.has(t.id)).length;
    // many tasks new to the copy (a new installation, an upgrade): their roles by one query per role, not one per task
    const offers = missing > 100 ? await offersByGroup() : undefined;
    let written = 0;
    for (let i = 0; i < open.length; i += PAGE) written += await writeChanged(open.slice(i, i + PAGE), asOf, offers);
    // every row's case columns again: a calendar changed meanwhile moves when cases turn yellow
    const caseIds = [...new Set((await InboxTask.findAll({ attributes: ['caseId'], where: { caseId: { [Op.ne]: null } }, raw: true })).map((r) => r.caseId!))];
    for (let i = 0; i < caseIds.length; i += PAGE) await refreshCases(ctx, await casesByIds(caseIds.slice(i, i + PAGE)));
    return { written, forgotten: gone.length };
  }

  async function round(): Promise<InboxSyncResult> {
    const started = new Date();
    const result: InboxSyncResult = { written: 0, forgotten: 0, casesFollowed: 0, full: false };
    // the cases whose clocks changed: their rows' due times and colours
    const changedCases = await casesUpdatedSince(new Date(casesSince.getTime() - OVERLAP_MS), 5000);
    const followed = await InboxTask.findAll({
      attributes: ['caseId'],
      where: { caseId: { [Op.in]: changedCases.map((c) => c.id) } },
      group: ['caseId'],
      raw: true,
    });
    const followedIds = new Set(followed.map((r) => r.caseId));
    result.casesFollowed = await refreshCases(
      ctx,
      changedCases.filter((c) => followedIds.has(c.id)),
    );
    casesSince = changedCases.length === 5000 ? changedCases.at(-1)!.updatedAt : started;

    if (since) {
      const asOf = new Date();
      const fresh = await engineTasks(ctx, { createdAfter: engineDate(new Date(since.getTime() - OVERLAP_MS)) });
      result.written += await writeChanged(fresh, asOf);
    }
    const [engineCount, copyCount] = await Promise.all([ctx.engine.taskCount({}), InboxTask.count()]);
    if (!since || engineCount !== copyCount || started.getTime() - lastFull >= FULL_EVERY_MS) {
      const done = await full();
      result.written += done.written;
      result.forgotten += done.forgotten;
      result.full = true;
      lastFull = started.getTime();
      if (since && engineCount !== copyCount)
        ctx.logger.info({ engineCount, copyCount, ...done }, 'inbox: the copy of the open tasks differed from the engine; compared the whole');
    }
    since = started;
    return result;
  }

  return { round, full };
}

/** The rounds on a schedule (INBOX_SYNC_INTERVAL_MS), one node at a time. */
export function watchInbox(ctx: AppContext): () => Promise<void> {
  const sync = inboxSync(ctx);
  return repeatEvery(ctx.config.inboxSyncIntervalMs, 'inbox sync', ctx, sync.round);
}
