import type { AppContext } from '../context.ts';
import { EngineError } from '../engine/client.ts';
import type { ActivityInstance, ModificationInstruction, ProcessInstance } from '../engine/types.ts';
import { conflict, fieldProblem, notFound, validationFailed } from '../errors/app-error.ts';
import { assertValid } from '../validation/ajv.ts';
import {
  CASE_STATUSES,
  FINAL_STATUSES,
  caseById,
  caseByNo,
  caseTransaction,
  itemCasesOf,
  lockCase,
  recordTimeline,
  targetOfCase,
  updateCase,
  type CaseRecord,
} from '../cases/index.ts';
import { notify } from '../notifications/index.ts';
import { recordAudit } from '../audit/index.ts';
import type { Principal } from '../auth/index.ts';
import type { Locale } from '../i18n/locale.ts';
import { caseCancelSchema, caseMoveSchema } from '../../contract/requests/operations.ts';
import { startingPointOf, stepIdOf, stepsOfDefinition, type ProcessStep } from './process-steps.ts';

/** The running process instances of a case: its own and those it called under its number (acceptance, results). */
export async function runningInstancesOf(ctx: AppContext, c: Pick<CaseRecord, 'caseNo' | 'processInstanceId'>): Promise<ProcessInstance[]> {
  const byKey = await ctx.engine.findProcessInstances({ businessKey: c.caseNo });
  if (!c.processInstanceId || byKey.some((i) => i.id === c.processInstanceId)) return byKey;
  return [...(await ctx.engine.processInstances([c.processInstanceId])), ...byKey];
}

/**
 * The case's top instance: the one it runs in (an item case of a bundle runs in an instance the
 * bundle's called; acceptance and results are called by it under the same number).
 */
export async function topInstanceOf(ctx: AppContext, c: CaseRecord): Promise<ProcessInstance | null> {
  const running = await runningInstancesOf(ctx, c);
  const own = running.find((i) => i.id === c.processInstanceId);
  if (own) return own;
  for (const instance of running) {
    const [caller] = await ctx.engine.findProcessInstances({ subProcessInstance: instance.id }, 1);
    if (!caller || caller.businessKey !== c.caseNo) return instance;
  }
  return null;
}

/** A case an operator may still act on (404 for an unknown number, 409 once it is closed). */
async function openCase(caseNo: string): Promise<CaseRecord> {
  const c = await caseByNo(caseNo);
  if (!c) throw notFound('case_not_found');
  if (FINAL_STATUSES.includes(c.status)) throw closed(c);
  return c;
}

const closed = (c: CaseRecord) =>
  conflict('case_final', {
    'zh-CN': `办件已办结（${CASE_STATUSES[c.status]['zh-CN']}），不能再调整或终止`,
    en: `The case is closed (${CASE_STATUSES[c.status].en}); it can no longer be moved or cancelled`,
  });

/**
 * The waits of other branches a move leaves alone unless told: a token at a join (parallel,
 * inclusive) and a wait for a message, a timer or an event (the 容缺 wait beside the review).
 */
const BRANCH_WAITS = new Set(['parallelGateway', 'inclusiveGateway', 'complexGateway', 'eventBasedGateway', 'intermediateCatchEvent', 'receiveTask']);

/** The activities an instance is in now, by name: its root's children, and those waiting for an asynchronous continuation. */
function currentOf(tree: ActivityInstance, steps: ProcessStep[]) {
  const step = (activityId: string) => steps.find((s) => s.id === stepIdOf(activityId));
  const entry = (activityId: string, name: string | null | undefined) => {
    const type = step(activityId)?.type ?? 'unknown';
    return { activityId, name: name ?? step(activityId)?.name ?? activityId, type, cancelByDefault: !BRANCH_WAITS.has(type) };
  };
  return [
    ...tree.childActivityInstances.map((a) => ({ ...entry(a.activityId, a.activityName), instanceId: a.id, transition: false })),
    ...tree.childTransitionInstances.map((t) => ({ ...entry(t.activityId, null), instanceId: t.id, transition: true })),
  ];
}

/** What a person reads of a current activity (no engine instance ids). */
const shown = ({ activityId, name, type, cancelByDefault }: ReturnType<typeof currentOf>[number]) => ({ activityId, name, type, cancelByDefault });

/** GET /operations/cases/{caseNo}/steps: the steps of the case's process, and where it is now (the move dialog's choices). */
export async function caseSteps(ctx: AppContext, caseNo: string) {
  const c = await openCase(caseNo);
  const instance = await topInstanceOf(ctx, c);
  if (!instance) throw conflict('case_no_instance');
  const [steps, tree] = await Promise.all([stepsOfDefinition(ctx.engine, instance.definitionId), ctx.engine.activityInstances(instance.id)]);
  return { caseNo, processInstanceId: instance.id, processDefinitionId: instance.definitionId, current: currentOf(tree, steps).map(shown), steps };
}

/**
 * POST /operations/cases/{caseNo}/move: the case's top instance starts again before the chosen step
 * of its own process, and whatever it was doing is cancelled (process instance modification, one
 * engine transaction). The move is on the case's timeline and in the audit trail, in the same
 * transaction: a refused modification records nothing.
 */
export async function moveCase(ctx: AppContext, principal: Principal, caseNo: string, body: unknown) {
  assertValid<{ activityId: string; reason: string; cancel?: string[] }>(caseMoveSchema, body);
  const { activityId, reason, cancel } = body as { activityId: string; reason: string; cancel?: string[] };
  const c = await openCase(caseNo);
  const instance = await topInstanceOf(ctx, c);
  if (!instance) throw conflict('case_no_instance');
  const steps = await stepsOfDefinition(ctx.engine, instance.definitionId);
  const target = steps.find((s) => s.id === activityId);
  if (!target)
    throw validationFailed([
      fieldProblem('activityId', `目标环节：“${activityId}”不是该办件流程中的环节`, `Target step: "${activityId}" is not a step of the case's process`),
    ]);
  const tree = await ctx.engine.activityInstances(instance.id);
  const current = currentOf(tree, steps);
  const notCurrent = (cancel ?? []).filter((id) => !current.some((a) => a.activityId === id));
  if (notCurrent.length)
    throw validationFailed(
      notCurrent.map((id) =>
        fieldProblem(
          `cancel.${(cancel ?? []).indexOf(id)}`,
          `结束的当前环节：“${id}”不是办件当前所在的环节`,
          `Current steps to end: "${id}" is not a step the case is at now`,
        ),
      ),
    );
  const ending = current.filter((a) => (cancel ? cancel.includes(a.activityId) : a.cancelByDefault));
  const from = ending.map(shown);
  // the new step first, then the old ones cancelled: the instance never stands with nothing to do
  const instructions: ModificationInstruction[] = [
    { type: 'startBeforeActivity', activityId: startingPointOf(target) },
    ...ending.map((a) =>
      a.transition ? { type: 'cancel' as const, transitionInstanceId: a.instanceId } : { type: 'cancel' as const, activityInstanceId: a.instanceId },
    ),
  ];
  const to = { activityId, name: target.name ?? activityId };
  try {
    await caseTransaction(async (transaction) => {
      const locked = await lockCase(c.id, transaction);
      if (!locked) throw notFound('case_not_found');
      if (FINAL_STATUSES.includes(locked.status)) throw closed(locked);
      await recordTimeline({ caseId: c.id, type: 'case.moved', actor: principal.username, detail: { from, to, reason: reason.trim() } }, transaction);
      await recordAudit(
        {
          actor: principal.username,
          action: 'operations.case_moved',
          target: caseNo,
          detail: { processInstanceId: instance.id, from, to, reason: reason.trim() },
        },
        transaction,
      );
      await ctx.engine.modify(instance.id, instructions, `运维调整办理环节：${reason.trim()}`);
    });
  } catch (err) {
    if (err instanceof EngineError && err.status >= 400 && err.status < 500) {
      ctx.logger.warn({ err, caseNo, activityId }, 'the engine refused to move the case');
      throw conflict('case_move_refused', {
        'zh-CN': `流程引擎未能把办件移到“${to.name}”：该环节可能不能从这里直接开始（如在多实例或子流程内部），或流程刚刚变化，请刷新后重试`,
        en: `The process engine could not move the case to "${to.name}": the step may not be startable from here (inside a multi-instance or a subprocess), or the process just moved on; refresh and try again`,
      });
    }
    throw err;
  }
  ctx.logger.info({ caseNo, from, to }, 'case moved to another step by operations');
  return { caseNo, processInstanceId: instance.id, from, to };
}

/** The 终止办理告知书 of a case ended by the operators, in the shape of the case's other notices (server/cases notices). */
function terminationNotice(c: CaseRecord, subject: string, reason: string, at: Date) {
  const day = new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', year: 'numeric', month: 'long', day: 'numeric' }).format(at);
  const year = new Intl.DateTimeFormat('en', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(at);
  return {
    kind: 'operations_terminated',
    title: { 'zh-CN': '终止办理告知书', en: 'Notice of termination' },
    number: `终〔${year}〕${c.caseNo}号`,
    text: `${c.applicantName}：\n您于本机关申请办理的“${subject}”（办件编号 ${c.caseNo}），因${reason}，本机关决定终止办理。如有疑问，请联系办理窗口；您可重新提出申请。\n\n${day}`,
    issuedAt: at.toISOString(),
  };
}

/**
 * POST /operations/cases/{caseNo}/cancel: the case ends as terminated (a bundle with its items
 * still open), with a 终止办理告知书 on its timeline and a notification to whoever submitted it,
 * audited, and its process instance deleted with the reason, all in one transaction: a refused
 * deletion records nothing. An item case of a bundle is ended with its bundle.
 */
export async function cancelCase(ctx: AppContext, principal: Principal, caseNo: string, body: unknown, locale: Locale) {
  assertValid<{ reason: string }>(caseCancelSchema, body);
  const reason = (body as { reason: string }).reason.trim();
  const c = await openCase(caseNo);
  if (c.parentCaseId) {
    const parent = await caseById(c.parentCaseId);
    throw conflict('case_final', {
      'zh-CN': `这是一件事办件${parent ? ` ${parent.caseNo}` : ''}的子事项，不能单独终止：请终止一件事办件`,
      en: `This is an item of the bundle case${parent ? ` ${parent.caseNo}` : ''}; it cannot be cancelled alone: cancel the bundle case`,
    });
  }
  const target = await targetOfCase(c);
  const instances = await runningInstancesOf(ctx, c);
  const at = new Date();
  const notice = terminationNotice(c, target.name, reason, at);
  await caseTransaction(async (transaction) => {
    const locked = await lockCase(c.id, transaction);
    if (!locked) throw notFound('case_not_found');
    if (FINAL_STATUSES.includes(locked.status)) throw closed(locked);
    await updateCase(locked, { status: 'terminated', finishedAt: at }, transaction);
    for (const item of await itemCasesOf(c.id, { transaction, lock: true })) {
      if (!FINAL_STATUSES.includes(item.status)) await updateCase(item, { status: 'terminated', finishedAt: at }, transaction);
    }
    await recordTimeline(
      { caseId: c.id, type: 'case.terminated', actor: principal.username, detail: { notice, channel: 'sms', reason, by: 'operations' } },
      transaction,
    );
    await notify(
      [c.submittedBy],
      'case_terminated',
      { 'zh-CN': `您的办件 ${c.caseNo}（${target.name}）已终止办理：${reason}`, en: `Your case ${c.caseNo} (${target.nameEn}) has been terminated: ${reason}` },
      c.caseNo,
      null,
      transaction,
    );
    await recordAudit(
      {
        actor: principal.username,
        action: 'operations.case_cancelled',
        target: caseNo,
        detail: { reason, processInstanceIds: instances.map((i) => i.id), status: c.status },
      },
      transaction,
    );
    for (const instance of instances) {
      try {
        // called instances go with their caller (skipSubprocesses is false): one may be gone already
        await ctx.engine.deleteProcessInstance(instance.id, `运维终止办件：${reason}`);
      } catch (err) {
        if (!(err instanceof EngineError && err.status === 404)) throw err;
      }
    }
  });
  ctx.logger.info({ caseNo, instances: instances.length }, 'case cancelled by operations');
  return {
    caseNo,
    status: 'terminated' as const,
    statusLabel: CASE_STATUSES.terminated[locale],
    notice: { title: notice.title[locale], number: notice.number },
  };
}
