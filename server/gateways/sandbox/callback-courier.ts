import type { CallbackAttempt, CallbackDispatcher } from './callback-dispatcher.ts';

/**
 * A callback the sandbox owes someone, kept in the sandbox's saved state: the exact body, how many
 * copies are still to deliver ('twice' is two) and when the next may start. A restarted sandbox
 * resumes what it still owes, as a real gateway's delivery queue does.
 */
export interface OwedCallback {
  url: string;
  body: string;
  pendingCopies: number;
  dueAt: string;
  outcomes: Array<'delivered' | 'failed'>;
  attempts: CallbackAttempt[];
}

export function owedCallback(url: string, body: string, copies: number, delayMs = 0): OwedCallback {
  return { url, body, pendingCopies: copies, dueAt: new Date(Date.now() + delayMs).toISOString(), outcomes: [], attempts: [] };
}

/**
 * Delivers owed callbacks through the dispatcher, one after the other per key (an order, a
 * waybill), so a receiver sees one subject's events in the order they happened. Progress is saved
 * after every attempt.
 */
export class CallbackCourier {
  private readonly queues = new Map<string, Promise<void>>();

  constructor(
    private readonly dispatcher: CallbackDispatcher,
    private readonly sign: (body: string) => Record<string, string>,
    private readonly save: () => void,
  ) {}

  send(key: string, owed: OwedCallback): void {
    if (owed.pendingCopies <= 0) return;
    const previous = this.queues.get(key) ?? Promise.resolve();
    const next = previous.then(() => this.deliverCopies(owed));
    this.queues.set(key, next);
    void next.finally(() => {
      if (this.queues.get(key) === next) this.queues.delete(key);
    });
  }

  private async deliverCopies(owed: OwedCallback): Promise<void> {
    while (owed.pendingCopies > 0 && !this.dispatcher.isClosed) {
      const delivered = await this.dispatcher.deliver({
        url: owed.url,
        body: owed.body,
        sign: this.sign,
        delayMs: Math.max(0, Date.parse(owed.dueAt) - Date.now()),
        onAttempt: (attempt) => {
          owed.attempts.push(attempt);
          this.save();
        },
      });
      if (this.dispatcher.isClosed) return;
      owed.pendingCopies -= 1;
      owed.outcomes.push(delivered ? 'delivered' : 'failed');
      owed.dueAt = new Date().toISOString();
      this.save();
    }
  }
}
