import { get, patch, post } from '../api/http.ts';
import type { RegionLevel } from '../../../contract/regions.ts';
import type { HallBody, HallWindowBody, RegionBody, RegionDepartmentBody, WindowKind } from '../../../contract/requests/organization.ts';

/** 组织机构 (server/organization/organization.controller.ts): the region tree, the departments of each region, the halls and their windows. */

/** A region of the tree (server/organization/regions.ts RegionRecord). */
export interface Region {
  code: string;
  nameZh: string;
  nameEn: string;
  level: RegionLevel;
  parentCode: string | null;
  active: boolean;
}

/** A department of a region: one kind in one region (岳麓区市场监督管理局). */
export interface RegionDepartment {
  id: number;
  regionCode: string;
  departmentCode: string;
  nameZh: string;
  nameEn: string;
  parentId: number | null;
  creditCode: string | null;
  address: string | null;
  phone: string | null;
  active: boolean;
}

export interface HallWindow {
  id: number;
  hallId: number;
  number: string;
  kind: WindowKind;
  departmentCode: string | null;
  active: boolean;
}

/** A service hall (政务服务中心, 便民服务中心, 便民服务站) and its windows. */
export interface Hall {
  id: number;
  regionCode: string;
  nameZh: string;
  nameEn: string;
  address: string;
  phone: string | null;
  hours: string | null;
  active: boolean;
  windows: HallWindow[];
}

/** A department kind (samr, fire, center …), named in the page's language. */
export interface DepartmentKind {
  code: string;
  name: string;
}

export type { HallBody, HallWindowBody, RegionBody, RegionDepartmentBody, WindowKind };

const enc = encodeURIComponent;

export const organizationApi = {
  /** every region, parents before children (anyone signed in) */
  regions: async () => (await get<{ regions: Region[] }>('/regions')).regions,
  createRegion: (body: RegionBody) => post<Region>('/regions', body),
  changeRegion: (code: string, body: { nameZh?: string; nameEn?: string; active?: boolean }) => patch<Region>(`/regions/${enc(code)}`, body),

  /** the departments of a region, or of every region */
  departments: async (region?: string) => (await get<{ departments: RegionDepartment[] }>('/region-departments', { region })).departments,
  createDepartment: (body: RegionDepartmentBody) => post<RegionDepartment>('/region-departments', body),
  changeDepartment: (id: number, body: Partial<RegionDepartmentBody>) => patch<RegionDepartment>(`/region-departments/${id}`, body),

  /** the department kinds, in the page's language */
  kinds: async () => (await get<{ departments: DepartmentKind[] }>('/departments')).departments,

  /** every hall of the region and the regions under it, those out of use too (the administrator) */
  halls: async (region: string) => (await get<{ halls: Hall[] }>('/admin/halls', { region })).halls,
  createHall: (body: HallBody) => post<Hall>('/halls', body),
  changeHall: (id: number, body: Partial<HallBody>) => patch<Hall>(`/halls/${id}`, body),
  createWindow: (hallId: number, body: HallWindowBody) => post<Hall>(`/halls/${hallId}/windows`, body),
  changeWindow: (id: number, body: HallWindowBody) => patch<Hall>(`/hall-windows/${id}`, body),

  /** the signed-in person's region (staff; null for applicants and accounts placed nowhere) */
  myRegionCode: async () => (await get<{ regionCode?: string | null }>('/auth/me')).regionCode ?? null,
};
