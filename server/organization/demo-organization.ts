import { Region, RegionDepartment } from './region.model.ts';
import { HallWindow, ServiceHall } from './hall.model.ts';
import { DEPARTMENTS } from './departments.ts';
import { regionLevel } from '../../contract/regions.ts';
import { DEFAULT_OPENING_PERIODS, DEFAULT_SLOT_CAPACITY, type WindowKind } from '../../contract/requests/organization.ts';

/**
 * The demo city's tree below 长沙市 (the embedded default and the tests): two districts, a street
 * of 岳麓区 and a community of that street, each with its departments and its hall — a 政务服务中心
 * per district, a 便民服务中心 for the street, a 便民服务站 for the community. The codes have the
 * shape of 行政区划 codes; they are the sandbox's, not an official table.
 */
export const DEMO_REGIONS = [
  { code: '430104', nameZh: '岳麓区', nameEn: 'Yuelu District', parentCode: '430100' },
  { code: '430103', nameZh: '天心区', nameEn: 'Tianxin District', parentCode: '430100' },
  { code: '430104003', nameZh: '岳麓街道', nameEn: 'Yuelu Street', parentCode: '430104' },
  { code: '430104003001', nameZh: '桃花岭社区', nameEn: 'Taohualing Community', parentCode: '430104003' },
] as const;

const DEMO_DEPARTMENTS: Record<string, string[]> = {
  '430104': ['samr', 'urban', 'center'],
  '430103': ['samr', 'center'],
  '430104003': ['center'],
  '430104003001': ['center'],
};

const DEMO_HALLS: {
  regionCode: string;
  nameZh: string;
  nameEn: string;
  address: string;
  phone: string;
  /** WGS-84 degrees, near the address */
  at: [number, number];
  windows: [string, WindowKind, string | null][];
}[] = [
  {
    regionCode: '430100',
    nameZh: '长沙市政务服务中心',
    nameEn: 'Changsha Government Service Center',
    address: '湖南省长沙市岳麓区岳麓大道 218 号',
    phone: '0731-12345',
    at: [28.2095, 112.9018],
    windows: [
      ['A01', 'general', null],
      ['A02', 'general', null],
      ['B01', 'special', 'samr'],
      ['G01', 'green', null],
    ],
  },
  {
    regionCode: '430104',
    nameZh: '岳麓区政务服务中心',
    nameEn: 'Yuelu District Government Service Center',
    address: '湖南省长沙市岳麓区金星中路 383 号',
    phone: '0731-88888888',
    at: [28.2318, 112.8869],
    windows: [
      ['01', 'general', null],
      ['02', 'special', 'samr'],
      ['03', 'green', null],
    ],
  },
  {
    regionCode: '430104003',
    nameZh: '岳麓街道便民服务中心',
    nameEn: 'Yuelu Street Service Center',
    address: '湖南省长沙市岳麓区麓山南路 9 号',
    phone: '0731-88880001',
    at: [28.1862, 112.9395],
    windows: [['1', 'general', null]],
  },
  {
    regionCode: '430104003001',
    nameZh: '桃花岭社区便民服务站',
    nameEn: 'Taohualing Community Service Station',
    address: '湖南省长沙市岳麓区桃花岭路 6 号',
    phone: '0731-88880002',
    at: [28.1901, 112.9262],
    windows: [['1', 'general', null]],
  },
];

/** Creates what is missing of the demo tree (run after syncOrganization made the root). */
export async function seedDemoOrganization(): Promise<void> {
  for (const r of DEMO_REGIONS) {
    if (!(await Region.findByPk(r.code))) await Region.create({ ...r, level: regionLevel(r.code)! });
  }
  for (const [regionCode, kinds] of Object.entries(DEMO_DEPARTMENTS)) {
    const region = (await Region.findByPk(regionCode))!;
    for (const kind of kinds) {
      if (await RegionDepartment.findOne({ where: { regionCode, departmentCode: kind } })) continue;
      const d = DEPARTMENTS.find((x) => x.code === kind)!;
      // a street's and a community's 政务服务中心 are its 便民服务中心 / 便民服务站
      const level = regionLevel(regionCode);
      const nameZh = kind === 'center' && level === 'town' ? '便民服务中心' : kind === 'center' && level === 'village' ? '便民服务站' : d.nameZh;
      const nameEn = kind === 'center' && level === 'town' ? 'Service Center' : kind === 'center' && level === 'village' ? 'Service Station' : d.nameEn;
      const parent = await RegionDepartment.findOne({ where: { regionCode: region.parentCode!, departmentCode: kind } });
      await RegionDepartment.create({
        regionCode,
        departmentCode: kind,
        nameZh: `${region.nameZh}${nameZh}`,
        nameEn: `${region.nameEn} ${nameEn}`,
        parentId: parent?.id ?? null,
        creditCode: null,
        address: null,
        phone: null,
      });
    }
  }
  for (const h of DEMO_HALLS) {
    const seeded = await ServiceHall.findOne({ where: { regionCode: h.regionCode, nameZh: h.nameZh } });
    // a demo seeded before halls had coordinates gets them (the map shows it); nothing else is touched
    if (seeded && seeded.latitude === null && seeded.longitude === null) await seeded.update({ latitude: h.at[0], longitude: h.at[1] });
    if (seeded) continue;
    const hall = await ServiceHall.create({
      regionCode: h.regionCode,
      nameZh: h.nameZh,
      nameEn: h.nameEn,
      address: h.address,
      phone: h.phone,
      hours: '工作日 9:00-12:00，13:30-17:00',
      latitude: h.at[0],
      longitude: h.at[1],
      openingPeriods: DEFAULT_OPENING_PERIODS,
      slotCapacity: DEFAULT_SLOT_CAPACITY,
    });
    for (const [number, kind, departmentCode] of h.windows) await HallWindow.create({ hallId: hall.id, number, kind, departmentCode });
  }
}
