import type { Request } from 'express';
import { rateLimit } from 'express-rate-limit';
import type { AppContext } from '../context.ts';
import { negotiateLocale } from '../i18n/locale.ts';
import { AppError, notFound } from '../errors/app-error.ts';
import { assertValid } from '../validation/ajv.ts';
import { PUBLIC, roles } from '../http/access.ts';
import { RouteTable } from '../http/route-table.ts';
import { requestActor } from '../audit/index.ts';
import { activeHall, issueTicket } from './tickets.ts';
import { callNext, finishTicket, linkCase, markNoShow, recall, startServing, ticketOfClerk } from './calling.ts';
import { displayOf, kioskOf, panelOf, publicTicket, ticketForIntake } from './hall-views.ts';
import { cancelVisit, rateVisit, visitOf } from './visit-rating.ts';
import { callSchema, ticketCaseSchema, ticketSchema, type CallBody, type TicketBody } from '../../contract/requests/queue.ts';

const locale = (req: Request) => negotiateLocale(req.headers['accept-language']);
const CLERKS = roles('clerk');

function idParam(req: Request, name: string, code: 'hall_not_found' | 'ticket_not_found'): number {
  const raw = String(req.params[name]);
  const id = /^[1-9][0-9]{0,9}$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(id) || id > 2 ** 31 - 1) throw notFound(code);
  return id;
}

/**
 * 智能排队叫号: the hall's kiosk, its display and the ticket's own page are public (a person in the
 * hall, no account); the calling panel is the clerks'. Each call, re-call, no-show, serve, finish
 * and case link is in the audit trail and heard by the hall's open pages (socket.io room hall:<id>).
 */
export function queueRoutes(ctx: AppContext): RouteTable {
  const routes = new RouteTable(ctx);
  // a kiosk or a ticket page is one address taking a few tickets a minute; a flood is cut off
  const limiter = rateLimit({
    windowMs: 60_000,
    limit: 120,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    handler: (_req, _res, next) => next(new AppError(429, 'rate_limited')),
  });

  routes.get('/halls/:hallId/queue/kiosk', PUBLIC, async (req, res) => {
    res.json(await kioskOf(idParam(req, 'hallId', 'hall_not_found'), locale(req)));
  });
  routes.post('/halls/:hallId/queue/tickets', PUBLIC, limiter, async (req, res) => {
    const hallId = idParam(req, 'hallId', 'hall_not_found');
    assertValid<TicketBody>(ticketSchema, req.body);
    const ticket = await issueTicket({ ...(req.body as TicketBody), hallId }, { actor: null });
    res.status(201).json(publicTicket(ticket, await activeHall(hallId), ticket.ahead, locale(req)));
  });
  routes.get('/halls/:hallId/queue/display', PUBLIC, async (req, res) => {
    res.json(await displayOf(idParam(req, 'hallId', 'hall_not_found'), locale(req)));
  });
  routes.get('/queue/visits/:token', PUBLIC, async (req, res) => {
    res.json(await visitOf(String(req.params.token), locale(req)));
  });
  routes.post('/queue/visits/:token/rating', PUBLIC, limiter, async (req, res) => {
    res.status(201).json(await rateVisit(String(req.params.token), req.body, locale(req)));
  });

  routes.post('/queue/visits/:token/cancel', PUBLIC, limiter, async (req, res) => {
    res.json(await cancelVisit(String(req.params.token), locale(req)));
  });

  routes.get('/queue/panel', CLERKS, async (req, res) => {
    const raw = typeof req.query.windowId === 'string' ? req.query.windowId : '';
    const windowId = /^[1-9][0-9]{0,9}$/.test(raw) ? Number(raw) : null;
    res.json(await panelOf(req.principal!, windowId, locale(req)));
  });
  routes.post('/queue/call-next', CLERKS, async (req, res) => {
    assertValid<CallBody>(callSchema, req.body);
    res.json(await callNext(req.principal!, (req.body as CallBody).windowId, requestActor(req)).then(withoutPhone));
  });
  routes.get('/queue/tickets/:id', CLERKS, async (req, res) => {
    res.json(await ticketForIntake(await ticketOfClerk(req.principal!, idParam(req, 'id', 'ticket_not_found'))));
  });
  const step = (path: string, act: typeof recall) =>
    routes.post(`/queue/tickets/:id/${path}`, CLERKS, async (req, res) => {
      res.json(withoutPhone(await act(req.principal!, idParam(req, 'id', 'ticket_not_found'), requestActor(req))));
    });
  step('recall', recall);
  step('no-show', markNoShow);
  step('serve', startServing);
  step('finish', finishTicket);
  routes.post('/queue/tickets/:id/case', CLERKS, async (req, res) => {
    const id = idParam(req, 'id', 'ticket_not_found');
    assertValid<{ caseNo: string }>(ticketCaseSchema, req.body);
    res.json(withoutPhone(await linkCase(req.principal!, id, (req.body as { caseNo: string }).caseNo, requestActor(req))));
  });

  return routes;
}

/** A clerk's action answers the ticket without the person's phone (GET /queue/tickets/{id} gives it for the intake). */
function withoutPhone<T extends { phone: string | null; takenAt: Date; calledAt: Date | null; servedAt: Date | null; finishedAt: Date | null }>(t: T) {
  return {
    ...t,
    phone: undefined,
    takenAt: t.takenAt.toISOString(),
    calledAt: t.calledAt?.toISOString() ?? null,
    servedAt: t.servedAt?.toISOString() ?? null,
    finishedAt: t.finishedAt?.toISOString() ?? null,
  };
}
