import { recordTimeline, type TimelineType } from '../../server/cases/timeline.ts';
import { renderNotice } from '../../server/cases/notices.ts';
import { targetOfCase } from '../../server/cases/submission-target.ts';
import { Case, Payment } from '../../server/db/index.ts';
import { NOTICES, TOPICS, VARIABLES, type Notice } from '../../contract/topics.ts';
import type { TopicHandler } from '../runtime/handler.ts';
import { sealRecordedNotice } from '../../server/results/seal-notice.ts';
import { caseOfTask } from '../runtime/case-of-task.ts';

const TIMELINE: Record<Notice, TimelineType> = {
  approved: 'case.approved',
  refused: 'case.refused',
  correction_expired: 'case.terminated',
  deficiency_expired: 'case.terminated',
  payment_expired: 'case.terminated',
  delivered: 'delivery.delivered',
};

/** The decision a notice announces, kept on the case while its status goes on (payment, delivery). */
const DECISIONS: Partial<Record<Notice, 'approved' | 'refused'>> = { approved: 'approved', refused: 'refused' };

/**
 * 告知: records the notice to the applicant and sets the case status it announces. The
 * notice is the task's local input `notice`; the effect is keyed on the external task id.
 */
export const notifyHandler: TopicHandler = {
  topic: TOPICS.notify,
  lockDurationMs: 30_000,
  variables: [VARIABLES.caseNo, VARIABLES.notice],
  async handle(task, { logger }) {
    const notice = task.variables.get(VARIABLES.notice) as Notice | undefined;
    if (!notice || !(notice in NOTICES)) throw new Error(`notify task ${task.activityId} has no valid "notice" input (got ${String(notice)})`);
    const c = await caseOfTask(task);
    const target = await targetOfCase(c);
    const document = renderNotice(notice, { caseNo: c.caseNo, applicantName: c.applicantName, subject: target.name });
    const recorded = await Case.sequelize!.transaction(async (transaction) => {
      const first = await recordTimeline(
        { caseId: c.id, type: TIMELINE[notice], actor: 'system:notify', detail: { notice: document, channel: 'sms' }, idempotencyKey: `ext:${task.id}` },
        transaction,
      );
      if (first) {
        const finishedAt = new Date();
        const decision = DECISIONS[notice];
        // 办结 is the decision's moment; delivery afterwards does not move it
        await c.update({ status: NOTICES[notice], ...(decision ? { decision } : {}), finishedAt: c.finishedAt ?? finishedAt }, { transaction });
        // the order is dead: a payment arriving after this is refunded (server/payments)
        if (notice === 'payment_expired') await Payment.update({ status: 'expired' }, { where: { caseId: c.id, status: 'unpaid' }, transaction });
        // a terminated bundle ends its items that were still open
        if (NOTICES[notice] === 'terminated' && c.kind === 'bundle') {
          await Case.update({ status: 'terminated', finishedAt }, { where: { parentCaseId: c.id, finishedAt: null }, transaction });
        }
      }
      return first;
    });
    logger.info({ notice, repeated: !recorded }, 'case closed');
    return {};
  },
  afterComplete: (task, { config }) => sealRecordedNotice(config, `ext:${task.id}`).then(() => undefined),
};
