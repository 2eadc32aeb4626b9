import { Op } from 'sequelize';
import type { AppContext } from '../context.ts';
import { Payment } from './payment.model.ts';
import { checkWhatIsDue } from '../gateways/reconcile-round.ts';
import { paymentGateway } from './payment-gateway.ts';
import { settlePayment, type SettleContext, type SettleOutcome } from './settle-payment.ts';
import { backoffAfter, repeatEvery } from '../scheduling/repeat.ts';
import { EngineError } from '../engine/client.ts';
import { correlateWaitingPayments } from './recorrelate.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

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
export async function reconcilePayment(ctx: SettleContext, payment: Payment): Promise<SettleOutcome | null> {
  if (!payment.orderNo || !['unpaid', 'expired'].includes(payment.status)) return null;
  const order = await paymentGateway(ctx.config).queryOrder(payment.merchantOrderNo);
  if (!order.paidAt) return null;
  if (order.amountFen !== payment.amountFen || order.orderNo !== payment.orderNo) {
    ctx.logger.error(
      {
        merchantOrderNo: payment.merchantOrderNo,
        ours: { amountFen: payment.amountFen, orderNo: payment.orderNo },
        gateway: { amountFen: order.amountFen, orderNo: order.orderNo },
      },
      'the gateway took money for an order unlike ours: reconcile by hand',
    );
    return null;
  }
  const paid = { orderNo: order.orderNo, merchantOrderNo: order.merchantOrderNo, amountFen: order.amountFen, paidAt: order.paidAt };
  const evidence = {
    eventId: `query:${order.orderNo}`,
    body: JSON.stringify({ ...order, queriedAt: new Date().toISOString() }),
    remoteAddress: null,
    problem: 'notification_missing',
  };
  return (await settlePayment(ctx, payment, paid, evidence)).outcome ?? null;
}

/**
 * One round of 对账: every order whose check is due is asked about at the payment gateway and its
 * next check scheduled; then every process still waiting for a payment recorded here is told again
 * (recorrelate.ts: the engine crashed before it heard it).
 */
export async function reconcilePayments(ctx: AppContext, now: Date = new Date()): Promise<{ checked: number; settled: number; correlated: number }> {
  const asked = await askTheGateway(ctx, now);
  try {
    return { ...asked, correlated: (await correlateWaitingPayments(ctx)).correlated };
  } catch (err) {
    if (!(err instanceof EngineError && err.status === 0)) throw err;
    ctx.logger.warn({ err }, 'engine unavailable: the payments it has not heard of are told at the next round of 对账');
    return { ...asked, correlated: 0 };
  }
}

function askTheGateway(ctx: AppContext, now: Date): Promise<{ checked: number; settled: number }> {
  return checkWhatIsDue<Payment>(ctx.logger, {
    system: 'payment gateway',
    due: (limit) => Payment.findAll({ where: { status: { [Op.in]: ['unpaid', 'expired'] }, nextCheckAt: { [Op.lte]: now } }, limit }),
    check: async (payment) => ((await reconcilePayment(ctx, payment)) ? 1 : 0),
    reschedule: (payment) => Payment.update({ nextCheckAt: nextCheckAt(payment, now) }, { where: { id: payment.id }, silent: true }).then(() => undefined),
    describe: (payment) => ({ merchantOrderNo: payment.merchantOrderNo }),
  });
}

/** Reconciles every `reconcileIntervalMs` until stopped, when a gateway is configured. */
export function watchPayments(ctx: AppContext): () => Promise<void> {
  if (!ctx.config.payment.gatewayUrl) return async () => undefined;
  return repeatEvery(ctx.config.reconcileIntervalMs, 'payment reconciliation', ctx, () => reconcilePayments(ctx));
}
