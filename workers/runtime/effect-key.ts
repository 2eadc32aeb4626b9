import { createHash } from 'node:crypto';
import type { Task } from 'camunda-external-task-client-js';
import { caseByNumber, findTimelineEntry, lastTimelineEntry, type TimelineType } from '../../server/cases/index.ts';
import { caseNoOf } from './case-no-of-task.ts';

/** What makes a step of a case run again on purpose: its entries on the timeline start a new round of the case's steps. */
const NEW_ROUND: readonly TimelineType[] = ['case.resubmitted', 'task.sent_back', 'task.taken_back', 'case.moved'];

/** the timeline's idempotency_key column */
const MAX_KEY = 128;

/**
 * The key of a machine step's business effect (its timeline entry, its notice, what it tells the
 * applicant): the case, the step (the task's activity) and the round of the case's steps (the
 * latest 补正 resubmission, 退回, 撤回 or operator's move on its timeline, 0 before any). Camunda
 * delivers a task at least once, and an engine that lost its last commits in a crash creates the
 * task anew with another id: a key on the task id would record the effect twice (送达回证 twice).
 * This one is the same for every delivery and every re-creation of the same step of the same case,
 * so the step finds what it did and replays it. A key recorded under the task id by an earlier
 * release (`ext:<task id>`) is kept for the task that recorded it.
 */
export async function effectKeyOf(task: Task): Promise<string> {
  const legacy = `ext:${task.id}`;
  if (await findTimelineEntry(legacy)) return legacy;
  const caseNo = caseNoOf(task);
  const c = await caseByNumber(caseNo);
  const restarts = await Promise.all(NEW_ROUND.map((type) => lastTimelineEntry(c.id, type)));
  const round = Math.max(0, ...restarts.map((entry) => entry?.id ?? 0));
  const key = `step:${caseNo}:${task.activityId}:${round}`;
  return key.length <= MAX_KEY ? key : `step:${createHash('sha256').update(key).digest('hex')}`;
}
