import { always, answer, bearer, clean, error, instant, json, type Paths } from '../openapi/helpers.ts';
import { arrangementImportSchema, calendarOverrideSchema } from '../../contract/requests/calendar.ts';

const day = always(
  {
    day: { type: 'string', format: 'date' },
    workday: { type: 'boolean' },
    reason: { enum: ['weekday', 'weekend', 'holiday', 'make_up_workday', 'override'] },
    name: { type: 'string' },
    source: {
      enum: ['published', 'imported', 'statutory'],
      description: "of a holiday or make-up workday: the State Council's arrangement as published or as imported, or the statutory holidays derived (推定)",
    },
    provisional: {
      type: 'boolean',
      description: "the day's year has no published or imported arrangement: its holidays are derived from the statutory ones (推定)",
    },
  },
  'name',
  'source',
);
const source = { enum: ['published', 'imported', 'statutory'] };
const yearParam = { name: 'year', in: 'path', required: true, schema: { type: 'integer', minimum: 2004, maximum: 2100 } };
const arrangedDay = always({ day: { type: 'string', format: 'date' }, kind: { enum: ['holiday', 'workday'] }, name: { type: 'string' } });
const dayState = always({ workday: { type: 'boolean' }, name: { type: ['string', 'null'] } });
const region = { type: 'string', description: 'a region code (6 digits), or * for everywhere' };

const dayParam = { name: 'day', in: 'path', required: true, schema: { type: 'string', format: 'date' } };

/** Working-day calendar paths of /api/v1. */
export function calendarPaths(): Paths {
  return {
    '/calendar/due': {
      get: {
        summary:
          'Due time of a period of working days: the start day is not counted; due at the end (Asia/Shanghai) of the n-th working day after it, on the official holiday calendar with make-up workdays (调休) and the overrides',
        parameters: [
          { name: 'from', in: 'query', required: true, schema: { type: 'string', format: 'date-time' } },
          { name: 'workingDays', in: 'query', required: true, schema: { type: 'integer', minimum: 0, maximum: 999 } },
          { name: 'region', in: 'query', required: false, schema: { type: 'string' } },
        ],
        responses: {
          200: answer(
            'due (UTC), dueLocal (+08:00), dueDay; provisional when the period counts days of a year without a published or imported arrangement (its statutory holidays derived)',
            always({
              from: instant,
              workingDays: { type: 'integer' },
              due: instant,
              dueLocal: { type: 'string', format: 'date-time' },
              dueDay: { type: 'string', format: 'date' },
              timeZone: { const: 'Asia/Shanghai' },
              provisional: { type: 'boolean' },
            }),
          ),
          422: error('bad from or workingDays'),
        },
      },
    },
    '/calendar/overrides': {
      get: {
        summary: "Administrators: a year's overrides (the platform's own holidays and workdays), everywhere (*) and per region, by day",
        security: bearer,
        parameters: [{ name: 'year', in: 'query', required: true, schema: { type: 'string', pattern: '^\\d{4}$', description: 'four digits' } }],
        responses: {
          200: answer(
            "the year's overrides",
            always({
              year: { type: 'integer' },
              overrides: {
                type: 'array',
                items: always({ day: { type: 'string', format: 'date' }, region, kind: { enum: ['holiday', 'workday'] }, name: { type: 'string' } }),
              },
            }),
          ),
          403: error('not an administrator'),
          422: error('no year, or not four digits'),
        },
      },
    },
    '/calendar/{year}': {
      get: {
        summary: "A year's holidays and make-up workdays",
        parameters: [
          { name: 'year', in: 'path', required: true, schema: { type: 'integer' } },
          { name: 'region', in: 'query', required: false, schema: { type: 'string' } },
        ],
        responses: {
          200: answer(
            'holidays and make-up workdays',
            always({
              year: { type: 'integer' },
              provisional: {
                type: 'boolean',
                description: 'no arrangement published or imported for the year: its statutory holidays derived (推定), no 调休',
              },
              source,
              holidays: { type: 'array', items: day },
              makeUpWorkdays: { type: 'array', items: day },
            }),
          ),
          404: error('no such year'),
        },
      },
    },
    '/calendar/arrangements': {
      post: {
        summary:
          "Administrators: import a year's arrangement of the State Council (every holiday and make-up workday); it replaces the year's published or statutory calendar as a whole, all or nothing, audited; dryRun: check and show the changes, nothing written",
        security: bearer,
        requestBody: { required: true, content: json(clean(arrangementImportSchema)) },
        responses: {
          200: answer(
            'imported (or, dryRun, what the import would change)',
            always({
              year: { type: 'integer' },
              dryRun: { type: 'boolean' },
              replaces: source,
              holidays: { type: 'integer' },
              makeUpWorkdays: { type: 'integer' },
              changes: { type: 'array', items: always({ day: { type: 'string', format: 'date' }, before: dayState, after: dayState }) },
            }),
          ),
          403: error('not an administrator'),
          422: error('every problem of every day (days.<index>.<field>): a bad date, kind or name, a day outside the year or listed twice; nothing written'),
        },
      },
    },
    '/calendar/arrangements/{year}': {
      get: {
        summary: "Administrators: a year's imported arrangement, and where the year's calendar comes from",
        security: bearer,
        parameters: [yearParam],
        responses: {
          200: answer(
            'the imported days (none: the year is published or statutory)',
            always({ year: { type: 'integer' }, source, provisional: { type: 'boolean' }, days: { type: 'array', items: arrangedDay } }),
          ),
          403: error('not an administrator'),
          404: error('no such year'),
        },
      },
      delete: {
        summary: "Administrators: remove a year's imported arrangement (the year goes back to the published or statutory calendar), audited",
        security: bearer,
        parameters: [yearParam],
        responses: { 204: { description: 'removed' }, 403: error('not an administrator'), 404: error('no imported arrangement for the year') },
      },
    },
    '/calendar/overrides/{day}': {
      put: {
        summary: 'Administrators: declare a day a holiday or a workday (everywhere, or in one region)',
        security: bearer,
        parameters: [dayParam],
        requestBody: {
          required: true,
          content: json(clean(calendarOverrideSchema)),
        },
        responses: {
          200: answer('set', always({ day: { type: 'string', format: 'date' }, kind: { enum: ['holiday', 'workday'] }, name: { type: 'string' }, region })),
          403: error('not an administrator'),
          422: error('bad day or body'),
        },
      },
      delete: {
        summary: 'Administrators: remove an override',
        security: bearer,
        parameters: [dayParam, { name: 'region', in: 'query', required: false, schema: { type: 'string' } }],
        responses: { 204: { description: 'removed' }, 404: error('no such override') },
      },
    },
  };
}
