import { RATING_REASONS, ratingSchema, resolveRectificationSchema } from './ratings.service.ts';
import { bearer, caseParam, clean, error, idParam, json, type Paths } from '../openapi/helpers.ts';

const rating = {
  type: 'object',
  properties: {
    caseNo: { type: 'string' },
    level: { type: 'integer', minimum: 1, maximum: 5 },
    levelLabel: { type: 'string' },
    bad: { type: 'boolean', description: 'level 1–2 (差评)' },
    reasons: { type: 'array', items: { type: 'object', properties: { code: { enum: Object.keys(RATING_REASONS) }, label: { type: 'string' } } } },
    comment: { type: ['string', 'null'] },
    at: { type: 'string', format: 'date-time' },
  },
};
const rectification = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    caseNo: { type: 'string' },
    departmentCode: { type: 'string' },
    department: { type: 'string' },
    status: { enum: ['open', 'resolved'] },
    rating,
    resolutionNote: { type: ['string', 'null'] },
    resolvedBy: { type: ['string', 'null'] },
    resolvedAt: { type: ['string', 'null'] },
    createdAt: { type: 'string' },
  },
};

/** 好差评 paths of /api/v1. */
export function ratingPaths(): Paths {
  return {
    '/cases/{caseNo}/rating': {
      post: {
        summary:
          '好差评: the case\'s applicant rates it once it is closed (not_accepted, approved, refused, partially_approved, delivered, terminated; not withdrawn), once. Level 1–2 (差评) needs at least one reason ("other" needs a comment) and opens a rectification for the handling department, whose leaders are notified',
        security: bearer,
        parameters: caseParam,
        requestBody: { required: true, content: json(clean(ratingSchema)) },
        responses: {
          201: { description: 'rated', content: json(rating) },
          403: error('staff cannot rate'),
          404: error('no such case of the caller'),
          409: error('rated already, or the case is not closed yet'),
          422: error('a level out of 1–5, a bad rating without a reason, an unknown reason'),
        },
      },
      get: {
        summary:
          "The case's rating (null before), whether the caller may rate it now, its rectification, and the levels and reasons to offer, in the caller's language. For the applicant, window clerks, administrators and the handling department's staff",
        security: bearer,
        parameters: caseParam,
        responses: {
          200: {
            description: 'rating',
            content: json({
              type: 'object',
              properties: {
                caseNo: { type: 'string' },
                rating: { oneOf: [rating, { type: 'null' }] },
                canRate: { type: 'boolean' },
                rectification: { type: ['object', 'null'] },
                levels: { type: 'array' },
                reasons: { type: 'array' },
              },
            }),
          },
          404: error('no such case visible to the caller'),
        },
      },
    },
    '/ratings/my-cases': {
      get: {
        summary: "我的办件: the applicant's cases (submitted by them or in their name at a window), newest first, with status and rating",
        security: bearer,
        responses: {
          200: {
            description: 'cases',
            content: json({
              type: 'object',
              properties: {
                cases: {
                  type: 'array',
                  items: {
                    type: 'object',
                    properties: {
                      caseNo: { type: 'string' },
                      kind: { type: 'string' },
                      itemCode: { type: 'string' },
                      status: { type: 'string' },
                      statusLabel: { type: 'string' },
                      submittedAt: { type: 'string' },
                      rating: { type: ['integer', 'null'] },
                      canRate: { type: 'boolean' },
                    },
                  },
                },
              },
            }),
          },
          403: error('not an applicant'),
        },
      },
    },
    '/ratings/rectifications': {
      get: {
        summary: "差评整改: the rectifications of the leader's department (an administrator: all), newest first",
        security: bearer,
        parameters: [{ name: 'status', in: 'query', required: false, schema: { enum: ['open', 'resolved'] } }],
        responses: {
          200: { description: 'rectifications', content: json({ type: 'object', properties: { rectifications: { type: 'array', items: rectification } } }) },
          403: error('not a leader or administrator'),
        },
      },
    },
    '/ratings/rectifications/{id}/resolve': {
      post: {
        summary: "整改办结: the department's leader records what was done",
        security: bearer,
        parameters: idParam,
        requestBody: { required: true, content: json(clean(resolveRectificationSchema)) },
        responses: {
          200: { description: 'resolved', content: json(rectification) },
          403: error('not a leader or administrator'),
          404: error("no such rectification of the caller's department"),
          409: error('resolved already'),
          422: error('no note'),
        },
      },
    },
  };
}
