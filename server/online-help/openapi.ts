import { always, answer, bearer, clean, error, idParam, instant, json, nullable, type Paths } from '../openapi/helpers.ts';
import {
  HELP_ENTRY_KINDS,
  HELP_STATUSES,
  helpCloseSchema,
  helpConfirmSchema,
  helpConsentSchema,
  helpFillSchema,
  helpFormSchema,
  helpMessageSchema,
  helpRatingSchema,
  helpRequestSchema,
} from '../../contract/requests/online-help.ts';
import { figuresQuerySchema } from './figures.ts';

const int = { type: 'integer' };
const rateOrNull = { type: ['number', 'null'], minimum: 0, maximum: 1 };
const request = always({
  id: int,
  status: { enum: [...HELP_STATUSES] },
  itemCode: nullable(),
  bundleCode: nullable(),
  subjectName: { type: 'string', description: 'the item’s or bundle’s name' },
  caseNo: nullable(),
  regionCode: nullable(),
  applicantName: { type: 'string' },
  helperId: { type: ['integer', 'null'], description: 'the account of the helper who joined' },
  helperName: nullable(),
  joinedAt: nullable('date-time'),
  consent: { type: 'boolean', description: 'the applicant lets the helper fill fields (授权代填), now' },
  createdAt: instant,
  closedAt: nullable('date-time'),
  closedByName: nullable(),
  closedBy: { enum: ['applicant', 'helper', null] },
  resolved: { type: ['boolean', 'null'] },
  resolutionNote: nullable(),
  rating: { type: ['integer', 'null'], minimum: 1, maximum: 5 },
  ratingComment: nullable(),
});
const entry = always({
  id: int,
  kind: { enum: [...HELP_ENTRY_KINDS] },
  side: { enum: ['applicant', 'helper'] },
  authorName: { type: 'string' },
  text: nullable(),
  field: nullable(),
  value: { description: 'a filled field’s value; closed: resolved (boolean); rated: the level' },
  at: instant,
});
const fill = always({ field: { type: 'string' }, value: {}, by: { type: 'string' }, at: instant });
const form = { type: ['object', 'null'], description: 'the applicant’s form as last sent: the form’s fields only, personal data masked' };
const figure = always({
  from: { type: 'string', format: 'date' },
  to: { type: 'string', format: 'date' },
  regionCode: nullable(),
  regionName: { type: ['string', 'null'], description: 'the region’s name in the caller’s language' },
  withinMinutes: int,
  requests: int,
  joined: int,
  joinedInTime: int,
  responseRate: rateOrNull,
  medianResponseSeconds: { type: ['number', 'null'] },
  closed: int,
  resolved: int,
  resolutionRate: rateOrNull,
  rated: int,
  satisfaction: { type: ['number', 'null'], minimum: 1, maximum: 5 },
  satisfiedRate: rateOrNull,
});
const notFound = error('no such request, or not the caller’s (another applicant’s, or of a region the helper’s centre does not answer)');
const closed = error('online_help_closed: the request was closed (by whom and when)');
const body = (schema: object) => ({ required: true, content: json(clean(schema)) });

/** 线上帮办 paths of /api/v1. */
export function onlineHelpPaths(): Paths {
  return {
    '/online-help/requests': {
      post: {
        summary:
          '在线帮办: the applicant asks for help on the application they fill (an item or a bundle; the case if there is one), with a first question; the helpers of the centre that answers the region are notified. An open request of the same application is answered instead (200)',
        security: bearer,
        requestBody: body(helpRequestSchema),
        responses: {
          200: answer('the applicant’s open request of that application', request),
          201: answer('asked', request),
          422: error('neither or both of item and bundle, an unknown item, bundle or region, a case not the applicant’s, a question too long'),
        },
      },
      get: {
        summary:
          '帮办队列: the open requests of the regions the helper’s centre answers (waiting oldest first, and those being helped), and the helper’s own closed in the last day',
        security: bearer,
        responses: {
          200: answer(
            'the queue',
            always({ waiting: { type: 'array', items: request }, joined: { type: 'array', items: request }, closedByMe: { type: 'array', items: request } }),
          ),
          403: error('online_help_not_helper: not a clerk of the government service centre'),
        },
      },
    },
    '/online-help/current': {
      get: {
        summary: 'The applicant’s open request of an application (or the last one, closed but not rated yet), to take it up after a reload',
        security: bearer,
        parameters: [
          { name: 'itemCode', in: 'query', schema: { type: 'string' } },
          { name: 'bundleCode', in: 'query', schema: { type: 'string' } },
        ],
        responses: {
          200: answer('the request, or null', always({ request: { oneOf: [request, { type: 'null' }] } })),
          422: error('neither or both of itemCode and bundleCode'),
        },
      },
    },
    '/online-help/figures': {
      get: {
        summary:
          '帮办代办 响应率、解决率、满意度 of a centre over a period (requests raised from `from` to `to`, Asia/Shanghai days; the last 30 days unless asked): joined within withinMinutes (5 unless asked) of all, the median time to join, resolved of closed, the mean satisfaction and those rating 4–5 of rated',
        security: bearer,
        parameters: Object.entries(figuresQuerySchema.properties).map(([name, schema]) => ({ name, in: 'query', schema: clean(schema) })),
        responses: {
          200: answer('the figures', figure),
          403: error('online_help_figures_forbidden: not of the service centre, not a leader of the data bureau, not an administrator'),
          422: error('a day that is no calendar day, from after to, a region outside the caller’s'),
        },
      },
    },
    '/online-help/requests/{id}': {
      get: {
        summary:
          'A request with its conversation (messages and acts), the applicant’s form as last sent (masked), the form’s fields and the fills waiting for the applicant’s confirmation',
        security: bearer,
        parameters: idParam,
        responses: {
          200: answer(
            'the request',
            always({
              request,
              entries: { type: 'array', items: entry },
              form,
              formAt: nullable('date-time'),
              fields: {
                type: 'array',
                items: always({
                  name: { type: 'string' },
                  title: { type: 'string' },
                  titleEn: { type: 'string' },
                  personal: { enum: ['id-number', 'phone', 'address', null] },
                  schema: { type: 'object', description: 'the field’s JSON schema in the form (its type, options and their labels)' },
                }),
              },
              pendingFills: { type: 'array', items: fill },
            }),
          ),
          404: notFound,
        },
      },
    },
    '/online-help/requests/{id}/join': {
      post: {
        summary: '接入: a helper of the centre takes the waiting request; the first one wins',
        security: bearer,
        parameters: idParam,
        responses: {
          200: answer('joined (or joined by the caller already)', request),
          403: error('online_help_not_helper'),
          404: notFound,
          409: error('online_help_taken: another helper joined first (who and when); online_help_closed'),
        },
      },
    },
    '/online-help/requests/{id}/messages': {
      post: {
        summary: 'A message of the conversation, by the applicant or the helper who joined; pushed to both over socket.io (`online-help`, type entry)',
        security: bearer,
        parameters: idParam,
        requestBody: body(helpMessageSchema),
        responses: {
          201: answer('sent', entry),
          403: error('online_help_other_helper: another helper is helping with it'),
          404: notFound,
          409: error('online_help_closed; online_help_not_joined: a helper who has not joined'),
          422: error('an empty message, or one longer than 1000 characters'),
        },
      },
    },
    '/online-help/requests/{id}/form': {
      put: {
        summary:
          'The applicant’s form as they fill it (the page sends it, throttled): kept with personal data masked, pushed to the helper (`online-help`, type form)',
        security: bearer,
        parameters: idParam,
        requestBody: body(helpFormSchema),
        responses: { 200: answer('kept', always({ formAt: instant })), 404: notFound, 409: closed, 422: error('not a form, a value too long') },
      },
    },
    '/online-help/requests/{id}/consent': {
      put: {
        summary: '授权代填: the applicant lets the helper fill fields of the form, or withdraws it, at any time; each change is recorded in the conversation',
        security: bearer,
        parameters: idParam,
        requestBody: body(helpConsentSchema),
        responses: { 200: answer('the request', request), 404: notFound, 409: closed, 422: error('consent is not a boolean') },
      },
    },
    '/online-help/requests/{id}/fills': {
      post: {
        summary:
          '代填: the helper who joined fills one field of the applicant’s form while the applicant consents; never a personal field; the value checked by the field’s rule. The applicant’s page takes it, marked 帮办员填写 until confirmed',
        security: bearer,
        parameters: idParam,
        requestBody: body(helpFillSchema),
        responses: {
          201: answer('filled', entry),
          403: error('online_help_other_helper'),
          404: notFound,
          409: error('online_help_no_consent: the applicant has not consented or withdrew it; online_help_closed; online_help_not_joined'),
          422: error('a field not in the form, a personal field, a value the field’s rule refuses'),
        },
      },
    },
    '/online-help/requests/{id}/confirmations': {
      post: {
        summary: 'The applicant confirms a field the helper filled (the mark 帮办员填写 goes)',
        security: bearer,
        parameters: idParam,
        requestBody: body(helpConfirmSchema),
        responses: { 201: answer('confirmed', entry), 404: notFound, 422: error('no fill of that field waits for confirmation') },
      },
    },
    '/online-help/requests/{id}/close': {
      post: {
        summary: '结束帮办: by the applicant or the helper who joined; resolved or not, with a note',
        security: bearer,
        parameters: idParam,
        requestBody: body(helpCloseSchema),
        responses: {
          200: answer('closed', request),
          403: error('online_help_other_helper'),
          404: notFound,
          409: error('online_help_closed (by whom and when); online_help_not_joined'),
          422: error('resolved missing, a note longer than 500 characters'),
        },
      },
    },
    '/online-help/requests/{id}/rating': {
      post: {
        summary: '满意度: the applicant rates the closed request once, on the 好差评 levels (1 非常不满意 … 5 非常满意)',
        security: bearer,
        parameters: idParam,
        requestBody: body(helpRatingSchema),
        responses: {
          200: answer('rated', request),
          404: notFound,
          409: error('online_help_not_closed; online_help_rated: rated already (when, which level)'),
          422: error('a level outside 1–5, a comment longer than 500 characters'),
        },
      },
    },
  };
}
