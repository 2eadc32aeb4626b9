import express, { Router } from 'express';
import { Op, type Transaction } from 'sequelize';
import type { AppContext } from '../context.ts';
import { Case, Delivery, GatewayCallback } from '../db/index.ts';
import type { DeliveryEvent, DeliveryStatus } from '../db/models/results.ts';
import { AppError } from '../errors/app-error.ts';
import { recordTimeline } from '../cases/timeline.ts';
import { CallbackRejectedError } from '../gateways/gateway-errors.ts';
import type { CallbackHeaders } from '../gateways/signed-message.ts';
import type { Carrier, CarrierCallback } from '../gateways/logistics/index.ts';
import { carrierOf } from './carrier-of-config.ts';
import { recordDelivered } from './handover.ts';
import { newPickupCode, tellPickupCode } from './window-pickup.ts';

const GATEWAY = 'logistics';
/** how far each event moves a delivery; an event never moves it back (callbacks can come late) */
const RANK: Record<DeliveryStatus, number> = { preparing: 0, in_transit: 1, returned: 2, delivered: 3 };

interface Answer {
  status: number;
  body: Record<string, unknown>;
}

/** Something the receiver refuses before any case is touched, answered 4xx. */
class Refusal extends Error {
  constructor(readonly problem: string, readonly answer: AppError) {
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
  const c = (await Case.findByPk(delivery.caseId, { transaction }))!;
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
  await recordTimeline({ caseId: c.id, type: 'delivery.event', actor: 'system:logistics', detail: { ...event, waybillNo: callback.waybillNo, ...told }, idempotencyKey: key }, transaction);
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
  const keep = (outcome: 'recorded' | 'duplicate' | 'refused', what: { eventId: string | null; subject: string | null; problem?: string }, transaction?: Transaction) =>
    GatewayCallback.create({ gateway: GATEWAY, outcome, eventId: what.eventId, subject: what.subject, problem: what.problem ?? null, body: raw.toString('utf8'), remoteAddress }, { transaction });

  let callback: CarrierCallback;
  try {
    callback = verify(carrierOf(ctx.config), raw, headers);
  } catch (err) {
    if (!(err instanceof Refusal)) throw err;
    await keep('refused', { ...peek(raw), problem: err.problem });
    ctx.logger.warn({ problem: err.problem, remoteAddress }, 'carrier callback refused');
    throw err.answer;
  }
  const what = { eventId: callback.eventId, subject: callback.waybillNo };
  const found = await deliveryOf(callback);
  if (!found) {
    await keep('refused', { ...what, problem: 'unknown_waybill' });
    ctx.logger.warn({ waybillNo: callback.waybillNo, eventId: callback.eventId }, 'carrier callback about a waybill we never booked');
    return { status: 200, body: { ok: false, problem: 'unknown_waybill' } };
  }
  try {
    const duplicate = await ctx.sequelize.transaction(async (transaction) => {
      // the lock queues callbacks of one delivery, so the eventId check below sees the one before
      const delivery = (await Delivery.findByPk(found.id, { transaction, lock: transaction.LOCK.UPDATE }))!;
      const seen = await GatewayCallback.findOne({ where: { gateway: GATEWAY, eventId: callback.eventId, outcome: 'recorded' }, transaction });
      await keep(seen ? 'duplicate' : 'recorded', what, transaction);
      if (!seen) await applyEvent(ctx, delivery, callback, transaction);
      return Boolean(seen);
    });
    ctx.logger.info({ waybillNo: callback.waybillNo, event: callback.event, eventId: callback.eventId, duplicate }, 'carrier callback');
    return { status: 200, body: { ok: true, ...(duplicate ? { duplicate: true } : {}) } };
  } catch (err) {
    if (!(err instanceof NotAwaited)) throw err;
    await keep('refused', { ...what, problem: 'process_not_waiting' });
    ctx.logger.warn({ waybillNo: callback.waybillNo, eventId: callback.eventId }, 'delivered before the process waits for it; the carrier will retry');
    return { status: 503, body: { ok: false, problem: 'process_not_waiting', retry: true } };
  }
}

/**
 * POST /gateways/logistics/callback: no bearer token (the carrier signs instead). It must see the
 * raw bytes, so the app mounts it before the JSON body parser.
 */
export function carrierCallbackRouter(ctx: AppContext): Router {
  const router = Router();
  // raw bytes whatever the Content-Type claims: the signature covers the bytes, and a forgery is kept as sent
  router.post('/gateways/logistics/callback', express.raw({ type: () => true, limit: '32kb' }), async (req, res) => {
    const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const answer = await receiveCarrierCallback(ctx, raw, req.headers, req.ip ?? null);
    res.status(answer.status).json(answer.body);
  });
  return router;
}
