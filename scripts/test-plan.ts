/**
 * Plans the lanes of `scripts/test.sh`: which test files each lane runs and in which of the
 * columns, weighed by the seconds each file took when last recorded (test/timings.json).
 *
 * Scopes (TEST_SCOPE):
 *   full (default, `npm test`, CI)   every API file on every profile (MariaDB on Camunda, the
 *                                    embedded default on Operaton) but a file marked
 *                                    `test-plan: one-profile` (it touches neither the lane's
 *                                    database nor its engine: e.g. OCR of images nothing keeps, or
 *                                    an engine of its own), which runs once
 *   commit (`npm run test:commit`)   every test file once, for a quicker word while working: the API
 *                                    files spread over the profiles' lanes, each where it evens out
 *                                    the lanes; a file marked `test-plan: every-profile` (its
 *                                    assertions differ by database or engine) runs on each of them
 * The lanes go into TEST_COLUMNS columns (default 3) that run side by side; the browser tier (two
 * lanes at least) and each profile's API files are cut into as many lanes as end the columns soonest.
 *
 * `npx tsx scripts/test-plan.ts plan <dir>` writes <dir>/lanes.tsv (name, profile, tier, engine,
 * column, weight) and <dir>/<lane>.files; `record <timings.json...>` merges a run's measured
 * seconds per file (written by test/support/file-timings.ts) into test/timings.json.
 */
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { REPO_ROOT } from './lib/engine.ts';

export type Tier = 'unit' | 'api' | 'browser' | 'cluster' | 'backup';
export type Profile = 'mariadb' | 'embedded';

export interface Lane {
  name: string;
  /** '-' for the unit tier (no engine, no database server) */
  profile: Profile | '-';
  tier: Tier;
  flavour: string;
  files: string[];
  /** seconds expected: its files' recorded seconds and the lane's own start */
  weight: number;
  /** 0: the column in front (printed as it goes); the others run beside it */
  column: number;
}

export interface Timings {
  /** seconds per test file, from the repository's root */
  files: Record<string, number>;
  /** seconds a lane of this tier takes beyond its files (starting its platform, stopping it) */
  lanes: Partial<Record<Tier, number>>;
}

export interface PlanOptions {
  tiers: Tier[];
  profiles: Profile[];
  scope: 'commit' | 'full';
  /** columns of lanes side by side (TEST_COLUMNS, default 3); 1: one lane after the other (TEST_SERIAL, or one Redis shared by every lane) */
  columns: number;
  /** the engine of each lane that is not `defaultFlavour` */
  laneFlavours: Record<string, string>;
  defaultFlavour: string;
  timings: Timings;
  /** the test files of each tier, the API files marked to run on every profile, and those marked to run on one in any scope */
  files: Record<Tier, string[]>;
  everyProfile: Set<string>;
  oneProfile?: Set<string>;
}

export const TIER_ROOTS: Record<Tier, string[]> = {
  unit: ['test/unit'],
  api: ['test/api', 'test/workers', 'test/results', 'test/modeler', 'processes'],
  browser: ['test/browser'],
  cluster: ['test/cluster'],
  backup: ['test/backup'],
};

/** The mark of an API file whose assertions differ by database or engine: it runs on every profile. */
export const EVERY_PROFILE_MARK = /^\/\/ test-plan: every-profile\b/m;
/** The mark of an API file that reads neither the lane's database nor its engine: one profile's run says all it can, in the full scope too. */
export const ONE_PROFILE_MARK = /^\/\/ test-plan: one-profile\b/m;

const DEFAULT_LANE_SECONDS: Record<Tier, number> = { unit: 5, api: 30, browser: 40, cluster: 20, backup: 10 };
/** a file not yet timed: the median of its tier's timed files, else this */
const DEFAULT_FILE_SECONDS: Record<Tier, number> = { unit: 1, api: 10, browser: 20, cluster: 60, backup: 60 };

function tierOf(file: string): Tier {
  return (Object.keys(TIER_ROOTS) as Tier[]).find((t) => TIER_ROOTS[t].some((root) => file.startsWith(`${root}/`))) ?? 'api';
}

function weigh(files: string[], timings: Timings): number {
  return files.reduce((sum, f) => {
    if (timings.files[f] !== undefined) return sum + timings.files[f];
    const tier = tierOf(f);
    const known = Object.entries(timings.files)
      .filter(([g]) => tierOf(g) === tier)
      .map(([, secs]) => secs)
      .sort((a, b) => a - b);
    return sum + (known.length > 0 ? known[Math.floor(known.length / 2)] : DEFAULT_FILE_SECONDS[tier]);
  }, 0);
}

/**
 * Longest first, each to the lightest bin (LPT): within 4/3 of the best split, and stable for a
 * given timings file, so that a run is repeatable.
 */
export function spread(files: string[], bins: number, timings: Timings, start: number[] = new Array(bins).fill(0)): string[][] {
  const out: string[][] = Array.from({ length: bins }, () => []);
  const load = [...start];
  const sorted = [...files].sort((a, b) => weigh([b], timings) - weigh([a], timings) || a.localeCompare(b));
  for (const file of sorted) {
    const lightest = load.indexOf(Math.min(...load));
    out[lightest].push(file);
    load[lightest] += weigh([file], timings);
  }
  return out.map(inRunOrder);
}

export function planLanes(o: PlanOptions): Lane[] {
  const has = (tier: Tier) => o.tiers.includes(tier);
  const browserProfile: Profile = o.profiles.includes('mariadb') ? 'mariadb' : o.profiles[0];
  const apiShares = (): string[][] => {
    const onlyOnce = o.oneProfile ?? new Set<string>();
    const every = o.files.api.filter((f) => (o.scope === 'full' ? !onlyOnce.has(f) : o.everyProfile.has(f)));
    const once = o.files.api.filter((f) => !every.includes(f));
    if (o.profiles.length === 1) return [o.files.api];
    return spread(
      once,
      o.profiles.length,
      o.timings,
      o.profiles.map(() => weigh(every, o.timings)),
    ).map((share) => inRunOrder([...every, ...share]));
  };
  const shares = has('api') ? apiShares() : [];

  // the lanes when the browser tier is cut into `browserParts` and each profile's API files into
  // `apiParts` lanes (each part its own platform, whose start its weight carries)
  const cut = (browserParts: number, apiParts: number): Lane[] => {
    const lanes: Lane[] = [];
    const lane = (name: string, profile: Lane['profile'], tier: Tier, files: string[]): void => {
      if (files.length === 0) return;
      const flavour = tier === 'unit' ? '-' : (o.laneFlavours[name] ?? o.laneFlavours[name.replace(/-\d+$/, '')] ?? o.defaultFlavour);
      lanes.push({
        name,
        profile,
        tier,
        flavour,
        files,
        weight: Math.round(weigh(files, o.timings) + (o.timings.lanes[tier] ?? DEFAULT_LANE_SECONDS[tier])),
        column: 0,
      });
    };
    const named = (base: string, i: number, of: number) => (of === 1 ? base : `${base}-${i + 1}`);
    if (has('browser')) {
      spread(o.files.browser, browserParts, o.timings).forEach((files, i) => lane(named('browser', i, browserParts), browserProfile, 'browser', files));
    }
    o.profiles.forEach((profile, p) => {
      if (!shares[p]) return;
      spread(shares[p], apiParts, o.timings).forEach((files, i) => lane(named(profile, i, apiParts), profile, 'api', files));
    });
    if (has('cluster') && o.profiles.includes('mariadb')) {
      lane('cluster', 'mariadb', 'cluster', o.files.cluster);
      lane('backup', 'mariadb', 'backup', o.files.backup);
    }
    if (has('unit')) lane('unit', '-', 'unit', o.files.unit);
    return lanes;
  };

  if (o.columns === 1) {
    // one after the other: the unit tier first, the quickest word on a change
    return cut(1, 1).sort((a, b) => Number(b.tier === 'unit') - Number(a.tier === 'unit'));
  }
  // side by side: the cut whose columns end soonest (fewer lanes when two end together), the
  // browser tier in two lanes at least (chromium keeps a core busy)
  let best: { lanes: Lane[]; end: number } | undefined;
  for (let browserParts = 2; browserParts <= o.columns; browserParts++) {
    for (let apiParts = 1; apiParts <= o.columns; apiParts++) {
      const lanes = cut(browserParts, apiParts);
      const end = Math.max(...intoColumns(lanes, o.columns));
      if (!best || end < best.end) best = { lanes, end };
    }
  }
  return best!.lanes;
}

/**
 * The seconds a fresh clone's front end and server bundles take to build (scripts/test.sh builds
 * them beside the first lanes): a browser or cluster lane starts no sooner.
 */
export const BUILD_SECONDS = 70;
const needsBuild = (l: Lane) => l.tier === 'browser' || l.tier === 'cluster';

/**
 * Puts each lane in a column (the heaviest first, each where it ends soonest) and orders the lanes:
 * in a column those that need the builds after those that do not, the unit tier (no engine) last.
 * Returns when each column ends.
 */
function intoColumns(lanes: Lane[], columns: number): number[] {
  const plain = new Array<number>(columns).fill(0);
  const built = new Array<number>(columns).fill(0);
  const units = new Array<number>(columns).fill(0);
  const end = (c: number) => (built[c] > 0 ? Math.max(plain[c], BUILD_SECONDS) + built[c] : plain[c]) + units[c];
  const heaviestFirst = (a: Lane, b: Lane) => b.weight - a.weight;
  const engineLanes = lanes.filter((l) => l.tier !== 'unit').sort(heaviestFirst);
  for (const l of [...engineLanes, ...lanes.filter((l) => l.tier === 'unit')]) {
    const sums = l.tier === 'unit' ? units : needsBuild(l) ? built : plain;
    const ends = plain.map((_, c) => {
      sums[c] += l.weight;
      const e = end(c);
      sums[c] -= l.weight;
      return e;
    });
    l.column = ends.indexOf(Math.min(...ends));
    sums[l.column] += l.weight;
  }
  const rank = (l: Lane) => (l.tier === 'unit' ? 2 : needsBuild(l) ? 1 : 0);
  lanes.sort((a, b) => rank(a) - rank(b) || heaviestFirst(a, b));
  return plain.map((_, c) => end(c));
}

/** Files in the order of their tier's folders (test/api before processes/), then by name: the order every lane has always run in */
export function inRunOrder(files: string[]): string[] {
  const rootIndex = (file: string) => {
    const roots = TIER_ROOTS[tierOf(file)];
    return roots.findIndex((root) => file.startsWith(`${root}/`));
  };
  return [...files].sort((a, b) => rootIndex(a) - rootIndex(b) || a.localeCompare(b));
}

/** The *.test.ts files under a tier's folders, from the repository's root, sorted. */
export function tierFiles(tier: Tier, root = REPO_ROOT): string[] {
  const found: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.name === 'node_modules') continue;
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.test.ts')) found.push(relative(root, full));
    }
  };
  for (const dir of TIER_ROOTS[tier]) if (existsSync(join(root, dir))) walk(join(root, dir));
  return inRunOrder(found);
}

const TIMINGS_FILE = join(REPO_ROOT, 'test', 'timings.json');

export function readTimings(file = TIMINGS_FILE): Timings {
  if (!existsSync(file)) return { files: {}, lanes: {} };
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<Timings>;
  return { files: parsed.files ?? {}, lanes: parsed.lanes ?? {} };
}

/** A lane's measured seconds (test/support/file-timings.ts), merged over the recorded ones. */
export function mergeTimings(base: Timings, runs: { tier: Tier; seconds: number; files: Record<string, number> }[]): Timings {
  const files = { ...base.files };
  const lanes = { ...base.lanes };
  for (const run of runs) {
    for (const [file, secs] of Object.entries(run.files)) files[file] = Math.round(secs * 10) / 10;
    const own = run.seconds - Object.values(run.files).reduce((a, b) => a + b, 0);
    if (own > 0) lanes[run.tier] = Math.round(own);
  }
  const sortedFiles = Object.fromEntries(Object.entries(files).sort(([a], [b]) => a.localeCompare(b)));
  return { files: sortedFiles, lanes };
}

/**
 * TEST_COLUMNS: how many lanes run at once (default 3: on two cores a lane waits for its engine and
 * its browser often enough for three; four took 40% longer, the disk and the CPUs' caches shared by
 * more, at the same 1.5 cores busy: docs/performance.md)
 */
function columnsOf(value: string | undefined): number {
  const n = Number(value ?? 3);
  if (!Number.isInteger(n) || n < 1 || n > 8) throw new Error(`TEST_COLUMNS is a whole number from 1 to 8, not '${value}'`);
  return n;
}

function optionsFromEnvironment(): PlanOptions {
  const env = process.env;
  const tiers = (env.TEST_TIERS ?? 'unit api browser cluster').split(/\s+/).filter(Boolean) as Tier[];
  // the cluster tier brings the backup lane with it
  const profiles = (env.TEST_PROFILES ?? 'mariadb embedded').split(/\s+/).filter(Boolean) as Profile[];
  for (const p of profiles) if (p !== 'mariadb' && p !== 'embedded') throw new Error(`unknown test profile '${p}' (mariadb or embedded)`);
  const scope = env.TEST_SCOPE ?? 'full';
  if (scope !== 'commit' && scope !== 'full') throw new Error(`TEST_SCOPE is commit or full, not '${scope}'`);
  const explicitEngine = Boolean(env.ENGINE_FLAVOUR_EXPLICIT);
  const pairs = (explicitEngine ? (env.TEST_LANE_FLAVOURS ?? '') : (env.TEST_LANE_FLAVOURS ?? 'embedded=operaton')).split(/\s+/).filter(Boolean);
  const laneFlavours = Object.fromEntries(pairs.map((p) => p.split('=') as [string, string]));
  const files = Object.fromEntries((Object.keys(TIER_ROOTS) as Tier[]).map((t) => [t, tierFiles(t)])) as Record<Tier, string[]>;
  const marked = (mark: RegExp) => new Set(files.api.filter((f) => mark.test(readFileSync(join(REPO_ROOT, f), 'utf8'))));
  const everyProfile = marked(EVERY_PROFILE_MARK);
  const oneProfile = marked(ONE_PROFILE_MARK);
  return {
    tiers,
    profiles,
    scope,
    columns: env.TEST_SERIAL || env.TEST_REDIS_URL ? 1 : columnsOf(env.TEST_COLUMNS),
    laneFlavours,
    defaultFlavour: env.ENGINE_FLAVOUR ?? 'camunda',
    timings: readTimings(),
    files,
    everyProfile,
    oneProfile,
  };
}

function main(argv: string[]): void {
  const [command, ...args] = argv;
  if (command === 'plan' && args.length === 1) {
    const lanes = planLanes(optionsFromEnvironment());
    const rows = lanes.map((l) => [l.name, l.profile, l.tier, l.flavour, l.column, l.weight].join('\t'));
    writeFileSync(join(args[0], 'lanes.tsv'), rows.join('\n') + '\n');
    for (const l of lanes) writeFileSync(join(args[0], `${l.name}.files`), l.files.join('\n') + '\n');
    return;
  }
  if (command === 'record' && args.length > 0) {
    const runs = args.map((f) => JSON.parse(readFileSync(f, 'utf8')) as { tier: Tier; seconds: number; files: Record<string, number> });
    writeFileSync(TIMINGS_FILE, JSON.stringify(mergeTimings(readTimings(), runs), null, 2) + '\n');
    console.log(`test-plan: recorded the seconds of ${runs.reduce((n, r) => n + Object.keys(r.files).length, 0)} files in test/timings.json`);
    return;
  }
  console.error('usage: npx tsx scripts/test-plan.ts plan <dir> | record <lane-timings.json...>');
  process.exit(2);
}

if (import.meta.url === `file://${process.argv[1]}`) main(process.argv.slice(2));
