import { TOPICS, VARIABLES } from '../../contract/topics.ts';
import { closeOrderAtExpiry } from '../../server/payments/index.ts';
import type { TopicHandler } from '../runtime/handler.ts';
import { caseNoOf } from '../runtime/case-no-of-task.ts';

/** 统一支付 at the order's expiry (server/payments/order-expiry.ts): paid in time, or closed unpaid. */
export const paymentExpiryHandler: TopicHandler = {
  topic: TOPICS.paymentExpiry,
  lockDurationMs: 60_000,
  variables: [VARIABLES.caseNo],
  async handle(task, { config, logger }) {
    return { variables: { [VARIABLES.paidInTime]: await closeOrderAtExpiry(caseNoOf(task), config, logger) } };
  },
};
