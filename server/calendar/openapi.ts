import { always, answer, bearer, clean, error, instant, json, type Paths } from '../openapi/helpers.ts';
import { calendarOverrideSchema } from '../../contract/requests/calendar.ts';

const day = always(
  {
    day: { type: 'string', format: 'date' },
    workday: { type: 'boolean' },
    reason: { enum: ['weekday', 'weekend', 'holiday', 'make_up_workday', 'override'] },
    name: { type: 'string' },
    provisional: { type: 'boolean' },
  },
  'name',
);
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
            'due (UTC), dueLocal (+08:00), dueDay; provisional when a year has no official calendar yet',
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
              provisional: { type: 'boolean', description: 'no official calendar for the year yet: weekends only' },
              holidays: { type: 'array', items: day },
              makeUpWorkdays: { type: 'array', items: day },
            }),
          ),
          404: error('no such year'),
        },
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
