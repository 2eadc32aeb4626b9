import { always, answer, bearer, clean, codeParam, error, idParam, json, type Paths, type Schemas } from '../openapi/helpers.ts';
import {
  hallChangeSchema,
  hallWindowSchema,
  newHallSchema,
  newRegionDepartmentSchema,
  newRegionSchema,
  regionChangeSchema,
  regionDepartmentChangeSchema,
  WINDOW_KINDS,
} from '../../contract/requests/organization.ts';
import { REGION_LEVELS } from '../../contract/regions.ts';

const text = { type: 'string' };
const maybe = { type: ['string', 'null'] };
const region = always({ code: text, nameZh: text, nameEn: text, level: { enum: [...REGION_LEVELS] }, parentCode: maybe, active: { type: 'boolean' } });
const regionDepartment = always({
  id: { type: 'integer' },
  regionCode: text,
  departmentCode: text,
  nameZh: text,
  nameEn: text,
  parentId: { type: ['integer', 'null'] },
  creditCode: maybe,
  address: maybe,
  phone: maybe,
  active: { type: 'boolean' },
});
const hallWindow = always({
  id: { type: 'integer' },
  hallId: { type: 'integer' },
  number: text,
  kind: { enum: [...WINDOW_KINDS] },
  departmentCode: maybe,
  active: { type: 'boolean' },
});
const hall = always({
  id: { type: 'integer' },
  regionCode: text,
  nameZh: text,
  nameEn: text,
  address: text,
  phone: maybe,
  hours: maybe,
  latitude: { type: ['number', 'null'] },
  longitude: { type: ['number', 'null'] },
  openingPeriods: { type: 'array', items: always({ from: text, to: text }) },
  slotCapacity: always({ general: { type: 'integer' }, special: { type: 'integer' }, green: { type: 'integer' } }),
  active: { type: 'boolean' },
  windows: { type: 'array', items: hallWindow },
});
const regionFilter = [
  { name: 'region', in: 'query', required: false, schema: { type: 'string' }, description: 'a region code: that region and every region under it' },
];
const body = (ref: string) => ({ required: true, content: json({ $ref: `#/components/schemas/${ref}` }) });
const adminWrite = (summary: string, ref: string, result: object, conflictWhen: string | null, params: object[] = []) => ({
  summary,
  security: bearer,
  parameters: params,
  requestBody: body(ref),
  responses: {
    200: answer('changed', result),
    201: answer('created', result),
    404: error('no such thing'),
    ...(conflictWhen ? { 409: error(conflictWhen) } : {}),
    422: error('invalid body, each problem at its field'),
  },
});

export function organizationSchemas(): Schemas {
  return {
    NewRegion: clean(newRegionSchema),
    RegionChange: clean(regionChangeSchema),
    NewRegionDepartment: clean(newRegionDepartmentSchema),
    RegionDepartmentChange: clean(regionDepartmentChangeSchema),
    NewHall: clean(newHallSchema),
    HallChange: clean(hallChangeSchema),
    HallWindow: clean(hallWindowSchema),
  };
}

/** 组织机构 paths of /api/v1: the department kinds, the region tree, each region's departments, halls and windows. */
export function organizationPaths(): Paths {
  return {
    '/departments': {
      get: {
        summary: "部门: the city's departments, each with its code and its name in the caller's language",
        security: bearer,
        responses: {
          200: {
            description: 'departments, by code',
            content: json(always({ departments: { type: 'array', items: always({ code: { type: 'string' }, name: { type: 'string' } }) } })),
          },
        },
      },
    },
    '/regions': {
      get: {
        summary: '四级: every region of the tree (市 → 区县 → 乡镇街道 → 村社区), parents before children',
        security: bearer,
        responses: { 200: answer('the regions', always({ regions: { type: 'array', items: region } })) },
      },
      post: adminWrite(
        'Adds a region under its parent (its code extends the parent’s; a district under a city, a town under a district …)',
        'NewRegion',
        region,
        'a region of that code exists',
      ),
    },
    '/regions/{code}': {
      patch: adminWrite(
        'Renames a region, or takes it out of use (not while a region under it is in use, nor the root)',
        'RegionChange',
        region,
        'regions under it are in use, or it is the root',
        codeParam,
      ),
    },
    '/region-departments': {
      get: {
        summary: 'The departments of each region (岳麓区市场监督管理局 …): kind, 统一社会信用代码, address, phone',
        security: bearer,
        parameters: regionFilter,
        responses: { 200: answer('the departments', always({ departments: { type: 'array', items: regionDepartment } })), 422: error('a malformed region') },
      },
      post: adminWrite(
        'Adds a department to a region (one of each kind per region)',
        'NewRegionDepartment',
        regionDepartment,
        'the region has a department of that kind',
      ),
    },
    '/region-departments/{id}': {
      patch: adminWrite("Changes a region's department", 'RegionDepartmentChange', regionDepartment, null, idParam),
    },
    '/halls': {
      get: {
        summary: 'The service halls in use (政务服务中心, 便民服务中心, 便民服务站) of a region and the regions under it, with their windows in use',
        parameters: regionFilter,
        responses: { 200: answer('the halls', always({ halls: { type: 'array', items: hall } })), 422: error('a malformed region') },
      },
      post: adminWrite('Adds a service hall to a region', 'NewHall', hall, null),
    },
    '/admin/halls': {
      get: {
        summary: 'Every service hall and window, in use or not (for the administrator to edit)',
        security: bearer,
        parameters: regionFilter,
        responses: { 200: answer('the halls', always({ halls: { type: 'array', items: hall } })), 422: error('a malformed region') },
      },
    },
    '/halls/{id}': {
      get: {
        summary: 'A service hall in use with its windows in use (the kiosk, the hall display, the map)',
        parameters: idParam,
        responses: { 200: answer('the hall', hall), 404: error('no such hall in use') },
      },
      patch: adminWrite('Changes a hall', 'HallChange', hall, null, idParam),
    },
    '/halls/{id}/windows': {
      post: adminWrite('Adds a window to a hall: 综合窗口, a department’s 专窗, 绿色通道', 'HallWindow', hall, 'the hall has a window of that number', idParam),
    },
    '/hall-windows/{id}': { patch: adminWrite('Changes a window (the whole window)', 'HallWindow', hall, 'the hall has a window of that number', idParam) },
  };
}
