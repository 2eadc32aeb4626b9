import type { Transaction } from 'sequelize';
import type { Logger } from 'pino';
import { Payment } from './payment.model.ts';
import type { Config } from '../config/schema.ts';
import { caseByNumber } from '../cases/index.ts';
import { GatewayRejectedError } from '../gateways/gateway-errors.ts';
import { reconcilePayment } from './reconcile.ts';

/**
 * 统一支付 at the order's expiry (the `payment-expiry` topic: its timer fired), before the case ends
 * unpaid: asks the gateway (对账). Paid in time, its notification lost or late: settled here and the
 * process goes on to the results. Not paid: the order is closed here (compare-and-set unpaid →
 * expired), so that money arriving after it is refunded, never kept for an ended case. A gateway
 * that does not answer throws, and the step is retried: no case ends unpaid because of an outage.
 * Answers whether the case was paid in time.
 */
export async function closeOrderAtExpiry(caseNo: string, config: Config, logger: Logger): Promise<boolean> {
  const c = await caseByNumber(caseNo);
  const payment = await Payment.findOne({ where: { caseId: c.id } });
  if (!payment) throw new Error(`case ${c.caseNo} waits for a payment but has no order`);
  if (payment.status === 'unpaid') {
    try {
      // no engine: the process is at this step, not waiting for PaymentReceived
      await reconcilePayment({ config, logger }, payment);
    } catch (err) {
      if (!(err instanceof GatewayRejectedError)) throw err;
      logger.error({ err, merchantOrderNo: payment.merchantOrderNo }, 'the gateway does not know the order at its expiry: closed as unpaid');
    }
  }
  await Payment.update({ status: 'expired' }, { where: { id: payment.id, status: 'unpaid' } });
  const paidInTime = (await Payment.findByPk(payment.id))!.status === 'paid';
  logger.info({ caseNo: c.caseNo, paidInTime }, 'payment order at its expiry');
  return paidInTime;
}

/** The case's unpaid order is dead (the case ended unpaid): a payment arriving after this is refunded. */
export async function expireUnpaidOrders(caseId: number, transaction: Transaction): Promise<void> {
  await Payment.update({ status: 'expired' }, { where: { caseId, status: 'unpaid' }, transaction });
}
