import type { Logger } from 'pino';
import type { Config } from '../config/schema.ts';
import { caseByNumber, caseTransaction, recordTimeline, targetOfCase } from '../cases/index.ts';
import { notify } from '../notifications/index.ts';
import { formatYuan } from '../gateways/payment/index.ts';
import { paymentGateway } from './payment-gateway.ts';

/** One payout per case: its transfer number is the case number's, so every retry asks for the same transfer. */
const transferNoOf = (caseNo: string) => `${caseNo}-PAYOUT`;

/**
 * 给付 (the `payout` topic): an approved case of an item that pays a benefit (item.json `payout`:
 * 高龄津贴, 育儿补贴, a company's 开办补贴 …) has it paid to its applicant (a person, or a company by
 * its credit code) through the gateway's transfer (代发), once —
 * the gateway is idempotent by transfer number, and the timeline entry by its key, so a retry after
 * a crash or an outage pays nothing twice. An outage fails the task: the worker tries again, and
 * after its retries the operators see the incident. A case not approved, or an item paying nothing,
 * pays nothing.
 */
export async function payOut(caseNo: string, config: Config, logger: Logger): Promise<void> {
  const c = await caseByNumber(caseNo);
  const target = await targetOfCase(c);
  const payout = target.items.find((i) => i.code === c.itemCode)?.definition.payout;
  if (!payout || c.decision !== 'approved') {
    logger.info({ decision: c.decision }, 'nothing to pay out');
    return;
  }
  // a company's case (惠企) is paid to the company's account, a person's to theirs
  const company = c.applicantIdType === 'credit_code';
  const transfer = await paymentGateway(config).transfer({
    transferNo: transferNoOf(c.caseNo),
    payeeIdNo: c.applicantIdNo,
    payeeName: c.applicantName,
    amountFen: payout.amountCents,
    purpose: payout.purpose,
  });
  await caseTransaction(async (transaction) => {
    const first = await recordTimeline(
      {
        caseId: c.id,
        type: 'payout.paid',
        actor: 'system:payment',
        detail: {
          amountFen: transfer.amountFen,
          purpose: payout.purpose,
          transferNo: transfer.transferNo,
          tradeNo: transfer.tradeNo,
          paidAt: transfer.paidAt.toISOString(),
        },
        idempotencyKey: `payout:${c.caseNo}`,
      },
      transaction,
    );
    if (first) {
      await notify(
        [c.submittedBy],
        'payout_paid',
        {
          'zh-CN': `办件 ${c.caseNo}：${payout.purpose} ${formatYuan(transfer.amountFen)} 已发放到${company ? '企业对公账户' : '您的社会保障卡账户'}`,
          en: `Case ${c.caseNo}: ${payout.purposeEn} of ${formatYuan(transfer.amountFen)} has been paid to ${company ? "the company's bank account" : 'your social security card account'}`,
        },
        c.caseNo,
        null,
        transaction,
      );
    }
  });
  logger.info({ amountFen: transfer.amountFen, tradeNo: transfer.tradeNo }, 'benefit paid out');
}
