import { INDICATORS, MEASURES } from '../../contract/indicators.ts';
import { RATING_REASON_CODES } from '../../contract/requests/ratings.ts';
import { always, answer, bearer, clean, error, instant, json, nullable, type Paths } from '../openapi/helpers.ts';
import { monitoringRuleSchema, WATCHABLE } from '../../contract/requests/monitoring-rules.ts';
import { supervisionQuerySchema } from './supervision-query.ts';
import { STAFF_INDICATORS } from '../../contract/staff-indicators.ts';
import { STAFF_TASK_FILTERS } from './staff.service.ts';

const queryParams = (names: (keyof typeof supervisionQuerySchema.properties)[]) =>
  names.map((name) => {
    const property = supervisionQuerySchema.properties[name] as Record<string, unknown>;
    const schema = Object.fromEntries(Object.entries(property).filter(([k]) => k !== 'title' && k !== 'x-title-en'));
    return { name, in: 'query', required: false, description: String(property['x-title-en']), schema };
  });

const filters = ['from', 'to', 'department', 'region', 'item', 'bundle', 'channel'] as const;

const counts = { type: 'object', description: 'the counters summed (contract/indicators.ts MEASURES)', additionalProperties: { type: 'integer' } };
const figure = always({
  code: { enum: INDICATORS.map((i) => i.code) },
  name: { type: 'string', description: "in the caller's language" },
  kind: { enum: ['rate', 'count', 'average'] },
  value: { type: ['number', 'null'], description: 'a rate as a share (0–1); null where the denominator is 0' },
  numerator: { type: 'integer' },
  denominator: { type: ['integer', 'null'] },
  target: { type: ['number', 'null'], description: "the seeds' target" },
  atMost: { type: 'boolean', description: 'the target is a ceiling' },
  meets: { type: ['boolean', 'null'] },
});
const staffCounts = {
  type: 'object',
  description: 'the staff counters summed (contract/staff-indicators.ts STAFF_MEASURES)',
  additionalProperties: { type: 'integer' },
};
const staffFigure = always({ ...figure.properties, code: { enum: STAFF_INDICATORS.map((i) => i.code) } });
const rule = always({
  threshold: { type: 'number' },
  days: { type: 'integer' },
  minCases: { type: 'integer' },
  enabled: { type: 'boolean' },
  updatedBy: nullable(),
  updatedAt: instant,
});
const scope = always({ departmentCode: nullable(), regionCode: nullable() });

/** A page of the cases behind a figure: each case named as the pages list it, with what the list adds. */
const pageOfCases = (fields: Record<string, object>) =>
  always({
    total: { type: 'integer' },
    page: { type: 'integer' },
    pageSize: { type: 'integer' },
    cases: {
      type: 'array',
      items: always({ caseNo: { type: 'string' }, itemCode: { type: 'string' }, name: { type: 'string' }, department: { type: 'string' }, ...fields }),
    },
  });

/** 监管指标 paths of /api/v1. */
export function supervisionPaths(): Paths {
  return {
    '/supervision/indicators': {
      get: {
        summary:
          "监管指标 over a period (the last 30 days unless asked), in total and by a dimension: sums of the read model's daily counters (docs/indicators.md). A leader sees their department (in their region and under it), a leader of the 数据局 every department. ?format=csv|xlsx exports the groups",
        security: bearer,
        parameters: queryParams([...filters, 'groupBy', 'format']),
        responses: {
          200: {
            description: 'the figures (or the file asked for)',
            content: {
              ...json(
                always({
                  period: always({ from: { type: 'string', format: 'date' }, to: { type: 'string', format: 'date' } }),
                  filters: { type: 'object' },
                  scope,
                  totals: always({ counts, indicators: { type: 'array', items: figure } }),
                  groups: {
                    type: 'array',
                    items: always({ key: { type: 'string' }, name: { type: 'string' }, counts, indicators: { type: 'array', items: figure } }),
                  },
                  overdueOpen: { type: 'integer', description: '超期未办结: open cases past their statutory due time now' },
                  onlineDepth: always({
                    items: { type: 'integer' },
                    fullyOnline: { type: 'integer', description: 'items at 网办深度 level 4' },
                    rate: { type: ['number', 'null'], description: '全程网办率: fullyOnline ÷ items (of the catalog, by the department asked)' },
                    target: { type: 'number' },
                    meets: { type: ['boolean', 'null'] },
                    byDepth: { type: 'array', items: always({ depth: { type: 'integer' }, label: { type: 'string' }, items: { type: 'integer' } }) },
                    list: {
                      type: 'array',
                      items: always({ code: { type: 'string' }, name: { type: 'string' }, departmentCode: { type: 'string' }, depth: { type: 'integer' } }),
                    },
                  }),
                }),
              ),
              'text/csv': { schema: { type: 'string' } },
              'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { schema: { type: 'string', format: 'binary' } },
            },
          },
          403: error('not a leader, or a department or region outside theirs'),
          422: error('a bad date, period, dimension or filter'),
        },
      },
    },
    '/supervision/cases': {
      get: {
        summary: `数据穿透: the cases behind a figure: those a counter counts (measure: ${MEASURES.join(', ')}) on its day in the period, newest first; notIn: the cases of measure not counted by that one (a rate's misses)`,
        security: bearer,
        parameters: queryParams([...filters, 'measure', 'notIn', 'page', 'pageSize']),
        responses: {
          200: {
            description: 'a page of cases',
            content: json(
              pageOfCases({
                channel: { type: 'string' },
                status: { type: 'string' },
                outcome: nullable(),
                submittedAt: instant,
                finishedAt: nullable('date-time'),
                statutoryDueAt: nullable('date-time'),
                visits: { type: 'integer' },
                corrections: { type: 'integer' },
                usedDays: { type: ['integer', 'null'] },
                overdue: { type: ['boolean', 'null'] },
                ratingLevel: { type: ['integer', 'null'] },
              }),
            ),
          },
          403: error('not a leader, or outside their scope'),
          422: error('no measure, or a bad filter'),
        },
      },
    },
    '/supervision/ratings': {
      get: {
        summary:
          "好差评分析: the ratings of a period (those the 好评率 counts: an application's latest rating, on its day) by level, and the reasons the bad ones named",
        security: bearer,
        parameters: queryParams([...filters]),
        responses: {
          200: {
            description: 'the levels and the reasons',
            content: json(
              always({
                period: always({ from: { type: 'string', format: 'date' }, to: { type: 'string', format: 'date' } }),
                scope,
                ratings: { type: 'integer', description: 'the ratings counted (the levels summed)' },
                bad: { type: 'integer', description: '差评: levels 1–2' },
                levels: {
                  type: 'array',
                  items: always({ level: { type: 'integer' }, label: { type: 'string' }, bad: { type: 'boolean' }, count: { type: 'integer' } }),
                },
                reasons: {
                  type: 'array',
                  description: 'each reason with the bad ratings that named it (a rating may name several)',
                  items: always({ code: { type: 'string' }, label: { type: 'string' }, count: { type: 'integer' } }),
                },
              }),
            ),
          },
          403: error('not a leader, or outside their scope'),
          422: error('a bad date, period or filter'),
        },
      },
    },
    '/supervision/ratings/cases': {
      get: {
        summary:
          "数据穿透 of 好差评分析: the rated cases behind a level's or a reason's count (level 1–5; reason: the bad ones naming it), each with its latest rating, the latest first",
        security: bearer,
        parameters: [
          ...queryParams([...filters, 'page', 'pageSize']),
          { name: 'level', in: 'query', required: false, description: 'Level', schema: { type: 'string', pattern: '^[1-5]$' } },
          { name: 'reason', in: 'query', required: false, description: 'Reason', schema: { enum: [...RATING_REASON_CODES] } },
        ],
        responses: {
          200: {
            description: 'a page of rated cases',
            content: json(
              pageOfCases({
                level: { type: 'integer' },
                levelLabel: { type: 'string' },
                reasons: { type: 'array', items: always({ code: { type: 'string' }, label: { type: 'string' } }) },
                comment: nullable(),
                ratedAt: instant,
              }),
            ),
          },
          403: error('not a leader, or outside their scope'),
          422: error('a bad level, reason, period or filter'),
        },
      },
    },
    '/supervision/hall-waits': {
      get: {
        summary:
          '等候时长 (智能排队叫号): per service hall in the scope, the tickets called in the period, their average wait (taken → first call, minutes) and the share called within 30 minutes; for a department, its 专窗 tickets only',
        security: bearer,
        parameters: queryParams(['from', 'to', 'department', 'region']),
        responses: {
          200: {
            description: 'the halls',
            content: json(
              always({
                period: always({ from: { type: 'string', format: 'date' }, to: { type: 'string', format: 'date' } }),
                promptMinutes: { type: 'integer', description: 'the wait counted as prompt: 30' },
                halls: {
                  type: 'array',
                  items: always({
                    hallId: { type: 'integer' },
                    name: { type: 'string' },
                    regionCode: { type: 'string' },
                    called: { type: 'integer' },
                    averageWaitMinutes: { type: ['number', 'null'] },
                    within30: { type: 'integer' },
                    within30Share: { type: ['number', 'null'], description: '0…1' },
                  }),
                },
              }),
            ),
          },
          403: error('not a leader, or outside their scope'),
          422: error('a bad date, period or filter'),
        },
      },
    },
    '/supervision/staff': {
      get: {
        summary:
          "按人员: each member of staff's figures over a period (tasks completed, in time, handling time, outcomes, the ratings of the cases they handled), summed from the read model's staff counters, the busiest first; filtered by department, region and period only. ?format=csv|xlsx exports them",
        security: bearer,
        parameters: queryParams(['from', 'to', 'department', 'region', 'format']),
        responses: {
          200: {
            description: 'the figures by person (or the file asked for)',
            content: {
              ...json(
                always({
                  period: always({ from: { type: 'string', format: 'date' }, to: { type: 'string', format: 'date' } }),
                  filters: { type: 'object' },
                  scope,
                  totals: always({ counts: staffCounts, indicators: { type: 'array', items: staffFigure } }),
                  staff: {
                    type: 'array',
                    items: always({
                      userId: { type: 'integer' },
                      username: { type: 'string' },
                      displayName: { type: 'string' },
                      departmentCode: {
                        type: 'string',
                        description: 'the department they worked for when they decided (a person who moved has a row for each)',
                      },
                      department: { type: 'string' },
                      counts: staffCounts,
                      indicators: { type: 'array', items: staffFigure },
                    }),
                  },
                }),
              ),
              'text/csv': { schema: { type: 'string' } },
              'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { schema: { type: 'string', format: 'binary' } },
            },
          },
          403: error('not a leader, or a department or region outside theirs'),
          422: error("a bad date or period, or an item, bundle or channel (no cut of a person's work)"),
        },
      },
    },
    '/supervision/staff/{userId}/tasks': {
      get: {
        summary:
          "数据穿透 by staff: the tasks a person completed in the period (in the department and region asked), newest first, each with its case, the step's due time and whether it was met; only=late: after the step's due time, rejections, corrections_asked",
        security: bearer,
        parameters: [
          { name: 'userId', in: 'path', required: true, schema: { type: 'integer', minimum: 1 } },
          ...queryParams(['from', 'to', 'department', 'region', 'page', 'pageSize']),
          { name: 'only', in: 'query', required: false, description: 'Which tasks', schema: { enum: [...STAFF_TASK_FILTERS] } },
        ],
        responses: {
          200: {
            description: 'a page of tasks',
            content: json(
              always({
                total: { type: 'integer' },
                page: { type: 'integer' },
                pageSize: { type: 'integer' },
                tasks: {
                  type: 'array',
                  items: always({
                    taskId: { type: 'string' },
                    step: { type: 'string' },
                    outcome: { type: 'string' },
                    opinion: { type: 'string' },
                    caseNo: { type: 'string' },
                    itemCode: { type: 'string' },
                    itemName: { type: 'string' },
                    caseStatus: { type: 'string' },
                    completedAt: instant,
                    arrivedAt: nullable('date-time'),
                    stepDueAt: nullable('date-time'),
                    onTime: { type: ['boolean', 'null'], description: 'null: the step has no time limit' },
                    handlingMinutes: { type: ['integer', 'null'], description: 'null: the arrival is not known (before migration 0040)' },
                  }),
                },
              }),
            ),
          },
          403: error('not a leader, or outside their scope'),
          422: error('a bad user number, filter, period or page'),
        },
      },
    },
    '/supervision/monitoring-rules': {
      get: {
        summary:
          '监测预警规则: every indicator a rule may watch, with its rule (null: none) — the threshold, the days looked back, the fewest cases a figure needs, on or off; editable: the caller may set them (the 数据局)',
        security: bearer,
        responses: {
          200: answer(
            'the rules',
            always({
              editable: { type: 'boolean' },
              rules: {
                type: 'array',
                items: always({
                  indicatorCode: { enum: [...WATCHABLE] },
                  name: { type: 'string' },
                  kind: { enum: ['rate', 'count', 'average'] },
                  higherIsBetter: { type: 'boolean', description: 'true: a figure below the threshold raises a problem; false: above it' },
                  rule: { oneOf: [{ type: 'null' }, rule] },
                }),
              },
            }),
          ),
          403: error('not a leader'),
        },
      },
    },
    '/supervision/monitoring-rules/{indicator}': {
      put: {
        summary:
          "Sets an indicator's rule (the 数据局's leaders): a department whose figure over the last `days` days is past `threshold` (a rate: a share 0–1), with at least `minCases` in a rate's denominator, gets a problem (问题闭环) once while it is open; audited",
        security: bearer,
        parameters: [{ name: 'indicator', in: 'path', required: true, schema: { enum: [...WATCHABLE] } }],
        requestBody: { required: true, content: json(clean(monitoringRuleSchema)) },
        responses: {
          200: answer('the rule as saved', always({ indicatorCode: { type: 'string' }, rule })),
          403: error('not a leader of the 数据局'),
          404: error('no such indicator'),
          422: error('a threshold, days or fewest cases out of range (a rate above 100%)'),
        },
      },
    },
    '/supervision/overdue': {
      get: {
        summary: '超期未办结: the open cases past their statutory due time now, the most overdue first',
        security: bearer,
        parameters: queryParams(['department', 'region', 'item', 'bundle', 'channel', 'pageSize']),
        responses: {
          200: {
            description: 'the overdue cases',
            content: json(
              always({
                total: { type: 'integer' },
                cases: {
                  type: 'array',
                  items: always({ caseNo: { type: 'string' }, itemCode: { type: 'string' }, departmentCode: { type: 'string' }, statutoryDueAt: instant }),
                },
              }),
            ),
          },
          403: error('not a leader'),
        },
      },
    },
  };
}
