import { Op } from 'sequelize';
import type { Task } from '../engine/types.ts';
import { EngineError } from '../engine/client.ts';
import { conflict, type AppError } from '../errors/app-error.ts';
import { accountByUsername, accountsByIds, type Principal } from '../auth/index.ts';
import { shanghaiTime } from '../calendar/index.ts';
import { Opinion } from './opinion.model.ts';

/** The engine's answer when two transactions changed the same executions at once (a 或签's two approvals, a 会签's two signatures). */
export const isEngineRace = (err: unknown): boolean => err instanceof EngineError && err.type === 'OptimisticLockingException';

/** The database chose this transaction as a deadlock's victim (MariaDB: ER_LOCK_DEADLOCK), or timed it out waiting for a lock. */
export const isDeadlock = (err: unknown): boolean => {
  const code = (err as { parent?: { code?: string } } | null)?.parent?.code;
  return code === 'ER_LOCK_DEADLOCK' || code === 'ER_LOCK_WAIT_TIMEOUT' || code === 'SQLITE_BUSY';
};

/** Runs a transaction again when the database chose it as a deadlock's victim (two claims of one task at once, on MariaDB). */
export async function retryingDeadlocks<T>(work: () => Promise<T>, attempts = 3): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (err) {
      if (!isDeadlock(err) || attempt >= attempts) throw err;
    }
  }
}

/**
 * The engine says the task is gone (completed, or withdrawn by a sibling's decision, 收回, 退回 …):
 * 404, or a 500 NullValueException "Cannot find task with id …: task is null" from the calls on a
 * task (its identity links, its completion) when it went while they ran.
 */
export const isTaskGone = (err: unknown): boolean =>
  err instanceof EngineError && (err.status === 404 || (err.type === 'NullValueException' && /Cannot find task/.test(err.message)));

const OUTCOME_WORDS: Record<string, { 'zh-CN': string; en: string }> = {
  approve: { 'zh-CN': '同意', en: 'approved' },
  reject: { 'zh-CN': '不同意', en: 'rejected' },
  accepted: { 'zh-CN': '受理', en: 'accepted' },
  correction: { 'zh-CN': '补正', en: 'asked for a correction' },
  not_accepted: { 'zh-CN': '不予受理', en: 'refused to accept' },
};

/** An opinion's outcome in words (同意, 不同意, 受理 …). */
export const outcomeWords = (outcome: string): { 'zh-CN': string; en: string } => OUTCOME_WORDS[outcome] ?? { 'zh-CN': outcome, en: outcome };

/**
 * 409 for a step someone else decided first: who, when and how (the opinion that decided it, else
 * the latest opinion on the case's step by another person), so the loser of a race reads what happened instead of an engine error.
 */
export async function decidedByOther(
  caseId: number,
  task: Pick<Task, 'taskDefinitionKey' | 'name'>,
  principal: Principal,
  decision?: Opinion | null,
): Promise<AppError> {
  const other =
    decision ??
    (await Opinion.findOne({
      where: { caseId, activityId: task.taskDefinitionKey, userId: { [Op.ne]: principal.id } },
      order: [['id', 'DESC']],
    }));
  if (!other) return conflict('task_already_completed');
  const [who] = await accountsByIds([other.userId]);
  const name = who?.displayName ?? String(other.userId);
  const how = outcomeWords(other.outcome);
  const at = shanghaiTime(other.createdAt);
  return conflict('task_already_completed', {
    'zh-CN': `“${task.name ?? task.taskDefinitionKey}”已由${name}于 ${at} 办理（${how['zh-CN']}），您的办理未提交`,
    en: `${name} completed "${task.name ?? task.taskDefinitionKey}" at ${at} (${how.en}); yours was not recorded`,
  });
}

/** 409 for a task someone else holds now: who. */
export async function claimedByOther(assignee: string | null | undefined): Promise<AppError> {
  if (!assignee) return conflict('task_claimed_by_other');
  const who = await accountByUsername(assignee);
  const name = who?.displayName ?? assignee;
  return conflict('task_claimed_by_other', { 'zh-CN': `该任务已由${name}签收`, en: `${name} has claimed this task` });
}
