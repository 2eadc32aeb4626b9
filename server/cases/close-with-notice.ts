import type { Logger } from 'pino';
import type { Transaction } from 'sequelize';
import { Case } from './case.model.ts';
import { NOTICES, type Notice } from '../../contract/topics.ts';
import { caseByNumber } from './case-by-number.ts';
import { recordTimeline, type TimelineType } from './timeline.ts';
import { renderNotice } from './notices.ts';
import { targetOfCase } from './submission-target.ts';
import { updateCase } from './case-records.ts';

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

export const isNotice = (value: unknown): value is Notice => typeof value === 'string' && value in NOTICES;

/** What closing a case does beyond the case, in the same transaction: given by the caller (the notify worker). */
export interface NoticeEffects {
  /** payment_expired: the case's unpaid order is dead (server/payments expireUnpaidOrders) */
  expireUnpaidOrders(caseId: number, transaction: Transaction): Promise<void>;
}

/**
 * 告知 (the `notify` topic): records the notice to the applicant and sets the case status it
 * announces, in one transaction keyed on `effectKey` (a repeat records nothing), with the `effects`
 * on other domains. Answers whether this call recorded it.
 */
export async function closeWithNotice(caseNo: string, notice: Notice, effectKey: string, logger: Logger, effects: NoticeEffects): Promise<boolean> {
  const c = await caseByNumber(caseNo);
  const target = await targetOfCase(c);
  const document = renderNotice(notice, { caseNo: c.caseNo, applicantName: c.applicantName, subject: target.name });
  const recorded = await Case.sequelize!.transaction(async (transaction) => {
    const first = await recordTimeline(
      { caseId: c.id, type: TIMELINE[notice], actor: 'system:notify', detail: { notice: document, channel: 'sms' }, idempotencyKey: effectKey },
      transaction,
    );
    if (first) {
      const finishedAt = new Date();
      const decision = DECISIONS[notice];
      // 办结 is the decision's moment; delivery afterwards does not move it
      await updateCase(c, { status: NOTICES[notice], ...(decision ? { decision } : {}), finishedAt: c.finishedAt ?? finishedAt }, transaction);
      // the order is dead: a payment arriving after this is refunded (server/payments)
      if (notice === 'payment_expired') await effects.expireUnpaidOrders(c.id, transaction);
      // a terminated bundle ends its items that were still open
      if (NOTICES[notice] === 'terminated' && c.kind === 'bundle') {
        await Case.update({ status: 'terminated', finishedAt }, { where: { parentCaseId: c.id, finishedAt: null }, transaction });
      }
    }
    return first;
  });
  logger.info({ notice, repeated: !recorded }, 'case closed');
  return Boolean(recorded);
}
