import type { Task } from 'camunda-external-task-client-js';
import { VARIABLES } from '../../contract/topics.ts';

/** The number of the case an external task works on: its business key, else its caseNo variable. */
export function caseNoOf(task: Task): string {
  const caseNo = task.businessKey ?? (task.variables.get(VARIABLES.caseNo) as string | undefined);
  if (!caseNo) throw new Error(`external task ${task.id} carries no case number`);
  return caseNo;
}
