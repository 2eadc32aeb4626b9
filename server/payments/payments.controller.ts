import express from 'express';
import type { AppContext } from '../context.ts';
import { receivePaymentNotification } from './payment-callback.ts';
import { CasePayments } from './case-payment.ts';
import { negotiateLocale } from '../i18n/locale.ts';
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

/** GET /cases/{caseNo}/payment: the case's payment as its pages show it, the gateway asked first while it is unpaid (./case-payment.ts). */
export function paymentsRoutes(ctx: AppContext): RouteTable {
  const routes = new RouteTable(ctx);
  const payments = new CasePayments(ctx);
  routes.get('/cases/:caseNo/payment', SIGNED_IN, async (req, res) => {
    res.json(await payments.of(req.principal!, String(req.params.caseNo), negotiateLocale(req.headers['accept-language']), req.log));
  });
  return routes;
}
