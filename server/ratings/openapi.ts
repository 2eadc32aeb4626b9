import { RATING_REASONS } from './ratings.service.ts';
import { ratingSchema, resolveRectificationSchema } from '../../contract/requests/ratings.ts';
import { always, bearer, caseParam, clean, error, idParam, instant, json, nullable, type Paths } from '../openapi/helpers.ts';

const rating = always({
  caseNo: { type: 'string' },
  level: { type: 'integer', minimum: 1, maximum: 5 },
  levelLabel: { type: 'string' },
  bad: { type: 'boolean', description: 'level 1–2 (差评)' },
  reasons: { type: 'array', items: always({ code: { enum: Object.keys(RATING_REASONS) }, label: { type: 'string' } }) },
  comment: nullable(),
  at: instant,
});
const rectification = always({
  id: { type: 'integer' },
  caseNo: { type: 'string' },
  departmentCode: { type: 'string' },
  department: { type: 'string', description: "in the caller's language" },
  status: { enum: ['open', 'resolved'] },
  rating: { oneOf: [rating, { type: 'null' }] },
  resolutionNote: nullable(),
  resolvedBy: { ...nullable(), description: "the resolving leader's display name" },
  resolvedAt: nullable('date-time'),
  createdAt: instant,
});

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
            content: json(
              always({
                caseNo: { type: 'string' },
                rating: { oneOf: [rating, { type: 'null' }] },
                canRate: { type: 'boolean' },
                rectification: { oneOf: [always({ id: { type: 'integer' }, status: { enum: ['open', 'resolved'] } }), { type: 'null' }] },
                levels: { type: 'array', items: always({ level: { type: 'integer' }, label: { type: 'string' } }) },
                reasons: { type: 'array', items: always({ code: { type: 'string' }, label: { type: 'string' } }) },
              }),
            ),
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
            content: json(
              always({
                cases: {
                  type: 'array',
                  items: always({
                    caseNo: { type: 'string' },
                    kind: { enum: ['item', 'bundle'] },
                    itemCode: { type: 'string', description: "the item's code; a bundle case's bundle code" },
                    itemName: { type: 'string', description: "the item's (or bundle's) name in the caller's language" },
                    status: { $ref: '#/components/schemas/CaseStatus' },
                    statusLabel: { type: 'string' },
                    submittedAt: instant,
                    rating: { type: ['integer', 'null'], description: 'the level given' },
                    canRate: { type: 'boolean' },
                  }),
                },
              }),
            ),
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
          200: { description: 'rectifications (at most 200)', content: json(always({ rectifications: { type: 'array', items: rectification } })) },
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
