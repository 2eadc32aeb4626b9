import { Op } from 'sequelize';
import type { AppContext } from '../context.ts';
import type { Principal } from '../auth/index.ts';
import { recordAudit } from '../audit/index.ts';
import { conflict, notFound } from '../errors/app-error.ts';
import { assertValid } from '../validation/ajv.ts';
import { resendDeadLettersSchema, type ResendDeadLettersBody } from '../../contract/requests/province.ts';
import { OutboxEvent } from './outbox-event.model.ts';
import { sourceOfEventId, type MappedEvent, type PlatformEvent, type ReportedCase } from './exchange-mapping.ts';
import { mapForOutbox } from './queue.ts';

/**
 * Where a resend reads an event's source again — the case's timeline entry or its rating, with the
 * case as it is now — so that a message the exchange refused is sent as the data stands once it was
 * fixed (a port: the cases and the ratings are above this domain; server/app.ts hands them in).
 */
export interface EventSources {
  timelineEntry(id: number): Promise<{ reported: ReportedCase; event: PlatformEvent } | null>;
  rating(id: number): Promise<{ reported: ReportedCase; event: PlatformEvent } | null>;
}

/** The event mapped again from its source, when it still maps to the same event. */
async function remapped(sources: EventSources, row: OutboxEvent): Promise<MappedEvent | null> {
  const named = sourceOfEventId(row.eventId);
  if (!named) return null;
  const found = named.source === 'rating' ? await sources.rating(named.sourceId) : await sources.timelineEntry(named.sourceId);
  const mapped = found ? await mapForOutbox(found.reported, found.event) : null;
  return mapped?.eventId === row.eventId ? mapped : null;
}

/**
 * 重发: dead letters go back to pending, with their attempts counted anew; the sender's next round
 * sends them (first of their case, so the events they held back follow). One the exchange refused
 * is mapped again from its source first (a failure of the link needs no new message). Audited.
 */
export async function resendDeadLetters(ctx: AppContext, sources: EventSources, principal: Principal, ids: number[] | undefined) {
  const dead = await OutboxEvent.findAll({ where: { state: 'dead', ...(ids ? { id: { [Op.in]: ids } } : {}) }, order: [['id', 'ASC']] });
  const messages = new Map<number, MappedEvent>();
  for (const row of dead.filter((r) => r.lastError?.startsWith('malformed'))) {
    const mapped = await remapped(sources, row);
    if (mapped) messages.set(row.id, mapped);
  }
  return ctx.sequelize.transaction(async (transaction) => {
    const rows = await OutboxEvent.findAll({
      attributes: ['id', 'eventId', 'caseNo'],
      where: { state: 'dead', id: { [Op.in]: dead.map((r) => r.id) } },
      transaction,
      lock: transaction.LOCK.UPDATE,
    });
    const again = { state: 'pending' as const, attempts: 0, nextAttemptAt: new Date() };
    const plain = rows.filter((r) => !messages.has(r.id)).map((r) => r.id);
    if (plain.length) await OutboxEvent.update(again, { where: { id: { [Op.in]: plain }, state: 'dead' }, transaction });
    for (const r of rows.filter((row) => messages.has(row.id))) {
      const { payload, personal } = messages.get(r.id)!;
      await OutboxEvent.update({ ...again, payload, personal }, { where: { id: r.id, state: 'dead' }, transaction });
    }
    await recordAudit(
      {
        actor: principal.username,
        action: 'province.dead_letters_resent',
        target: rows.length === 1 ? rows[0]!.caseNo : `${rows.length} events`,
        detail: { events: rows.map((r) => r.eventId).slice(0, 500), remapped: messages.size },
      },
      transaction,
    );
    return { resent: rows.length, eventIds: rows.map((r) => r.eventId) };
  });
}

/** POST /operations/province/dead-letters/{id}/resend */
export async function resendDeadLetter(ctx: AppContext, sources: EventSources, principal: Principal, id: string) {
  const row = /^\d{1,9}$/.test(id) ? await OutboxEvent.findByPk(Number(id), { attributes: ['id', 'state'] }) : null;
  if (!row) throw notFound('dead_letter_not_found');
  if (row.state !== 'dead') throw conflict('dead_letter_not_dead');
  const done = await resendDeadLetters(ctx, sources, principal, [row.id]);
  if (!done.resent) throw conflict('dead_letter_not_dead');
  return { id: row.id, eventId: done.eventIds[0]!, state: 'pending' as const };
}

/** POST /operations/province/dead-letters/resend {ids} or {all: true}: the named dead letters, or all of them. */
export async function resendMany(ctx: AppContext, sources: EventSources, principal: Principal, body: unknown) {
  const input = body ?? {};
  assertValid<ResendDeadLettersBody>(resendDeadLettersSchema, input);
  return resendDeadLetters(ctx, sources, principal, 'ids' in input ? input.ids : undefined);
}
