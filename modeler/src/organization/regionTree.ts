import type { Locale } from '../../../contract/locale.ts';
import { REGION_LEVEL_NAMES } from '../../../contract/regions.ts';
import type { Region } from './organizationApi.ts';

/** A region with the regions under it, for el-tree and el-cascader. */
export interface RegionNode {
  code: string;
  label: string;
  region: Region;
  children?: RegionNode[];
}

export const regionName = (r: Pick<Region, 'nameZh' | 'nameEn'>, locale: Locale) => (locale === 'en' ? r.nameEn : r.nameZh);
export const levelName = (r: Pick<Region, 'level'>, locale: Locale) => REGION_LEVEL_NAMES[r.level][locale];

/**
 * The tree of the regions (the list comes parents first); `activeOnly` leaves out the regions out
 * of use and everything under them (where no one can apply).
 */
export function regionTree(regions: Region[], locale: Locale, activeOnly = false): RegionNode[] {
  const nodes = new Map<string, RegionNode>();
  const roots: RegionNode[] = [];
  const sorted = [...regions].sort((a, b) => a.code.length - b.code.length || a.code.localeCompare(b.code));
  for (const region of sorted) {
    if (activeOnly && !region.active) continue;
    const node: RegionNode = { code: region.code, label: regionName(region, locale), region };
    nodes.set(region.code, node);
    const parent = region.parentCode ? nodes.get(region.parentCode) : undefined;
    if (parent) (parent.children ??= []).push(node);
    else if (!region.parentCode) roots.push(node);
    else if (!activeOnly) roots.push(node); // a parent unknown: shown at the top rather than lost
  }
  return roots;
}

/** The region and those above it, the root first (the path a cascader shows). */
export function pathOf(code: string, regions: Region[]): Region[] {
  const byCode = new Map(regions.map((r) => [r.code, r]));
  const path: Region[] = [];
  for (let at = byCode.get(code); at && path.length < 6; at = at.parentCode ? byCode.get(at.parentCode) : undefined) path.unshift(at);
  return path;
}
