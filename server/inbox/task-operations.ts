import type { AppContext } from '../context.ts';
import { ReviewAttachment } from './review-attachment.model.ts';
import type { Task } from '../engine/types.ts';
import { AppError, conflict, validationFailed, fieldProblem } from '../errors/app-error.ts';
import { type Account, accountByUsername, accountsByIds, activeAccountsByUsernames, groupsOf, type Principal } from '../auth/index.ts';
import { type CaseRecord, casesByIds, copiesReceivedBy, copyCaseTo, lastTimelineEntry, recordTimeline } from '../cases/index.ts';
import { notify } from '../notifications/index.ts';
import { accessibleTask } from './task-access.ts';
import { claimedByOther } from './task-races.ts';
import { casesOfInstances } from './task-cases.ts';
import { reachesRegion } from '../../contract/regions.ts';
import { candidateGroups, holdersOf } from './task-holders.ts';
import { caseOfTask } from './tasks.service.ts';
import { attachmentById } from '../attachments/index.ts';
import { catalogNames } from '../catalog/index.ts';
import type { Locale } from '../i18n/locale.ts';
import { URGE_INTERVAL_MS } from '../../contract/requests/case-actions.ts';

/** The caller's own task: claimed by them (a delegated task is its delegate's). */
export async function ownTask(ctx: AppContext, principal: Principal, taskId: string): Promise<Task> {
  const task = await accessibleTask(ctx.engine, principal, taskId);
  if (!task.assignee) throw conflict('task_not_claimed');
  if (task.assignee !== principal.username) throw await claimedByOther(task.assignee);
  return task;
}

/** Someone who may take the task over: an active user of one of the task's candidate groups in the case's region, not the caller. */
async function colleague(ctx: AppContext, principal: Principal, task: Task, name: string, field: string): Promise<Account> {
  const user = await accountByUsername(name, { active: true });
  if (!user) throw validationFailed([fieldProblem(field, `办理人“${name}”不存在`, `no user "${name}"`)]);
  if (user.username === principal.username) throw validationFailed([fieldProblem(field, '不能交给自己', 'cannot hand it to yourself')]);
  const groups = await candidateGroups(ctx, task);
  const c = (await casesOfInstances(ctx.engine, [task.processInstanceId])).get(task.processInstanceId);
  if (
    !groupsOf(user).some((g) => groups.has(g)) ||
    !reachesRegion({ regionCode: user.regionCode, leader: user.roles.includes('leader') }, c?.regionCode ?? null)
  ) {
    throw validationFailed([fieldProblem(field, `“${user.displayName}”不是本任务所在岗位的人员`, `${user.username} does not hold this task's role`)]);
  }
  return user;
}

/** 取消签收: the holder puts the task back for the role. */
export async function unclaimTask(ctx: AppContext, principal: Principal, taskId: string) {
  const task = await ownTask(ctx, principal, taskId);
  if (task.delegationState === 'PENDING') throw conflict('task_delegated');
  const c = await caseOfTask(ctx, task);
  await ctx.sequelize.transaction(async (transaction) => {
    await recordTimeline(
      { caseId: c.id, type: 'task.unclaimed', actor: principal.username, detail: { task: task.name, taskDefinitionKey: task.taskDefinitionKey } },
      transaction,
    );
    await ctx.engine.unclaim(task.id);
  });
  return { id: task.id, assignee: null, caseNo: c.caseNo };
}

/** 转办 (transfer: the other person owns it now) or 委派 (delegate: they do it and hand it back). */
export async function handOverTask(ctx: AppContext, principal: Principal, taskId: string, body: { to: string; reason: string }, how: 'transfer' | 'delegate') {
  const task = await ownTask(ctx, principal, taskId);
  if (task.delegationState === 'PENDING') throw conflict('task_delegated');
  const target = await colleague(ctx, principal, task, body.to, 'to');
  const c = await caseOfTask(ctx, task);
  const verb = how === 'transfer' ? '转办' : '委派';
  await ctx.sequelize.transaction(async (transaction) => {
    await recordTimeline(
      {
        caseId: c.id,
        type: how === 'transfer' ? 'task.transferred' : 'task.delegated',
        actor: principal.username,
        detail: { task: task.name, to: target.username, toName: target.displayName, reason: body.reason.trim() },
      },
      transaction,
    );
    await notify(
      [target.id],
      how,
      {
        'zh-CN': `${principal.displayName}${verb}给您：${c.caseNo} ${task.name ?? ''}（${body.reason.trim()}）`,
        en: `${principal.displayName} ${how === 'transfer' ? 'transferred' : 'delegated'} a task to you: ${c.caseNo} ${task.name ?? ''} (${body.reason.trim()})`,
      },
      c.caseNo,
      task.id,
      transaction,
    );
    if (how === 'transfer') await ctx.engine.setAssignee(task.id, target.username);
    else await ctx.engine.delegate(task.id, target.username);
  });
  return { id: task.id, assignee: target.username, owner: how === 'delegate' ? principal.username : null, caseNo: c.caseNo };
}

/** The delegate hands the delegated task back to its owner, with what they found. */
export async function resolveTask(ctx: AppContext, principal: Principal, taskId: string, body: { opinion: string }) {
  const task = await accessibleTask(ctx.engine, principal, taskId);
  if (task.assignee !== principal.username || task.delegationState !== 'PENDING') throw conflict('task_not_delegated');
  const c = await caseOfTask(ctx, task);
  await ctx.sequelize.transaction(async (transaction) => {
    await recordTimeline(
      { caseId: c.id, type: 'task.resolved', actor: principal.username, detail: { task: task.name, owner: task.owner, opinion: body.opinion.trim() } },
      transaction,
    );
    const owner = await accountByUsername(task.owner ?? '', { transaction });
    if (owner)
      await notify(
        [owner.id],
        'resolved',
        {
          'zh-CN': `${principal.displayName}已办理您委派的任务，请确认：${c.caseNo} ${task.name ?? ''}`,
          en: `${principal.displayName} has done the task you delegated; please confirm: ${c.caseNo} ${task.name ?? ''}`,
        },
        c.caseNo,
        task.id,
        transaction,
      );
    await ctx.engine.resolve(task.id);
  });
  return { id: task.id, assignee: task.owner, caseNo: c.caseNo };
}

/** 抄送: copies the case to people who may then read it, not act on it. */
export async function copyTask(ctx: AppContext, principal: Principal, taskId: string, body: { to: string[]; note?: string }) {
  const task = await ownTask(ctx, principal, taskId);
  const c = await caseOfTask(ctx, task);
  const users = await activeAccountsByUsernames(body.to);
  const unknown = body.to.filter((name) => !users.some((u) => u.username === name));
  if (unknown.length) throw validationFailed(unknown.map((name) => fieldProblem('to', `抄送人“${name}”不存在`, `no user "${name}"`)));
  const applicants = users.filter((u) => !u.roles.some((r) => r !== 'applicant'));
  if (applicants.length)
    throw validationFailed(applicants.map((u) => fieldProblem('to', `“${u.displayName}”不是工作人员，不能抄送`, `${u.username} is not staff`)));
  await ctx.sequelize.transaction(async (transaction) => {
    for (const user of users) {
      const created = await copyCaseTo(
        { caseId: c.id, userId: user.id, fromUserId: principal.id, taskName: task.name ?? null, note: body.note?.trim() ?? null },
        transaction,
      );
      if (created)
        await notify(
          [user.id],
          'copied',
          {
            'zh-CN': `${principal.displayName}抄送给您：${c.caseNo} ${task.name ?? ''}`,
            en: `${principal.displayName} copied a case to you: ${c.caseNo} ${task.name ?? ''}`,
          },
          c.caseNo,
          null,
          transaction,
        );
    }
    await recordTimeline(
      {
        caseId: c.id,
        type: 'task.copied',
        actor: principal.username,
        detail: { task: task.name, to: users.map((u) => u.displayName), note: body.note?.trim() ?? null },
      },
      transaction,
    );
  });
  return { caseNo: c.caseNo, copiedTo: users.map((u) => u.username) };
}

/** The copies the caller received, newest first, each case's item named in the caller's language. */
export async function myCopies(principal: Principal, locale: Locale) {
  const copies = await copiesReceivedBy(principal.id, 200);
  const cases = new Map((await casesByIds(copies.map((k) => k.caseId))).map((c) => [c.id, c]));
  const from = new Map((await accountsByIds(copies.map((k) => k.fromUserId))).map((u) => [u.id, u]));
  const name = await catalogNames(locale);
  return copies.map((k) => ({
    caseNo: cases.get(k.caseId)?.caseNo ?? null,
    itemCode: cases.get(k.caseId)?.itemCode ?? null,
    itemName: cases.has(k.caseId) ? name(cases.get(k.caseId)!.itemCode) : null,
    from: from.get(k.fromUserId)?.displayName ?? null,
    task: k.taskName,
    note: k.note,
    at: k.createdAt.toISOString(),
    read: Boolean(k.readAt),
  }));
}

/**
 * 催办: tells whoever holds the case's open tasks (the assignee, or everyone of the role while
 * unclaimed) that someone is waiting. One urge per person and case every ten minutes.
 */
export async function urgeCase(ctx: AppContext, principal: Principal, c: CaseRecord, note: string | undefined) {
  const last = await lastTimelineEntry(c.id, 'task.urged', principal.username);
  if (last && Date.now() - last.createdAt.getTime() < URGE_INTERVAL_MS) {
    const minutes = Math.ceil((URGE_INTERVAL_MS - (Date.now() - last.createdAt.getTime())) / 60_000);
    throw new AppError(429, 'rate_limited', [], {
      'zh-CN': `同一办件每 10 分钟只能催办一次，请 ${minutes} 分钟后再试`,
      en: `One urge per case every 10 minutes; try again in ${minutes} min`,
    });
  }
  // the case's own instance, its called acceptance and a bundle's items (<no>-01 …) all carry its number
  const open = await ctx.engine.tasks({ processInstanceBusinessKeyLike: `${c.caseNo}%` });
  if (open.length === 0) throw conflict('nothing_to_urge');
  const holders = await holdersOf(ctx, open);
  await ctx.sequelize.transaction(async (transaction) => {
    await recordTimeline(
      { caseId: c.id, type: 'task.urged', actor: principal.username, detail: { tasks: open.map((t) => t.name), note: note?.trim() ?? null } },
      transaction,
    );
    await notify(
      [...holders],
      'urged',
      {
        'zh-CN': `${principal.displayName}催办：${c.caseNo}${note ? `（${note.trim()}）` : ''}`,
        en: `${principal.displayName} urged the case ${c.caseNo}${note ? ` (${note.trim()})` : ''}`,
      },
      c.caseNo,
      null,
      transaction,
    );
  });
  return { caseNo: c.caseNo, notified: holders.size };
}

/** The holder adds a file of their own upload (a site photo, a test report …) to the case, once. */
export async function attachToTask(ctx: AppContext, principal: Principal, taskId: string, body: { attachmentId: string; note?: string }) {
  const task = await ownTask(ctx, principal, taskId);
  const c = await caseOfTask(ctx, task);
  const attachment = await attachmentById(body.attachmentId);
  if (!attachment || attachment.uploadedBy !== principal.id) {
    throw validationFailed([fieldProblem('attachmentId', '附件不存在或不是由您上传的', 'no such attachment among your uploads')]);
  }
  if (await ReviewAttachment.findOne({ where: { attachmentId: attachment.id } })) {
    throw validationFailed([fieldProblem('attachmentId', '该附件已添加过', 'this attachment was added already')]);
  }
  await ctx.sequelize.transaction(async (transaction) => {
    await ReviewAttachment.create(
      { caseId: c.id, taskId: task.id, taskName: task.name, attachmentId: attachment.id, userId: principal.id, note: body.note?.trim() ?? null },
      { transaction },
    );
    await recordTimeline(
      {
        caseId: c.id,
        type: 'task.attachment_added',
        actor: principal.username,
        detail: { task: task.name, file: attachment.originalName, note: body.note?.trim() ?? null },
      },
      transaction,
    );
  });
  return { caseNo: c.caseNo, attachmentId: attachment.id };
}
