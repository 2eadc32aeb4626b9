import type { Logger } from 'pino';
import { Delivery } from './delivery.model.ts';
import type { DeliveryEvent, DeliveryMethod } from './delivery.model.ts';
import type { Config } from '../config/schema.ts';
import { caseByNumber, type CaseRecord, findTimelineEntry, lockCase, recordTimeline, setCaseStatus } from '../cases/index.ts';
import type { Carrier } from '../gateways/logistics/index.ts';
import { casesDeliveredTogether } from './result-documents.ts';
import { documentsOf } from '../results/index.ts';
import { nextTrackAt } from './track-deliveries.ts';
import { methodOf } from './delivery-choice.ts';
import { carrierCallbackUrl, carrierOf, RESULTS_SENDER } from './carrier-of-config.ts';
import { newPickupCode, tellPickupCode } from './window-pickup.ts';

/** Our idempotency key at the carrier: one delivery per case (a bundle's covers its items). */
export const shipmentNoOf = (caseNo: string): string => `DLV-${caseNo}`;

interface DeliveryDependencies {
  carrier: Carrier | null;
  callbackUrl: string;
  logger: Logger;
}

/** 送达 / 统一出件 of the case (the `delivery` topic), with the configured carrier; answers how it goes out. */
export async function startDeliveryOfCase(caseNo: string, config: Config, logger: Logger): Promise<DeliveryMethod> {
  const delivery = await startDelivery(await caseByNumber(caseNo), { carrier: carrierOf(config), callbackUrl: carrierCallbackUrl(config), logger });
  return delivery.method;
}

/**
 * 送达 / 统一出件, as the delivery task does it. Every step is keyed so that a repeated task
 * (Camunda delivers at least once) finds what the last attempt did:
 * 1. the Delivery row, once per case, from the choice at that moment (the case row is locked, as
 *    PUT /delivery locks it), carrying the documents of the case and, for a bundle, of its items;
 * 2. for logistics, the waybill, booked outside any transaction (the carrier is idempotent by
 *    shipmentNo; a network failure throws and the task is retried);
 * 3. the case status 'delivering' (logistics, pickup), the 'delivery.started' entry and the
 *    pickup code told to the applicant, once, keyed by the shipment.
 * Electronic delivery is complete at once: the documents are downloadable by the applicant.
 */
async function startDelivery(c: CaseRecord, deps: DeliveryDependencies): Promise<Delivery> {
  const delivery = await createOnce(c);
  if (delivery.method === 'logistics' && !delivery.waybillNo) await bookWaybill(c, delivery, deps);
  const key = `delivery.started:${delivery.shipmentNo}`;
  await Delivery.sequelize!.transaction(async (transaction) => {
    if (await findTimelineEntry(key, transaction)) return;
    const told = delivery.method === 'logistics' || !delivery.pickupCode ? {} : await tellPickupCode(c, delivery.pickupCode, transaction);
    await recordTimeline(
      {
        caseId: c.id,
        type: 'delivery.started',
        actor: 'system:delivery',
        detail: {
          method: delivery.method,
          shipmentNo: delivery.shipmentNo,
          waybillNo: delivery.waybillNo ?? null,
          documents: delivery.documents.length,
          ...told,
        },
        idempotencyKey: key,
      },
      transaction,
    );
    if (delivery.method !== 'electronic') await setCaseStatus(c.id, 'delivering', transaction);
  });
  deps.logger.info(
    { method: delivery.method, shipmentNo: delivery.shipmentNo, waybillNo: delivery.waybillNo, documents: delivery.documents.length },
    'delivery started',
  );
  return delivery;
}

async function createOnce(c: CaseRecord): Promise<Delivery> {
  return Delivery.sequelize!.transaction(async (transaction) => {
    const locked = (await lockCase(c.id, transaction))!;
    const existing = await Delivery.findOne({ where: { caseId: c.id }, transaction });
    if (existing) return existing;
    const method = methodOf(locked);
    // the results go in the parcel; the notices served along the way (受理通知书 …) are not results
    const documents = (
      await documentsOf(
        (await casesDeliveredTogether(locked, transaction)).map((x) => x.id),
        transaction,
      )
    ).filter((d) => d.kind !== 'notice');
    const now = new Date();
    const events: DeliveryEvent[] = method === 'electronic' ? [{ event: 'available', at: now.toISOString(), note: '电子送达：办理结果可在线下载' }] : [];
    return Delivery.create(
      {
        caseId: c.id,
        method,
        status: method === 'electronic' ? 'delivered' : 'preparing',
        shipmentNo: shipmentNoOf(c.caseNo),
        pickupCode: method === 'pickup' ? newPickupCode() : null,
        recipient: method === 'logistics' ? locked.deliveryChoice!.recipient! : null,
        documents: documents.map((d) => d.id),
        events,
        deliveredAt: method === 'electronic' ? now : null,
      },
      { transaction },
    );
  });
}

async function bookWaybill(c: CaseRecord, delivery: Delivery, deps: DeliveryDependencies): Promise<void> {
  if (!deps.carrier) throw new Error('logistics chosen but no carrier is configured (CARRIER_URL, CARRIER_CALLBACK_SECRET)');
  if (!delivery.recipient) throw new Error(`delivery ${delivery.shipmentNo} is by logistics but has no recipient`);
  const waybill = await deps.carrier.createWaybill({
    shipmentNo: delivery.shipmentNo,
    sender: RESULTS_SENDER,
    recipient: delivery.recipient,
    parcel: { description: `办件 ${c.caseNo} 办理结果（${delivery.documents.length} 份文书）` },
    callbackUrl: deps.callbackUrl,
  });
  // a callback naming our shipmentNo may have stored it first (see carrier-callback.ts)
  await Delivery.update({ waybillNo: waybill.waybillNo }, { where: { id: delivery.id, waybillNo: null } });
  // 对账: the carrier is asked about the parcel from time to time, in case a callback is lost
  await Delivery.update({ nextCheckAt: nextTrackAt(delivery, new Date()) }, { where: { id: delivery.id, nextCheckAt: null } });
  delivery.waybillNo = waybill.waybillNo;
}
