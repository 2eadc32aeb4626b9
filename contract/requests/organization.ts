import { fieldProblem, type FieldProblem } from '../problems.ts';
import { parentLevel, REGION_CODE_PATTERN, REGION_LEVEL_NAMES, regionLevel, regionPrefix } from '../regions.ts';

/**
 * 组织机构: the bodies the system administrator's 组织机构 page sends: a region of the tree, a
 * department of a region, a service hall and its windows. Checked by the server
 * (server/organization/organization.controller.ts) and by the page before it sends.
 */

const text = (max: number, zh: string, en: string) => ({ type: 'string', minLength: 1, maxLength: max, pattern: '\\S', title: zh, 'x-title-en': en }) as const;
const phone = { type: 'string', minLength: 5, maxLength: 32, pattern: '^[0-9+() -]+$', title: '电话', 'x-title-en': 'Phone' } as const;

export interface RegionBody {
  code: string;
  nameZh: string;
  nameEn: string;
  parentCode?: string | null;
}

/** POST /regions */
export const newRegionSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['code', 'nameZh', 'nameEn'],
  properties: {
    code: { type: 'string', pattern: REGION_CODE_PATTERN, title: '区划代码', 'x-title-en': 'Region code' },
    nameZh: text(100, '名称', 'Name'),
    nameEn: text(100, '英文名称', 'English name'),
    parentCode: { type: ['string', 'null'], pattern: REGION_CODE_PATTERN, title: '上级区划', 'x-title-en': 'Parent region' },
  },
} as const;

/** PATCH /regions/{code}: names, and whether it is in use */
export const regionChangeSchema = {
  type: 'object',
  additionalProperties: false,
  minProperties: 1,
  properties: {
    nameZh: text(100, '名称', 'Name'),
    nameEn: text(100, '英文名称', 'English name'),
    active: { type: 'boolean', title: '启用', 'x-title-en': 'In use' },
  },
} as const;

/**
 * What the schema cannot say of a new region: its code and its parent's fit the tree — a city has
 * no parent here or a province, a district is under a city, a town under a district and a village
 * under a town, and the code starts as its parent's does (岳麓区 430104 under 长沙市 430100).
 */
export function regionRules(body: Pick<RegionBody, 'code' | 'parentCode'>): FieldProblem[] {
  const level = regionLevel(body.code);
  if (!level) return [];
  const parent = body.parentCode ?? null;
  const wanted = parentLevel(level);
  if (!parent) {
    if (level === 'province' || level === 'city') return [];
    return [
      fieldProblem(
        'parentCode',
        `上级区划：${REGION_LEVEL_NAMES[level]['zh-CN']}须有上级区划`,
        `Parent region: a ${REGION_LEVEL_NAMES[level].en.toLowerCase()} needs its parent`,
      ),
    ];
  }
  const parentIs = regionLevel(parent);
  if (parentIs !== wanted) {
    return [
      fieldProblem(
        'parentCode',
        `上级区划：${REGION_LEVEL_NAMES[level]['zh-CN']}的上级应为${wanted ? REGION_LEVEL_NAMES[wanted]['zh-CN'] : '无'}`,
        `Parent region: a ${REGION_LEVEL_NAMES[level].en.toLowerCase()} belongs to a ${wanted ? REGION_LEVEL_NAMES[wanted].en.toLowerCase() : 'nothing'}`,
      ),
    ];
  }
  if (!body.code.startsWith(regionPrefix(parent)) || body.code === parent)
    return [
      fieldProblem('code', `区划代码：应以上级区划的代码 ${regionPrefix(parent)} 开头`, `Region code: must start with its parent's ${regionPrefix(parent)}`),
    ];
  return [];
}

export interface RegionDepartmentBody {
  regionCode: string;
  departmentCode: string;
  nameZh: string;
  nameEn: string;
  parentId?: number | null;
  creditCode?: string | null;
  address?: string | null;
  phone?: string | null;
  active?: boolean;
}

const departmentProperties = {
  nameZh: text(100, '名称', 'Name'),
  nameEn: text(100, '英文名称', 'English name'),
  parentId: { type: ['integer', 'null'], minimum: 1, title: '上级部门', 'x-title-en': 'Parent department' },
  creditCode: { type: ['string', 'null'], format: 'cn-credit-code', title: '统一社会信用代码', 'x-title-en': 'Unified social credit code' },
  address: { type: ['string', 'null'], maxLength: 200, title: '地址', 'x-title-en': 'Address' },
  phone: { ...phone, type: ['string', 'null'] },
  active: { type: 'boolean', title: '启用', 'x-title-en': 'In use' },
} as const;

/** POST /region-departments */
export const newRegionDepartmentSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['regionCode', 'departmentCode', 'nameZh', 'nameEn'],
  properties: {
    regionCode: { type: 'string', pattern: REGION_CODE_PATTERN, title: '区划', 'x-title-en': 'Region' },
    departmentCode: { type: 'string', minLength: 1, maxLength: 32, title: '部门类别', 'x-title-en': 'Department' },
    ...departmentProperties,
  },
} as const;

/** PATCH /region-departments/{id} */
export const regionDepartmentChangeSchema = { type: 'object', additionalProperties: false, minProperties: 1, properties: departmentProperties } as const;

/** 综合窗口, a department's 专窗, 绿色通道 (priority: the elderly, the disabled, pregnant women, servicemen, key projects). */
export const WINDOW_KINDS = ['general', 'special', 'green'] as const;
export type WindowKind = (typeof WINDOW_KINDS)[number];

export interface HallBody {
  regionCode: string;
  nameZh: string;
  nameEn: string;
  address: string;
  phone?: string | null;
  hours?: string | null;
  latitude?: number | null;
  longitude?: number | null;
  openingPeriods?: OpeningPeriod[];
  slotCapacity?: SlotCapacity;
  active?: boolean;
}

/** A period a hall receives people on the calendar's working days, on the half hour (09:00–12:00). */
export interface OpeningPeriod {
  from: string;
  to: string;
}
/** 在线预约: the bookings one window of a kind takes in a half-hour slot. */
export type SlotCapacity = Record<WindowKind, number>;

/** What a new hall opens with until its administrator says otherwise. */
export const DEFAULT_OPENING_PERIODS: OpeningPeriod[] = [
  { from: '09:00', to: '12:00' },
  { from: '13:30', to: '17:00' },
];
export const DEFAULT_SLOT_CAPACITY: SlotCapacity = { general: 4, special: 3, green: 2 };

const halfHour = { type: 'string', pattern: '^([01][0-9]|2[0-3]):(00|30)$|^24:00$' } as const;
const capacity = (zh: string, en: string) => ({ type: 'integer', minimum: 0, maximum: 50, title: zh, 'x-title-en': en }) as const;

const hallProperties = {
  nameZh: text(100, '名称', 'Name'),
  nameEn: text(100, '英文名称', 'English name'),
  address: text(200, '地址', 'Address'),
  phone: { ...phone, type: ['string', 'null'] },
  hours: { type: ['string', 'null'], maxLength: 100, title: '办公时间说明', 'x-title-en': 'Note on opening hours' },
  latitude: { type: ['number', 'null'], minimum: -90, maximum: 90, title: '纬度', 'x-title-en': 'Latitude' },
  longitude: { type: ['number', 'null'], minimum: -180, maximum: 180, title: '经度', 'x-title-en': 'Longitude' },
  openingPeriods: {
    type: 'array',
    minItems: 1,
    maxItems: 4,
    title: '接待时段',
    'x-title-en': 'Opening periods',
    items: {
      type: 'object',
      additionalProperties: false,
      required: ['from', 'to'],
      properties: { from: { ...halfHour, title: '开始', 'x-title-en': 'From' }, to: { ...halfHour, title: '结束', 'x-title-en': 'To' } },
    },
  },
  slotCapacity: {
    type: 'object',
    additionalProperties: false,
    required: [...WINDOW_KINDS],
    title: '每半小时可预约数',
    'x-title-en': 'Bookings per half hour',
    properties: {
      general: capacity('综合窗口（每窗口）', 'General window (each)'),
      special: capacity('专窗（每窗口）', 'Special window (each)'),
      green: capacity('绿色通道（每窗口）', 'Green channel (each)'),
    },
  },
  active: { type: 'boolean', title: '启用', 'x-title-en': 'In use' },
} as const;

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** What the schema cannot say of a hall: its periods run forwards, in order, without overlapping; a map point has both coordinates. */
export function hallRules(body: Pick<HallBody, 'openingPeriods' | 'latitude' | 'longitude'>): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const periods = body.openingPeriods ?? [];
  periods.forEach((p, i) => {
    if (minutesOf(p.to) <= minutesOf(p.from))
      problems.push(
        fieldProblem(`openingPeriods/${i}/to`, `接待时段：${p.from}–${p.to} 结束须晚于开始`, `Opening periods: ${p.from}–${p.to} must end after it starts`),
      );
    else if (i > 0 && minutesOf(p.from) < minutesOf(periods[i - 1]!.to))
      problems.push(
        fieldProblem(
          `openingPeriods/${i}/from`,
          `接待时段：${p.from}–${p.to} 须在上一时段结束之后`,
          `Opening periods: ${p.from}–${p.to} must start after the previous period ends`,
        ),
      );
  });
  if (body.latitude !== undefined && body.longitude !== undefined && (body.latitude === null) !== (body.longitude === null))
    problems.push(fieldProblem('longitude', '经纬度：须同时填写或同时留空', 'Coordinates: give both latitude and longitude, or neither'));
  return problems;
}

/** The half-hour slots a hall's periods give ('09:00', '09:30', … the start of each). */
export function halfHourSlots(periods: OpeningPeriod[]): string[] {
  const slots: string[] = [];
  for (const p of periods)
    for (let m = minutesOf(p.from); m + 30 <= minutesOf(p.to); m += 30)
      slots.push(`${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`);
  return slots;
}

/** POST /halls */
export const newHallSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['regionCode', 'nameZh', 'nameEn', 'address'],
  properties: { regionCode: { type: 'string', pattern: REGION_CODE_PATTERN, title: '区划', 'x-title-en': 'Region' }, ...hallProperties },
} as const;

/** PATCH /halls/{id} */
export const hallChangeSchema = { type: 'object', additionalProperties: false, minProperties: 1, properties: hallProperties } as const;

export interface HallWindowBody {
  number: string;
  kind: WindowKind;
  departmentCode?: string | null;
  active?: boolean;
}

/** POST /halls/{id}/windows, PATCH /hall-windows/{id} (the whole window) */
export const hallWindowSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['number', 'kind'],
  properties: {
    number: { type: 'string', minLength: 1, maxLength: 16, pattern: '^[0-9A-Za-z-]+$', title: '窗口号', 'x-title-en': 'Window number' },
    kind: { type: 'string', enum: [...WINDOW_KINDS], title: '窗口类型', 'x-title-en': 'Window kind' },
    departmentCode: { type: ['string', 'null'], minLength: 1, maxLength: 32, title: '专窗部门', 'x-title-en': 'Department of the window' },
    active: { type: 'boolean', title: '启用', 'x-title-en': 'In use' },
  },
} as const;

/** A 专窗 serves one department; the other windows serve all. */
export function hallWindowRules(body: Pick<HallWindowBody, 'kind' | 'departmentCode'>): FieldProblem[] {
  if (body.kind === 'special' && !body.departmentCode)
    return [fieldProblem('departmentCode', '专窗部门：专窗须指定部门', 'Department of the window: a special window serves one department')];
  if (body.kind !== 'special' && body.departmentCode)
    return [fieldProblem('departmentCode', '专窗部门：只有专窗指定部门', 'Department of the window: only a special window serves one department')];
  return [];
}
