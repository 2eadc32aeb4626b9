import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { REPO_ROOT } from '../lib/engine.ts';
import { sumsOf, type FileSums } from './checksums.ts';

export const MANIFEST = 'manifest.json';
const FORMAT = 'approval-platform-backup';

/**
 * What a backup holds (manifest.json, written last: a folder without it is an unfinished backup):
 * when and from what it was taken, which databases and store, the check values of the keys the data
 * needs (never the keys), and the size, SHA-256 and SM3 of every other file in the folder.
 */
export interface Manifest {
  format: typeof FORMAT;
  formatVersion: 1;
  createdAt: string;
  platform: { version: string; commit: string | null; engineFlavour: string; node: string; tools: Record<string, string> };
  profile: 'embedded' | 'mariadb';
  databases: {
    app: { kind: 'sqlite'; file: string } | { kind: 'mariadb'; database: string; file: string };
    engine: { kind: 'h2'; file: string } | { kind: 'mariadb'; database: string; file: string };
  };
  storage: { location: string; objects: number };
  keys: { included: false; checks: Record<string, string> };
  files: ({ path: string } & FileSums)[];
}

export function platformVersion(): Manifest['platform'] {
  const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string };
  let commit: string | null;
  try {
    commit = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: REPO_ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    commit = null; // an installation from a release archive has no git
  }
  return { version: pkg.version, commit, engineFlavour: process.env.ENGINE_FLAVOUR ?? 'camunda', node: process.version, tools: {} };
}

async function filesUnder(dir: string, under = dir): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(under, { withFileTypes: true })) {
    const path = join(under, e.name);
    if (e.isDirectory()) out.push(...(await filesUnder(dir, path)));
    else out.push(relative(dir, path).split(sep).join('/'));
  }
  return out.sort();
}

export function readManifest(dir: string): Manifest {
  let manifest: Manifest;
  try {
    manifest = JSON.parse(readFileSync(join(dir, MANIFEST), 'utf8')) as Manifest;
  } catch {
    throw new Error(`${dir} 没有可读的 ${MANIFEST}：不是备份，或备份未完成 / ${dir} has no readable ${MANIFEST}: not a backup, or an unfinished one`);
  }
  if (manifest.format !== FORMAT || manifest.formatVersion !== 1)
    throw new Error(`${dir}/${MANIFEST} is not a backup manifest this version reads (format ${manifest.format} ${manifest.formatVersion})`);
  return manifest;
}

/** Every file the manifest lists, with its sums as listed, and nothing else in the folder: the problems, in words. */
export async function checkFiles(dir: string, manifest: Manifest): Promise<string[]> {
  const problems: string[] = [];
  const listed = new Map(manifest.files.map((f) => [f.path, f]));
  const present = (await filesUnder(dir)).filter((p) => p !== MANIFEST);
  for (const path of present) if (!listed.has(path)) problems.push(`多出的文件 / not in the manifest: ${path}`);
  for (const [path, expected] of listed) {
    if (!present.includes(path)) {
      problems.push(`缺少文件 / missing: ${path}`);
      continue;
    }
    const actual = await sumsOf(join(dir, path));
    if (actual.size !== expected.size || actual.sha256 !== expected.sha256 || actual.sm3 !== expected.sm3)
      problems.push(
        `校验值不符 / checksum mismatch: ${path} (${actual.size} bytes, SM3 ${actual.sm3.slice(0, 16)}…; manifest ${expected.size} bytes, SM3 ${expected.sm3.slice(0, 16)}…)`,
      );
  }
  return problems;
}

export { filesUnder };
