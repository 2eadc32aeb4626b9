import { randomInt, timingSafeEqual } from 'node:crypto';
import type { Transaction } from 'sequelize';
import type { Delivery } from './delivery.model.ts';
import { notify } from '../notifications/index.ts';
import { type Account, accountById, applicantAccountsByIdNo } from '../auth/index.ts';
import type { CaseRecord } from '../cases/index.ts';
import { maskPersonal } from '../../contract/catalog/personal.ts';

/** A 6-digit code the applicant shows at the window (random, not derived from anything). */
export const newPickupCode = (): string => String(randomInt(0, 1_000_000)).padStart(6, '0');

export function pickupCodeMatches(delivery: Pick<Delivery, 'pickupCode'>, given: string): boolean {
  const expected = Buffer.from(delivery.pickupCode ?? '');
  const actual = Buffer.from(given);
  return expected.length > 0 && expected.length === actual.length && timingSafeEqual(expected, actual);
}

/** Wrong codes in a row after which the code is replaced and told again: guessing one of a million in five tries does not work. */
export const PICKUP_ATTEMPTS = 5;

/**
 * The applicant's own accounts: the submitter when they are the applicant (not a clerk who
 * submitted for them), and the accounts of the person or company the case is in the name of (a
 * case taken at the window: they follow it from home).
 */
export async function applicantAccountsOf(c: CaseRecord, transaction?: Transaction): Promise<Account[]> {
  const submitter = await accountById(c.submittedBy, transaction);
  const named = c.applicantIdNo ? await applicantAccountsByIdNo(c.applicantIdNo, transaction) : [];
  const all = [...(submitter?.roles.includes('applicant') ? [submitter] : []), ...named];
  return all.filter((a, i) => all.findIndex((b) => b.id === a.id) === i);
}

/**
 * Tells the applicant the pickup code: a notification to their account, and the SMS to the
 * applicant's phone (the platform has no SMS gateway yet, so the timeline records where it goes).
 * The code itself stays out of the timeline, which staff read: the window must hear it from the
 * applicant. Returns what the timeline may say.
 */
export async function tellPickupCode(c: CaseRecord, code: string, transaction: Transaction): Promise<Record<string, unknown>> {
  const accounts = await applicantAccountsOf(c, transaction);
  const text = {
    'zh-CN': `您的办件 ${c.caseNo} 的办理结果已在政务服务中心窗口待领取。取件码 ${code}，请持本人有效身份证件领取。`,
    en: `The result of your case ${c.caseNo} is ready for pickup at the government service centre's window. Pickup code ${code}; bring your valid ID card.`,
  };
  if (accounts.length)
    await notify(
      accounts.map((a) => a.id),
      'pickup_code',
      text,
      c.caseNo,
      null,
      transaction,
    );
  return { pickupCodeSentTo: { sms: maskPersonal('phone', c.applicantPhone), account: accounts.length > 0 } };
}
