import express, { Router, type RequestHandler } from 'express';
import type { AppContext } from '../context.ts';
import { Case, Payment } from '../db/index.ts';
import { mayView } from '../cases/case-access.ts';
import { notFound } from '../errors/app-error.ts';
import { receivePaymentNotification } from './payment-callback.ts';

/**
 * POST /gateways/payment/notify: the gateway's signed notifications. Mounted before the JSON body
 * parser: the signature covers the raw bytes, which must reach the check untouched.
 */
export function paymentCallbackRouter(ctx: AppContext): Router {
  const router = Router();
  router.post('/gateways/payment/notify', express.raw({ type: () => true, limit: '64kb' }), async (req, res) => {
    const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const answer = await receivePaymentNotification(ctx, raw, req.headers, req.ip ?? null);
    res.status(answer.status).json(answer.body);
  });
  return router;
}

/** GET /cases/{caseNo}/payment: what the case owes, where to pay, and what happened to the money. */
export function paymentsRouter(authenticated: RequestHandler): Router {
  const router = Router();
  router.get('/cases/:caseNo/payment', authenticated, async (req, res) => {
    const c = await Case.findOne({ where: { caseNo: String(req.params.caseNo) } });
    if (!c || !(await mayView(req.principal!, c))) throw notFound('case_not_found');
    const p = await Payment.findOne({ where: { caseId: c.id } });
    if (!p) return void res.json({ caseNo: c.caseNo, required: false, amountFen: 0, lines: [] });
    res.json({
      caseNo: c.caseNo,
      required: true,
      amountFen: p.amountFen,
      lines: p.lines,
      status: p.status,
      orderNo: p.orderNo,
      payUrl: p.status === 'unpaid' ? p.payUrl : null,
      expiresAt: p.expiresAt.toISOString(),
      paidAt: p.paidAt?.toISOString() ?? null,
      refundedAt: p.refundedAt?.toISOString() ?? null,
      refundReason: p.refundReason ?? null,
    });
  });
  return router;
}
