import { allRegions, hallsWithin, type HallRecord, type RegionRecord } from '../organization/index.ts';
import { latestItems, type ItemVersion } from '../catalog/index.ts';
import { queueLengthsToday } from '../queue/index.ts';
import { calendarFor, shanghaiDay, type WorkingCalendar } from '../calendar/index.ts';
import { validationFailed, fieldProblem } from '../errors/app-error.ts';
import { handlingRegion, REGION_CODE_PATTERN, type RegionLevel } from '../../contract/regions.ts';
import type { OnlineDepth } from '../../contract/catalog/online-depth.ts';
import type { OpeningPeriod, WindowKind } from '../../contract/requests/organization.ts';

/**
 * 政务服务数字地图: what the public map shows of each hall in use — its kind (from its region's
 * level), where it is, when it opens, the items it handles (四级九统: those the catalog hands to its
 * region's level) and today's queue. Read only; the halls are the organization's, the items the
 * catalog's, the queue the queue's.
 */
export const HALL_KINDS = ['government_center', 'service_center', 'service_station'] as const;
export type HallKind = (typeof HALL_KINDS)[number];

/** 政务服务中心 (province, city, district), 便民服务中心 (town or street), 便民服务站 (village or community). */
export function hallKind(level: RegionLevel): HallKind {
  if (level === 'town') return 'service_center';
  if (level === 'village') return 'service_station';
  return 'government_center';
}

export interface MapItem {
  code: string;
  nameZh: string;
  nameEn: string;
  onlineDepth: OnlineDepth;
}

export interface MapHall {
  id: number;
  nameZh: string;
  nameEn: string;
  kind: HallKind;
  region: { code: string; nameZh: string; nameEn: string; level: RegionLevel };
  address: string;
  phone: string | null;
  hours: string | null;
  openingPeriods: OpeningPeriod[];
  /** WGS-84 degrees; null: not placed yet (listed, no marker) */
  latitude: number | null;
  longitude: number | null;
  /** windows in use, by kind (a 绿色通道 when green > 0) */
  windows: Record<WindowKind, number>;
  items: MapItem[];
  queue: { waiting: number; averageWaitMinutes: number | null };
  /** whether today is a working day on the calendar of the hall's district (its opening periods hold on working days) */
  today: { workday: boolean; name: string | null };
}

export interface HallMap {
  /** the Shanghai day the queue figures are of */
  day: string;
  halls: MapHall[];
  /** the regions of the halls listed, for the page's filter: parents before children */
  regions: { code: string; nameZh: string; nameEn: string; level: RegionLevel; parentCode: string | null }[];
}

/** The region filter: absent, or a region in use (422 in words otherwise). */
export function checkRegionFilter(region: unknown, regions: RegionRecord[]): string | undefined {
  if (region === undefined || region === '') return undefined;
  if (typeof region !== 'string' || !new RegExp(REGION_CODE_PATTERN).test(region))
    throw validationFailed([fieldProblem('region', '区划：应为 6、9 或 12 位区划代码', 'Region: a region code of 6, 9 or 12 digits')]);
  if (!regions.some((r) => r.code === region && r.active))
    throw validationFailed([fieldProblem('region', `区划：没有在用的区划“${region}”`, `Region: no region "${region}" in use`)]);
  return region;
}

/** 四级九统: the items whose handling region, for an application received in the hall's region, is that region. */
function itemsHandledAt(regionCode: string, regions: RegionRecord[], items: ItemVersion[]): MapItem[] {
  return items
    .filter((i) => handlingRegion(regions, regionCode, i.definition.levels ?? null)?.code === regionCode)
    .map((i) => ({ code: i.code, nameZh: i.definition.name, nameEn: i.definition.nameEn, onlineDepth: i.definition.onlineDepth }))
    .sort((a, b) => a.code.localeCompare(b.code));
}

const todayAt = (calendar: WorkingCalendar, day: string) => {
  const info = calendar.info(day);
  return { workday: info.workday, name: info.name ?? null };
};

const windowCounts = (hall: HallRecord): Record<WindowKind, number> => {
  const counts: Record<WindowKind, number> = { general: 0, special: 0, green: 0 };
  for (const w of hall.windows) if (w.active) counts[w.kind]++;
  return counts;
};

/** The halls in use of a region and the regions under it (every hall in use when none is named). */
export async function hallMap(regionFilter: unknown): Promise<HallMap> {
  const regions = await allRegions();
  const region = checkRegionFilter(regionFilter, regions);
  const halls = (await hallsWithin(region)).filter((h) => h.active);
  const [items, queue] = await Promise.all([latestItems(), queueLengthsToday(halls.map((h) => h.id))]);
  const byCode = new Map(regions.map((r) => [r.code, r]));
  const day = shanghaiDay(new Date());
  // the calendar's overrides are the country's, everywhere's and a six-digit region's: the hall's district (or city)
  const calendars = new Map<string, WorkingCalendar>();
  for (const code of new Set(halls.map((h) => h.regionCode.slice(0, 6)))) calendars.set(code, await calendarFor(code));
  const shown = new Set<string>();
  const mapHalls = halls.flatMap((h): MapHall[] => {
    const r = byCode.get(h.regionCode);
    if (!r) return [];
    for (let at: RegionRecord | undefined = r; at; at = at.parentCode ? byCode.get(at.parentCode) : undefined) shown.add(at.code);
    return [
      {
        id: h.id,
        nameZh: h.nameZh,
        nameEn: h.nameEn,
        kind: hallKind(r.level),
        region: { code: r.code, nameZh: r.nameZh, nameEn: r.nameEn, level: r.level },
        address: h.address,
        phone: h.phone,
        hours: h.hours,
        openingPeriods: h.openingPeriods,
        latitude: h.latitude,
        longitude: h.longitude,
        windows: windowCounts(h),
        items: itemsHandledAt(r.code, regions, items),
        queue: queue.get(h.id) ?? { waiting: 0, averageWaitMinutes: null },
        today: todayAt(calendars.get(h.regionCode.slice(0, 6))!, day),
      },
    ];
  });
  return {
    day,
    halls: mapHalls,
    regions: regions
      .filter((r) => shown.has(r.code))
      .map((r) => ({ code: r.code, nameZh: r.nameZh, nameEn: r.nameEn, level: r.level, parentCode: r.parentCode })),
  };
}
