import { randomInt, timingSafeEqual } from 'node:crypto';
import type { Transaction } from 'sequelize';
import type { Delivery } from './delivery.model.ts';
import { notify } from '../notifications/index.ts';
import { type Account, accountById } from '../auth/index.ts';
import type { CaseRecord } from '../cases/index.ts';
import { maskPersonal } from '../../contract/catalog/personal.ts';

/** A 6-digit code the applicant shows at the window (random, not derived from anything). */
export const newPickupCode = (): string => String(randomInt(0, 1_000_000)).padStart(6, '0');

export function pickupCodeMatches(delivery: Pick<Delivery, 'pickupCode'>, given: string): boolean {
  const expected = Buffer.from(delivery.pickupCode ?? '');
  const actual = Buffer.from(given);
  return expected.length > 0 && expected.length === actual.length && timingSafeEqual(expected, actual);
}

/** The applicant's own account: the submitter when they are the applicant (not a clerk who submitted for them). */
export async function applicantAccountOf(c: CaseRecord, transaction?: Transaction): Promise<Account | null> {
  const submitter = await accountById(c.submittedBy, transaction);
  return submitter?.roles.includes('applicant') ? submitter : null;
}

/**
 * Tells the applicant the pickup code: a notification to their account, and the SMS to the
 * applicant's phone (the platform has no SMS gateway yet, so the timeline records where it goes).
 * The code itself stays out of the timeline, which staff read: the window must hear it from the
 * applicant. Returns what the timeline may say.
 */
export async function tellPickupCode(c: CaseRecord, code: string, transaction: Transaction): Promise<Record<string, unknown>> {
  const account = await applicantAccountOf(c, transaction);
  const text = `您的办件 ${c.caseNo} 的办理结果已在政务服务中心窗口待领取。取件码 ${code}，请持本人有效身份证件领取。`;
  if (account) await notify([account.id], 'pickup_code', text, c.caseNo, null, transaction);
  return { pickupCodeSentTo: { sms: maskPersonal('phone', c.applicantPhone), account: Boolean(account) } };
}
