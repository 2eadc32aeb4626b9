/**
 * 组织机构 (organization), the public entry: the department kinds every domain reads (their
 * candidate groups: `<department>:<role>`), the region tree (四级: 市 → 区县 → 乡镇街道 → 村社区),
 * the departments of each region, the service halls and their windows (the tables are this
 * domain's own).
 */
export { departmentsRoutes } from './departments.controller.ts';
export { organizationRoutes } from './organization.controller.ts';
export { organizationPaths, organizationSchemas } from './openapi.ts';
export { DEPARTMENTS, syncDepartments, allDepartments, departmentByCode, departmentCodes, departmentsByCodes, type DepartmentRecord } from './departments.ts';
/** The region tree and the departments of each region. */
export {
  allRegions,
  hasRegionDepartment,
  regionByCode,
  regionDepartments,
  regionsByCodes,
  regionsWithin,
  regionWithAncestors,
  type RegionDepartmentRecord,
  type RegionRecord,
} from './regions.ts';
export { hallsWithin, hallWithWindows, type HallRecord, type HallWindowRecord } from './halls.ts';
/** At start: the platform's region as the root, with a department of each kind; the demo's tree. */
export { cityNameOf, syncOrganization } from './organization-setup.ts';
export { DEMO_REGIONS, seedDemoOrganization } from './demo-organization.ts';
