import { TOPICS, VARIABLES } from '../../contract/topics.ts';
import { carrierCallbackUrl, carrierOf } from '../../server/deliveries/carrier-of-config.ts';
import { startDelivery } from '../../server/deliveries/start-delivery.ts';
import type { TopicHandler } from '../runtime/handler.ts';
import { caseOfTask } from '../runtime/case-of-task.ts';

/**
 * 送达 / 统一出件: ships the sealed results (a bundle's with all its items' in one parcel), offers
 * them at the window with a pickup code, or serves them electronically; see
 * server/deliveries/start-delivery.ts. Idempotent by the case's shipment number. The process
 * routes on deliveryMethod: electronic goes straight on, the others wait for ResultDelivered.
 */
export const deliveryHandler: TopicHandler = {
  topic: TOPICS.delivery,
  // booking a waybill may take the carrier's whole timeout (10 s) and a retry
  lockDurationMs: 60_000,
  variables: [VARIABLES.caseNo],
  async handle(task, { config, logger }) {
    const c = await caseOfTask(task);
    const delivery = await startDelivery(c, { carrier: carrierOf(config), callbackUrl: carrierCallbackUrl(config), logger });
    return { variables: { [VARIABLES.deliveryMethod]: delivery.method } };
  },
};
