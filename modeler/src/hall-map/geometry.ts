/**
 * The map's arithmetic, drawn by the page itself: Web Mercator (spherical, kilometres at the
 * equator's scale, y down as SVG wants it), the view box that fits the halls shown, zooming about a
 * point, the distance between two places (haversine) and a geo: link for the phone's map app.
 */
const R = 6378.137;
const RAD = Math.PI / 180;

export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** [lon, lat] (WGS-84 degrees) → [x, y] in the map's units (km, y down). */
export function project(lon: number, lat: number): [number, number] {
  const clamped = Math.max(-85, Math.min(85, lat));
  return [R * lon * RAD, -R * Math.log(Math.tan(Math.PI / 4 + (clamped * RAD) / 2))];
}

/** A ring or line given as [lon, lat, lon, lat, …] as an SVG path's data (closed when `ring`). */
export function pathOf(flat: readonly number[], ring: boolean): string {
  const parts: string[] = [];
  for (let i = 0; i + 1 < flat.length; i += 2) {
    const [x, y] = project(flat[i]!, flat[i + 1]!);
    parts.push(`${i === 0 ? 'M' : 'L'}${x.toFixed(3)} ${y.toFixed(3)}`);
  }
  return parts.join('') + (ring ? 'Z' : '');
}

/**
 * The view box showing every point with a margin, at the aspect of the drawing (width / height);
 * one point or none: a box of `minSpanKm` around it (or around `fallback`).
 */
export function fitBox(points: readonly [number, number][], aspect: number, fallback: [number, number], minSpanKm = 4): Box {
  const xs = points.length ? points.map((p) => p[0]) : [fallback[0]];
  const ys = points.length ? points.map((p) => p[1]) : [fallback[1]];
  const [minX, maxX, minY, maxY] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  let w = Math.max(maxX - minX, minSpanKm) * 1.3;
  let h = Math.max(maxY - minY, minSpanKm) * 1.3;
  if (w / h > aspect) h = w / aspect;
  else w = h * aspect;
  return { x: (minX + maxX) / 2 - w / 2, y: (minY + maxY) / 2 - h / 2, w, h };
}

/** The box zoomed by `factor` (> 1: closer) keeping the point (cx, cy) where it is on the screen; 50 m to 2,000 km across. */
export function zoomBox(box: Box, factor: number, cx = box.x + box.w / 2, cy = box.y + box.h / 2): Box {
  const w = Math.min(2000, Math.max(0.05, box.w / factor));
  const k = w / box.w;
  return { x: cx - (cx - box.x) * k, y: cy - (cy - box.y) * k, w, h: box.h * k };
}

/** The box moved by (dx, dy) in the map's units. */
export const panBox = (box: Box, dx: number, dy: number): Box => ({ ...box, x: box.x + dx, y: box.y + dy });

/** Great-circle distance in km between two WGS-84 places. */
export function distanceKm(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const dLat = (b.lat - a.lat) * RAD;
  const dLon = (b.lon - a.lon) * RAD;
  const s = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * RAD) * Math.cos(b.lat * RAD) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371.0088 * Math.asin(Math.min(1, Math.sqrt(s)));
}

/** RFC 5870 geo: URI with the place's name as the label Android's map apps show. */
export const geoLink = (lat: number, lon: number, label: string): string => `geo:${lat},${lon}?q=${lat},${lon}(${encodeURIComponent(label)})`;
