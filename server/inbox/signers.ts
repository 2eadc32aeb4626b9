import type { AppContext } from '../context.ts';
import type { ActivityInstance, Task } from '../engine/types.ts';
import { conflict, validationFailed } from '../errors/app-error.ts';
import { accountByUsername, groupsOf, type Principal } from '../auth/index.ts';
import { recordTimeline } from '../cases/index.ts';
import { reachesRegion } from '../../contract/regions.ts';
import { caseOfTask } from './tasks.service.ts';
import { ownTask } from './task-operations.ts';
import { notify } from '../notifications/index.ts';
import { reviewerCountVariable, reviewersVariable } from '../../contract/topics.ts';

const problem = (zh: string, en: string) => validationFailed([{ field: 'to', message: { 'zh-CN': zh, en } }]);

/** The multi-instance body a task runs in, if its step is a 会签/或签 (a parallel multi-instance). */
function bodyOf(node: ActivityInstance, task: Task): ActivityInstance | undefined {
  if (node.activityId === `${task.taskDefinitionKey}#multiInstanceBody` && node.childActivityInstances.some((c) => c.executionIds.includes(task.executionId)))
    return node;
  for (const child of node.childActivityInstances) {
    const found = bodyOf(child, task);
    if (found) return found;
  }
  return undefined;
}

async function signingStep(ctx: AppContext, principal: Principal, taskId: string) {
  const task = await ownTask(ctx, principal, taskId);
  const body = bodyOf(await ctx.engine.activityInstances(task.processInstanceId), task);
  if (!body)
    throw validationFailed([{ field: 'to', message: { 'zh-CN': '本步骤不是会签或或签，不能加签、减签', en: 'this step is not a multi-person review' } }]);
  const c = await caseOfTask(ctx, task);
  if (c.suspendedAt) throw conflict('case_suspended');
  const open = await ctx.engine.tasks({ processInstanceId: task.processInstanceId, taskDefinitionKey: task.taskDefinitionKey });
  return { task, body, c, open };
}

/**
 * 加签: a holder of a running 会签/或签 adds a reviewer of the same department role. The name is
 * appended to the step's reviewer list and one more instance is started in the running step.
 */
export async function addSigner(ctx: AppContext, principal: Principal, taskId: string, request: { to: string; reason: string }) {
  const { task, body, c, open } = await signingStep(ctx, principal, taskId);
  const step = task.taskDefinitionKey;
  const reviewers = String((await ctx.engine.processVariable(task.processInstanceId, reviewersVariable(step))).value).split(',');
  // the deployment policy's bound on a multi-instance, which the engine holds too (it would refuse the added instance)
  const max = ctx.config.policy.maxInstances;
  if (reviewers.length >= max)
    throw problem(
      `本步骤已有 ${reviewers.length} 位会签人员，已达上限（${max} 位），不能再加签`,
      `the step has ${reviewers.length} reviewers, the most it may have (${max}); no one can be added`,
    );
  const user = await accountByUsername(request.to, { active: true });
  if (!user) throw problem(`办理人“${request.to}”不存在`, `no user "${request.to}"`);
  if (!groupsOf(user).includes(`${c.departmentCode}:reviewer`) || !reachesRegion({ regionCode: user.regionCode, leader: false }, c.regionCode))
    throw problem(`“${user.displayName}”不是本部门审核人员`, `${user.username} is not a reviewer of this department`);
  if (open.some((t) => t.assignee === user.username)) throw problem(`“${user.displayName}”已在会签中`, `${user.username} already reviews this step`);
  await ctx.sequelize.transaction(async (transaction) => {
    await recordTimeline(
      {
        caseId: c.id,
        type: 'task.signer_added',
        actor: principal.username,
        detail: { task: task.name, added: user.displayName, reason: request.reason.trim() },
      },
      transaction,
    );
    await notify(
      [user.id],
      'signer_added',
      {
        'zh-CN': `${principal.displayName}请您加签：${c.caseNo} ${task.name ?? ''}（${request.reason.trim()}）`,
        en: `${principal.displayName} added you as a signer: ${c.caseNo} ${task.name ?? ''} (${request.reason.trim()})`,
      },
      c.caseNo,
      null,
      transaction,
    );
    // the new instance's loopCounter is the list's next index
    await ctx.engine.setProcessVariable(task.processInstanceId, reviewersVariable(step), { value: [...reviewers, user.username].join(','), type: 'String' });
    await ctx.engine.setProcessVariable(task.processInstanceId, reviewerCountVariable(step), { value: reviewers.length + 1, type: 'Integer' });
    await ctx.engine.modify(
      task.processInstanceId,
      [{ type: 'startBeforeActivity', activityId: step, ancestorActivityInstanceId: body.id }],
      `加签：${request.reason.trim()}`,
    );
  });
  return { caseNo: c.caseNo, added: user.username };
}

/** 减签: a holder removes a reviewer who has not yet signed; the step keeps at least one. */
export async function removeSigner(ctx: AppContext, principal: Principal, taskId: string, request: { to: string; reason: string }) {
  const { task, body, c, open } = await signingStep(ctx, principal, taskId);
  const theirs = open.find((t) => t.assignee === request.to);
  if (!theirs) throw problem(`“${request.to}”没有待办的会签任务`, `${request.to} has no open task in this step`);
  if (open.length <= 1) throw conflict('last_signer');
  const instance = body.childActivityInstances.find((i) => i.executionIds.includes(theirs.executionId));
  if (!instance) throw problem(`“${request.to}”没有待办的会签任务`, `${request.to} has no open task in this step`);
  const user = await accountByUsername(request.to);
  await ctx.sequelize.transaction(async (transaction) => {
    await recordTimeline(
      {
        caseId: c.id,
        type: 'task.signer_removed',
        actor: principal.username,
        detail: { task: task.name, removed: user?.displayName ?? request.to, reason: request.reason.trim() },
      },
      transaction,
    );
    if (user)
      await notify(
        [user.id],
        'signer_removed',
        {
          'zh-CN': `${principal.displayName}已将您移出会签：${c.caseNo} ${task.name ?? ''}`,
          en: `${principal.displayName} removed you from the joint signing: ${c.caseNo} ${task.name ?? ''}`,
        },
        c.caseNo,
        null,
        transaction,
      );
    await ctx.engine.modify(task.processInstanceId, [{ type: 'cancel', activityInstanceId: instance.id }], `减签：${request.reason.trim()}`);
  });
  return { caseNo: c.caseNo, removed: request.to };
}
