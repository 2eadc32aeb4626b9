import type { Logger } from 'pino';
import type { EngineClient } from '../engine/client.ts';
import { correlateToCase, isTransientEngineError, UNCONFIRMED_PAUSES_MS, type CorrelationPatience } from '../engine/correlate.ts';
import { MESSAGES } from '../../contract/topics.ts';

/** What the engine answered PaymentReceived: the waiting process went on, none was waiting, or it never confirmed. */
export type PaymentTold = 'correlated' | 'not_waiting' | 'unconfirmed';

class NotWaiting extends Error {}

/**
 * Tells the case's process that its fee is paid (PaymentReceived). An engine that does not confirm
 * (down, restarting after a crash) is asked again for a while (server/engine/correlate.ts), then the
 * answer is 'unconfirmed': the payment stays recorded and 对账 correlates it again (recorrelate.ts),
 * as does the gateway's next copy of its notification, until the engine confirms.
 */
export async function tellPaymentReceived(engine: EngineClient, logger: Logger, caseNo: string, patience: CorrelationPatience = {}): Promise<PaymentTold> {
  try {
    // told after the payment's own commit: an engine that does not answer is asked again for a while
    await correlateToCase(engine, MESSAGES.paymentReceived, caseNo, () => new NotWaiting(), {}, { unconfirmedPausesMs: UNCONFIRMED_PAUSES_MS, ...patience });
    return 'correlated';
  } catch (err) {
    if (err instanceof NotWaiting) return 'not_waiting';
    if (!isTransientEngineError(err)) throw err;
    logger.warn({ caseNo, err }, 'the engine did not confirm PaymentReceived: the payment is recorded, 对账 tells the process again');
    return 'unconfirmed';
  }
}
