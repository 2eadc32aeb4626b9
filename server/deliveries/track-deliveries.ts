import { Op } from 'sequelize';
import type { AppContext } from '../context.ts';
import { Delivery } from './delivery.model.ts';
import { checkWhatIsDue } from '../gateways/reconcile-round.ts';
import { backoffAfter, repeatEvery } from '../scheduling/repeat.ts';
import { carrierOf } from './carrier-of-config.ts';
import { recordCarrierEvent } from './carrier-callback.ts';

const MINUTE = 60_000;
/** still on the way: a parcel's events can come until it is delivered or returned */
const ON_THE_WAY = ['preparing', 'in_transit'] as const;

/** When to ask about a parcel next: ten minutes after booking, then a quarter of its age, at most every six hours. */
export const nextTrackAt = (delivery: Pick<Delivery, 'createdAt'>, now: Date): Date => backoffAfter(delivery.createdAt, now, 10 * MINUTE, 360 * MINUTE);

/**
 * 对账 for one parcel: asks the carrier for its events and acts on those no callback brought, in
 * order, as the callback would have (recordCarrierEvent; problem `callback_missing`). Stops at a
 * delivery the process cannot take yet: the next round brings it again. Returns the events acted on.
 */
export async function trackDelivery(ctx: AppContext, delivery: Delivery): Promise<number> {
  const carrier = carrierOf(ctx.config);
  if (!carrier || delivery.method !== 'logistics' || !delivery.waybillNo) return 0;
  const known = new Set(delivery.events.map((e) => e.eventId));
  let recorded = 0;
  for (const event of await carrier.track(delivery.waybillNo)) {
    if (known.has(event.eventId)) continue;
    const callback = { ...event, waybillNo: delivery.waybillNo, shipmentNo: delivery.shipmentNo };
    const evidence = { body: JSON.stringify({ ...callback, trackedAt: new Date().toISOString() }), remoteAddress: null, problem: 'callback_missing' };
    const outcome = await recordCarrierEvent(ctx, delivery.id, callback, evidence);
    if (outcome === 'not_awaited') break;
    if (outcome === 'recorded') recorded++;
  }
  return recorded;
}

/** One round of 对账 with the carrier: every parcel on the way whose check is due is tracked and its next check scheduled. */
export function trackDeliveries(ctx: AppContext, now: Date = new Date()): Promise<{ checked: number; settled: number }> {
  return checkWhatIsDue<Delivery>(ctx.logger, {
    system: 'carrier',
    due: (limit) => Delivery.findAll({ where: { status: { [Op.in]: [...ON_THE_WAY] }, method: 'logistics', nextCheckAt: { [Op.lte]: now } }, limit }),
    check: (delivery) => trackDelivery(ctx, delivery),
    reschedule: (delivery) => Delivery.update({ nextCheckAt: nextTrackAt(delivery, now) }, { where: { id: delivery.id }, silent: true }).then(() => undefined),
    describe: (delivery) => ({ waybillNo: delivery.waybillNo }),
  });
}

/** Tracks every `reconcileIntervalMs` until stopped, when a carrier is configured. */
export function watchDeliveries(ctx: AppContext): () => Promise<void> {
  if (!carrierOf(ctx.config)) return async () => undefined;
  return repeatEvery(ctx.config.reconcileIntervalMs, 'parcel tracking', ctx, () => trackDeliveries(ctx));
}
