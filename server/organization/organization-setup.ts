import { Region, RegionDepartment } from './region.model.ts';
import { DEPARTMENTS } from './departments.ts';
import { ensureRootRegion } from './regions.ts';

/** The cities the platform knows by name (GB/T 2260); another REGION_CODE is named by its code until renamed. */
const CITY_NAMES: Record<string, { zh: string; en: string }> = { '430100': { zh: '长沙市', en: 'Changsha' } };

/** The city's name: in seals and documents a department signs as "<city><department>". */
export const cityNameOf = (regionCode: string): string => CITY_NAMES[regionCode]?.zh ?? '';

/**
 * At every start: the platform's own region (REGION_CODE) is the root of the region tree, and it has
 * a department of every kind the platform knows (长沙市市场监督管理局 …), as the platform worked
 * before there were regions. Everything below it is the administrators' (or the demo's).
 */
export async function syncOrganization(rootCode: string): Promise<void> {
  const name = CITY_NAMES[rootCode] ?? { zh: rootCode, en: rootCode };
  await ensureRootRegion(rootCode, name.zh, name.en);
  const root = (await Region.findByPk(rootCode))!;
  for (const d of DEPARTMENTS) {
    if (await RegionDepartment.findOne({ where: { regionCode: rootCode, departmentCode: d.code } })) continue;
    await RegionDepartment.create({
      regionCode: rootCode,
      departmentCode: d.code,
      nameZh: `${root.nameZh === rootCode ? '' : root.nameZh}${d.nameZh}`,
      nameEn: `${root.nameEn === rootCode ? '' : `${root.nameEn} `}${d.nameEn}`,
      parentId: null,
      creditCode: null,
      address: null,
      phone: null,
    });
  }
}
