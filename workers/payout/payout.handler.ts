import { TOPICS, VARIABLES } from '../../contract/topics.ts';
import { payOut } from '../../server/payments/index.ts';
import type { TopicHandler } from '../runtime/handler.ts';
import { caseNoOf } from '../runtime/case-no-of-task.ts';

/** 给付 (server/payments/pay-out.ts): the approved benefit paid to the applicant through the gateway's transfer, once. */
export const payoutHandler: TopicHandler = {
  topic: TOPICS.payout,
  lockDurationMs: 60_000,
  variables: [VARIABLES.caseNo],
  async handle(task, { config, logger }) {
    await payOut(caseNoOf(task), config, logger);
    return {};
  },
};
