import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import type { Page, Request } from 'playwright-core';
import { REPO_ROOT } from '../../../scripts/lib/engine.ts';
import { testLane } from '../../support/environment.ts';

/** One page's load as a person meets it. */
export interface LoadTime {
  /** what was loaded: 'sign-in page (first visit)', 'task page' … */
  name: string;
  /** navigation start → every `ready` element shown and usable, in ms */
  ms: number;
  /** the scripts and styles the page fetched: how many, and their bytes as sent (compressed) and unpacked */
  assets: { count: number; sentBytes: number; bytes: number };
  /** the API requests made meanwhile, slowest first: path and ms from request start to the answer's end */
  api: { path: string; ms: number }[];
  /** the machine's load average over the last minute when measured (2 cores: above 2 the page waited for a core) */
  load1: number;
  at: string;
}

// the browser runs the predicate: the page globals it reads, declared for it alone (the tests compile without the DOM library)
interface ShownElement {
  getBoundingClientRect(): { width: number; height: number };
  closest(selector: string): ShownElement | null;
  matches(selector: string): boolean;
}
declare const document: { querySelector(selector: string): ShownElement | null };
declare const performance: { now(): number };

/**
 * Time to interactive: opens `url` as a link or the address bar would (a whole document load)
 * and returns the page's clock (milliseconds since the navigation started) at the first animation
 * frame where each of `ready` is in the page, has a size, and is neither disabled nor inside
 * something busy (`aria-busy`, Element Plus's loading mask). Waited for in the page itself, so no
 * round trip to the test is counted.
 */
export async function timeToInteractive(page: Page, url: string, ready: string[]): Promise<number> {
  await page.goto(url, { waitUntil: 'commit' });
  const shownAt = await page.waitForFunction(
    (selectors: string[]) => {
      for (const selector of selectors) {
        const e = document.querySelector(selector);
        if (!e) return false;
        const box = e.getBoundingClientRect();
        if (box.width === 0 || box.height === 0) return false;
        if (e.matches(':disabled') || e.closest('[aria-busy=true], .is-loading, .el-loading-parent--relative')) return false;
      }
      return performance.now();
    },
    ready,
    { polling: 'raf', timeout: 60_000 },
  );
  return (await shownAt.jsonValue()) as number;
}

/** What a page fetched while it loaded: watch before `timeToInteractive`, read after it. */
export function watchRequests(page: Page): () => Promise<Pick<LoadTime, 'assets' | 'api'>> {
  const seen: Request[] = [];
  const listener = (request: Request) => void seen.push(request);
  page.on('requestfinished', listener);
  return async () => {
    page.off('requestfinished', listener);
    const assets = { count: 0, sentBytes: 0, bytes: 0 };
    const api: LoadTime['api'] = [];
    for (const request of seen) {
      const path = new URL(request.url()).pathname;
      const timing = request.timing();
      if (path.startsWith('/api/')) {
        api.push({ path, ms: Math.round(timing.responseEnd) });
      } else if (/\.(js|css)$/.test(path)) {
        const sizes = await request.sizes();
        const response = await request.response();
        assets.count++;
        // from the browser's cache: nothing received (chromium then counts the headers' size negative)
        assets.sentBytes += Math.max(0, sizes.responseBodySize);
        assets.bytes += response ? (await response.body()).length : 0;
      }
    }
    api.sort((a, b) => b.ms - a.ms);
    return { assets, api };
  };
}

/** Measures one page: its time to interactive with what it fetched (see timeToInteractive). */
export async function measureLoad(page: Page, name: string, url: string, ready: string[]): Promise<LoadTime> {
  const fetched = watchRequests(page);
  const ms = await timeToInteractive(page, url, ready);
  const { assets, api } = await fetched();
  return { name, ms: Math.round(ms), assets, api, load1: Math.round(loadavg()[0]! * 100) / 100, at: new Date().toISOString() };
}

/** test-artifacts/<lane>/load-times.json: the latest figure of each page measured in this lane. */
export const LOAD_TIMES_FILE = () => join(REPO_ROOT, 'test-artifacts', testLane(), 'load-times.json');

/** Adds (or replaces) these pages' figures in the lane's results file. */
export function recordLoadTimes(times: LoadTime[]): void {
  const file = LOAD_TIMES_FILE();
  mkdirSync(join(file, '..'), { recursive: true });
  const earlier: LoadTime[] = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as LoadTime[]) : [];
  const names = new Set(times.map((t) => t.name));
  writeFileSync(file, `${JSON.stringify([...earlier.filter((t) => !names.has(t.name)), ...times], null, 2)}\n`);
}

/** The figures as a table for the test's output. */
export function loadTimesTable(times: LoadTime[]): string {
  const kB = (n: number) => `${Math.round(n / 1024)} kB`;
  const rows = times.map((t) => {
    const slowest = t.api[0] ? `${t.api[0].path} ${t.api[0].ms} ms` : '—';
    return `  ${t.name.padEnd(34)} ${`${t.ms} ms`.padStart(8)}   ${String(t.assets.count).padStart(3)} files ${kB(t.assets.sentBytes).padStart(7)} sent (${kB(t.assets.bytes)})   slowest API: ${slowest}`;
  });
  return [`  time to interactive (load average ${times[0]?.load1 ?? '?'})`, ...rows].join('\n');
}
