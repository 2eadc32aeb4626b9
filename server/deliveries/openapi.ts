import { deliveryChoiceSchema } from './delivery-choice-schema.ts';
import { handoverSchema } from './handover.ts';
import { bearer, caseParam, clean, error, json, type Paths, type Schemas } from '../openapi/helpers.ts';

/** The component schemas of 送达: the choice of delivery and the delivery as shown. */
export function deliverySchemas(): Schemas {
  return {
    DeliveryChoice: clean(deliveryChoiceSchema),
    Delivery: {
      type: 'object',
      description:
        "送达: an item case of a bundle shows its bundle's delivery (deliveredWith); pickup.code and the whole recipient phone only to the applicant",
      properties: {
        caseNo: { type: 'string' },
        deliveredWith: { type: ['string', 'null'] },
        method: { enum: ['logistics', 'pickup', 'electronic'] },
        methodLabel: { type: 'string' },
        chosen: { type: 'boolean' },
        started: { type: 'boolean' },
        status: { enum: ['preparing', 'in_transit', 'delivered', 'returned', null] },
        statusLabel: { type: ['string', 'null'] },
        recipient: { type: ['object', 'null'] },
        shipmentNo: { type: ['string', 'null'] },
        waybillNo: { type: ['string', 'null'] },
        tracking: {
          type: 'array',
          items: { type: 'object', properties: { event: { type: 'string' }, at: { type: 'string' }, note: { type: ['string', 'null'] } } },
        },
        pickup: { type: ['object', 'null'], properties: { atWindow: { type: 'boolean' }, code: { type: ['string', 'null'] } } },
        deliveredAt: { type: ['string', 'null'] },
        handedOverBy: { type: ['string', 'null'] },
        documents: {
          type: 'array',
          items: {
            type: 'object',
            properties: {
              id: { type: 'integer' },
              caseNo: { type: 'string' },
              kind: { type: 'string' },
              title: { type: 'string' },
              sha256: { type: 'string' },
              size: { type: 'integer' },
              signedAt: { type: 'string' },
              url: { type: 'string' },
            },
          },
        },
      },
    },
  };
}

/** 送达 paths of /api/v1: the delivery, window pickup, the result documents and the carrier's callbacks. */
export function deliveryPaths(): Paths {
  return {
    '/cases/{caseNo}/delivery': {
      get: {
        summary: '送达: how the results reach the applicant (logistics with tracking, window pickup, electronic) and the documents they carry',
        security: bearer,
        parameters: caseParam,
        responses: {
          200: { description: 'the delivery', content: json({ $ref: '#/components/schemas/Delivery' }) },
          404: error('no such case visible to the caller'),
        },
      },
      put: {
        summary:
          'Choose the delivery (the applicant, or a window clerk) until it starts; logistics needs a recipient the carrier can reach. A bundle chooses for all its items (统一出件)',
        security: bearer,
        parameters: caseParam,
        requestBody: { required: true, content: json({ $ref: '#/components/schemas/DeliveryChoice' }) },
        responses: {
          200: { description: 'chosen' },
          403: error('not an applicant or clerk'),
          404: error('no such case of the caller'),
          409: error('the delivery has started, the case closed without results, or an item case of a bundle'),
          422: error('bad method, phone, address or name'),
        },
      },
    },
    '/cases/{caseNo}/delivery/handover': {
      post: {
        summary: '窗口领取: a window clerk hands the results over on the pickup code the applicant received',
        security: bearer,
        parameters: caseParam,
        requestBody: { required: true, content: json(clean(handoverSchema)) },
        responses: {
          200: { description: 'handed over; the case ends delivered' },
          403: error('not a clerk'),
          404: error('no such case'),
          409: error('already delivered or handed over, not at the window, or not awaited yet'),
          422: error('wrong pickup code'),
        },
      },
    },
    '/cases/{caseNo}/documents/{id}': {
      get: {
        summary:
          "A sealed, signed result document (PDF, named by its Chinese title, RFC 5987): the applicant once the delivery has started, staff who may see the case; an item's documents also through its bundle",
        security: bearer,
        parameters: [...caseParam, { name: 'id', in: 'path', required: true, schema: { type: 'integer' } }],
        responses: {
          200: { description: 'the PDF', content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } } },
          404: error('no such case or document visible to the caller'),
        },
      },
    },
    '/gateways/logistics/callback': {
      post: {
        summary:
          'Tracking callbacks from the carrier (no bearer token: HMAC-SHA256 over the raw body, headers X-Carrier-Timestamp, X-Carrier-Nonce, X-Carrier-Signature). Every callback is kept; a repeated eventId changes nothing',
        requestBody: {
          required: true,
          content: json({
            type: 'object',
            required: ['eventId', 'waybillNo', 'event', 'at', 'description'],
            properties: {
              eventId: { type: 'string' },
              waybillNo: { type: 'string' },
              shipmentNo: { type: 'string' },
              event: { enum: ['collected', 'in_transit', 'delivered', 'returned'] },
              at: { type: 'string', format: 'date-time' },
              description: { type: 'string' },
            },
          }),
        },
        responses: {
          200: {
            description:
              '{ok: true} recorded or a duplicate; {ok: false, problem: "unknown_waybill"} for a waybill never booked here (kept, not acted on, answered 2xx so the carrier stops retrying)',
          },
          400: error('signed but not a callback'),
          401: error('signature missing, invalid or outside the 5-minute window'),
          503: { description: 'delivered before the case waits for it: retry later' },
        },
      },
    },
  };
}
