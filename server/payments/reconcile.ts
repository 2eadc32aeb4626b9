import { Op } from 'sequelize';
import type { AppContext } from '../context.ts';
import { Payment } from '../db/index.ts';
import { GatewayRejectedError, GatewayUnavailableError } from '../gateways/gateway-errors.ts';
import { paymentGateway } from './payment-gateway.ts';
import { settlePayment, type SettleOutcome } from './settle-payment.ts';
import { backoffAfter, repeatEvery } from '../scheduling/repeat.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
/** orders read at a time; a round goes on until none is due */
const BATCH = 100;

/**
 * When to ask about an order next: a minute after it was opened, then less often as it ages (a
 * quarter of its age, at most hourly), and once more a minute after it expired (money taken in its
 * last moments); after that the gateway takes no more money for it, so never.
 */
export function nextCheckAt(payment: Pick<Payment, 'createdAt' | 'expiresAt'>, now: Date): Date | null {
  const afterExpiry = payment.expiresAt.getTime() + MINUTE;
  if (now.getTime() >= afterExpiry) return null;
  return new Date(Math.min(backoffAfter(payment.createdAt, now, MINUTE, HOUR).getTime(), afterExpiry));
}

/**
 * 对账 for one order: asks the gateway, and if it took the money while our record says otherwise
 * (its notification lost, or not here yet), settles it as the notification would have. Null when
 * there is nothing to settle. Throws GatewayUnavailableError when the gateway does not answer.
 */
export async function reconcilePayment(ctx: AppContext, payment: Payment): Promise<SettleOutcome | null> {
  if (!payment.orderNo || !['unpaid', 'expired'].includes(payment.status)) return null;
  const order = await paymentGateway(ctx.config).queryOrder(payment.merchantOrderNo);
  if (!order.paidAt) return null;
  if (order.amountFen !== payment.amountFen || order.orderNo !== payment.orderNo) {
    ctx.logger.error({ merchantOrderNo: payment.merchantOrderNo, ours: { amountFen: payment.amountFen, orderNo: payment.orderNo }, gateway: { amountFen: order.amountFen, orderNo: order.orderNo } }, 'the gateway took money for an order unlike ours: reconcile by hand');
    return null;
  }
  const paid = { orderNo: order.orderNo, merchantOrderNo: order.merchantOrderNo, amountFen: order.amountFen, paidAt: order.paidAt };
  const evidence = { eventId: `query:${order.orderNo}`, body: JSON.stringify({ ...order, queriedAt: new Date().toISOString() }), remoteAddress: null, problem: 'notification_missing' };
  return (await settlePayment(ctx, payment, paid, evidence)).outcome ?? null;
}

/**
 * One round of 对账: every order whose check is due is asked about, and its next check scheduled.
 * A gateway that does not answer ends the round (the orders stay due for the next one).
 */
export async function reconcilePayments(ctx: AppContext, now: Date = new Date()): Promise<{ checked: number; settled: number }> {
  let checked = 0;
  let settled = 0;
  for (;;) {
    const due = await Payment.findAll({ where: { status: { [Op.in]: ['unpaid', 'expired'] }, nextCheckAt: { [Op.lte]: now } }, limit: BATCH });
    for (const payment of due) {
      try {
        if (await reconcilePayment(ctx, payment)) settled++;
      } catch (err) {
        if (err instanceof GatewayUnavailableError) {
          ctx.logger.warn({ err, merchantOrderNo: payment.merchantOrderNo }, 'payment gateway unavailable: reconciliation resumes at the next round');
          return { checked, settled };
        }
        if (!(err instanceof GatewayRejectedError)) throw err;
        ctx.logger.error({ err, merchantOrderNo: payment.merchantOrderNo }, 'the gateway does not know an order of ours: reconcile by hand');
      }
      checked++;
      await Payment.update({ nextCheckAt: nextCheckAt(payment, now) }, { where: { id: payment.id }, silent: true });
    }
    if (due.length < BATCH) break;
  }
  if (settled) ctx.logger.info({ checked, settled }, 'payments reconciled');
  return { checked, settled };
}

/** Reconciles every `reconcileIntervalMs` until stopped, when a gateway is configured. */
export function watchPayments(ctx: AppContext): () => void {
  if (!ctx.config.payment.gatewayUrl) return () => undefined;
  return repeatEvery(ctx.config.reconcileIntervalMs, 'payment reconciliation', ctx.logger, () => reconcilePayments(ctx));
}
