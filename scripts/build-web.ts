/**
 * Builds the web front end (modeler/, Vite) into modeler/dist, which the server serves at /.
 * `npm run build:web` always builds; `npm start` and the tests call ensureWebBuilt(), which builds
 * only when modeler/dist is missing or older than the front end's sources (a stamp file in dist).
 * The build goes to a fresh folder that then replaces dist, so a server never serves half a build.
 */
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { join } from 'node:path';
import { REPO_ROOT } from './lib/engine.ts';

export const WEB_ROOT = join(REPO_ROOT, 'modeler');
export const WEB_DIST = join(WEB_ROOT, 'dist');
const STAMP = '.build-stamp';
// what the build reads: the app, its config, the shared contract (lint rules, BPMN repairs, API
// types) and the packages it bundles
const SOURCES = ['src', 'public', 'index.html', 'vite.config.ts', 'tsconfig.json', '../contract', '../package-lock.json'].map((p) => join(WEB_ROOT, p));

function newest(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newest(join(path, name))));
}

export function webBuildIsStale(): boolean {
  const stamp = join(WEB_DIST, STAMP);
  return !existsSync(stamp) || Math.max(...SOURCES.map(newest)) > statSync(stamp).mtimeMs;
}

export async function buildWeb(): Promise<void> {
  const { build } = await import('vite');
  const outDir = join(WEB_ROOT, `.dist-${process.pid}`);
  const started = Date.now();
  try {
    await build({ configFile: join(WEB_ROOT, 'vite.config.ts'), logLevel: 'warn', build: { outDir, emptyOutDir: true } });
    // the stamp bears the time the build began: a source saved while it ran is newer, and rebuilds
    const stamp = join(outDir, STAMP);
    writeFileSync(stamp, `${new Date(started).toISOString()}\n`);
    utimesSync(stamp, new Date(started), new Date(started));
    const old = join(WEB_ROOT, `.dist-old-${process.pid}`);
    if (existsSync(WEB_DIST)) renameSync(WEB_DIST, old);
    renameSync(outDir, WEB_DIST);
    rmSync(old, { recursive: true, force: true });
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
  console.log(`build: modeler/dist (${((Date.now() - started) / 1000).toFixed(1)} s)`);
}

const LOCK = join(WEB_ROOT, '.build-lock');
const LOCK_STALE_MS = 10 * 60_000;

/**
 * One build at a time on a checkout (`npm start` beside a test run, two test runs): a directory
 * made atomically is the lock; one older than any build is left by a killed process and taken over.
 */
async function withBuildLock<T>(work: () => Promise<T>): Promise<T> {
  for (;;) {
    try {
      mkdirSync(LOCK);
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      if (existsSync(LOCK) && Date.now() - statSync(LOCK).mtimeMs > LOCK_STALE_MS) rmSync(LOCK, { recursive: true, force: true });
      await sleep(500);
    }
  }
  try {
    return await work();
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}

/** Builds the front end when modeler/dist is missing or stale (after any build running now); true when it built. */
export async function ensureWebBuilt(): Promise<boolean> {
  if (!webBuildIsStale()) return false;
  return withBuildLock(async () => {
    if (!webBuildIsStale()) return false;
    await buildWeb();
    return true;
  });
}

// no top-level await: the tests import this module, and mocha requires what it can (a module
// graph with top-level await is imported instead, which would give it its own test environment)
if (import.meta.url === `file://${process.argv[1]}`) {
  const run = process.argv.includes('--if-stale')
    ? ensureWebBuilt().then((built) => built || console.log('build: modeler/dist is up to date'))
    : withBuildLock(buildWeb);
  run.catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
