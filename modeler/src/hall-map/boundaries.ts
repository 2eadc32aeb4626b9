import data from './boundaries.json';

/**
 * The map's background, made once by scripts/hall-map-boundaries.ts from open data (docs/hall-map.md):
 * boundaries as rings and rivers as lines, each [lon, lat, lon, lat, …] in WGS-84 degrees. Part of the
 * page's own bundle: nothing is fetched from anywhere at run time.
 */
export interface Boundaries {
  source: string;
  boundaries: { code: string; nameZh: string; nameEn: string; rings: number[][] }[];
  rivers: number[][];
}

export const BOUNDARIES: Boundaries = data;
