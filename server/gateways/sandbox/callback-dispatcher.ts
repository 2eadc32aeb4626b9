/** One try at delivering a callback, as the sandbox's control API shows it. */
export interface CallbackAttempt {
  at: string;
  /** the receiver's HTTP status; absent when it could not be reached */
  status?: number;
  error?: string;
}

export interface CallbackJob {
  url: string;
  body: string;
  /** fresh signature headers for each attempt (a new timestamp and nonce, as real gateways do) */
  sign(body: string): Record<string, string>;
  /** wait this long before the first attempt ('late' delivery) */
  delayMs?: number;
  onAttempt?(attempt: CallbackAttempt): void;
}

export interface DispatcherOptions {
  /** pauses between attempts; attempts = length + 1. Real gateways back off over hours, tests over milliseconds. */
  retryDelaysMs: number[];
  /** how long one attempt waits for the receiver */
  timeoutMs: number;
}

export const DEFAULT_DISPATCH: DispatcherOptions = { retryDelaysMs: [1_000, 5_000, 15_000, 60_000], timeoutMs: 5_000 };

/**
 * Delivers signed callbacks the way payment and logistics providers do: POST the JSON body, count
 * any 2xx as received, otherwise try again after a growing pause, and give up after the last
 * attempt (the merchant is then expected to ask). close() stops every pending delivery.
 */
export class CallbackDispatcher {
  private closed = false;
  private readonly waits = new Map<NodeJS.Timeout, () => void>();
  private readonly aborter = new AbortController();

  constructor(private readonly options: DispatcherOptions) {}

  /** Resolves true once the receiver took it, false when every attempt failed or the sandbox closed. */
  async deliver(job: CallbackJob): Promise<boolean> {
    if (job.delayMs) await this.pause(job.delayMs);
    for (let attempt = 0; !this.closed; attempt++) {
      const outcome = await this.attempt(job);
      if (this.closed) return false;
      job.onAttempt?.(outcome);
      if (outcome.status !== undefined && outcome.status >= 200 && outcome.status < 300) return true;
      const pause = this.options.retryDelaysMs[attempt];
      if (pause === undefined) return false;
      await this.pause(pause);
    }
    return false;
  }

  get isClosed(): boolean {
    return this.closed;
  }

  close(): void {
    this.closed = true;
    this.aborter.abort();
    for (const [timer, resolve] of this.waits) {
      clearTimeout(timer);
      resolve();
    }
    this.waits.clear();
  }

  private async attempt(job: CallbackJob): Promise<CallbackAttempt> {
    const at = new Date().toISOString();
    try {
      const response = await fetch(job.url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json; charset=utf-8', ...job.sign(job.body) },
        body: job.body,
        signal: AbortSignal.any([this.aborter.signal, AbortSignal.timeout(this.options.timeoutMs)]),
      });
      await response.arrayBuffer();
      return { at, status: response.status };
    } catch (err) {
      return { at, error: (err as Error).message };
    }
  }

  private pause(ms: number): Promise<void> {
    if (this.closed) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waits.delete(timer);
        resolve();
      }, ms);
      this.waits.set(timer, resolve);
    });
  }
}
