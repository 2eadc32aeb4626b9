import { col, fn, literal, Op, type WhereOptions } from 'sequelize';
import type { AppContext } from '../context.ts';
import { groupsOf, hasRole, type Principal } from '../auth/index.ts';
import { casesByIds, type CaseRecord } from '../cases/index.ts';
import { catalogNames, itemVersion, type ItemVersion } from '../catalog/index.ts';
import type { Locale } from '../i18n/locale.ts';
import { calendarFor, deadlineColour, shanghaiDay, type WorkingCalendar } from '../calendar/index.ts';
import { regionsWithin } from '../organization/index.ts';
import { CHANNELS, type Channel } from '../../contract/channels.ts';
import { pageQuery } from '../validation/page-query.ts';
import { absentFor } from './deputies.ts';
import { groupHolder, InboxEntry, InboxTask, userHolder } from './inbox-task.model.ts';
import { casesWithIncidents } from './case-incidents.ts';
import { stepDueAt } from './step-due.ts';

export const INBOX_SORTS = ['urgency', 'newest', 'oldest'] as const;
export type InboxSort = (typeof INBOX_SORTS)[number];

const CHANNEL_VALUES = [...CHANNELS];

export const inboxQuerySchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    scope: { type: 'string', enum: ['mine', 'group'], title: '范围', 'x-title-en': 'Scope' },
    caseNo: { type: 'string', minLength: 1, maxLength: 40, title: '办件编码', 'x-title-en': 'Case number' },
    taskId: {
      type: 'string',
      minLength: 1,
      maxLength: 64,
      title: '待办',
      'x-title-en': 'Task',
      description: 'one task, while it is in the inbox (the task page)',
    },
    itemCode: { type: 'string', minLength: 1, maxLength: 64, title: '事项', 'x-title-en': 'Item' },
    bundleCode: { type: 'string', minLength: 1, maxLength: 64, title: '一件事', 'x-title-en': 'Bundle' },
    channel: { type: 'string', enum: CHANNEL_VALUES, title: '渠道', 'x-title-en': 'Channel' },
    colour: { type: 'string', enum: ['green', 'yellow', 'red'], title: '时限颜色', 'x-title-en': 'Deadline colour' },
    receivedFrom: { type: 'string', format: 'date', title: '收到日期起', 'x-title-en': 'Received from' },
    receivedTo: { type: 'string', format: 'date', title: '收到日期止', 'x-title-en': 'Received until' },
    sort: {
      type: 'string',
      enum: [...INBOX_SORTS],
      title: '排序',
      'x-title-en': 'Order',
      description: 'urgency (default): 绿色通道 (priority) cases first, then the earliest promised due time; newest / oldest: by arrival',
    },
    limit: { type: 'string', pattern: '^[0-9]{1,3}$', title: '每页条数', 'x-title-en': 'Page size', description: '1–100, 20 by default' },
    offset: { type: 'string', pattern: '^[0-9]{1,9}$', title: '跳过条数', 'x-title-en': 'Offset' },
  },
} as const;

export interface InboxQuery {
  scope?: 'mine' | 'group';
  caseNo?: string;
  taskId?: string;
  itemCode?: string;
  bundleCode?: string;
  channel?: Channel;
  colour?: 'green' | 'yellow' | 'red';
  receivedFrom?: string;
  receivedTo?: string;
  sort?: InboxSort;
  limit?: string;
  offset?: string;
}

/** 收到日期: the day in Asia/Shanghai as the instants it spans. */
const dayStart = (day: string) => new Date(`${day}T00:00:00.000+08:00`);
const dayAfter = (day: string) => new Date(dayStart(day).getTime() + 86_400_000);

/**
 * Whose inbox, as the keys of inbox_entries: the tasks held by the caller (or by those they stand in
 * for), wherever; and the unclaimed tasks offered to their department roles in their region (a
 * leader's: and in every region under it, 四级). Staff placed in no region are offered no task of a
 * role. `overlap`: a task may be seen through two of the keys (offered to two of the caller's roles),
 * so its entries are counted once.
 */
async function keysOf(principal: Principal, absent: string[]) {
  const held = [principal.username, ...absent].map(userHolder);
  const groups = principal.regionCode ? groupsOf(principal) : [];
  if (!groups.length || !principal.regionCode) return { held, offered: [] as string[], overlap: false };
  const regions = hasRole(principal, 'leader') ? (await regionsWithin(principal.regionCode)).map((r) => r.code) : [principal.regionCode];
  const offered = groups.flatMap((g) => [...new Set([principal.regionCode!, ...regions])].map((r) => groupHolder(g, r)));
  return { held, offered, overlap: groups.length > 1 };
}

/** 超期预警 at `now`, as conditions on the copy's columns (deadlineColour's comparisons). */
const COLOUR: Record<'green' | 'yellow' | 'red', (now: Date) => WhereOptions<InboxEntry>> = {
  red: (now) => ({ colourDueAt: { [Op.lt]: now } }),
  yellow: (now) => ({ colourDueAt: { [Op.gte]: now }, yellowAt: { [Op.lte]: now } }),
  green: (now) => ({ colourDueAt: { [Op.gte]: now }, yellowAt: { [Op.gt]: now } }),
};

function filtersOf(query: InboxQuery, now: Date): WhereOptions<InboxEntry>[] {
  const where: WhereOptions<InboxEntry>[] = [];
  if (query.caseNo) where.push({ caseNo: query.caseNo });
  if (query.taskId) where.push({ taskId: query.taskId });
  if (query.itemCode) where.push({ itemCode: query.itemCode });
  if (query.bundleCode) where.push({ bundleCode: query.bundleCode });
  if (query.channel) where.push({ channel: query.channel });
  if (query.colour) where.push(COLOUR[query.colour](now));
  if (query.receivedFrom) where.push({ created: { [Op.gte]: dayStart(query.receivedFrom) } });
  if (query.receivedTo) where.push({ created: { [Op.lt]: dayAfter(query.receivedTo) } });
  return where;
}

const ORDER: Record<InboxSort, [string, 'ASC' | 'DESC'][]> = {
  // 绿色通道 first, then the most urgent: by the case's promised due time (none last), then by when the task arrived
  urgency: [
    ['priorityRank', 'ASC'],
    ['sortDueAt', 'ASC'],
    ['created', 'ASC'],
    ['taskId', 'ASC'],
  ],
  newest: [
    ['created', 'DESC'],
    ['taskId', 'DESC'],
  ],
  oldest: [
    ['created', 'ASC'],
    ['taskId', 'ASC'],
  ],
};

/**
 * The counts of the whole inbox, whatever the filters: all, mine, group (unclaimed), and per colour,
 * item, bundle and channel, so the page shows how many each filter would leave. One grouped query:
 * each task falls in one bucket of (item, bundle, channel, whose, colour).
 */
async function countsOf(ctx: AppContext, principal: Principal, keys: string[], overlap: boolean, now: Date) {
  const q = ctx.sequelize;
  const at = q.escape(now);
  const me = q.escape(userHolder(principal.username));
  const rows = (await InboxEntry.findAll({
    attributes: [
      'itemCode',
      'bundleCode',
      'channel',
      [literal(`CASE WHEN holder = ${me} THEN 'mine' WHEN holder LIKE 'user:%' THEN 'held' ELSE 'group' END`), 'whose'],
      [
        literal(`CASE WHEN colour_due_at IS NULL THEN 'none' WHEN colour_due_at < ${at} THEN 'red' WHEN yellow_at <= ${at} THEN 'yellow' ELSE 'green' END`),
        'colour',
      ],
      [overlap ? fn('COUNT', fn('DISTINCT', col('task_id'))) : fn('COUNT', col('task_id')), 'n'],
    ],
    where: { holder: { [Op.in]: keys } },
    group: [col('item_code'), col('bundle_code'), col('channel'), literal('4'), literal('5')] as never,
    raw: true,
  })) as unknown as { itemCode: string | null; bundleCode: string | null; channel: string | null; whose: string; colour: string; n: number | string }[];
  const counts = {
    all: 0,
    mine: 0,
    group: 0,
    colour: {} as Record<string, number>,
    item: {} as Record<string, number>,
    bundle: {} as Record<string, number>,
    channel: {} as Record<string, number>,
  };
  const add = (tally: Record<string, number>, key: string | null, n: number) => (tally[key ?? 'none'] = (tally[key ?? 'none'] ?? 0) + n);
  for (const r of rows) {
    const n = Number(r.n);
    counts.all += n;
    if (r.whose === 'mine') counts.mine += n;
    if (r.whose === 'group') counts.group += n;
    add(counts.colour, r.colour, n);
    add(counts.item, r.itemCode, n);
    add(counts.bundle, r.bundleCode, n);
    add(counts.channel, r.channel, n);
  }
  return counts;
}

/**
 * The caller's inbox, a page at a time: filtered, sorted (most urgent first by default) and counted
 * by the database on the inbox's copy of the engine's tasks (inbox-projection.ts), with the exact
 * number of tasks the filters leave and the counts of the whole inbox.
 */
export async function inboxPage(ctx: AppContext, principal: Principal, query: InboxQuery, locale: Locale) {
  const [list, counts] = await Promise.all([inboxList(ctx, principal, query, locale), inboxCounts(ctx, principal)]);
  return { ...list, counts };
}

/** Whose inbox, at which moment: the caller's, with those they stand in for. */
async function inboxOf(principal: Principal) {
  const absent = (await absentFor(principal)).map((u) => u.username);
  return { absent, ...(await keysOf(principal, absent)), now: new Date() };
}

/** A page of the inbox, filtered and sorted, with the exact number of tasks the filters leave. */
export async function inboxList(ctx: AppContext, principal: Principal, query: InboxQuery, locale: Locale) {
  const { limit, offset } = pageQuery(query as Record<string, unknown>);
  const { absent, held, offered, overlap, now } = await inboxOf(principal);
  const keys = query.scope === 'mine' ? [userHolder(principal.username)] : query.scope === 'group' ? offered : [...held, ...offered];
  const where: WhereOptions<InboxEntry> = { [Op.and]: [{ holder: { [Op.in]: keys } }, ...filtersOf(query, now)] };
  const [total, entries] = await Promise.all([
    overlap ? InboxEntry.count({ where, distinct: true, col: 'taskId' }) : InboxEntry.count({ where }),
    InboxEntry.findAll({
      attributes: ['taskId', 'priorityRank', 'sortDueAt', 'created'],
      where,
      // a task seen through two roles is listed once
      ...(overlap ? { group: ['taskId', 'priorityRank', 'sortDueAt', 'created'] } : {}),
      order: ORDER[query.sort ?? 'urgency'],
      limit,
      offset,
    }),
  ]);
  const rows = new Map((await InboxTask.findAll({ where: { taskId: { [Op.in]: entries.map((e) => e.taskId) } } })).map((t) => [t.taskId, t]));
  const listed = entries.flatMap((e) => (rows.has(e.taskId) ? [rows.get(e.taskId)!] : []));
  return { total, limit, offset, tasks: await describeTasks(ctx, listed, absent, now, locale) };
}

/** The counts of the caller's whole inbox. */
export async function inboxCounts(ctx: AppContext, principal: Principal) {
  const { held, offered, overlap, now } = await inboxOf(principal);
  return countsOf(ctx, principal, [...held, ...offered], overlap, now);
}

/** What a listed task shows: its case (number, applicant, status, clocks), its item's (or bundle's) name, its bundle, in the caller's language. */
async function describeTasks(ctx: AppContext, rows: InboxTask[], absent: string[], now: Date, locale: Locale) {
  const cases = new Map((await casesByIds([...new Set(rows.flatMap((r) => (r.caseId ? [r.caseId] : [])))])).map((c) => [c.id, c]));
  const parentIds = [...new Set([...cases.values()].flatMap((c) => (c.parentCaseId ? [c.parentCaseId] : [])))];
  const parents = new Map((parentIds.length ? await casesByIds(parentIds) : []).map((p) => [p.id, p]));
  const name = await catalogNames(locale);
  // each case's item version, for the working days its steps may take
  const versions = new Map<string, ItemVersion | undefined>();
  for (const c of cases.values()) {
    const key = `${c.itemCode}@${c.itemVersion}`;
    if (c.kind === 'item' && !versions.has(key)) versions.set(key, await itemVersion(c.itemCode, c.itemVersion));
  }
  const calendar = await calendarFor(ctx.config.regionCode);
  const share = ctx.config.deadlineWarningShare;
  const failing = await casesWithIncidents(ctx);
  return rows.map((t) => {
    const c: CaseRecord | undefined = t.caseId ? cases.get(t.caseId) : undefined;
    const bundle = c?.kind === 'bundle' ? c : c?.parentCaseId ? parents.get(c.parentCaseId) : undefined;
    return {
      id: t.taskId,
      name: t.name,
      taskDefinitionKey: t.taskDefinitionKey,
      created: t.created.toISOString(),
      receivedDay: shanghaiDay(t.created),
      due: t.due?.toISOString() ?? null,
      assignee: t.assignee,
      // out-of-office: a task of someone the caller stands in for
      onBehalfOf: t.assignee && absent.includes(t.assignee) ? t.assignee : null,
      owner: t.owner,
      delegated: t.delegated,
      caseNo: c?.caseNo ?? null,
      itemCode: c?.itemCode ?? null,
      // a bundle's own tasks (its acceptance at the 综合窗口) carry the bundle's code: its name then
      itemName: c ? name(c.itemCode) : null,
      bundleCode: bundle?.itemCode ?? null,
      bundleName: bundle ? name(bundle.itemCode) : null,
      bundleCaseNo: bundle?.caseNo ?? null,
      applicantName: c?.applicantName ?? null,
      channel: c?.channel ?? null,
      // 绿色通道: the reason the case (or its bundle) was put first, null for an ordinary case
      priorityReason: (bundle ?? c)?.priorityReason ?? null,
      caseStatus: c?.status ?? null,
      // 异常: a step of the case (or of its bundle) failed and waits for the operators
      incident: Boolean(c && (failing.has(c.id) || (c.parentCaseId && failing.has(c.parentCaseId)))),
      caseDueAt: c?.promisedDueAt?.toISOString() ?? null,
      deadlineColour: c?.acceptedAt && c.promisedDueAt && !c.suspendedAt ? deadlineColour(calendar, c.acceptedAt, c.promisedDueAt, now, share) : null,
      ...stepDeadline(c && versions.get(`${c.itemCode}@${c.itemVersion}`), t, calendar, now, share, Boolean(c?.suspendedAt)),
    };
  });
}

function stepDeadline(item: ItemVersion | undefined, task: InboxTask, calendar: WorkingCalendar, now: Date, share: number, suspended: boolean) {
  const due = stepDueAt(item, task.taskDefinitionKey, task.created, calendar);
  if (!due) return { stepDueAt: null, stepColour: null };
  return { stepDueAt: due.toISOString(), stepColour: suspended ? null : deadlineColour(calendar, task.created, due, now, share) };
}
