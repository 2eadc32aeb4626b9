import { EngineError, type EngineClient } from './client.ts';
import type { Variables } from './types.ts';

const ATTEMPTS = 10;
const PAUSE_MS = 200;

/**
 * Correlates a message to the case's waiting instance (business key = case number). The process
 * may not have reached its wait yet (the task before it records its effect, then completes): a
 * "no instance waiting" answer is retried for up to ~2 s before `notWaiting()` decides what it means.
 */
export async function correlateToCase(engine: EngineClient, message: string, caseNo: string, notWaiting: () => Error, variables: Variables = {}): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await engine.correlateMessage(message, caseNo, variables);
      return;
    } catch (err) {
      if (!(err instanceof EngineError && (err.status === 400 || err.status === 404))) throw err;
      if (attempt >= ATTEMPTS) throw notWaiting();
      await new Promise((resolve) => setTimeout(resolve, PAUSE_MS));
    }
  }
}
