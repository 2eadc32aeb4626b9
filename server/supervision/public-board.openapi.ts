import { always, json, type Paths } from '../openapi/helpers.ts';

const share = { type: ['number', 'null'], description: 'a share (0–1); null where there is nothing to divide by' };

/** 好差评 结果全公开: the public board's path of /api/v1. */
export function publicBoardPaths(): Paths {
  return {
    '/public/ratings-board': {
      get: {
        summary:
          "好差评 结果全公开, without signing in: each department's ratings of the last 365 days — counts and rates only (no case, applicant or comment), ranked by 好评率; the same for five minutes",
        responses: {
          200: {
            description: 'the board',
            content: json(
              always({
                period: always({ from: { type: 'string', format: 'date' }, to: { type: 'string', format: 'date' } }),
                total: always({ ratings: { type: 'integer' }, satisfaction: share, bad: { type: 'integer' }, rectificationRate: share }),
                departments: {
                  type: 'array',
                  items: always({
                    departmentCode: { type: 'string' },
                    department: { type: 'string', description: "in the caller's language" },
                    ratings: { type: 'integer' },
                    satisfied: { type: 'integer' },
                    satisfaction: share,
                    bad: { type: 'integer' },
                    rectified: { type: 'integer' },
                    rectifiedOnTime: { type: 'integer' },
                    rectificationRate: share,
                    rank: { type: ['integer', 'null'] },
                  }),
                },
                updatedAt: { type: 'string', format: 'date-time' },
              }),
            ),
          },
        },
      },
    },
  };
}
