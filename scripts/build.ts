/**
 * Bundles the server and the workers into plain JavaScript (dist/), so that they run on bare Node:
 * no TypeScript loader thread in production processes (it costs ~60 MB of memory each).
 * npm packages stay external (node_modules). Takes well under a second.
 */
import { build } from 'esbuild';
import { join } from 'node:path';
import { REPO_ROOT } from './lib/engine.ts';

export const ENTRY_POINTS = { server: 'server/index.ts', workers: 'workers/index.ts' };

export async function bundle(entryPoints: Record<string, string> = ENTRY_POINTS, outdir = join(REPO_ROOT, 'dist')): Promise<void> {
  await build({
    absWorkingDir: REPO_ROOT,
    entryPoints,
    outdir,
    bundle: true,
    packages: 'external',
    platform: 'node',
    format: 'esm',
    // 20.19, the oldest Node we run on (Vite 7 needs it): esbuild keeps `with { type: 'json' }` only
    // for a target that knows import attributes, and Node refuses a JSON import without it
    target: 'node20.19',
    sourcemap: true,
    outExtension: { '.js': '.mjs' },
    logLevel: 'warning',
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await bundle();
  console.log('build: dist/server.mjs, dist/workers.mjs');
}
