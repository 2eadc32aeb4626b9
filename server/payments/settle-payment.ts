import type { AppContext } from '../context.ts';
import { GatewayCallback } from '../gateways/gateway-callback.model.ts';
import { Payment } from './payment.model.ts';
import { caseById, recordTimeline, setCaseStatus } from '../cases/index.ts';
import { GatewayRejectedError, GatewayUnavailableError } from '../gateways/gateway-errors.ts';
import { decidedStatusOf } from './fees.ts';
import { refundPayment } from './refund.ts';
import { tellPaymentReceived, type PaymentTold } from './payment-received.ts';
import type { CorrelationPatience } from '../engine/correlate.ts';

export type CallbackAnswer = { status: number; body: Record<string, unknown> };

/** What the gateway says was paid: by its notification, or by its answer when asked (对账). */
export interface PaidOrder {
  orderNo: string;
  merchantOrderNo: string;
  amountFen: number;
  paidAt: Date;
}

/** How we learnt it, kept as evidence: the notification's id and body, or the query's answer. */
export interface PaidEvidence {
  eventId: string | null;
  body: string;
  remoteAddress: string | null;
  /** why it came this way, kept with the evidence (a notification that never came: `notification_missing`) */
  problem?: string;
}

export type SettleOutcome = 'paid' | 'late' | 'repeat';

/**
 * What settling needs: the configuration for refunds, a log, and the engine to tell the waiting
 * process; no engine when the caller is the process's own step (it is not waiting for the message).
 */
export type SettleContext = Pick<AppContext, 'config' | 'logger'> & {
  engine?: AppContext['engine'];
  /** how long an engine that does not answer is asked again before the payment is left to 对账 (default: UNCONFIRMED_PAUSES_MS, about 16 s) */
  correlationPatience?: CorrelationPatience;
};

/**
 * Records money the gateway took for one of our orders, once: a compare-and-set on the payment's
 * status makes twins, repeats and a notification racing a query no-ops. The case's process hears
 * PaymentReceived (a repeat too, in case the engine missed it); money that arrives for a case that
 * can no longer use it (the order expired first, or the case ended) is refunded. The answer is the
 * one the gateway's notification gets: 503 while the engine has not confirmed, so that it sends again.
 */
export async function settlePayment(
  ctx: SettleContext,
  payment: Payment,
  paid: PaidOrder,
  evidence: PaidEvidence,
): Promise<CallbackAnswer & { outcome?: SettleOutcome }> {
  const kept = {
    gateway: 'payment' as const,
    eventId: evidence.eventId,
    subject: paid.merchantOrderNo,
    body: evidence.body.slice(0, 8000),
    remoteAddress: evidence.remoteAddress,
  };
  const c = (await caseById(payment.caseId))!;
  const afterStatus = await decidedStatusOf(c);
  const outcome = await Payment.sequelize!.transaction(async (transaction): Promise<SettleOutcome> => {
    const [paidNow] = await Payment.update({ status: 'paid', paidAt: paid.paidAt }, { where: { id: payment.id, status: 'unpaid' }, transaction });
    if (paidNow) {
      await GatewayCallback.create({ ...kept, outcome: 'recorded', problem: evidence.problem ?? null }, { transaction });
      await recordTimeline(
        {
          caseId: c.id,
          type: 'payment.received',
          actor: 'system:payment',
          detail: { amountFen: paid.amountFen, orderNo: paid.orderNo, paidAt: paid.paidAt.toISOString() },
          idempotencyKey: `payment-received:${payment.merchantOrderNo}`,
        },
        transaction,
      );
      if (c.status === 'awaiting_payment') await setCaseStatus(c.id, afterStatus, transaction, 'awaiting_payment');
      return 'paid';
    }
    // the order expired before the money came: take it, then give it back
    const [late] = await Payment.update({ status: 'paid', paidAt: paid.paidAt }, { where: { id: payment.id, status: 'expired' }, transaction });
    await GatewayCallback.create(
      { ...kept, outcome: late ? 'recorded' : 'duplicate', problem: late ? 'paid_after_expiry' : (evidence.problem ?? null) },
      { transaction },
    );
    return late ? 'late' : 'repeat';
  });

  let told: PaymentTold | undefined;
  // a repeat of a payment recorded here is told too: the engine may have missed the first telling (崩溃恢复)
  const paidHere = outcome === 'paid' || (outcome === 'repeat' && (await Payment.findByPk(payment.id))!.status === 'paid');
  if (paidHere && ctx.engine) {
    told = await tellPaymentReceived(ctx.engine, ctx.logger, c.caseNo, { ...ctx.correlationPatience, awaitWait: outcome === 'paid' });
    if (told === 'not_waiting' && outcome === 'paid') {
      // the process left its wait (the order's timer won the race, or the task ahead of the wait
      // already saw the payment): if the case no longer waits for money, the money goes back
      const now = await caseById(c.id);
      if (now && ['terminated', 'withdrawn'].includes(now.status))
        await refundPayment(ctx.config, (await Payment.findByPk(payment.id))!, '办件已终止，费用原路退回');
    }
  }
  const current = (await Payment.findByPk(payment.id))!;
  // late, or a repeat of a payment still owed its refund (the gateway re-sends until we answer 2xx)
  if (outcome === 'late' || (outcome === 'repeat' && current.status === 'paid' && ['terminated', 'withdrawn'].includes((await caseById(c.id))!.status))) {
    try {
      await refundPayment(ctx.config, current, '缴费时订单已过期，费用原路退回');
    } catch (err) {
      // unreachable gateway: answer 503, it sends the notification again and the refund is retried
      if (err instanceof GatewayUnavailableError) return { status: 503, body: { ok: false, reason: 'refund_pending' }, outcome };
      if (!(err instanceof GatewayRejectedError)) throw err;
      ctx.logger.error({ err, merchantOrderNo: paid.merchantOrderNo }, 'the gateway refused to refund a payment it took: reconcile by hand');
      return { status: 200, body: { ok: false, reason: 'refund_refused' }, outcome };
    }
  }
  ctx.logger.info(
    { merchantOrderNo: paid.merchantOrderNo, outcome, told, notificationMissing: evidence.problem === 'notification_missing' },
    'payment settled',
  );
  // recorded, but the process has not heard it: the gateway sends again, and 对账 tells the process
  if (told === 'unconfirmed') return { status: 503, body: { ok: false, reason: 'engine_unavailable' }, outcome };
  return { status: 200, body: { ok: true, outcome }, outcome };
}
