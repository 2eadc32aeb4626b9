import { get, patch, post } from '../api/http.ts';
import type { Answer } from '../../../contract/api/index.ts';
import type { HallBody, HallWindowBody, RegionBody, RegionDepartmentBody, WindowKind } from '../../../contract/requests/organization.ts';

/** 组织机构 (server/organization/organization.controller.ts): the region tree, the departments of each region, the halls and their windows. */

/** A region of the tree (server/organization/regions.ts RegionRecord). */
export type Region = Answer<'/regions', 'get'>['regions'][number];

/** A department of a region: one kind in one region (岳麓区市场监督管理局). */
export type RegionDepartment = Answer<'/region-departments', 'get'>['departments'][number];

/** A service hall (政务服务中心, 便民服务中心, 便民服务站) and its windows. */
export type Hall = Answer<'/admin/halls', 'get'>['halls'][number];
export type HallWindow = Hall['windows'][number];

/** A department kind (samr, fire, center …), named in the page's language. */
export type DepartmentKind = Answer<'/departments', 'get'>['departments'][number];

export type { HallBody, HallWindowBody, RegionBody, RegionDepartmentBody, WindowKind };

const enc = encodeURIComponent;

export const organizationApi = {
  /** every region, parents before children (anyone signed in) */
  regions: async () => (await get<Answer<'/regions', 'get'>>('/regions')).regions,
  createRegion: (body: RegionBody) => post<Region>('/regions', body),
  changeRegion: (code: string, body: { nameZh?: string; nameEn?: string; active?: boolean }) => patch<Region>(`/regions/${enc(code)}`, body),

  /** the departments of a region, or of every region */
  departments: async (region?: string) => (await get<Answer<'/region-departments', 'get'>>('/region-departments', { region })).departments,
  createDepartment: (body: RegionDepartmentBody) => post<RegionDepartment>('/region-departments', body),
  changeDepartment: (id: number, body: Partial<RegionDepartmentBody>) => patch<RegionDepartment>(`/region-departments/${id}`, body),

  /** the department kinds, in the page's language */
  kinds: async () => (await get<Answer<'/departments', 'get'>>('/departments')).departments,

  /** every hall of the region and the regions under it, those out of use too (the administrator) */
  halls: async (region: string) => (await get<Answer<'/admin/halls', 'get'>>('/admin/halls', { region })).halls,
  createHall: (body: HallBody) => post<Hall>('/halls', body),
  changeHall: (id: number, body: Partial<HallBody>) => patch<Hall>(`/halls/${id}`, body),
  createWindow: (hallId: number, body: HallWindowBody) => post<Hall>(`/halls/${hallId}/windows`, body),
  changeWindow: (id: number, body: HallWindowBody) => patch<Hall>(`/hall-windows/${id}`, body),

  /** the signed-in person's region (staff; null for applicants and accounts placed nowhere) */
  myRegionCode: async () => (await get<Answer<'/auth/me', 'get'>>('/auth/me')).regionCode,
};
