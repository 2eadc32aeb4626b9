/**
 * 部门 (organization), the public entry: the city's departments, reference data every domain reads
 * (the departments table is this domain's own).
 */
export { DEPARTMENTS, syncDepartments, allDepartments, departmentByCode, departmentCodes, departmentsByCodes, type DepartmentRecord } from './departments.ts';
