import type { Principal } from '../auth/index.ts';
import { allRegions, type RegionRecord } from '../organization/index.ts';
import { fieldProblem } from '../../contract/problems.ts';
import { handlingRegion, REGION_LEVELS, type RegionLevel } from '../../contract/regions.ts';
import { validationFailed } from '../errors/app-error.ts';
import type { SubmissionTarget } from './submission-target.ts';

export interface CaseRegions {
  /** where the case is handled: its number starts with this code, its tasks go to this region's staff */
  handling: RegionRecord;
  /** where it was applied for: a window's own region, a 便民服务站, or the region the applicant chose online */
  received: RegionRecord;
}

/**
 * The levels that handle every item applied for (a bundle: those all its items share; an item that
 * names none is handled at the root's level); null: none of them names levels, the root handles it.
 */
function levelsOf(target: SubmissionTarget, rootLevel: RegionLevel): RegionLevel[] | null {
  const each = target.items.map((i) => i.definition.levels ?? null);
  if (each.every((l) => l === null)) return null;
  return REGION_LEVELS.filter((level) => each.every((l) => (l ?? [rootLevel]).includes(level)));
}

/**
 * 四级 and 跨域: where a case is received and where it is handled. It is received in the region the
 * applicant chose (online), or the window's own region (a clerk; a clerk may also take a case for
 * another region: 跨域通办). It is handled by that region if the item is handled at its level, else
 * by the nearest region above that handles it (a village's 便民服务站 takes cases the town or the
 * district decides); an item with no levels is handled by the platform's own region, the root.
 */
export async function caseRegions(principal: Principal, requested: string | undefined, target: SubmissionTarget): Promise<CaseRegions> {
  const regions = await allRegions();
  const byCode = new Map(regions.map((r) => [r.code, r]));
  const root = regions.find((r) => !r.parentCode);
  if (!root) throw new Error('the region tree has no root (server/organization syncOrganization runs at start)');
  const receivedCode = requested ?? principal.regionCode ?? root.code;
  const received = byCode.get(receivedCode);
  if (!received || !received.active)
    throw validationFailed([fieldProblem('regionCode', `办理地：没有在用的区划“${receivedCode}”`, `regionCode: no region "${receivedCode}" in use`)]);
  const handling = handlingRegion(regions, received.code, levelsOf(target, root.level));
  if (handling) return { handling, received };
  throw validationFailed([
    fieldProblem(
      'regionCode',
      `办理地：${received.nameZh}及其上级区划都不办理“${target.name}”`,
      `regionCode: neither ${received.nameEn} nor a region above it handles "${target.name}"`,
    ),
  ]);
}
