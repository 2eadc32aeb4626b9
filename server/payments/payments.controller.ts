import express from 'express';
import type { AppContext } from '../context.ts';
import { Payment } from './payment.model.ts';
import { caseByNo, mayView } from '../cases/index.ts';
import { notFound } from '../errors/app-error.ts';
import { receivePaymentNotification } from './payment-callback.ts';
import { reconcilePayment } from './reconcile.ts';
import { feeLineIn, feeLinesDueOnApproval } from './fees.ts';
import { negotiateLocale } from '../i18n/locale.ts';
import { GatewayRejectedError, GatewayUnavailableError } from '../gateways/gateway-errors.ts';
import { SIGNED_IN, SIGNED_MESSAGE } from '../http/access.ts';
import { RouteTable } from '../http/route-table.ts';

/**
 * POST /gateways/payment/notify: the gateway's signed notifications. Mounted before the JSON body
 * parser: the signature covers the raw bytes, which must reach the check untouched.
 */
export function paymentCallbackRoutes(ctx: AppContext): RouteTable {
  const routes = new RouteTable(ctx);
  routes.post('/gateways/payment/notify', SIGNED_MESSAGE, express.raw({ type: () => true, limit: '64kb' }), async (req, res) => {
    const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const answer = await receivePaymentNotification(ctx, raw, req.headers, req.ip ?? null);
    res.status(answer.status).json(answer.body);
  });
  return routes;
}

/** a node asks the gateway about one order at most this often for the pages that show it */
const ASK_AT_MOST_EVERY_MS = 5_000;

/**
 * GET /cases/{caseNo}/payment: what the case owes, where to pay, and what happened to the money;
 * before its order, what it will owe once approved.
 * While the order is unpaid here, the gateway is asked first (对账): the applicant who comes back
 * from its pay page sees the payment even when its notification is late or lost.
 */
export function paymentsRoutes(ctx: AppContext): RouteTable {
  const routes = new RouteTable(ctx);
  const asked = new Map<number, number>();
  const mayAsk = (paymentId: number) => {
    const now = Date.now();
    if (now - (asked.get(paymentId) ?? 0) < ASK_AT_MOST_EVERY_MS) return false;
    if (asked.size > 10_000) for (const [id, at] of asked) if (now - at >= ASK_AT_MOST_EVERY_MS) asked.delete(id);
    asked.set(paymentId, now);
    return true;
  };
  routes.get('/cases/:caseNo/payment', SIGNED_IN, async (req, res) => {
    const c = await caseByNo(String(req.params.caseNo));
    if (!c || !(await mayView(req.principal!, c))) throw notFound('case_not_found');
    const locale = negotiateLocale(req.headers['accept-language']);
    let p = await Payment.findOne({ where: { caseId: c.id } });
    if (!p) {
      // no order yet: what the case will owe once approved, so nobody reads 无需缴费 before the decision
      const due = await feeLinesDueOnApproval(c);
      const dueOnApproval = due.length ? { amountFen: due.reduce((sum, l) => sum + l.amountFen, 0), lines: due.map((l) => feeLineIn(l, locale)) } : null;
      return void res.json({ caseNo: c.caseNo, required: false, amountFen: 0, lines: [], dueOnApproval });
    }
    if (p.status === 'unpaid' && p.orderNo && mayAsk(p.id)) {
      try {
        if (await reconcilePayment(ctx, p)) p = (await Payment.findByPk(p.id))!;
      } catch (err) {
        // the page shows what we know; the round of 对账 asks again later
        if (!(err instanceof GatewayUnavailableError || err instanceof GatewayRejectedError)) throw err;
        req.log?.warn({ err, merchantOrderNo: p.merchantOrderNo }, 'payment check failed: the page shows what we know');
      }
    }
    res.json({
      caseNo: c.caseNo,
      required: true,
      amountFen: p.amountFen,
      lines: p.lines.map((l) => feeLineIn(l, locale)),
      status: p.status,
      orderNo: p.orderNo,
      payUrl: p.status === 'unpaid' ? p.payUrl : null,
      expiresAt: p.expiresAt.toISOString(),
      paidAt: p.paidAt?.toISOString() ?? null,
      refundedAt: p.refundedAt?.toISOString() ?? null,
      refundReason: p.refundReason ?? null,
    });
  });
  return routes;
}
