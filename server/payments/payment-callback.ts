import type { AppContext } from '../context.ts';
import { Case, GatewayCallback, Payment } from '../db/index.ts';
import { recordTimeline } from '../cases/timeline.ts';
import { correlateToCase } from '../engine/correlate.ts';
import { CallbackRejectedError, GatewayRejectedError, GatewayUnavailableError } from '../gateways/gateway-errors.ts';
import type { PaymentNotification } from '../gateways/payment/index.ts';
import type { CallbackHeaders } from '../gateways/signed-message.ts';
import { MESSAGES } from '../../processes/topics.ts';
import { paymentGateway } from './payment-gateway.ts';
import { decidedStatusOf } from './fees.ts';
import { refundPayment } from './refund.ts';

export type CallbackAnswer = { status: number; body: Record<string, unknown> };

const keep = (entry: { eventId?: string | null; subject?: string | null; outcome: 'recorded' | 'duplicate' | 'refused'; problem?: string | null; body: Buffer; remoteAddress?: string | null }) =>
  GatewayCallback.create({ gateway: 'payment', eventId: entry.eventId ?? null, subject: entry.subject ?? null, outcome: entry.outcome, problem: entry.problem ?? null, body: entry.body.toString('utf8').slice(0, 8000), remoteAddress: entry.remoteAddress ?? null });

/**
 * A payment notification as it arrived (raw bytes). Forged, altered or stale: 401, kept as
 * evidence, nothing changes. About an order we never made or for another amount: kept, answered
 * 200 so the gateway stops, nothing changes. Otherwise the payment is recorded once (a
 * compare-and-set on the order's status makes twins and repeats no-ops) and the case's process
 * hears PaymentReceived; money that arrives for a case that can no longer use it is refunded.
 */
export async function receivePaymentNotification(ctx: AppContext, raw: Buffer, headers: CallbackHeaders, remoteAddress: string | null): Promise<CallbackAnswer> {
  let n: PaymentNotification;
  try {
    n = paymentGateway(ctx.config).verifyNotification(raw, headers);
  } catch (err) {
    if (!(err instanceof CallbackRejectedError)) throw err;
    await keep({ outcome: 'refused', problem: err.reason, body: raw, remoteAddress });
    ctx.logger.warn({ reason: err.reason, remoteAddress }, 'payment notification refused');
    return { status: 401, body: { error: { code: 'callback_refused', message: `通知验签失败（${err.reason}）`, reason: err.reason } } };
  }
  const payment = await Payment.findOne({ where: { merchantOrderNo: n.merchantOrderNo } });
  const problem = !payment ? 'unknown_order' : payment.amountFen !== n.amountFen ? 'amount_mismatch' : null;
  if (!payment || problem) {
    await keep({ eventId: n.notifyId, subject: n.merchantOrderNo, outcome: 'refused', problem, body: raw, remoteAddress });
    ctx.logger.error({ merchantOrderNo: n.merchantOrderNo, amountFen: n.amountFen, problem }, 'verified payment notification that matches no order of ours');
    return { status: 200, body: { ok: false, reason: problem } };
  }

  const c = (await Case.findByPk(payment.caseId))!;
  const afterStatus = await decidedStatusOf(c);
  const outcome = await Case.sequelize!.transaction(async (transaction) => {
    const [paidNow] = await Payment.update({ status: 'paid', paidAt: n.paidAt }, { where: { id: payment.id, status: 'unpaid' }, transaction });
    if (paidNow) {
      await GatewayCallback.create({ gateway: 'payment', eventId: n.notifyId, subject: n.merchantOrderNo, outcome: 'recorded', problem: null, body: raw.toString('utf8').slice(0, 8000), remoteAddress }, { transaction });
      await recordTimeline({ caseId: c.id, type: 'payment.received', actor: 'system:payment', detail: { amountFen: n.amountFen, orderNo: n.orderNo, paidAt: n.paidAt.toISOString() }, idempotencyKey: `payment-received:${payment.merchantOrderNo}` }, transaction);
      if (c.status === 'awaiting_payment') await Case.update({ status: afterStatus }, { where: { id: c.id, status: 'awaiting_payment' }, transaction });
      return 'paid' as const;
    }
    // the order expired before the money came: take it, then give it back
    const [late] = await Payment.update({ status: 'paid', paidAt: n.paidAt }, { where: { id: payment.id, status: 'expired' }, transaction });
    await GatewayCallback.create({ gateway: 'payment', eventId: n.notifyId, subject: n.merchantOrderNo, outcome: late ? 'recorded' : 'duplicate', problem: late ? 'paid_after_expiry' : null, body: raw.toString('utf8').slice(0, 8000), remoteAddress }, { transaction });
    return late ? ('late' as const) : ('repeat' as const);
  });

  if (outcome === 'paid') {
    try {
      await correlateToCase(ctx.engine, MESSAGES.paymentReceived, c.caseNo, () => new Error('not waiting'));
    } catch (err) {
      if ((err as Error).message !== 'not waiting') throw err;
      // the process left its wait (the order's timer won the race, or the task ahead of the wait
      // already saw the payment): if the case no longer waits for money, the money goes back
      const now = await Case.findByPk(c.id);
      if (now && ['terminated', 'withdrawn'].includes(now.status)) await refundPayment(ctx.config, (await Payment.findByPk(payment.id))!, '办件已终止，费用原路退回');
    }
  }
  const current = (await Payment.findByPk(payment.id))!;
  // late, or a repeat of a payment still owed its refund (the gateway re-sends until we answer 2xx)
  if (outcome === 'late' || (outcome === 'repeat' && current.status === 'paid' && ['terminated', 'withdrawn'].includes((await Case.findByPk(c.id))!.status))) {
    try {
      await refundPayment(ctx.config, current, '缴费时订单已过期，费用原路退回');
    } catch (err) {
      // unreachable gateway: answer 503, it sends the notification again and the refund is retried
      if (err instanceof GatewayUnavailableError) return { status: 503, body: { ok: false, reason: 'refund_pending' } };
      if (!(err instanceof GatewayRejectedError)) throw err;
      ctx.logger.error({ err, merchantOrderNo: n.merchantOrderNo }, 'the gateway refused to refund a payment it notified: reconcile by hand');
      return { status: 200, body: { ok: false, reason: 'refund_refused' } };
    }
  }
  ctx.logger.info({ merchantOrderNo: n.merchantOrderNo, outcome }, 'payment notification');
  return { status: 200, body: { ok: true, outcome } };
}
