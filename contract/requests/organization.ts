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
  active?: boolean;
}

const hallProperties = {
  nameZh: text(100, '名称', 'Name'),
  nameEn: text(100, '英文名称', 'English name'),
  address: text(200, '地址', 'Address'),
  phone: { ...phone, type: ['string', 'null'] },
  hours: { type: ['string', 'null'], maxLength: 100, title: '办公时间', 'x-title-en': 'Opening hours' },
  active: { type: 'boolean', title: '启用', 'x-title-en': 'In use' },
} as const;

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
