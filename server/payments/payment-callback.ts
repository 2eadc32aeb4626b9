import type { AppContext } from '../context.ts';
import { GatewayCallback } from '../gateways/gateway-callback.model.ts';
import { Payment } from './payment.model.ts';
import { CallbackRejectedError } from '../gateways/gateway-errors.ts';
import type { PaymentNotification } from '../gateways/payment/index.ts';
import type { CallbackHeaders } from '../gateways/signed-message.ts';
import { paymentGateway } from './payment-gateway.ts';
import { settlePayment, type CallbackAnswer } from './settle-payment.ts';

const keep = (entry: {
  eventId?: string | null;
  subject?: string | null;
  outcome: 'recorded' | 'duplicate' | 'refused';
  problem?: string | null;
  body: Buffer;
  remoteAddress?: string | null;
}) =>
  GatewayCallback.create({
    gateway: 'payment',
    eventId: entry.eventId ?? null,
    subject: entry.subject ?? null,
    outcome: entry.outcome,
    problem: entry.problem ?? null,
    body: entry.body.toString('utf8').slice(0, 8000),
    remoteAddress: entry.remoteAddress ?? null,
  });

/**
 * A payment notification as it arrived (raw bytes). Forged, altered or stale: 401, kept as
 * evidence, nothing changes. About an order we never made or for another amount: kept, answered
 * 200 so the gateway stops, nothing changes. Otherwise the payment is settled once
 * (settle-payment.ts), as when a query finds it paid.
 */
export async function receivePaymentNotification(
  ctx: AppContext,
  raw: Buffer,
  headers: CallbackHeaders,
  remoteAddress: string | null,
): Promise<CallbackAnswer> {
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

  return settlePayment(ctx, payment, n, { eventId: n.notifyId, body: raw.toString('utf8'), remoteAddress });
}
