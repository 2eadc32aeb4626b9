import type { EngineClient } from '../engine/client.ts';
import { isEngineId } from '../engine/client.ts';
import type { Task } from '../engine/types.ts';
import { AppError, notFound } from '../errors/app-error.ts';
import { codedProblem } from '../../contract/problems.ts';
import { groupsOf, hasRole, type Principal } from '../auth/index.ts';
import { reachesRegion } from '../../contract/regions.ts';
import { casesOfInstances } from './task-cases.ts';
import { absentFor } from './deputies.ts';
import { closedTask } from './closed-tasks.ts';
import { isTaskGone } from './task-races.ts';

/**
 * A task id from a path, as the engine makes them: letters, digits, "-" and "_", at most 64
 * characters. Anything else ("abc/def" written %2F, "..", a space, a "?") is no task id at all: a
 * 400 saying so, before the id reaches the engine's URLs. A well-formed id of no task is the
 * caller's 404 (accessibleTask), so a typo and a task of another department still look alike.
 */
export function taskIdOf(raw: string): string {
  if (isEngineId(raw)) return raw;
  throw new AppError(
    400,
    'bad_request',
    [
      {
        ...codedProblem(
          'path.id',
          'task_id_malformed',
          '任务编号：格式不正确，只能由字母、数字、“-”和“_”组成，最多 64 个字符',
          'id: not a task id; a task id has letters, digits, "-" and "_" only, at most 64 characters',
        ),
        label: '任务编号',
      },
    ],
    {
      'zh-CN': '请求地址中的待办任务编号格式不正确（只能由字母、数字、“-”和“_”组成，最多 64 个字符），请从待办列表重新打开该任务',
      en: 'The task id in the address is malformed (letters, digits, "-" and "_" only, at most 64 characters); open the task again from the inbox',
    },
  );
}

/**
 * Loads an open task the caller may act on: assigned to them, or offered to one of their groups in
 * the case's region (四级).
 * Anyone else is told it does not exist, so task ids leak nothing across departments. A task that
 * closed is a 409 saying who completed it, or what removed it, and when (./closed-tasks.ts).
 *
 * A task id comes from the path (/tasks/{id}/…): one outside the engine's id form is refused
 * (taskIdOf) before it reaches the engine's URLs.
 */
export async function accessibleTask(engine: EngineClient, principal: Principal, taskId: string): Promise<Task> {
  taskIdOf(taskId);
  // gone (before, or while it is read): a 409 saying who completed it or what removed it, to those who may know (else 404)
  const orClosed = async <T>(read: Promise<T>): Promise<T> => {
    try {
      return await read;
    } catch (err) {
      if (isTaskGone(err)) throw await closedTask(engine, principal, taskId);
      throw err;
    }
  };
  const task = await orClosed(engine.task(taskId));
  if (task.assignee === principal.username) return task;
  // out-of-office: the deputy of the person holding it may act on it (by taking it over)
  if (task.assignee && (await absentFor(principal)).some((u) => u.username === task.assignee)) return task;
  const groups = new Set(groupsOf(principal));
  const links = await orClosed(engine.identityLinks(taskId));
  if (!links.some((l) => l.type === 'candidate' && l.groupId && groups.has(l.groupId))) throw notFound('task_not_found');
  // 四级: offered to the department's staff of the case's region (a leader: and of the regions under theirs)
  const c = (await casesOfInstances(engine, [task.processInstanceId])).get(task.processInstanceId);
  if (!reachesRegion({ regionCode: principal.regionCode, leader: hasRole(principal, 'leader') }, c?.regionCode ?? null)) throw notFound('task_not_found');
  return task;
}
