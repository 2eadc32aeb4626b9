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
 * The one polling helper of the tests: polls until `check` (sync or async) answers something
 * truthy, and returns it; fails naming what it waited for (and, given `last`, what it saw last:
 * a string as it is, anything else as JSON).
 */
export async function eventually<T>(
  what: string,
  check: () => Promise<T | undefined | null | false> | T | undefined | null | false,
  timeoutMs = 30_000,
  options: { intervalMs?: number; last?: () => unknown } = {},
): Promise<T> {
  const value = await pollUntil(check, { timeoutMs, intervalMs: options.intervalMs });
  if (value) return value;
  const seen = options.last?.();
  const last = options.last ? `; last: ${typeof seen === 'string' ? seen : JSON.stringify(seen)}` : '';
  throw new Error(`${what}: not within ${timeoutMs} ms${last}`);
}

/**
 * An assertion that comes to hold (what it checks is written a moment after the answer the test
 * waited for): retried until it passes, its last failure thrown once the time is up.
 */
export async function eventuallyHolds(assertion: () => unknown, timeoutMs = 2_000, intervalMs = 20): Promise<void> {
  let failure: unknown;
  const held = await pollUntil(
    async () => {
      try {
        await assertion();
        return true;
      } catch (err) {
        failure = err;
        return false;
      }
    },
    { timeoutMs, intervalMs },
  );
  if (!held) throw failure;
}
