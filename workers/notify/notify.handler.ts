import { TOPICS, VARIABLES } from '../../contract/topics.ts';
import { closeWithNotice, isNotice } from '../../server/cases/index.ts';
import { sealRecordedNotice } from '../../server/results/index.ts';
import { expireUnpaidOrders } from '../../server/payments/index.ts';
import type { TopicHandler } from '../runtime/handler.ts';
import { caseNoOf } from '../runtime/case-no-of-task.ts';
import { effectKeyOf } from '../runtime/effect-key.ts';

/**
 * 告知 (server/cases): records the notice to the applicant and sets the case status it announces;
 * an order left unpaid at payment_expired is closed with it (server/payments).
 * The notice is the task's local input `notice`; the effect is keyed on the case and the step
 * (runtime/effect-key.ts): a task the engine re-creates after a crash records no second notice.
 */
export const notifyHandler: TopicHandler = {
  topic: TOPICS.notify,
  lockDurationMs: 30_000,
  variables: [VARIABLES.caseNo, VARIABLES.notice],
  async handle(task, { logger }) {
    const notice = task.variables.get(VARIABLES.notice);
    if (!isNotice(notice)) throw new Error(`notify task ${task.activityId} has no valid "notice" input (got ${String(notice)})`);
    await closeWithNotice(caseNoOf(task), notice, await effectKeyOf(task), logger, { expireUnpaidOrders });
    return {};
  },
  afterComplete: async (task, { config }) => void (await sealRecordedNotice(config, await effectKeyOf(task))),
};
