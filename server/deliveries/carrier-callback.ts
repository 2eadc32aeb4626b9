import express from 'express';
import { Op, type Transaction } from 'sequelize';
import type { AppContext } from '../context.ts';
import { Delivery } from './delivery.model.ts';
import { GatewayCallback } from '../gateways/gateway-callback.model.ts';
import type { DeliveryEvent, DeliveryStatus } from './delivery.model.ts';
import { AppError } from '../errors/app-error.ts';
import { caseById, recordTimeline } from '../cases/index.ts';
import { CallbackRejectedError } from '../gateways/gateway-errors.ts';
import type { CallbackHeaders } from '../gateways/signed-message.ts';
import type { Carrier, CarrierCallback } from '../gateways/logistics/index.ts';
import { carrierOf } from './carrier-of-config.ts';
import { recordDelivered } from './handover.ts';
import { newPickupCode, tellPickupCode } from './window-pickup.ts';
import { SIGNED_MESSAGE } from '../http/access.ts';
import { RouteTable } from '../http/route-table.ts';

const GATEWAY = 'logistics';
/** how far each event moves a delivery; an event never moves it back (callbacks can come late) */
const RANK: Record<DeliveryStatus, number> = { preparing: 0, in_transit: 1, returned: 2, delivered: 3 };

interface Answer {
  status: number;
  body: Record<string, unknown>;
}

/** Something the receiver refuses before any case is touched, answered 4xx. */
class Refusal extends Error {
  constructor(
    readonly problem: string,
    readonly answer: AppError,
  ) {
    super(problem);
  }
}

/** A verified callback the process could not take yet (the delivery task has not finished). */
class NotAwaited extends Error {}

/** What an unverified body says, kept with a refused callback as evidence. */
function peek(raw: Buffer): { eventId: string | null; subject: string | null } {
  try {
    const body = JSON.parse(raw.toString('utf8')) as Record<string, unknown>;
    const text = (v: unknown) => (typeof v === 'string' ? v.slice(0, 80) : null);
    return { eventId: text(body.eventId), subject: text(body.waybillNo) };
  } catch {
    return { eventId: null, subject: null };
  }
}

function verify(carrier: Carrier | null, raw: Buffer, headers: CallbackHeaders): CarrierCallback {
  if (!carrier) {
    throw new Refusal('carrier_not_configured', new AppError(401, 'callback_signature_invalid'));
  }
  try {
    const callback = carrier.verifyCallback(raw, headers);
    if (callback.eventId.length > 80 || callback.waybillNo.length > 64) throw new CallbackRejectedError(GATEWAY, 'malformed', 'eventId or waybillNo too long');
    return callback;
  } catch (err) {
    if (!(err instanceof CallbackRejectedError)) throw err;
    const code = err.reason === 'malformed' ? 'callback_malformed' : 'callback_signature_invalid';
    throw new Refusal(`${err.reason}: ${err.message}`.slice(0, 200), new AppError(err.reason === 'malformed' ? 400 : 401, code));
  }
}

/** Our delivery for the callback's waybill; before we stored the waybill number, by our shipmentNo. */
async function deliveryOf(callback: CarrierCallback): Promise<Delivery | null> {
  const byWaybill = await Delivery.findOne({ where: { waybillNo: callback.waybillNo } });
  if (byWaybill || !callback.shipmentNo) return byWaybill;
  return Delivery.findOne({ where: { shipmentNo: callback.shipmentNo, method: 'logistics', waybillNo: { [Op.is]: null } } });
}

/**
 * One tracking event on a delivery, inside the transaction that records the callback: appended
 * to the events and the timeline; 'delivered' completes the delivery and tells the process;
 * 'returned' offers the results at the window with a pickup code, so the case still ends by a
 * handover (the process keeps waiting for ResultDelivered).
 */
async function applyEvent(ctx: AppContext, delivery: Delivery, callback: CarrierCallback, transaction: Transaction): Promise<void> {
  const c = (await caseById(delivery.caseId, transaction))!;
  const event: DeliveryEvent = { event: callback.event, at: callback.at.toISOString(), eventId: callback.eventId, note: callback.description };
  const key = `logistics:${callback.eventId}`;
  const waybill = delivery.waybillNo ? {} : { waybillNo: callback.waybillNo };
  const next: DeliveryStatus = callback.event === 'collected' ? 'in_transit' : callback.event;
  const moves = RANK[next] > RANK[delivery.status];

  if (callback.event === 'delivered' && moves) {
    if (!delivery.waybillNo) await delivery.update(waybill, { transaction });
    await recordDelivered(ctx.engine, c, delivery, { event, actor: 'system:logistics', idempotencyKey: key, notWaiting: () => new NotAwaited() }, transaction);
    return;
  }
  const offer = callback.event === 'returned' && moves && !delivery.pickupCode ? newPickupCode() : undefined;
  await delivery.update(
    { ...waybill, events: [...delivery.events, event], ...(moves ? { status: next } : {}), ...(offer ? { pickupCode: offer } : {}) },
    { transaction },
  );
  const told = offer ? await tellPickupCode(c, offer, transaction) : {};
  await recordTimeline(
    { caseId: c.id, type: 'delivery.event', actor: 'system:logistics', detail: { ...event, waybillNo: callback.waybillNo, ...told }, idempotencyKey: key },
    transaction,
  );
}

/**
 * A tracking callback from the carrier. Every callback is kept (GatewayCallback), acted on or not.
 * - Not verified (signature missing or wrong, stale, malformed): 401 / 400, nothing changes.
 * - About a waybill we never booked: kept as refused 'unknown_waybill' and answered 200 with
 *   ok: false. A carrier retries anything but 2xx; retrying cannot make the waybill ours, so we stop
 *   it, and change nothing.
 * - A repeat of an event already recorded (by eventId): 200, nothing changes.
 * - An event the process cannot take yet ('delivered' before the delivery task finished): rolled
 *   back and answered 503, so the carrier tries again later.
 */
export async function receiveCarrierCallback(ctx: AppContext, raw: Buffer, headers: CallbackHeaders, remoteAddress: string | null): Promise<Answer> {
  let callback: CarrierCallback;
  try {
    callback = verify(carrierOf(ctx.config), raw, headers);
  } catch (err) {
    if (!(err instanceof Refusal)) throw err;
    await keep({ outcome: 'refused', ...peek(raw), problem: err.problem, body: raw.toString('utf8'), remoteAddress });
    ctx.logger.warn({ problem: err.problem, remoteAddress }, 'carrier callback refused');
    throw err.answer;
  }
  const found = await deliveryOf(callback);
  if (!found) {
    await keep({
      outcome: 'refused',
      eventId: callback.eventId,
      subject: callback.waybillNo,
      problem: 'unknown_waybill',
      body: raw.toString('utf8'),
      remoteAddress,
    });
    ctx.logger.warn({ waybillNo: callback.waybillNo, eventId: callback.eventId }, 'carrier callback about a waybill we never booked');
    return { status: 200, body: { ok: false, problem: 'unknown_waybill' } };
  }
  const outcome = await recordCarrierEvent(ctx, found.id, callback, { body: raw.toString('utf8'), remoteAddress });
  if (outcome === 'not_awaited') return { status: 503, body: { ok: false, problem: 'process_not_waiting', retry: true } };
  return { status: 200, body: { ok: true, ...(outcome === 'duplicate' ? { duplicate: true } : {}) } };
}

/** How we learnt of an event, kept as evidence: the callback's body, or the tracking query's answer. */
export interface EventEvidence {
  body: string;
  remoteAddress: string | null;
  /** why it came this way (a callback that never came: `callback_missing`) */
  problem?: string;
}

/**
 * One verified event on one of our deliveries, acted on once (by eventId), whether a callback
 * brought it or tracking found it. 'not_awaited': a delivery the process cannot take yet
 * ('delivered' before the delivery task finished), rolled back, to be acted on when it comes again.
 */
export async function recordCarrierEvent(
  ctx: AppContext,
  deliveryId: number,
  callback: CarrierCallback,
  evidence: EventEvidence,
): Promise<'recorded' | 'duplicate' | 'not_awaited'> {
  const kept = { eventId: callback.eventId, subject: callback.waybillNo, body: evidence.body, remoteAddress: evidence.remoteAddress };
  try {
    const duplicate = await ctx.sequelize.transaction(async (transaction) => {
      // the lock queues events of one delivery, so the eventId check below sees the one before
      const delivery = (await Delivery.findByPk(deliveryId, { transaction, lock: transaction.LOCK.UPDATE }))!;
      const seen = await GatewayCallback.findOne({ where: { gateway: GATEWAY, eventId: callback.eventId, outcome: 'recorded' }, transaction });
      await keep({ ...kept, outcome: seen ? 'duplicate' : 'recorded', problem: evidence.problem }, transaction);
      if (!seen) await applyEvent(ctx, delivery, callback, transaction);
      return Boolean(seen);
    });
    ctx.logger.info(
      { waybillNo: callback.waybillNo, event: callback.event, eventId: callback.eventId, duplicate, callbackMissing: evidence.problem === 'callback_missing' },
      'carrier event',
    );
    return duplicate ? 'duplicate' : 'recorded';
  } catch (err) {
    if (!(err instanceof NotAwaited)) throw err;
    await keep({ ...kept, outcome: 'refused', problem: 'process_not_waiting' });
    ctx.logger.warn({ waybillNo: callback.waybillNo, eventId: callback.eventId }, 'delivered before the process waits for it; acted on when it comes again');
    return 'not_awaited';
  }
}

/** Every callback and tracked event is kept (GatewayCallback), acted on or not. */
function keep(
  entry: {
    outcome: 'recorded' | 'duplicate' | 'refused';
    eventId: string | null;
    subject: string | null;
    problem?: string;
    body: string;
    remoteAddress: string | null;
  },
  transaction?: Transaction,
) {
  return GatewayCallback.create(
    {
      gateway: GATEWAY,
      outcome: entry.outcome,
      eventId: entry.eventId,
      subject: entry.subject,
      problem: entry.problem ?? null,
      body: entry.body,
      remoteAddress: entry.remoteAddress,
    },
    { transaction },
  );
}

/**
 * POST /gateways/logistics/callback: no bearer token (the carrier signs instead). It must see the
 * raw bytes, so the app mounts it before the JSON body parser.
 */
export function carrierCallbackRoutes(ctx: AppContext): RouteTable {
  const routes = new RouteTable(ctx);
  // raw bytes whatever the Content-Type claims: the signature covers the bytes, and a forgery is kept as sent
  routes.post('/gateways/logistics/callback', SIGNED_MESSAGE, express.raw({ type: () => true, limit: '32kb' }), async (req, res) => {
    const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const answer = await receiveCarrierCallback(ctx, raw, req.headers, req.ip ?? null);
    res.status(answer.status).json(answer.body);
  });
  return routes;
}
