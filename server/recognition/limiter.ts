import { availableParallelism } from 'node:os';

/**
 * How many recognitions run at once on this node (each is a tesseract process that takes a core
 * for a second or two) and how many may wait: a burst of uploads waits in a short queue or is
 * refused (503, Retry-After) rather than taking every core of the machine.
 */
export class Limiter {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(
    readonly concurrency = Math.max(1, Math.floor(availableParallelism() / 2)),
    readonly queueLength = 4 * Math.max(1, Math.floor(availableParallelism() / 2)),
  ) {}

  /** Whether a recognition asked for now would be refused (checked before an upload is read into memory). */
  get full(): boolean {
    return this.running >= this.concurrency && this.waiting.length >= this.queueLength;
  }

  /** Runs fn when a place is free; undefined at once when the queue is full too. */
  async run<T>(fn: () => Promise<T>): Promise<{ value: T } | undefined> {
    if (this.running >= this.concurrency) {
      if (this.waiting.length >= this.queueLength) return undefined;
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else this.running++;
    try {
      return { value: await fn() };
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    }
  }
}
