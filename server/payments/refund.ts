import { Payment } from './payment.model.ts';
import type { Config } from '../config/schema.ts';
import { caseById, recordTimeline } from '../cases/index.ts';
import { notify } from '../notifications/index.ts';
import { formatYuan } from '../gateways/payment/index.ts';
import { paymentGateway } from './payment-gateway.ts';

/**
 * Refunds a paid order whose case will not issue its results (the order expired first, or the
 * case ended while the money was on its way). Idempotent: the refund number is the order's, the
 * gateway answers a repeat with the same refund, and the row is updated once.
 */
export async function refundPayment(config: Config, payment: Payment, reason: string): Promise<void> {
  if (payment.status === 'refunded') return;
  const refundNo = `${payment.merchantOrderNo}-R1`;
  await paymentGateway(config).refund({ merchantOrderNo: payment.merchantOrderNo, refundNo, amountFen: payment.amountFen, reason });
  const c = await caseById(payment.caseId);
  await Payment.sequelize!.transaction(async (transaction) => {
    const [changed] = await Payment.update(
      { status: 'refunded', refundNo, refundedAt: new Date(), refundReason: reason },
      { where: { id: payment.id, status: 'paid' }, transaction },
    );
    if (!changed || !c) return;
    await recordTimeline(
      {
        caseId: c.id,
        type: 'payment.refunded',
        actor: 'system:payment',
        detail: { amountFen: payment.amountFen, refundNo, reason },
        idempotencyKey: `payment-refunded:${payment.merchantOrderNo}`,
      },
      transaction,
    );
    await notify(
      [c.submittedBy],
      'payment_refunded',
      {
        'zh-CN': `办件 ${c.caseNo} 已缴费用 ${formatYuan(payment.amountFen)} 已原路退回：${reason}`,
        en: `The fee of ${formatYuan(payment.amountFen)} paid for case ${c.caseNo} has been refunded the way it was paid: ${reason}`,
      },
      c.caseNo,
      null,
      transaction,
    );
  });
}
