import type { Task } from 'camunda-external-task-client-js';
import { Case } from '../../server/db/index.ts';
import { VARIABLES } from '../../contract/topics.ts';

/** The case an external task works on: its business key is the case number. */
export async function caseOfTask(task: Task): Promise<Case> {
  const caseNo = task.businessKey ?? (task.variables.get(VARIABLES.caseNo) as string | undefined);
  if (!caseNo) throw new Error(`external task ${task.id} carries no case number`);
  const c = await Case.findOne({ where: { caseNo } });
  if (!c) throw new Error(`case ${caseNo} not found in the app database`);
  return c;
}
