import { EngineError, type EngineClient } from './client.ts';
import type { Variables } from './types.ts';

/** "No instance waiting" is asked again this often, PAUSE_MS apart (~2 s): the process may not be at its wait yet. */
const NOT_WAITING_ATTEMPTS = 10;
const PAUSE_MS = 200;

/**
 * The pauses between tries while the engine does not answer (down, restarting after a crash, a 5xx
 * such as an optimistic-locking conflict with a timer firing at the same moment) for a caller that
 * correlates after its own commit: 0.25 s doubling to 4 s, about 16 s in all, short enough for a
 * gateway's callback to wait. After them the caller hears CorrelationUnconfirmedError; what it
 * recorded is correlated again later (对账, see server/payments/recorrelate.ts), so the message is
 * retried until the engine confirms it. A caller that correlates inside its transaction asks once
 * (the default): it must not hold its locks while the engine restarts, and its rollback is its retry.
 */
export const UNCONFIRMED_PAUSES_MS: readonly number[] = [250, 500, 1000, 2000, 4000, 4000, 4000];

/**
 * The engine did not confirm a correlation: it could not be reached, or answered with a server
 * error, every time it was asked. An unavailable engine (status 0: a 503 for an HTTP caller).
 */
export class CorrelationUnconfirmedError extends EngineError {
  constructor(
    readonly messageName: string,
    readonly caseNo: string,
    readonly attempts: number,
    readonly lastError: EngineError,
  ) {
    super(0, 'CorrelationUnconfirmed', `the engine did not confirm ${messageName} for case ${caseNo} after ${attempts} tries: ${lastError.message}`);
    this.name = 'CorrelationUnconfirmedError';
  }
}

/** An answer that says nothing about the message: the engine is down, restarting or failed inside (5xx); asking again may succeed. */
export const isTransientEngineError = (err: unknown): err is EngineError => err instanceof EngineError && (err.status === 0 || err.status >= 500);

export interface CorrelationPatience {
  /** ask again, for ~2 s, while no instance waits (the process may not have reached its wait); default true */
  awaitWait?: boolean;
  /** the pauses between tries while the engine does not answer (e.g. UNCONFIRMED_PAUSES_MS); default none: its error is thrown at once */
  unconfirmedPausesMs?: readonly number[];
}

/**
 * Correlates a message to the case's waiting instance (business key = case number). The process
 * may not have reached its wait yet (the task before it records its effect, then completes): a
 * "no instance waiting" answer is retried for up to ~2 s before `notWaiting()` decides what it means.
 * An engine that does not answer throws its EngineError, or, given pauses (`patience`), is asked
 * again after each, then CorrelationUnconfirmedError is thrown.
 */
export async function correlateToCase(
  engine: EngineClient,
  message: string,
  caseNo: string,
  notWaiting: () => Error,
  variables: Variables = {},
  patience: CorrelationPatience = {},
): Promise<void> {
  const pauses = patience.unconfirmedPausesMs ?? [];
  const notWaitingAttempts = patience.awaitWait === false ? 1 : NOT_WAITING_ATTEMPTS;
  let notWaitingSeen = 0;
  let unanswered = 0;
  for (;;) {
    try {
      await engine.correlateMessage(message, caseNo, variables);
      return;
    } catch (err) {
      if (isTransientEngineError(err)) {
        if (!pauses.length) throw err;
        if (unanswered >= pauses.length) throw new CorrelationUnconfirmedError(message, caseNo, unanswered + 1, err);
        await sleep(pauses[unanswered++]!);
        continue;
      }
      if (!(err instanceof EngineError && (err.status === 400 || err.status === 404))) throw err;
      if (++notWaitingSeen >= notWaitingAttempts) throw notWaiting();
      await sleep(PAUSE_MS);
    }
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
