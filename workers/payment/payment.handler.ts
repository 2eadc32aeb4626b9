import { TOPICS, VARIABLES } from '../../contract/topics.ts';
import { openPaymentOrder } from '../../server/payments/index.ts';
import type { TopicHandler } from '../runtime/handler.ts';
import { caseNoOf } from '../runtime/case-no-of-task.ts';

/** 统一支付 (server/payments/open-order.ts): one order per case; the variables say whether to wait for it. */
export const paymentHandler: TopicHandler = {
  topic: TOPICS.payment,
  lockDurationMs: 60_000,
  variables: [VARIABLES.caseNo],
  async handle(task, { config, logger }) {
    return { variables: await openPaymentOrder(caseNoOf(task), config, logger) };
  },
};
