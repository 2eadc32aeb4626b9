import type { AppContext } from '../context.ts';
import { Opinion } from './opinion.model.ts';
import type { ActivityInstance, Task } from '../engine/types.ts';
import { conflict, notFound, validationFailed } from '../errors/app-error.ts';
import { accountByUsername, hasRole, type Principal } from '../auth/index.ts';
import { caseByNo, type CaseRecord, recordTimeline } from '../cases/index.ts';
import { caseOfTask } from './tasks.service.ts';
import { ownTask } from './task-operations.ts';
import { notify } from '../notifications/index.ts';

/**
 * What a step's task occupies in an instance's tree, and the scope it runs in. A task of a
 * multi-instance step (会签, 或签, 依次) stands for the whole step: its multi-instance body, in the
 * body's scope, so that leaving the step cancels every signer's task and nothing else.
 */
function findInstance(
  node: ActivityInstance,
  task: Pick<Task, 'executionId' | 'taskDefinitionKey'>,
  parents: ActivityInstance[] = [],
): { instance: ActivityInstance; scope: ActivityInstance } | undefined {
  const parent = parents.at(-1);
  if (node.activityId === task.taskDefinitionKey && node.executionIds.includes(task.executionId) && parent) {
    const grandparent = parents.at(-2);
    return parent.activityType === 'multiInstanceBody' && grandparent ? { instance: parent, scope: grandparent } : { instance: node, scope: parent };
  }
  for (const child of node.childActivityInstances) {
    const found = findInstance(child, task, [...parents, node]);
    if (found) return found;
  }
  return undefined;
}

/** Assigns the step's new task to the person who did it before (退回/撤回 go back to them). */
async function assignNewTask(ctx: AppContext, processInstanceId: string, activityId: string, username: string | null): Promise<Task | undefined> {
  const [task] = await ctx.engine.tasks({ processInstanceId, taskDefinitionKey: activityId });
  if (task && username) await ctx.engine.setAssignee(task.id, username);
  return task;
}

/**
 * 退回: the holder sends the case back to an earlier step of the same process instance, which
 * must have run. Only this task's activity is cancelled and the target started in the same scope:
 * parallel branches (another department's item, a 容缺 wait) go on untouched. The new task goes
 * to whoever did that step before.
 */
export async function sendBack(ctx: AppContext, principal: Principal, taskId: string, body: { to: string; reason: string }) {
  const task = await ownTask(ctx, principal, taskId);
  if (task.delegationState === 'PENDING') throw conflict('task_delegated');
  const c = await caseOfTask(ctx, task);
  if (c.suspendedAt) throw conflict('case_suspended');
  const history = await ctx.engine.historicActivities(task.processInstanceId);
  const earlier = history.filter(
    (a) => a.activityType === 'userTask' && a.activityId === body.to && a.endTime && !a.canceled && a.activityId !== task.taskDefinitionKey,
  );
  if (earlier.length === 0) {
    throw validationFailed([
      { field: 'to', message: { 'zh-CN': '退回目标：只能退回到本办件已办理过的步骤', en: 'to: a case can only be sent back to a step it went through' } },
    ]);
  }
  const target = earlier.at(-1)!;
  const tree = await ctx.engine.activityInstances(task.processInstanceId);
  const found = findInstance(tree, task);
  if (!found) throw notFound('task_not_found');
  const reason = body.reason.trim();
  await ctx.sequelize.transaction(async (transaction) => {
    await recordTimeline(
      {
        caseId: c.id,
        type: 'task.sent_back',
        actor: principal.username,
        detail: { task: task.name, from: task.taskDefinitionKey, to: target.activityId, toName: target.activityName, toAssignee: target.assignee, reason },
      },
      transaction,
    );
    const previous = target.assignee ? await accountByUsername(target.assignee, { transaction }) : null;
    if (previous)
      await notify(
        [previous.id],
        'sent_back',
        {
          'zh-CN': `${principal.displayName}退回：${c.caseNo} ${target.activityName ?? ''}（${reason}）`,
          en: `${principal.displayName} sent a case back to you: ${c.caseNo} ${target.activityName ?? ''} (${reason})`,
        },
        c.caseNo,
        null,
        transaction,
      );
    await ctx.engine.modify(
      task.processInstanceId,
      [
        { type: 'cancel', activityInstanceId: found.instance.id },
        { type: 'startBeforeActivity', activityId: target.activityId, ancestorActivityInstanceId: found.scope.id },
      ],
      `退回：${reason}`.slice(0, 4000),
    );
  });
  await assignNewTask(ctx, task.processInstanceId, target.activityId, target.assignee);
  return { caseNo: c.caseNo, sentBackTo: target.activityId, assignee: target.assignee };
}

/**
 * What 撤回 would take back: the caller's step (their latest opinion) is the latest one done, and
 * what it led to is open and unclaimed. Undefined when there is nothing to take back.
 */
async function takeBackable(ctx: AppContext, processInstanceId: string, mine: Opinion) {
  const history = await ctx.engine.historicActivities(processInstanceId);
  const finished = history
    .filter((a) => a.activityType === 'userTask' && a.endTime && !a.canceled)
    .sort((a, b) => Date.parse(a.endTime!) - Date.parse(b.endTime!));
  const last = finished.at(-1);
  const open = await ctx.engine.tasks({ processInstanceId });
  if (!last || last.taskId !== mine.taskId || open.length === 0 || open.some((t) => t.assignee || Date.parse(t.created) < Date.parse(last.endTime!)))
    return undefined;
  return { last, open };
}

/** Whether the caller may take back their last step of the case now (the case view's actions.takeBack). */
export async function mayTakeBack(ctx: AppContext, principal: Principal, c: CaseRecord): Promise<boolean> {
  if (!c.processInstanceId || !hasRole(principal, 'reviewer', 'leader', 'clerk')) return false;
  const mine = await Opinion.findOne({ where: { caseId: c.id, userId: principal.id }, order: [['id', 'DESC']] });
  return Boolean(mine && (await takeBackable(ctx, c.processInstanceId, mine)));
}

/**
 * 撤回 by staff: takes back the step the caller completed last on this case, while the step it led
 * to is unclaimed. The open task is cancelled and the caller's step starts again, assigned to them.
 */
export async function takeBack(ctx: AppContext, principal: Principal, caseNo: string, body: { reason: string }) {
  const c = await caseByNo(caseNo);
  if (!c?.processInstanceId) throw notFound('case_not_found');
  const mine = await Opinion.findOne({ where: { caseId: c.id, userId: principal.id }, order: [['id', 'DESC']] });
  if (!mine) throw notFound('case_not_found');
  const found = await takeBackable(ctx, c.processInstanceId, mine);
  if (!found) throw conflict('nothing_to_take_back');
  const { last, open } = found;
  const tree = await ctx.engine.activityInstances(c.processInstanceId);
  const instances = open.map((t) => findInstance(tree, t)).filter((f): f is NonNullable<typeof f> => Boolean(f));
  const reason = body.reason.trim();
  await ctx.sequelize.transaction(async (transaction) => {
    await recordTimeline(
      { caseId: c.id, type: 'task.taken_back', actor: principal.username, detail: { task: last.activityName, cancelled: open.map((t) => t.name), reason } },
      transaction,
    );
    await ctx.engine.modify(
      c.processInstanceId!,
      [
        ...[...new Set(instances.map((f) => f.instance.id))].map((id) => ({ type: 'cancel' as const, activityInstanceId: id })),
        { type: 'startBeforeActivity', activityId: last.activityId, ancestorActivityInstanceId: instances[0]?.scope.id },
      ],
      `撤回：${reason}`.slice(0, 4000),
    );
  });
  await assignNewTask(ctx, c.processInstanceId, last.activityId, principal.username);
  return { caseNo, takenBack: last.activityId };
}
