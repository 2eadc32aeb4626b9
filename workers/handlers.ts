import type { TopicHandler } from './runtime/handler.ts';
import { acceptanceHandler } from './acceptance/acceptance.handler.ts';
import { notifyHandler } from './notify/notify.handler.ts';
import { jointDecisionHandler } from './joint-decision/joint-decision.handler.ts';
import { assignReviewersHandler, tallyHandler } from './review-rules/review-rules.handler.ts';
import { deliveryHandler } from './delivery/delivery.handler.ts';
import { sealHandler } from './seal/seal.handler.ts';
import { paymentHandler } from './payment/payment.handler.ts';
import { paymentExpiryHandler } from './payment/payment-expiry.handler.ts';
import { instantApprovalHandler } from './instant-approval/instant-approval.handler.ts';
import { payoutHandler } from './payout/payout.handler.ts';

/** Every topic handler, one per topic of contract/topics.ts. */
export const HANDLERS: TopicHandler[] = [
  acceptanceHandler,
  notifyHandler,
  jointDecisionHandler,
  assignReviewersHandler,
  tallyHandler,
  paymentHandler,
  paymentExpiryHandler,
  sealHandler,
  deliveryHandler,
  instantApprovalHandler,
  payoutHandler,
];
