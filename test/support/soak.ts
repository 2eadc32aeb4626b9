/**
 * Soak tests repeat a race many times. CI runs them at a smaller size that still catches a
 * regression most runs; `TEST_SOAK=full` (or the test's own variable) runs the size they were
 * written for.
 */
export function soakSize(full: number, ci: number, override?: string): number {
  if (override) return Number(override);
  return process.env.TEST_SOAK === 'full' ? full : ci;
}
