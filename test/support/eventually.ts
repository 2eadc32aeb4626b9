export interface PollOptions {
  timeoutMs?: number;
  intervalMs?: number;
}

/** Polls until `check` answers something truthy and returns it, or undefined once the time is up. */
export async function pollUntil<T>(
  check: () => Promise<T | undefined | null | false> | T | undefined | null | false,
  options: PollOptions = {},
): Promise<T | undefined> {
  const { timeoutMs = 30_000, intervalMs = 100 } = options;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) return undefined;
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

/**
 * The one polling helper of the tests: polls until `check` answers something truthy, and returns
 * it; fails naming what it waited for (and, given `last`, what it saw last).
 */
export async function eventually<T>(
  what: string,
  check: () => Promise<T | undefined | null | false>,
  timeoutMs = 30_000,
  options: { intervalMs?: number; last?: () => unknown } = {},
): Promise<T> {
  const value = await pollUntil(check, { timeoutMs, intervalMs: options.intervalMs });
  if (value) return value;
  const last = options.last ? `; last: ${JSON.stringify(options.last())}` : '';
  throw new Error(`${what}: not within ${timeoutMs} ms${last}`);
}
