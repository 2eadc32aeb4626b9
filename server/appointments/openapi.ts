import { always, answer, bearer, clean, error, instant, json, nullable, type Paths } from '../openapi/helpers.ts';
import { BOOKING_STATUSES, bookingSchema, checkInSchema, preparedSchema, rescheduleSchema } from '../../contract/requests/appointments.ts';
import { PRIORITY_REASONS } from '../../contract/requests/queue.ts';
import { WINDOW_KINDS } from '../../contract/requests/organization.ts';

const hallParam = [{ name: 'hallId', in: 'path', required: true, schema: { type: 'string' } }];
const codeParam = [{ name: 'code', in: 'path', required: true, schema: { type: 'string' }, description: 'the booking code (6 characters)' }];
const ticketParam = [{ name: 'ticketId', in: 'path', required: true, schema: { type: 'string' } }];

const booking = always(
  {
    code: { type: 'string' },
    status: { enum: [...BOOKING_STATUSES] },
    hall: always({ id: { type: 'integer' }, name: { type: 'string' }, address: { type: 'string' } }),
    target: always({ kind: { enum: ['item', 'bundle'] }, code: { type: 'string' }, name: { type: 'string' } }),
    windowKind: { enum: [...WINDOW_KINDS] },
    priority: { enum: [...PRIORITY_REASONS, null] },
    day: { type: 'string', format: 'date' },
    slot: { type: 'string', description: 'HH:MM, the half hour the visit starts' },
    startsAt: instant,
    endsAt: instant,
    checkInFrom: instant,
    checkInUntil: instant,
    ticketNumber: nullable(),
    checkedInAt: nullable('date-time'),
    cancelledAt: nullable('date-time'),
    noShowAt: nullable('date-time'),
    prepared: { type: 'boolean', description: 'the applicant prepared the application for the window' },
    preparedAt: nullable('date-time'),
    personName: { type: 'string', description: "the hall's clerks only" },
  },
  'personName',
);
const prepared = clean(preparedSchema);
const intake = always({
  code: { type: 'string' },
  ticketNumber: nullable(),
  target: always({ kind: { enum: ['item', 'bundle'] }, code: { type: 'string' } }),
  priority: { enum: [...PRIORITY_REASONS, null] },
  applicant: always({ name: { type: 'string' }, idType: { const: 'resident_id' }, idNo: { type: 'string' }, phone: { type: 'string' } }),
  prepared: { type: 'boolean' },
  preparedAt: nullable('date-time'),
  answers: { type: 'object' },
  form: { type: 'object' },
  materials: { type: 'array', items: { type: 'object', description: 'a prepared material; a file with its upload (attachment: the Attachment)' } },
});
const conflicts = '409: the slot is full, a live booking of the item that day exists, booking is refused after no-shows (until when), or the booking moved on';

/** 在线预约 paths of /api/v1. */
export function appointmentsPaths(): Paths {
  return {
    '/halls/{hallId}/appointment-slots': {
      get: {
        summary:
          "在线预约: the bookable working days (today's later slots, then APPOINTMENT_DAYS_AHEAD working days) and each half-hour slot's places left, for the line the item takes at the hall",
        security: bearer,
        parameters: [
          ...hallParam,
          { name: 'target', in: 'query', required: true, schema: { type: 'string' }, description: 'an item or 一件事 code' },
          { name: 'priority', in: 'query', required: false, schema: { enum: [...PRIORITY_REASONS] }, description: '绿色通道 reason' },
        ],
        responses: {
          200: answer(
            'the slots',
            always({
              hall: { type: 'object' },
              target: { type: 'object' },
              windowKind: { enum: [...WINDOW_KINDS] },
              days: {
                type: 'array',
                items: always({
                  day: { type: 'string' },
                  slots: {
                    type: 'array',
                    items: always({ slot: { type: 'string' }, startsAt: instant, capacity: { type: 'integer' }, left: { type: 'integer' } }),
                  },
                }),
              },
            }),
          ),
          401: error('not signed in'),
          404: error('no such hall in use'),
          422: error('no target, or not an item or bundle handled at a window'),
        },
      },
    },
    '/appointments': {
      get: {
        summary: "The signed-in applicant's bookings (coming ones first) and, after no-shows, why and until when booking is refused",
        security: bearer,
        responses: {
          200: answer('the bookings', always({ bookings: { type: 'array', items: booking }, refusal: nullable() })),
          401: error('not signed in'),
          403: error('not an applicant'),
        },
      },
      post: {
        summary:
          'Books a half-hour slot of a hall for an item or a 一件事 (its place taken with one conditional UPDATE: the last place goes to one of two at once)',
        security: bearer,
        requestBody: { required: true, content: json(clean(bookingSchema)) },
        responses: {
          201: answer('booked: the code to check in with', booking),
          401: error('not signed in'),
          403: error('not an applicant'),
          404: error('no such hall in use'),
          409: error(conflicts),
          422: error('not a working day, beyond the days ahead, outside the opening periods, started, or not an item handled at a window'),
        },
      },
    },
    '/appointments/{code}/reschedule': {
      post: {
        summary: '改期: to another free slot of the same hall, atomically (the new place taken and the old given back, or neither), before the slot starts',
        security: bearer,
        parameters: codeParam,
        requestBody: { required: true, content: json(clean(rescheduleSchema)) },
        responses: {
          200: answer('moved', booking),
          401: error('not signed in'),
          404: error('no such booking of yours'),
          409: error(conflicts),
          422: error('the new slot cannot be booked'),
        },
      },
    },
    '/appointments/{code}/cancel': {
      post: {
        summary: '取消: before the slot starts; the place is given back',
        security: bearer,
        parameters: codeParam,
        responses: {
          200: answer('cancelled', booking),
          401: error('not signed in'),
          404: error('no such booking of yours'),
          409: error('cancelled, checked in, a no-show, or its slot has begun'),
        },
      },
    },
    '/appointments/{code}/prepared': {
      get: {
        summary: 'The application prepared for a booking (null: none yet)',
        security: bearer,
        parameters: codeParam,
        responses: {
          200: answer('the booking and its application', always({ booking, prepared: { oneOf: [prepared, { type: 'null' }] } })),
          401: error('not signed in'),
          404: error('no such booking of yours'),
        },
      },
      put: {
        summary: '预约预填: keeps the application (answers, form, how each material is given; files among your uploads) with the booking until the visit',
        security: bearer,
        parameters: codeParam,
        requestBody: { required: true, content: json(prepared) },
        responses: {
          200: answer('kept', booking),
          401: error('not signed in'),
          404: error('no such booking of yours'),
          409: error('the booking is no longer booked (checked in, cancelled, a no-show)'),
          422: error('a file not among your uploads, a material twice, a malformed body'),
        },
      },
    },
    '/appointments/{code}/intake': {
      get: {
        summary:
          "What the window intake opens with for a checked-in booking: the target, the applicant, the prepared answers, form and materials (a clerk of the hall's region)",
        security: bearer,
        parameters: codeParam,
        responses: {
          200: answer('the prepared application', intake),
          401: error('not signed in'),
          403: error('not a clerk, or the hall is outside your region'),
          404: error('no such booking'),
          409: error('not checked in'),
        },
      },
    },
    '/queue/tickets/{ticketId}/appointment': {
      get: {
        summary: "The same for a booking's queue ticket (the calling panel's ticket): 404 for a walk-in's ticket",
        security: bearer,
        parameters: ticketParam,
        responses: {
          200: answer('the prepared application', intake),
          401: error('not signed in'),
          403: error('not a clerk, or outside your region'),
          404: error('no booking of that ticket'),
          409: error('not checked in'),
        },
      },
    },
    '/halls/{hallId}/appointments': {
      get: {
        summary: "今日预约: a hall's bookings of a day (today unless ?day=YYYY-MM-DD), with who, when, what, prepared or not, the ticket",
        security: bearer,
        parameters: [...hallParam, { name: 'day', in: 'query', required: false, schema: { type: 'string', format: 'date' } }],
        responses: {
          200: answer('the day', always({ hall: { type: 'object' }, day: { type: 'string' }, bookings: { type: 'array', items: booking } })),
          401: error('not signed in'),
          403: error('not a clerk'),
          404: error('no such hall in use'),
          422: error('a malformed day'),
        },
      },
    },
    ...Object.fromEntries(
      (
        [
          ['/halls/{hallId}/appointments/check-in', '预约签到 at the hall kiosk (no sign-in; the code is the key; rate-limited)', undefined],
          ['/halls/{hallId}/appointments/clerk-check-in', '预约签到 by a clerk', bearer],
        ] as const
      ).map(([path, summary, security]) => [
        path,
        {
          post: {
            summary: `${summary}: from APPOINTMENT_CHECK_IN_EARLY_MINUTES before the slot to APPOINTMENT_CHECK_IN_LATE_MINUTES after it starts; a queue ticket for the booking's line`,
            ...(security ? { security } : {}),
            parameters: hallParam,
            requestBody: { required: true, content: json(clean(checkInSchema)) },
            responses: {
              201: answer(
                'checked in: the ticket',
                always({
                  booking,
                  ticket: always({
                    id: { type: 'integer' },
                    number: { type: 'string' },
                    windowKind: { enum: [...WINDOW_KINDS] },
                    ahead: { type: 'integer' },
                    token: { type: 'string' },
                  }),
                }),
              ),
              404: error('no such hall in use, or no such booking'),
              409: error('too early, too late, another hall, cancelled, a no-show or checked in already (with when and the ticket)'),
              422: error('not a booking code'),
              429: error('too many check-ins from one address'),
            },
          },
        },
      ]),
    ),
  };
}
