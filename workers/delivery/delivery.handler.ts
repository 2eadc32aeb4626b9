import { TOPICS, VARIABLES } from '../../contract/topics.ts';
import { startDeliveryOfCase } from '../../server/deliveries/index.ts';
import type { TopicHandler } from '../runtime/handler.ts';
import { caseNoOf } from '../runtime/case-no-of-task.ts';

/**
 * 送达 / 统一出件 (server/deliveries): idempotent by the case's shipment number. The process routes
 * on deliveryMethod: electronic goes straight on, the others wait for ResultDelivered.
 */
export const deliveryHandler: TopicHandler = {
  topic: TOPICS.delivery,
  // booking a waybill may take the carrier's whole timeout (10 s) and a retry
  lockDurationMs: 60_000,
  variables: [VARIABLES.caseNo],
  async handle(task, { config, logger }) {
    return { variables: { [VARIABLES.deliveryMethod]: await startDeliveryOfCase(caseNoOf(task), config, logger) } };
  },
};
