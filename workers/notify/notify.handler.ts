import { TOPICS, VARIABLES } from '../../contract/topics.ts';
import { closeWithNotice, isNotice } from '../../server/cases/index.ts';
import { sealRecordedNotice } from '../../server/results/index.ts';
import { expireUnpaidOrders } from '../../server/payments/index.ts';
import type { TopicHandler } from '../runtime/handler.ts';
import { caseNoOf } from '../runtime/case-no-of-task.ts';

/**
 * 告知 (server/cases): records the notice to the applicant and sets the case status it announces;
 * an order left unpaid at payment_expired is closed with it (server/payments).
 * The notice is the task's local input `notice`; the effect is keyed on the external task id.
 */
export const notifyHandler: TopicHandler = {
  topic: TOPICS.notify,
  lockDurationMs: 30_000,
  variables: [VARIABLES.caseNo, VARIABLES.notice],
  async handle(task, { logger }) {
    const notice = task.variables.get(VARIABLES.notice);
    if (!isNotice(notice)) throw new Error(`notify task ${task.activityId} has no valid "notice" input (got ${String(notice)})`);
    await closeWithNotice(caseNoOf(task), notice, `ext:${task.id}`, logger, { expireUnpaidOrders });
    return {};
  },
  afterComplete: (task, { config }) => sealRecordedNotice(config, `ext:${task.id}`).then(() => undefined),
};
