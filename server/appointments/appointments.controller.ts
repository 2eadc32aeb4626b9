import type { Request, Response } from 'express';
import { rateLimit } from 'express-rate-limit';
import type { AppContext } from '../context.ts';
import { PUBLIC, SIGNED_IN, roles } from '../http/access.ts';
import { RouteTable } from '../http/route-table.ts';
import { requestActor } from '../audit/index.ts';
import { assertValid } from '../validation/ajv.ts';
import { negotiateLocale, type Locale, type Localized } from '../i18n/locale.ts';
import { AppError, notFound, validationFailed, fieldProblem } from '../errors/app-error.ts';
import { shanghaiDay } from '../calendar/index.ts';
import { hallsWithin } from '../organization/index.ts';
import { bookableHall, bookingTarget, lineFor, openSlots } from './slots.ts';
import { book, bookingsOf, bookingsOfHallDay, cancel, ownBooking, reschedule } from './bookings.ts';
import { noShowBan } from './no-show-ban.ts';
import { checkIn } from './check-in.ts';
import { intakeOf, savePrepared } from './prepared.ts';
import { bookingView, type Booking } from './views.ts';
import { PRIORITY_REASONS, type PriorityReason } from '../../contract/requests/queue.ts';
import {
  bookingSchema,
  checkInRules,
  checkInSchema,
  normalBookingCode,
  preparedSchema,
  rescheduleSchema,
  type BookingBody,
  type CheckInBody,
  type PreparedBody,
  type RescheduleBody,
} from '../../contract/requests/appointments.ts';

const APPLICANTS = roles('applicant');
const CLERKS = roles('clerk');

const hallIdOf = (req: Request): number => {
  const raw = String(req.params.hallId);
  if (!/^[1-9][0-9]{0,9}$/.test(raw)) throw notFound('hall_not_found');
  return Number(raw);
};
const codeOf = (req: Request): string => {
  const code = normalBookingCode(String(req.params.code));
  if (checkInRules({ code }).length) throw notFound('appointment_not_found');
  return code;
};

/** 在线预约 (documented in ./openapi.ts): the slots of a hall, a person's bookings, the prepared application, the check-in, a hall's day. */
export function appointmentsRoutes(ctx: AppContext): RouteTable {
  const routes = new RouteTable(ctx);
  const settings = () => ctx.config.appointments;
  const who = (req: Request) => ({ ...requestActor(req), clientAddress: req.ip ?? null });
  const locale = (req: Request): Locale => negotiateLocale(req.headers['accept-language']);

  /** the bookings as views, their halls and targets read once */
  async function views(rows: Booking[], req: Request, forClerk = false) {
    const halls = new Map((await hallsWithin()).map((h) => [h.id, h]));
    const names = new Map<string, Localized | undefined>();
    for (const code of new Set(rows.map((r) => r.targetCode)))
      names.set(
        code,
        await bookingTarget(code).then(
          (t) => t.name,
          () => undefined,
        ),
      );
    return rows.map((r) => bookingView(r, halls.get(r.hallId), names.get(r.targetCode), settings(), locale(req), forClerk));
  }
  const one = async (a: Booking, req: Request, forClerk = false) => (await views([a], req, forClerk))[0];

  routes.get('/halls/:hallId/appointment-slots', SIGNED_IN, async (req, res) => {
    const hall = await bookableHall(hallIdOf(req));
    const { target, priority } = req.query;
    if (typeof target !== 'string' || !target) throw validationFailed([fieldProblem('target', '办理事项：请选择事项', 'Service item: choose the item')]);
    if (priority !== undefined && priority !== '' && !PRIORITY_REASONS.includes(priority as PriorityReason))
      throw validationFailed([fieldProblem('priority', '绿色通道原因：不是可选的原因', 'Priority reason: not one of the reasons')]);
    const t = await bookingTarget(target);
    const line = lineFor(hall, t.departmentCode, (priority || null) as PriorityReason | null);
    const en = locale(req) === 'en';
    res.json({
      hall: { id: hall.id, name: en ? hall.nameEn : hall.nameZh, address: hall.address, openingPeriods: hall.openingPeriods },
      target: { kind: t.kind, code: t.code, name: t.name[locale(req)] },
      windowKind: line.windowKind,
      days: await openSlots(hall, line, settings(), new Date()),
    });
  });

  routes.get('/appointments', APPLICANTS, async (req, res) => {
    const ban = await noShowBan(req.principal!.id, settings(), new Date());
    res.json({ bookings: await views(await bookingsOf(req.principal!.id), req), refusal: ban ? ban.localizedMessage![locale(req)] : null });
  });
  routes.post('/appointments', APPLICANTS, async (req, res) => {
    assertValid<BookingBody>(bookingSchema, req.body);
    res.status(201).json(await one(await book(req.principal!, req.body as BookingBody, settings(), who(req)), req));
  });
  routes.post('/appointments/:code/reschedule', APPLICANTS, async (req, res) => {
    const code = codeOf(req);
    assertValid<RescheduleBody>(rescheduleSchema, req.body);
    res.json(await one(await reschedule(req.principal!, code, req.body as RescheduleBody, settings(), who(req)), req));
  });
  routes.post('/appointments/:code/cancel', APPLICANTS, async (req, res) => {
    res.json(await one(await cancel(req.principal!, codeOf(req), who(req)), req));
  });
  routes.get('/appointments/:code/prepared', APPLICANTS, async (req, res) => {
    const a = await ownBooking(req.principal!, codeOf(req));
    res.json({ booking: await one(a, req), prepared: a.prepared });
  });
  routes.put('/appointments/:code/prepared', APPLICANTS, async (req, res) => {
    const code = codeOf(req);
    assertValid<PreparedBody>(preparedSchema, req.body);
    res.json(await one(await savePrepared(req.principal!, code, req.body as PreparedBody, who(req)), req, false));
  });

  // the window: what the intake opens with for a booking's ticket, a hall's day, a clerk's check-in
  routes.get('/appointments/:code/intake', CLERKS, async (req, res) => {
    res.json(await intakeOf(req.principal!, { code: codeOf(req) }));
  });
  // the calling panel's ticket (server/queue) of a booking: the window opens its prepared application
  routes.get('/queue/tickets/:ticketId/appointment', CLERKS, async (req, res) => {
    const raw = String(req.params.ticketId);
    if (!/^[1-9][0-9]{0,9}$/.test(raw)) throw notFound('appointment_not_found');
    res.json(await intakeOf(req.principal!, { ticketId: Number(raw) }));
  });
  routes.get('/halls/:hallId/appointments', CLERKS, async (req, res) => {
    const hall = await bookableHall(hallIdOf(req));
    const day = req.query.day === undefined || req.query.day === '' ? shanghaiDay(new Date()) : req.query.day;
    if (typeof day !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(day))
      throw validationFailed([fieldProblem('day', '日期：格式应为 YYYY-MM-DD', 'Day: YYYY-MM-DD')]);
    res.json({
      hall: { id: hall.id, name: locale(req) === 'en' ? hall.nameEn : hall.nameZh },
      day,
      bookings: await views(await bookingsOfHallDay(hall.id, day), req, true),
    });
  });
  // the kiosk (no sign-in: the code is the booking's key) and the clerk check in alike
  const checkInRoute = async (req: Request, res: Response) => {
    const hall = await bookableHall(hallIdOf(req));
    assertValid<CheckInBody>(checkInSchema, req.body);
    const problems = checkInRules(req.body as CheckInBody);
    if (problems.length) throw validationFailed(problems);
    const { booking, ticket } = await checkIn(hall, normalBookingCode((req.body as CheckInBody).code), settings(), who(req));
    res.status(201).json({
      booking: await one(booking, req),
      ticket: { id: ticket.id, number: ticket.number, windowKind: ticket.windowKind, ahead: ticket.ahead, token: ticket.token },
    });
  };
  // a kiosk is one address checking in a few people a minute; a flood (codes guessed) is cut off
  const limiter = rateLimit({
    windowMs: 60_000,
    limit: 60,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    handler: (_req, _res, next) => next(new AppError(429, 'rate_limited')),
  });
  routes.post('/halls/:hallId/appointments/check-in', PUBLIC, limiter, checkInRoute);
  routes.post('/halls/:hallId/appointments/clerk-check-in', CLERKS, checkInRoute);
  return routes;
}
