import type { KeyObject } from 'node:crypto';
import type { CallbackDispatcher } from '../sandbox/callback-dispatcher.ts';
import { signNotification } from './notification-signature.ts';
import type { SandboxOrder, SandboxOrderBook } from './sandbox-orders.ts';

/**
 * Sends each paid order's notification to its notifyUrl, as many copies as its plan says, each
 * copy retried by the dispatcher. Progress is saved after every attempt, so a restarted sandbox
 * resumes the copies still owed instead of forgetting them.
 */
export class PaymentNotifier {
  private readonly running = new Set<string>();

  constructor(
    private readonly book: SandboxOrderBook,
    private readonly dispatcher: CallbackDispatcher,
    private readonly privateKey: KeyObject,
  ) {}

  start(order: SandboxOrder): void {
    if (this.running.has(order.orderNo) || !order.notification?.pendingCopies) return;
    this.running.add(order.orderNo);
    void this.run(order).finally(() => this.running.delete(order.orderNo));
  }

  private async run(order: SandboxOrder): Promise<void> {
    const notification = order.notification!;
    while (notification.pendingCopies > 0) {
      const delivered = await this.dispatcher.deliver({
        url: order.notifyUrl,
        body: notification.body,
        sign: (body) => signNotification(this.privateKey, body),
        delayMs: Math.max(0, Date.parse(notification.dueAt) - Date.now()),
        onAttempt: (attempt) => {
          notification.attempts.push(attempt);
          this.book.save();
        },
      });
      if (this.dispatcher.isClosed) return;
      notification.pendingCopies -= 1;
      notification.outcomes.push(delivered ? 'delivered' : 'failed');
      notification.dueAt = new Date().toISOString();
      this.book.save();
    }
  }
}
