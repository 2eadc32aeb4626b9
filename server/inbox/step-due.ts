import { ACCEPTANCE_REVIEW_DAYS, ACCEPTANCE_REVIEW_TASK } from '../acceptance/index.ts';
import type { WorkingCalendar } from '../calendar/index.ts';
import type { ItemVersion } from '../catalog/index.ts';

/**
 * A step's own due time, from when its task arrived: the working days the item gives the step
 * (stepDays), or the law's for the clerk's acceptance decision; null when neither gives any. The
 * inbox colours open tasks by it; a completed task's opinion keeps it (按时办理, by staff).
 */
export function stepDueAt(item: ItemVersion | undefined, taskDefinitionKey: string, created: Date, calendar: WorkingCalendar): Date | null {
  const days = taskDefinitionKey === ACCEPTANCE_REVIEW_TASK ? ACCEPTANCE_REVIEW_DAYS : item?.definition.stepDays?.[taskDefinitionKey];
  return days ? calendar.due(created, days).due : null;
}
