import type { Logger } from 'pino';

/**
 * Runs `round` every `intervalMs` until the returned function is called (0: never). Rounds never
 * overlap on a node; one that fails is logged and the next one tries again. Every node runs its
 * own rounds, so a round must be safe to run on several nodes at once.
 */
export function repeatEvery(intervalMs: number, name: string, logger: Logger, round: () => Promise<unknown>): () => void {
  if (!intervalMs) return () => undefined;
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    round()
      .catch((err: unknown) => logger.error({ err }, `${name} failed`))
      .finally(() => {
        running = false;
      });
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}

/** The next look at something open since `since`: a quarter of its age from now, within [minMs, maxMs]. */
export function backoffAfter(since: Date, now: Date, minMs: number, maxMs: number): Date {
  const age = now.getTime() - since.getTime();
  return new Date(now.getTime() + Math.min(Math.max(age / 4, minMs), maxMs));
}
