import { RATING_REASONS } from './ratings.service.ts';
import { ratingSchema } from '../../contract/requests/ratings.ts';
import { PROBLEM_STATUSES } from '../../contract/requests/problems.ts';
import { always, bearer, caseParam, clean, error, instant, json, nullable, type Paths } from '../openapi/helpers.ts';

const rating = always({
  caseNo: { type: 'string' },
  level: { type: 'integer', minimum: 1, maximum: 5 },
  levelLabel: { type: 'string' },
  bad: { type: 'boolean', description: 'level 1–2 (差评)' },
  reasons: { type: 'array', items: always({ code: { enum: Object.keys(RATING_REASONS) }, label: { type: 'string' } }) },
  comment: nullable(),
  at: instant,
});
/** 好差评 paths of /api/v1. */
export function ratingPaths(): Paths {
  return {
    '/cases/{caseNo}/rating': {
      post: {
        summary:
          '好差评: the case\'s applicant rates it once it is closed (not_accepted, approved, refused, partially_approved, delivered, terminated; not withdrawn), once. Level 1–2 (差评) needs at least one reason ("other" needs a comment) and raises a problem (问题闭环, /problems) for the handling department (a 一件事’s: its leading department), due in 15 working days, whose leaders are notified',
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
          "The case's rating (null before), whether the caller may rate it now, its rectification (the problem it raised), and the levels and reasons to offer, in the caller's language. For the applicant, window clerks, administrators and the handling department's staff",
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
                rectification: {
                  oneOf: [always({ id: { type: 'integer' }, status: { enum: Object.keys(PROBLEM_STATUSES) } }), { type: 'null' }],
                  description: 'the problem a 差评 raised (/problems/{id}): open, rectified (to review) or closed',
                },
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
  };
}
