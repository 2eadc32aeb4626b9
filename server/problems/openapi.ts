import {
  PROBLEM_SOURCES,
  PROBLEM_STATUSES,
  VISIT_METHODS,
  raiseProblemSchema,
  rectifyProblemSchema,
  reviewProblemSchema,
} from '../../contract/requests/problems.ts';
import { always, answer, bearer, clean, error, idParam, instant, json, nullable, type Paths } from '../openapi/helpers.ts';
import { PROBLEM_ACTIONS } from './problem-view.ts';

const problem = always({
  id: { type: 'integer' },
  source: { enum: Object.keys(PROBLEM_SOURCES) },
  sourceLabel: { type: 'string' },
  status: { enum: Object.keys(PROBLEM_STATUSES), description: 'open → rectified → closed (销号); sent back: open again' },
  statusLabel: { type: 'string' },
  departmentCode: { type: 'string', description: 'the department that owns it (a bundle’s 差评: its leading department)' },
  department: { type: 'string', description: "in the caller's language" },
  regionCode: nullable(),
  region: nullable(),
  caseNo: nullable(),
  itemCode: nullable(),
  item: nullable(),
  rule: { ...nullable(), description: "a monitoring rule's code (overdue_rate …)" },
  title: { type: 'string' },
  description: { type: 'string' },
  raisedBy: { ...nullable(), description: "the raiser's name; null for a 差评 (the applicant) and a monitoring rule" },
  raisedAt: instant,
  dueDays: { type: 'integer', description: 'working days' },
  dueAt: { ...nullable('date-time'), description: 'the end of the last working day (Asia/Shanghai)' },
  overdue: { type: 'boolean', description: 'open past its deadline, or rectified after it' },
  rounds: { type: 'integer', description: 'times the 数据局 sent it back' },
  escalatedAt: nullable('date-time'),
  rating: {
    oneOf: [
      always({
        level: { type: 'integer' },
        levelLabel: { type: 'string' },
        reasons: { type: 'array', items: { type: 'string' } },
        comment: nullable(),
        at: instant,
      }),
      { type: 'null' },
    ],
  },
  rectification: {
    oneOf: [
      always({
        text: { type: 'string' },
        by: nullable(),
        at: instant,
        visit: {
          oneOf: [
            always({ at: instant, method: { enum: Object.keys(VISIT_METHODS) }, methodLabel: { type: 'string' }, feedback: { type: 'string' } }),
            { type: 'null' },
          ],
        },
      }),
      { type: 'null' },
    ],
    description: 'the latest rectification (after a send-back: the one sent back, until the next)',
  },
  review: { oneOf: [always({ by: nullable(), at: instant, note: nullable() }), { type: 'null' }], description: 'the latest review' },
  closedAt: nullable('date-time'),
  canRectify: { type: 'boolean', description: 'the caller may record the rectification now' },
  canReview: { type: 'boolean', description: 'the caller may review it now' },
});
const detail = {
  allOf: [
    problem,
    always({
      history: {
        type: 'array',
        items: always({ action: { enum: Object.keys(PROBLEM_ACTIONS) }, actionLabel: { type: 'string' }, by: nullable(), note: nullable(), at: instant }),
      },
    }),
  ],
};

/** 问题闭环 paths of /api/v1. */
export function problemsPaths(): Paths {
  const query = (name: string, schema: object, description: string) => ({ name, in: 'query', required: false, schema, description });
  return {
    '/problems': {
      get: {
        summary:
          "问题清单: a leader's department's problems in their region and under it; a 数据局 leader's (department data) every department's; an administrator's all (read only). Newest first, at most 200",
        security: bearer,
        parameters: [
          query('status', { enum: Object.keys(PROBLEM_STATUSES) }, 'open, rectified (to review) or closed'),
          query('source', { enum: Object.keys(PROBLEM_SOURCES) }, 'bad_rating (差评), walkthrough (走流程), monitoring (a rule)'),
          query('departmentCode', { type: 'string' }, 'the 数据局 and administrators: one department'),
          query('overdue', { enum: ['true', 'false'] }, 'true: open past the deadline'),
          query('caseNo', { type: 'string' }, "a case's problems"),
        ],
        responses: {
          200: answer('problems', always({ problems: { type: 'array', items: problem } })),
          403: error('not a leader or administrator, or another department asked by a department leader'),
          422: error('a filter out of its values'),
        },
      },
      post: {
        summary:
          '走流程: a walk-through finding, raised by a leader for their own department or by a 数据局 leader for any; due in dueDays working days (default PROBLEM_DUE_WORKING_DAYS); the owner department’s leaders are notified',
        security: bearer,
        requestBody: { required: true, content: json(clean(raiseProblemSchema)) },
        responses: {
          201: answer('raised', detail),
          403: error('not a leader, or another department by a department leader'),
          422: error('a missing title or description, an unknown department, region, case or item, a case of another department, days out of 1–60'),
        },
      },
    },
    '/problems/{id}': {
      get: {
        summary: 'One problem with its history (each step: who, when, what)',
        security: bearer,
        parameters: idParam,
        responses: { 200: answer('problem', detail), 403: error('not a leader or administrator'), 404: error('no such problem visible to the caller') },
      },
    },
    '/problems/{id}/rectify': {
      post: {
        summary:
          '整改: the owner department’s leader records what was done; a 差评’s rectification also records the 回访 (return visit to the applicant: when, how, what they said), required. open → rectified; the 数据局’s leaders are notified',
        security: bearer,
        parameters: idParam,
        requestBody: { required: true, content: json(clean(rectifyProblemSchema)) },
        responses: {
          200: answer('rectified', detail),
          403: error('not a leader of the owner department (of the region)'),
          404: error('no such problem visible to the caller'),
          409: error('not open: rectified already (by whom, when) or closed'),
          422: error('no rectification, a 差评 without its 回访, a visit in the future or before the problem'),
        },
      },
    },
    '/problems/{id}/review': {
      post: {
        summary:
          '审核: a 数据局 leader accepts the rectification (rectified → closed, 销号) or sends it back with a reason (rectified → open, rounds + 1); the owner department’s leaders are notified',
        security: bearer,
        parameters: idParam,
        requestBody: { required: true, content: json(clean(reviewProblemSchema)) },
        responses: {
          200: answer('reviewed', detail),
          403: error('not a leader of the 数据局 (department data)'),
          404: error('no such problem visible to the caller'),
          409: error('not rectified: still open (sent back by whom, when) or closed already (by whom, when)'),
          422: error('an unknown decision, a send-back without a reason'),
        },
      },
    },
  };
}
