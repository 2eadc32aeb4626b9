import type { Logger } from 'pino';
import { GatewayRejectedError, GatewayUnavailableError } from './gateway-errors.ts';

/** rows read at a time; a round goes on until none is due */
const BATCH = 100;

/** What a round of 对账 works on: the rows whose check is due, and how to check one. */
export interface ChecksDue<T> {
  /** who is asked, for the logs: 'payment gateway', 'carrier' */
  system: string;
  /** up to `limit` rows whose check is due */
  due(limit: number): Promise<T[]>;
  /** asks about one row and settles what it answers; how many things it settled */
  check(row: T): Promise<number>;
  /** schedules the row's next check (later than now, or never) */
  reschedule(row: T): Promise<void>;
  /** what names the row in the logs */
  describe(row: T): Record<string, unknown>;
}

/**
 * One round of 对账: every row whose check is due is checked and rescheduled, until none is left.
 * A system that does not answer ends the round (its rows stay due for the next one); one that does
 * not know a row of ours is logged for a person to look into, and the row rescheduled.
 */
export async function checkWhatIsDue<T>(logger: Logger, checks: ChecksDue<T>): Promise<{ checked: number; settled: number }> {
  let checked = 0;
  let settled = 0;
  for (;;) {
    const due = await checks.due(BATCH);
    for (const row of due) {
      try {
        settled += await checks.check(row);
      } catch (err) {
        if (err instanceof GatewayUnavailableError) {
          logger.warn({ err, ...checks.describe(row) }, `${checks.system} unavailable: 对账 resumes at the next round`);
          return { checked, settled };
        }
        if (!(err instanceof GatewayRejectedError)) throw err;
        logger.error({ err, ...checks.describe(row) }, `the ${checks.system} does not know this one of ours: look into it by hand`);
      }
      checked++;
      await checks.reschedule(row);
    }
    if (due.length < BATCH) break;
  }
  if (settled) logger.info({ checked, settled }, `${checks.system}: 对账 settled what no notification brought`);
  return { checked, settled };
}
