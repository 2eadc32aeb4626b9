/**
 * 部门 (organization), the public entry: the city's departments, reference data every domain reads
 * (the departments table is this domain's own).
 */
export { departmentsRoutes } from './departments.controller.ts';
export { organizationPaths } from './openapi.ts';
export { DEPARTMENTS, syncDepartments, allDepartments, departmentByCode, departmentCodes, departmentsByCodes, type DepartmentRecord } from './departments.ts';
