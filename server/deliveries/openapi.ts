import { deliveryChoiceSchema } from '../../contract/requests/delivery.ts';
import { handoverSchema } from './handover.ts';
import { pickupQuerySchema } from './pickup-queue.ts';
import { PRIORITY_REASONS } from '../../contract/priority.ts';
import { always, answer, bearer, caseParam, clean, error, instant, json, nullable, type Paths, type Schemas } from '../openapi/helpers.ts';

const text = { type: 'string' };

/** The component schemas of 送达: the choice of delivery and the delivery as shown. */
export function deliverySchemas(): Schemas {
  return {
    DeliveryChoice: clean(deliveryChoiceSchema),
    Delivery: {
      description:
        "送达: an item case of a bundle shows its bundle's delivery (deliveredWith); pickup.code and the whole recipient phone only to the applicant",
      ...always({
        caseNo: text,
        deliveredWith: { ...nullable(), description: 'for an item case of a bundle: the bundle case whose delivery carries its results' },
        method: { enum: ['logistics', 'pickup', 'electronic'], description: 'as chosen; electronic until a choice is made' },
        methodLabel: text,
        chosen: { type: 'boolean' },
        started: { type: 'boolean' },
        status: { enum: ['preparing', 'in_transit', 'delivered', 'returned', null] },
        statusLabel: nullable(),
        recipient: {
          description: 'the phone masked (138****8000) for anyone but the applicant',
          oneOf: [always({ name: text, phone: text, address: text }), { type: 'null' }],
        },
        shipmentNo: nullable(),
        waybillNo: nullable(),
        tracking: {
          type: 'array',
          description: '送达动态, oldest first',
          items: always({
            event: {
              type: 'string',
              description: 'the code: collected, in_transit, delivered, returned (the carrier’s); available, handed_over (the platform’s)',
            },
            label: { type: 'string', description: "the event in the caller's language, named by the platform from its code" },
            at: text,
            note: { ...nullable(), description: 'as the carrier (or the platform) wrote it, in its own language' },
            byCarrier: { type: 'boolean', description: "the carrier reported it: the note is the carrier's words" },
          }),
        },
        pickup: {
          description: 'a pickup code was issued (window pickup, or a returned parcel); the code only to the applicant',
          oneOf: [always({ atWindow: { type: 'boolean' }, code: nullable() }), { type: 'null' }],
        },
        deliveredAt: nullable('date-time'),
        handedOverBy: nullable(),
        documents: { type: 'array', items: { $ref: '#/components/schemas/ResultDocument' } },
      }),
    },
    ResultDocument: always({
      id: { type: 'integer' },
      caseNo: text,
      kind: { type: 'string', description: 'license, decision, acceptance notice, correction notice …' },
      title: { type: 'string', description: "in the caller's language; the document itself is Chinese (its legal text)" },
      subject: { ...nullable(), description: "the item (or the 一件事 bundle) the document is of, by name in the caller's language" },
      sha256: text,
      size: { type: 'integer' },
      signedAt: instant,
      url: { type: 'string', description: 'GET it with the bearer token: /api/v1/cases/{caseNo}/documents/{id}' },
      sm2: {
        description:
          "the SM2-with-SM3 signature kept beside the PDF (GM/T 0009 id 1234567812345678) by the seal's SM2 certificate; null when the seal had none (RSA PAdES only)",
        oneOf: [{ type: 'null' }, always({ certificateSerial: nullable(), signatureUrl: { type: 'string', description: 'GET: the signature, DER' } })],
      },
    }),
    SignatureCheck: always({
      status: {
        enum: ['valid', 'tampered', 'wrong_signer', 'absent'],
        description: "valid; tampered: the bytes changed since signing; wrong_signer: not the seal's certificate; absent: the document has no such signature",
      },
      certificateSerial: nullable(),
    }),
    DocumentVerification: always({
      documentId: { type: 'integer' },
      checked: { enum: ['stored', 'uploaded'], description: 'the file the platform keeps, or the copy sent' },
      sha256: text,
      sha256Matches: { type: 'boolean', description: 'the file is byte for byte the one sealed' },
      rsa: {
        allOf: [{ $ref: '#/components/schemas/SignatureCheck' }, always({ signer: nullable() })],
        description: 'the PAdES signature in the PDF (what PDF readers validate)',
      },
      sm2: {
        allOf: [{ $ref: '#/components/schemas/SignatureCheck' }, always({ userId: nullable() })],
        description: "the SM2-with-SM3 signature kept with the document, verified with the seal's SM2 certificate",
      },
    }),
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
          'Choose the delivery (the applicant — who submitted the case or in whose name it was taken at the window — or a window clerk) until it starts; logistics needs a recipient the carrier can reach. A bundle chooses for all its items (统一出件)',
        security: bearer,
        parameters: caseParam,
        requestBody: { required: true, content: json({ $ref: '#/components/schemas/DeliveryChoice' }) },
        responses: {
          200: {
            description: 'chosen: the delivery as GET answers it, with the choice in it (a page shows the answer as it is)',
            content: json({ $ref: '#/components/schemas/Delivery' }),
          },
          403: error('not an applicant or clerk'),
          404: error('no such case of the caller'),
          409: error('the delivery has started, the case closed without results, or an item case of a bundle'),
          422: error('bad method, phone, address or name'),
        },
      },
    },
    '/deliveries/pickups': {
      get: {
        summary:
          "统一出件: the results waiting for pickup at the caller's hall (cases received in the clerk's region, not yet handed over), 绿色通道 first, then the longest waiting, a page at a time; never the code",
        security: bearer,
        parameters: [
          { name: 'q', in: 'query', required: false, schema: clean(pickupQuerySchema.properties.q) },
          { name: 'limit', in: 'query', required: false, schema: { type: 'integer', minimum: 1, maximum: 100, default: 20 } },
          { name: 'offset', in: 'query', required: false, schema: { type: 'integer', minimum: 0, default: 0 } },
        ],
        responses: {
          200: answer(
            'the pickup queue',
            always({
              pickups: {
                type: 'array',
                items: always({
                  caseNo: text,
                  itemName: text,
                  applicantName: text,
                  applicantIdNo: { type: 'string', description: 'masked' },
                  agentName: nullable(),
                  priority: {
                    oneOf: [{ type: 'null' }, always({ reason: { type: 'string', enum: [...PRIORITY_REASONS] }, label: text })],
                    description: '绿色通道',
                  },
                  method: { enum: ['logistics', 'pickup'], description: 'pickup, or a parcel the carrier returned' },
                  methodLabel: text,
                  status: { enum: ['preparing', 'in_transit', 'returned'] },
                  statusLabel: text,
                  documents: { type: 'integer' },
                  waitingSince: instant,
                }),
              },
              total: { type: 'integer', description: 'how many wait at the hall (for the search), of which this is one page' },
              limit: { type: 'integer' },
              offset: { type: 'integer' },
            }),
          ),
          403: error('not a clerk'),
          422: error('bad query'),
        },
      },
    },
    '/cases/{caseNo}/delivery/handover': {
      post: {
        summary:
          "窗口领取: a window clerk hands the results over on the pickup code the applicant received, to the person whose ID they checked (the applicant's or the registered agent's); after 5 wrong codes the code is replaced and sent to the applicant again",
        security: bearer,
        parameters: caseParam,
        requestBody: { required: true, content: json(clean(handoverSchema)) },
        responses: {
          200: answer(
            'handed over; the case ends delivered',
            always({ caseNo: text, status: { const: 'delivered' }, deliveredAt: instant, handedOverBy: { type: 'string' } }),
          ),
          403: error('not a clerk'),
          404: error('no such case'),
          409: error('already delivered or handed over, not at the window, or not awaited yet'),
          422: error('wrong pickup code or ID number, said in words (the 5th wrong code in a row replaces the code)'),
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
    '/cases/{caseNo}/documents/{id}/verification': {
      post: {
        summary:
          "验章: both signatures of a sealed document, each on its own: the RSA PAdES signature in the PDF (sound over the whole file, by the seal's certificate) and the SM2-with-SM3 signature kept with it (verified with the seal's SM2 certificate). No body: the stored file; multipart with `file`: a copy someone was given (a changed byte fails both)",
        security: bearer,
        parameters: [...caseParam, { name: 'id', in: 'path', required: true, schema: { type: 'integer' } }],
        requestBody: {
          required: false,
          content: { 'multipart/form-data': { schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } } } } },
        },
        responses: {
          200: { description: 'the two results', content: json({ $ref: '#/components/schemas/DocumentVerification' }) },
          400: error('the file is not a PDF'),
          404: error('no such case or document visible to the caller'),
          413: error('a file over 20 MB'),
        },
      },
    },
    '/cases/{caseNo}/documents/{id}/sm2-signature': {
      get: {
        summary:
          'The SM2-with-SM3 signature of a sealed document (DER; headers X-SM2-Certificate-Serial, X-SM2-User-Id), to verify the PDF apart: openssl pkeyutl -verify -pubin -inkey <SM2 public key> -rawin -digest sm3 -pkeyopt distid:1234567812345678 -in <pdf> -sigfile <sig>',
        security: bearer,
        parameters: [...caseParam, { name: 'id', in: 'path', required: true, schema: { type: 'integer' } }],
        responses: {
          200: { description: 'the signature', content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } } },
          404: error('no such case or document, or sm2_signature_absent: the seal had no SM2 certificate'),
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
          200: answer(
            '{ok: true} recorded, with duplicate: true for an eventId seen before; {ok: false, problem: "unknown_waybill"} for a waybill never booked here (kept, not acted on, answered 2xx so the carrier stops retrying)',
            {
              oneOf: [
                { ...always({ ok: { const: true }, duplicate: { const: true } }, 'duplicate'), additionalProperties: false },
                { ...always({ ok: { const: false }, problem: { const: 'unknown_waybill' } }), additionalProperties: false },
              ],
            },
          ),
          400: error('signed but not a callback'),
          401: error('signature missing, invalid or outside the 5-minute window'),
          503: answer(
            'delivered before the case waits for it: retry later',
            always({ ok: { const: false }, problem: { const: 'process_not_waiting' }, retry: { const: true } }),
          ),
        },
      },
    },
  };
}
