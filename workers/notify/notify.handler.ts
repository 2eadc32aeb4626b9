import { recordTimeline } from '../../server/cases/timeline.ts';
import { Case } from '../../server/db/index.ts';
import { NOTICES, TOPICS, VARIABLES, type Notice } from '../../processes/topics.ts';
import type { TopicHandler } from '../runtime/handler.ts';
import { caseOfTask } from '../runtime/case-of-task.ts';

/**
 * 办结告知: records the notice to the applicant and sets the case status it announces. The
 * notice is the task's local input `notice`; the effect is keyed on the external task id.
 */
export const notifyHandler: TopicHandler = {
  topic: TOPICS.notify,
  lockDurationMs: 30_000,
  variables: [VARIABLES.caseNo, VARIABLES.notice],
  async handle(task, { logger }) {
    const notice = task.variables.get(VARIABLES.notice) as Notice | undefined;
    if (!notice || !NOTICES.includes(notice)) throw new Error(`notify task ${task.activityId} has no valid "notice" input (got ${String(notice)})`);
    const c = await caseOfTask(task);
    const recorded = await Case.sequelize!.transaction(async (transaction) => {
      const first = await recordTimeline(
        { caseId: c.id, type: notice === 'approved' ? 'case.approved' : 'case.refused', actor: 'system:notify', detail: { notice, channel: 'sms' }, idempotencyKey: `ext:${task.id}` },
        transaction,
      );
      if (first) await c.update({ status: notice, finishedAt: new Date() }, { transaction });
      return first;
    });
    logger.info({ notice, repeated: !recorded }, 'case closed');
    return {};
  },
};
