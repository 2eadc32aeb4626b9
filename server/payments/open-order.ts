import type { Logger } from 'pino';
import { UniqueConstraintError } from 'sequelize';
import { Payment } from './payment.model.ts';
import type { Config } from '../config/schema.ts';
import { caseByNumber, type CaseRecord, recordTimeline, targetOfCase, updateCase } from '../cases/index.ts';
import { notify } from '../notifications/index.ts';
import { formatYuan } from '../gateways/payment/index.ts';
import { VARIABLES } from '../../contract/topics.ts';
import { feeLinesOf } from './fees.ts';
import { notifyUrlOf, paymentGateway } from './payment-gateway.ts';
import { nextCheckAt } from './reconcile.ts';

/** One order per case: its merchant order number is the case number's, so every retry asks for the same order. */
const merchantOrderNoOf = (caseNo: string) => `${caseNo}-FEE`;

/**
 * 统一支付 (the `payment` topic): sums what the case owes (a bundle's approved items at once), opens
 * one order at the gateway and tells the applicant where to pay; the process then waits for
 * PaymentReceived until the order expires. Nothing owed: the process goes straight on. A retry
 * finds the order it made (in our database by case, at the gateway by merchant order number): one
 * order, one charge. Answers the process variables.
 */
export async function openPaymentOrder(caseNo: string, config: Config, logger: Logger): Promise<Record<string, unknown>> {
  const c = await caseByNumber(caseNo);
  const payment = (await Payment.findOne({ where: { caseId: c.id } })) ?? (await openPayment(c, config));
  if (!payment) return { [VARIABLES.paymentRequired]: false };
  // paid before the process reached its wait (the notification overtook this task's completion)
  if (payment.status === 'paid') return { [VARIABLES.paymentRequired]: false };
  if (!payment.orderNo) {
    const order = await paymentGateway(config).createOrder({
      merchantOrderNo: payment.merchantOrderNo,
      amountFen: payment.amountFen,
      subject: payment.subject,
      notifyUrl: notifyUrlOf(config),
      // back to the applicant's own page of the case (办件进度), where the payment shows as paid
      returnUrl: `${config.publicUrl}/my/cases/${encodeURIComponent(c.caseNo)}`,
      expiresAt: payment.expiresAt,
    });
    await Payment.sequelize!.transaction(async (transaction) => {
      // 对账: asked about a minute from now, in case its notification is lost
      await payment.update({ orderNo: order.orderNo, payUrl: order.payUrl, nextCheckAt: nextCheckAt(payment, new Date()) }, { transaction });
      await updateCase(c, { status: 'awaiting_payment' }, transaction);
      const first = await recordTimeline(
        {
          caseId: c.id,
          type: 'payment.ordered',
          actor: 'system:payment',
          detail: { amountFen: payment.amountFen, lines: payment.lines, orderNo: order.orderNo, expiresAt: payment.expiresAt.toISOString() },
          idempotencyKey: `payment-ordered:${c.caseNo}`,
        },
        transaction,
      );
      if (first) {
        await notify(
          [c.submittedBy],
          'payment_due',
          {
            'zh-CN': `办件 ${c.caseNo} 需缴纳费用 ${formatYuan(payment.amountFen)}，请于 ${payment.expiresAt.toISOString()} 前通过统一支付平台缴费：${order.payUrl}`,
            en: `Case ${c.caseNo} has a fee of ${formatYuan(payment.amountFen)} to pay through the unified payment platform before ${payment.expiresAt.toISOString()}: ${order.payUrl}`,
          },
          c.caseNo,
          null,
          transaction,
        );
      }
    });
    logger.info({ caseNo: c.caseNo, amountFen: payment.amountFen, orderNo: order.orderNo }, 'payment order opened');
  }
  return { [VARIABLES.paymentRequired]: true, [VARIABLES.paymentExpiresAt]: payment.expiresAt.toISOString() };
}

/** Records what the case owes, once; null when it owes nothing. */
async function openPayment(c: CaseRecord, config: Config): Promise<Payment | null> {
  const lines = await feeLinesOf(c);
  const amountFen = lines.reduce((sum, l) => sum + l.amountFen, 0);
  if (amountFen <= 0) return null;
  const target = await targetOfCase(c);
  // a whole second: engines on MySQL keep whole seconds, and the timer must not fire before it
  const expiresAt = new Date(Math.ceil((Date.now() + config.payment.expiryMinutes * 60_000) / 1000) * 1000);
  try {
    return await Payment.create({
      caseId: c.id,
      merchantOrderNo: merchantOrderNoOf(c.caseNo),
      amountFen,
      lines,
      subject: `${target.name}（办件 ${c.caseNo}）`.slice(0, 200),
      status: 'unpaid',
      payUrl: null,
      orderNo: null,
      expiresAt,
    });
  } catch (err) {
    if (err instanceof UniqueConstraintError) return Payment.findOne({ where: { caseId: c.id } });
    throw err;
  }
}
