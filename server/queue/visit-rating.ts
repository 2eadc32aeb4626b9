import { Op } from 'sequelize';
import { QueueTicket } from './ticket.model.ts';
import { aheadNow, publicTicket } from './hall-views.ts';
import { ticketStatusWords } from './calling.ts';
import { emitHallEvent } from './hall-events.ts';
import { RATING_LEVELS, RATING_REASONS } from '../ratings/index.ts';
import { conflict, notFound, validationFailed } from '../errors/app-error.ts';
import { assertValid } from '../validation/ajv.ts';
import { BAD_LEVEL, ratingRules, ratingSchema, type RatingBody, type RatingReason } from '../../contract/requests/ratings.ts';
import type { Locale } from '../i18n/locale.ts';

/**
 * 好差评 of a visit: the person rates the hall visit on the ticket's own page (the slip's short
 * link), once it is finished. server/ratings rates a case, by its applicant's account; a walk-in
 * visit has no account and maybe no case, so the visit's rating is kept on its ticket, with the
 * same levels, reasons and rules (contract/requests/ratings.ts).
 */

async function ticketByToken(token: string): Promise<QueueTicket> {
  const ticket = /^[A-Za-z0-9_-]{8,32}$/.test(token) ? await QueueTicket.findOne({ where: { token } }) : null;
  if (!ticket) throw notFound('ticket_not_found');
  return ticket;
}

function ratingOf(t: QueueTicket, locale: Locale) {
  if (t.ratingLevel === null) return null;
  const reasons = t.ratingReasons ? t.ratingReasons.split(',') : [];
  return {
    level: t.ratingLevel,
    levelLabel: RATING_LEVELS[t.ratingLevel]![locale],
    bad: t.ratingLevel <= BAD_LEVEL,
    reasons: reasons.map((code) => ({ code, label: RATING_REASONS[code as RatingReason]?.[locale] ?? code })),
    comment: t.ratingComment,
    at: t.ratedAt!.toISOString(),
  };
}

/** GET /queue/visits/{token}: the ticket's page: its place in the queue, its window once called, then the rating. */
export async function visitOf(token: string, locale: Locale) {
  const ticket = await ticketByToken(token);
  const { hall, ahead } = await aheadNow(ticket);
  return {
    ticket: publicTicket(ticket, hall, ahead, locale),
    rating: ratingOf(ticket, locale),
    canRate: ticket.status === 'done' && ticket.ratingLevel === null,
    levels: Object.entries(RATING_LEVELS).map(([level, label]) => ({ level: Number(level), label: label[locale] })),
    reasons: Object.entries(RATING_REASONS).map(([code, label]) => ({ code, label: label[locale] })),
  };
}

/** POST /queue/visits/{token}/rating: once, after the visit is finished (an UPDATE … WHERE rating_level IS NULL decides a double send). */
export async function rateVisit(token: string, input: unknown, locale: Locale) {
  const body = input ?? {};
  assertValid<RatingBody>(ratingSchema, body);
  const problems = ratingRules(body);
  if (problems.length) throw validationFailed(problems);
  const ticket = await ticketByToken(token);
  if (ticket.status !== 'done')
    throw conflict('ticket_state', {
      'zh-CN': `办理完毕后方可评价（${ticket.number} 号当前：${ticketStatusWords(ticket.status)['zh-CN']}）`,
      en: `A visit can be rated once it is finished (ticket ${ticket.number} is ${ticketStatusWords(ticket.status).en})`,
    });
  const [count] = await QueueTicket.update(
    {
      ratingLevel: body.level,
      ratingReasons: body.reasons?.length ? body.reasons.join(',') : null,
      ratingComment: body.comment?.trim() || null,
      ratedAt: new Date(),
      updatedAt: new Date(),
    },
    { where: { id: ticket.id, ratingLevel: { [Op.is]: null } } },
  );
  if (count !== 1) throw conflict('visit_rated');
  return visitOf(token, locale);
}

/** POST /queue/visits/{token}/cancel: the person gives the ticket up while it waits (an UPDATE … WHERE status='waiting'). */
export async function cancelVisit(token: string, locale: Locale) {
  const ticket = await ticketByToken(token);
  const [count] = await QueueTicket.update(
    { status: 'cancelled', finishedAt: new Date(), updatedAt: new Date() },
    { where: { id: ticket.id, status: 'waiting' } },
  );
  if (count !== 1) {
    const now = (await QueueTicket.findByPk(ticket.id))!;
    throw conflict('ticket_state', {
      'zh-CN': `${now.number} 号当前${ticketStatusWords(now.status)['zh-CN']}，不能取消`,
      en: `Ticket ${now.number} is ${ticketStatusWords(now.status).en} and cannot be cancelled`,
    });
  }
  emitHallEvent(ticket.hallId, { type: 'changed', number: ticket.number, windowNumber: null, at: new Date().toISOString() });
  return visitOf(token, locale);
}
