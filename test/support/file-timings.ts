import { writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import { performance } from 'node:perf_hooks';

/**
 * The seconds each test file takes in a lane (its tests and its hooks, from the end of the test
 * before it), written to TEST_TIMINGS_FILE when the run ends: scripts/test.sh passes it, and
 * `TEST_RECORD_TIMINGS=1` merges the lanes' files into test/timings.json (scripts/test-plan.ts),
 * by which the next runs share the files out among their lanes.
 */
export class FileTimings {
  private readonly seconds = new Map<string, number>();
  private mark = performance.now();

  constructor(
    private readonly target = process.env.TEST_TIMINGS_FILE,
    private readonly tier = process.env.TEST_TIER,
  ) {}

  /** from here on, time counts for the file of the next test to end */
  restart(): void {
    this.mark = performance.now();
  }

  testEnded(file: string | undefined): void {
    const now = performance.now();
    if (file) {
      const key = relative(process.cwd(), file);
      this.seconds.set(key, (this.seconds.get(key) ?? 0) + (now - this.mark) / 1000);
    }
    this.mark = now;
  }

  write(): void {
    if (!this.target || !this.tier || this.seconds.size === 0) return;
    const files = Object.fromEntries([...this.seconds].map(([file, secs]) => [file, Math.round(secs * 10) / 10]));
    writeFileSync(this.target, JSON.stringify({ tier: this.tier, seconds: Math.round(performance.now() / 1000), files }, null, 2));
  }
}
