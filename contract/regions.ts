import type { Localized } from './locale.ts';

/**
 * 四级: the administrative levels a region can be, from the code itself (GB/T 2260 for the first six
 * digits, 统计用区划代码 for towns and villages): a province `xx0000`, a city `xxxx00`, a district
 * (区县) any other six digits, a town or street (乡镇街道) nine digits, a village or community
 * (村社区) twelve. Shared by the server (the region tree, who sees which cases) and the pages.
 */
export const REGION_LEVELS = ['province', 'city', 'district', 'town', 'village'] as const;
export type RegionLevel = (typeof REGION_LEVELS)[number];

export const REGION_LEVEL_NAMES: Record<RegionLevel, Localized> = {
  province: { 'zh-CN': '省', en: 'Province' },
  city: { 'zh-CN': '市', en: 'City' },
  district: { 'zh-CN': '区县', en: 'District' },
  town: { 'zh-CN': '乡镇街道', en: 'Town or street' },
  village: { 'zh-CN': '村社区', en: 'Village or community' },
};

/** A region code: six, nine or twelve digits. */
export const REGION_CODE_PATTERN = '^([0-9]{6}|[0-9]{9}|[0-9]{12})$';

/** The level of a region code (null: not a region code). */
export function regionLevel(code: string): RegionLevel | null {
  if (!new RegExp(REGION_CODE_PATTERN).test(code)) return null;
  if (code.length === 12) return 'village';
  if (code.length === 9) return 'town';
  if (code.endsWith('0000')) return 'province';
  if (code.endsWith('00')) return 'city';
  return 'district';
}

/** What the codes of the region and of every region under it start with (4301 for the city 430100). */
export function regionPrefix(code: string): string {
  switch (regionLevel(code)) {
    case 'province':
      return code.slice(0, 2);
    case 'city':
      return code.slice(0, 4);
    default:
      return code;
  }
}

/** Whether `code` is the region `ancestor` or lies under it. */
export const isWithinRegion = (code: string, ancestor: string): boolean => code.length >= ancestor.length && code.startsWith(regionPrefix(ancestor));

/** The level a region's parent has: a district's is a city, a town's a district … (null for a province). */
export function parentLevel(level: RegionLevel): RegionLevel | null {
  const at = REGION_LEVELS.indexOf(level);
  return at > 0 ? REGION_LEVELS[at - 1]! : null;
}

/**
 * Whether staff of a region reach a case of `caseRegion`: a reviewer or clerk works the cases of
 * their own region, a leader also those of every region under theirs. Staff placed in no region
 * reach none (the platform places every account it makes, and at start those from before regions);
 * a case from before regions (no region) is everyone's of its department.
 */
export function reachesRegion(staff: { regionCode: string | null; leader: boolean }, caseRegion: string | null): boolean {
  if (!caseRegion) return true;
  if (!staff.regionCode) return false;
  return staff.leader ? isWithinRegion(caseRegion, staff.regionCode) : caseRegion === staff.regionCode;
}

/**
 * 四级: the region that handles an application received in `receivedCode`: that region if the item
 * is handled at its level, else the nearest region in use above it that is; `levels` null (an item
 * that names none): the root. Null when none of them handles it.
 */
export function handlingRegion<R extends { code: string; level: RegionLevel; parentCode: string | null; active: boolean }>(
  regions: readonly R[],
  receivedCode: string,
  levels: readonly RegionLevel[] | null,
): R | null {
  const byCode = new Map(regions.map((r) => [r.code, r]));
  if (!levels) return regions.find((r) => !r.parentCode) ?? null;
  for (let at = byCode.get(receivedCode); at; at = at.parentCode ? byCode.get(at.parentCode) : undefined) {
    if (at.active && levels.includes(at.level)) return at;
  }
  return null;
}
