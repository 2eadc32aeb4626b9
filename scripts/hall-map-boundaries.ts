/**
 * 政务服务数字地图: makes the map's background, modeler/src/hall-map/boundaries.json, once, from open
 * data that Debian ships (docs/hall-map.md): the province's boundary from DCW-GMT (gmt-dcw, LGPL-3+)
 * and the rivers around the city from GSHHG's WDBII rivers (gmt-gshhg-high, LGPL-3+), read with
 * GMT's `coast`, simplified (Douglas–Peucker) and rounded to 4 decimals (about 10 m), so the page
 * carries tens of KB and asks nothing of anyone at run time.
 *
 *   apt-get install gmt gmt-dcw gmt-gshhg-high
 *   npx tsx scripts/hall-map-boundaries.ts [--province CN.HN] [--box 112.2/113.8/27.8/28.7]
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';

type Point = [number, number];

const arg = (name: string, fallback: string): string => {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 && process.argv[at + 1] ? process.argv[at + 1]! : fallback;
};
const province = arg('province', 'CN.HN');
/** west/east/south/north of the rivers kept: the demo city, 长沙市 */
const box = arg('box', '112.2/113.8/27.8/28.7');
const OUT = fileURLToPath(new URL('../modeler/src/hall-map/boundaries.json', import.meta.url));

/** GMT's multi-segment text: a `>` line starts each line or ring. */
function segments(text: string): Point[][] {
  const out: Point[][] = [];
  let current: Point[] | null = null;
  for (const line of text.split('\n')) {
    if (line.startsWith('>')) {
      current = [];
      out.push(current);
    } else if (line.trim() && current) {
      const [lon, lat] = line.trim().split(/\s+/).map(Number);
      if (Number.isFinite(lon) && Number.isFinite(lat)) current.push([lon!, lat!]);
    }
  }
  return out.filter((s) => s.length >= 2);
}

/** Douglas–Peucker: the points that keep the line within `tolerance` degrees (a closed ring in two halves). */
function simplify(points: Point[], tolerance: number): Point[] {
  if (points.length <= 2) return points;
  const [first, last] = [points[0]!, points[points.length - 1]!];
  if (first[0] === last[0] && first[1] === last[1] && points.length > 3) {
    const half = Math.floor(points.length / 2);
    return [...simplify(points.slice(0, half + 1), tolerance).slice(0, -1), ...simplify(points.slice(half), tolerance)];
  }
  const keep = new Array<boolean>(points.length).fill(false);
  keep[0] = keep[points.length - 1] = true;
  const stack: [number, number][] = [[0, points.length - 1]];
  while (stack.length) {
    const [from, to] = stack.pop()!;
    const [ax, ay] = points[from]!;
    const [bx, by] = points[to]!;
    const dx = bx - ax;
    const dy = by - ay;
    const length = Math.hypot(dx, dy) || 1e-12;
    let worst = -1;
    let at = -1;
    for (let i = from + 1; i < to; i++) {
      const [px, py] = points[i]!;
      const distance = Math.abs(dy * px - dx * py + bx * ay - by * ax) / length;
      if (distance > worst) [worst, at] = [distance, i];
    }
    if (worst > tolerance) {
      keep[at] = true;
      stack.push([from, at], [at, to]);
    }
  }
  return points.filter((_, i) => keep[i]);
}

/** [lon, lat, lon, lat, …] rounded to 4 decimals. */
const flat = (points: Point[]): number[] => points.flatMap(([lon, lat]) => [Math.round(lon * 1e4) / 1e4, Math.round(lat * 1e4) / 1e4]);

// GMT leaves a gmt.history where it runs: not in the repository
const gmt = (...args: string[]): string => execFileSync('gmt', ['coast', ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, cwd: tmpdir() });

const rings = segments(gmt(`-E${province}`, '-M'))
  .map((ring) => simplify(ring, 0.004))
  .filter((ring) => ring.length >= 4);
const rivers = segments(gmt(`-R${box}`, '-Ia', '-Dh', '-M'))
  .map((line) => simplify(line, 0.003))
  .filter((line) => line.length >= 2);

const data = {
  source:
    'DCW-GMT 2.1 (province boundary) and GSHHG 2.3.7 WDBII rivers (high resolution), as shipped by Debian (gmt-dcw, gmt-gshhg-high), read with GMT coast; both LGPL-3+',
  made: `npx tsx scripts/hall-map-boundaries.ts --province ${province} --box ${box}`,
  boundaries: [{ code: '430000', nameZh: '湖南省', nameEn: 'Hunan Province', rings: rings.map(flat) }],
  rivers: rivers.map(flat),
};
writeFileSync(OUT, `${JSON.stringify(data)}\n`);
const points = (list: number[][]) => list.reduce((n, l) => n + l.length / 2, 0);
console.log(`${OUT}: ${rings.length} rings (${points(data.boundaries[0]!.rings)} points), ${rivers.length} rivers (${points(data.rivers)} points)`);
