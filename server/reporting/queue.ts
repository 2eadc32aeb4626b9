import { Op, type Transaction } from 'sequelize';
import { accountByUsername } from '../auth/index.ts';
import { beijingDay } from '../gateways/province/index.ts';
import { OutboxEvent } from './outbox-event.model.ts';
import { exchangeEventOf, type MappedEvent, type PlatformEvent, type ReportedCase } from './exchange-mapping.ts';

/** The step's handler by name, as the province's 办理环节 record names them (the account's name, else the user name). */
async function withHandlerName(mapped: MappedEvent, transaction?: Transaction, names = new Map<string, string | null>()): Promise<MappedEvent> {
  const handler = mapped.payload.process?.handler;
  if (!handler) return mapped;
  if (!names.has(handler.account)) names.set(handler.account, (await accountByUsername(handler.account, { transaction }))?.displayName ?? null);
  const name = names.get(handler.account);
  if (!name) return mapped;
  return { ...mapped, payload: { ...mapped.payload, process: { ...mapped.payload.process!, handler: { ...handler, name } } } };
}

const row = (c: ReportedCase, mapped: MappedEvent, at: Date, origin: 'live' | 'backfill') => ({
  eventId: mapped.eventId,
  caseId: c.id,
  caseNo: c.caseNo,
  eventType: mapped.eventType,
  occurredAt: at,
  day: beijingDay(at),
  payload: mapped.payload,
  personal: mapped.personal,
  origin,
  nextAttemptAt: new Date(),
});

/** The exchange's event for a platform event, its step's handler named (null: the province does not take it). */
export async function mapForOutbox(c: ReportedCase, event: PlatformEvent, transaction?: Transaction): Promise<MappedEvent | null> {
  const mapped = exchangeEventOf(c, event);
  return mapped ? withHandlerName(mapped, transaction) : null;
}

/**
 * Queues a case event for the province in the event's own transaction (the outbox): written with
 * it or not at all. An event the province does not take queues nothing; answers whether one was queued.
 */
export async function queueCaseEvent(c: ReportedCase, event: PlatformEvent, transaction: Transaction): Promise<boolean> {
  const mapped = await mapForOutbox(c, event, transaction);
  if (!mapped) return false;
  await OutboxEvent.create(row(c, mapped, event.at, 'live'), { transaction });
  return true;
}

/**
 * 存量回传: queues what of these cases' history was never queued, each case's events in the order
 * they happened; answers how many were queued. Event ids are derived from the source rows, so what
 * is queued already is found by id and left alone (a second run queues nothing).
 */
export async function queueHistory(history: Array<{ reported: ReportedCase; events: PlatformEvent[] }>): Promise<{ considered: number; queued: number }> {
  const mapped = history.flatMap(({ reported, events }) =>
    [...events]
      .sort((a, b) => a.at.getTime() - b.at.getTime() || (a.source === b.source ? a.sourceId - b.sourceId : a.source === 'timeline' ? -1 : 1))
      .map((e) => ({ reported, at: e.at, mapped: exchangeEventOf(reported, e) }))
      .filter((m): m is { reported: ReportedCase; at: Date; mapped: MappedEvent } => m.mapped !== null),
  );
  if (!mapped.length) return { considered: 0, queued: 0 };
  const known = new Set(
    (await OutboxEvent.findAll({ attributes: ['eventId'], where: { eventId: { [Op.in]: mapped.map((m) => m.mapped.eventId) } }, raw: true })).map(
      (r) => r.eventId,
    ),
  );
  const missing = mapped.filter((m) => !known.has(m.mapped.eventId));
  const names = new Map<string, string | null>();
  const rows = [];
  for (const m of missing) rows.push(row(m.reported, await withHandlerName(m.mapped, undefined, names), m.at, 'backfill'));
  // two backfills at once: the unique event id keeps one of each
  if (rows.length) await OutboxEvent.bulkCreate(rows, { ignoreDuplicates: true });
  return { considered: mapped.length, queued: rows.length };
}
