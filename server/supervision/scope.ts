import type { Principal } from '../auth/index.ts';
import { forbidden } from '../errors/app-error.ts';
import { isWithinRegion } from '../../contract/regions.ts';
import { SUPERVISING_DEPARTMENT } from '../../contract/roles.ts';

/**
 * What a person may see of the indicators: a leader their department, in their region and the
 * regions under it; a leader of the 数据局 every department (in their region and under it; the
 * whole platform when placed in none). null fields: no limit.
 */
export interface SupervisionScope {
  departmentCode: string | null;
  regionCode: string | null;
}

export function scopeOf(principal: Principal): SupervisionScope {
  if (!principal.roles.includes('leader') || !principal.departmentCode) throw forbidden();
  return {
    departmentCode: principal.departmentCode === SUPERVISING_DEPARTMENT ? null : principal.departmentCode,
    regionCode: principal.regionCode,
  };
}

/** The filters asked for, narrowed to the scope: a department or region outside it is refused (403), never widened. */
export interface Filters {
  departmentCode?: string;
  regionCode?: string;
  itemCode?: string;
  bundleCode?: string;
  channel?: string;
}

export function narrowed(scope: SupervisionScope, asked: Filters): Filters {
  if (scope.departmentCode && asked.departmentCode && asked.departmentCode !== scope.departmentCode) throw forbidden();
  if (scope.regionCode && asked.regionCode && !isWithinRegion(asked.regionCode, scope.regionCode)) throw forbidden();
  return {
    ...asked,
    departmentCode: asked.departmentCode ?? scope.departmentCode ?? undefined,
    regionCode: asked.regionCode ?? scope.regionCode ?? undefined,
  };
}
