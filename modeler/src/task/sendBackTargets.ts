import type { InboxTask, Tracking } from '../api/types.ts';

/**
 * 退回 goes to a user task that ran earlier in the same process instance as the open task
 * (server/inbox/send-back.ts); the tracking lists each instance's activities, so the choices
 * are the finished user tasks of the instance where this task is open.
 */
export function sendBackTargets(task: InboxTask, tracking: Tracking | null): { activityId: string; name: string }[] {
  const instance = tracking?.instances.find((i) => i.activities.some((a) => a.activityId === task.taskDefinitionKey && !a.endTime));
  if (!instance) return [];
  const targets = new Map<string, string>();
  for (const a of instance.activities) {
    if (a.type === 'userTask' && a.endTime && !a.canceled && a.activityId !== task.taskDefinitionKey) targets.set(a.activityId, a.name ?? a.activityId);
  }
  return [...targets].map(([activityId, name]) => ({ activityId, name }));
}
