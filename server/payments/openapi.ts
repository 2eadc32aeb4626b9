import { always, bearer, caseParam, error, json, type Paths } from '../openapi/helpers.ts';

const when = { type: ['string', 'null'], format: 'date-time' };
const feeLine = always({
  caseNo: { type: 'string' },
  itemCode: { type: 'string' },
  name: { type: 'string', description: "the fee's name in the caller's language" },
  amountFen: { type: 'integer' },
  basis: { type: 'string', description: "its basis in the caller's language" },
});
const payment = {
  type: 'object',
  required: ['caseNo', 'required', 'amountFen', 'lines'],
  // a case that owes something has an order: every field then
  if: { properties: { required: { const: true } } },
  then: { required: ['status', 'orderNo', 'payUrl', 'expiresAt', 'paidAt', 'refundedAt', 'refundReason'] },
  else: { properties: { amountFen: { const: 0 }, lines: { maxItems: 0 } } },
  properties: {
    caseNo: { type: 'string' },
    required: { type: 'boolean', description: 'false: the case owes nothing (no order; the other fields absent)' },
    amountFen: { type: 'integer', description: 'the whole amount in fen (分)' },
    lines: { type: 'array', description: "the fees, per item case (a bundle's approved items, paid once together: 一次缴清)", items: feeLine },
    status: { enum: ['unpaid', 'paid', 'expired', 'closed', 'refunded'] },
    orderNo: { type: ['string', 'null'], description: "the gateway's order number" },
    payUrl: { type: ['string', 'null'], description: "the gateway's pay page while unpaid" },
    expiresAt: { type: 'string', format: 'date-time', description: 'after this the order can no longer be paid' },
    paidAt: when,
    refundedAt: when,
    refundReason: { type: ['string', 'null'] },
    dueOnApproval: {
      description:
        "no order yet (required false): what the case will owe once approved (its items' fees; a bundle's items not refused), or null when it owes nothing",
      oneOf: [always({ amountFen: { type: 'integer', minimum: 1 }, lines: { type: 'array', items: feeLine } }), { type: 'null' }],
    },
  },
};
const notification = {
  type: 'object',
  required: ['notifyId', 'orderNo', 'merchantOrderNo', 'amountFen', 'paidAt', 'status'],
  properties: {
    notifyId: { type: 'string' },
    orderNo: { type: 'string', description: "the gateway's" },
    merchantOrderNo: { type: 'string', description: 'ours: one per fee order of a case' },
    amountFen: { type: 'integer', minimum: 1 },
    paidAt: { type: 'string', format: 'date-time' },
    status: { const: 'paid' },
  },
};
const answer = (description: string) => ({
  description,
  content: json({
    oneOf: [
      always({ ok: { const: true }, outcome: { enum: ['paid', 'late', 'repeat'] } }),
      always({ ok: { const: false }, reason: { enum: ['unknown_order', 'amount_mismatch', 'refund_refused', 'refund_pending'] } }),
    ],
  }),
});

/** 统一支付 paths of /api/v1: what a case owes, and the gateway's signed notifications. */
export function paymentPaths(): Paths {
  return {
    '/cases/{caseNo}/payment': {
      get: {
        summary:
          "缴费: what the case owes (its approved items' fees), where to pay and what happened to the money. While the order is unpaid the gateway is asked first (对账, at most every 5 s per order), so a payer back from its pay page sees the payment even when the notification is late or lost. For whoever may see the case",
        security: bearer,
        parameters: caseParam,
        responses: { 200: { description: 'the payment', content: json(payment) }, 404: error('no such case visible to the caller') },
      },
    },
    '/gateways/payment/notify': {
      post: {
        summary:
          'Payment notifications from the gateway (no bearer token: RSA-SHA256 by the gateway\'s key over "<timestamp>\\n<nonce>\\n<raw body>\\n", headers X-Pay-Timestamp, X-Pay-Nonce, X-Pay-Signature, within 5 minutes of our clock). Every notification is kept, forged ones too; the payment is settled once, a repeat changes nothing; money for an order that expired first, or for a case that ended, is refunded',
        parameters: [
          { name: 'X-Pay-Timestamp', in: 'header', required: true, schema: { type: 'string' }, description: 'unix seconds' },
          { name: 'X-Pay-Nonce', in: 'header', required: true, schema: { type: 'string' }, description: '32 hex characters' },
          { name: 'X-Pay-Signature', in: 'header', required: true, schema: { type: 'string' }, description: 'base64 RSA-SHA256 (PKCS#1 v1.5)' },
        ],
        requestBody: { required: true, content: json(notification) },
        responses: {
          200: answer(
            '{ok: true, outcome} settled (paid; late: paid after the order expired, refunded; repeat: nothing changed); {ok: false, reason} for an order that is not ours or another amount, or a refund the gateway refused (kept, answered 2xx so the gateway stops)',
          ),
          401: error('signature missing, invalid, malformed or outside the 5-minute window (callback_refused, with the reason); kept, nothing changes'),
          429: error('too many callbacks from this address'),
          503: {
            description:
              'the refund could not reach the gateway (refund_pending), or the payment is recorded but the engine did not confirm it to the case (engine_unavailable: down or restarting; 对账 tells it later); the gateway sends the notification again and what is left is retried',
            content: json(always({ ok: { const: false }, reason: { enum: ['refund_pending', 'engine_unavailable'] } })),
          },
        },
      },
    },
  };
}
