import type { EngineClient } from '../engine/client.ts';
import { EngineError, isEngineId } from '../engine/client.ts';
import type { Task } from '../engine/types.ts';
import { notFound } from '../errors/app-error.ts';
import { groupsOf, type Principal } from '../auth/index.ts';
import { absentFor } from './deputies.ts';

/**
 * Loads an open task the caller may act on: assigned to them, or offered to one of their groups.
 * Anyone else is told it does not exist, so task ids leak nothing across departments.
 *
 * A task id comes from the path (/tasks/{id}/…): one outside the engine's id alphabet ("abc/def",
 * "..") names no task, and is told so (404, as an unknown id) without reaching the engine's URLs.
 */
export async function accessibleTask(engine: EngineClient, principal: Principal, taskId: string): Promise<Task> {
  if (!isEngineId(taskId)) throw notFound('task_not_found');
  let task: Task;
  try {
    task = await engine.task(taskId);
  } catch (err) {
    if (err instanceof EngineError && err.status === 404) throw notFound('task_not_found');
    throw err;
  }
  if (task.assignee === principal.username) return task;
  // out-of-office: the deputy of the person holding it may act on it (by taking it over)
  if (task.assignee && (await absentFor(principal)).some((u) => u.username === task.assignee)) return task;
  const groups = new Set(groupsOf(principal));
  const links = await engine.identityLinks(taskId);
  if (links.some((l) => l.type === 'candidate' && l.groupId && groups.has(l.groupId))) return task;
  throw notFound('task_not_found');
}
