import { always, answer, bearer, clean, error, idParam, instant, json, nullable, type Paths, type Schemas } from '../openapi/helpers.ts';
import { reconcileDaySchema, resendDeadLettersSchema } from '../../contract/requests/province.ts';
import { EXCHANGE_EVENT_TYPES } from '../gateways/province/index.ts';

const eventType = { type: 'string', enum: [...EXCHANGE_EVENT_TYPES], description: "the exchange's state (docs/province-exchange.md)" };
const ms = { type: ['integer', 'null'], description: 'milliseconds; null without events in the window' };

/** The component schemas of 办件数据汇聚. */
export function reportingSchemas(): Schemas {
  return {
    ProvinceReconciliation: always({
      day: { type: 'string', format: 'date', description: 'the Beijing day of the events counted' },
      matched: { type: 'boolean' },
      types: {
        type: 'array',
        items: always({
          eventType,
          platform: { type: 'integer', description: 'acknowledged by the exchange, as the platform holds it' },
          exchange: { type: 'integer' },
        }),
      },
      checkedBy: { type: 'string', description: 'an administrator, or system:reconcile (the daily round)' },
      checkedAt: instant,
    }),
    ProvinceDeadLetter: always({
      id: { type: 'integer' },
      eventId: { type: 'string' },
      caseNo: { type: 'string' },
      eventType,
      occurredAt: instant,
      attempts: { type: 'integer' },
      error: { type: 'string', description: "the exchange's refusal (code: message) or the last failure of the link" },
      queuedAt: instant,
    }),
  };
}

/** 办件数据汇聚 paths of /api/v1 (the system administrator). */
export function reportingPaths(): Paths {
  return {
    '/operations/province/outbox': {
      get: {
        summary:
          'The outbox of case events reported to the provincial exchange (administrators): counts by state (pending, held behind a dead letter of their case, sent, dead), the oldest event waiting, the delivery lag (created → acknowledged) of the live events acknowledged in the last hour, the last reconciliations',
        security: bearer,
        responses: {
          200: answer(
            'the outbox at a glance',
            always({
              exchange: always({ configured: { type: 'boolean' }, url: nullable() }),
              counts: always({ pending: { type: 'integer' }, held: { type: 'integer' }, sent: { type: 'integer' }, dead: { type: 'integer' } }),
              oldestPendingAt: nullable('date-time'),
              lag: always({ windowMinutes: { type: 'integer' }, events: { type: 'integer' }, p50Ms: ms, p95Ms: ms, maxMs: ms }),
              reconciliations: { type: 'array', items: { $ref: '#/components/schemas/ProvinceReconciliation' } },
            }),
          ),
        },
      },
    },
    '/operations/province/dead-letters': {
      get: {
        summary: 'Dead letters (administrators): the events given up on after too many attempts or refused by the exchange, newest first, paged',
        security: bearer,
        parameters: [
          { name: 'limit', in: 'query', required: false, schema: { type: 'integer', minimum: 1, maximum: 200, default: 50 } },
          { name: 'offset', in: 'query', required: false, schema: { type: 'integer', minimum: 0, default: 0 } },
        ],
        responses: {
          200: answer(
            'a page of dead letters and how many there are',
            always({
              total: { type: 'integer' },
              limit: { type: 'integer' },
              offset: { type: 'integer' },
              deadLetters: { type: 'array', items: { $ref: '#/components/schemas/ProvinceDeadLetter' } },
            }),
          ),
        },
      },
    },
    '/operations/province/dead-letters/{id}/resend': {
      post: {
        summary:
          "Resend a dead letter (administrators): back to pending with its attempts counted anew; the sender's next round sends it, then its case's events it held back. Audited",
        security: bearer,
        parameters: idParam,
        responses: {
          200: answer('queued again', always({ id: { type: 'integer' }, eventId: { type: 'string' }, state: { const: 'pending' } })),
          404: error('no such event'),
          409: error('the event is no dead letter (resent or delivered already)'),
        },
      },
    },
    '/operations/province/dead-letters/resend': {
      post: {
        summary: 'Resend the dead letters named (`ids`), or all of them (`all: true`) (administrators). Audited',
        security: bearer,
        requestBody: { required: true, content: json(clean(resendDeadLettersSchema)) },
        responses: {
          200: answer('how many were queued again', always({ resent: { type: 'integer' }, eventIds: { type: 'array', items: { type: 'string' } } })),
          422: error('neither ids nor all, both, or ids that are not a list of 1 to 500 different positive whole numbers'),
        },
      },
    },
    '/operations/province/reconciliations': {
      get: {
        summary: 'The last 30 reconciliations of daily counts with the exchange (administrators), newest first',
        security: bearer,
        responses: {
          200: answer('the reconciliations', always({ reconciliations: { type: 'array', items: { $ref: '#/components/schemas/ProvinceReconciliation' } } })),
        },
      },
      post: {
        summary:
          "Reconcile a day now (administrators): the exchange's count of each event type for that Beijing day beside the platform's count of what the exchange acknowledged; recorded, a mismatch told to the administrators. Audited",
        security: bearer,
        requestBody: { required: true, content: json(clean(reconcileDaySchema)) },
        responses: {
          200: answer('the reconciliation', { $ref: '#/components/schemas/ProvinceReconciliation' }),
          409: error('no exchange is configured'),
          422: error('no day, or not a date YYYY-MM-DD'),
          503: error('the exchange did not answer'),
        },
      },
    },
  };
}
