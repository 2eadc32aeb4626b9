import { answer, bearer, clean, error, instant, nullable, type Paths } from '../openapi/helpers.ts';
import { auditQuerySchema } from './search-audit.ts';

const event = {
  type: 'object',
  required: ['id', 'at', 'actor', 'clientAddress', 'action', 'target', 'outcome', 'detail', 'hash'],
  properties: {
    id: { type: 'integer' },
    at: instant,
    actor: nullable(),
    clientAddress: nullable(),
    action: { type: 'string' },
    target: nullable(),
    outcome: { enum: ['success', 'failure'] },
    detail: { type: 'object' },
    hash: { type: 'string', description: "HMAC-SM3 over the previous row's hash and this row" },
  },
};

const filters = Object.entries(clean(auditQuerySchema).properties).map(([name, schema]) => ({ name, in: 'query', schema }));

/** 审计日志 (the audit administrator only). */
export function auditPaths(): Paths {
  return {
    '/audit/events': {
      get: {
        summary: '审计日志: the trail, newest first, filtered (an action ending in "." finds a whole domain, e.g. auth.)',
        security: bearer,
        parameters: filters,
        responses: {
          200: answer('a page of the trail with the exact total', {
            type: 'object',
            required: ['total', 'page', 'size', 'events'],
            properties: { total: { type: 'integer' }, page: { type: 'integer' }, size: { type: 'integer' }, events: { type: 'array', items: event } },
          }),
          401: error('not signed in'),
          403: error('not the audit administrator'),
          422: error('a filter that is not valid'),
        },
      },
    },
    '/audit/verification': {
      post: {
        summary:
          "Verifies the whole chain (every row's HMAC-SM3 and link, gaps, the head) and says whether the database refuses changes; recorded in the trail",
        security: bearer,
        responses: {
          200: answer('the verification', {
            type: 'object',
            required: ['ok', 'rows', 'lastId', 'problems', 'appendOnlyEnforced', 'checkedAt'],
            properties: {
              ok: { type: 'boolean' },
              rows: { type: 'integer' },
              lastId: { type: 'integer' },
              problems: {
                type: 'array',
                items: {
                  type: 'object',
                  required: ['id', 'problem', 'detail'],
                  properties: { id: { type: 'integer' }, problem: { enum: ['missing', 'relinked', 'changed', 'head'] }, detail: { type: 'string' } },
                },
              },
              appendOnlyEnforced: { type: 'boolean' },
              checkedAt: instant,
            },
          }),
          401: error('not signed in'),
          403: error('not the audit administrator'),
        },
      },
    },
    '/audit/export': {
      get: {
        summary: 'The filtered trail as CSV (UTF-8 with BOM), oldest first, at most 100,000 rows; recorded in the trail',
        security: bearer,
        parameters: filters,
        responses: {
          200: { description: 'CSV', content: { 'text/csv': { schema: { type: 'string' } } } },
          401: error('not signed in'),
          403: error('not the audit administrator'),
          422: error('a filter that is not valid'),
        },
      },
    },
  };
}
