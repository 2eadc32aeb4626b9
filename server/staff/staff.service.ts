import { departmentsByCodes } from '../organization/index.ts';
import type { Locale } from '../i18n/locale.ts';
import { REGION_CODE_PATTERN } from '../../contract/regions.ts';
import { activeAccountsByDepartment, ROLES, type Role } from '../auth/index.ts';

/** The roles that make a person staff (everyone but applicants). */
export const STAFF_DIRECTORY_ROLES = ROLES.filter((r) => r !== 'applicant');

export const staffQuerySchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    department: { type: 'string', minLength: 1, maxLength: 32, pattern: '^[a-z0-9_-]+$', title: '部门', 'x-title-en': 'Department' },
    role: { type: 'string', enum: STAFF_DIRECTORY_ROLES, title: '岗位', 'x-title-en': 'Role' },
    region: { type: 'string', pattern: REGION_CODE_PATTERN, title: '区划', 'x-title-en': 'Region' },
    q: { type: 'string', maxLength: 50, title: '关键字', 'x-title-en': 'Search' },
  },
} as const;

export interface StaffQuery {
  department?: string;
  role?: Role;
  /** 四级: only the staff of that region (a task goes to a colleague of the case's region) */
  region?: string;
  q?: string;
}

/** How many people one answer lists at most: a picker narrows with q. */
export const STAFF_LIMIT = 200;

/**
 * 人员目录: active staff (applicants never), by department, role, region and a search in user name and
 * display name, sorted by department and user name. Only what a picker needs: never passwords,
 * ID numbers or phones.
 */
export async function listStaff(query: StaffQuery, locale: Locale) {
  const users = await activeAccountsByDepartment(query.department);
  const q = query.q?.trim().toLowerCase() ?? '';
  const staff = users.filter(
    (u) =>
      u.roles.some((r) => r !== 'applicant') &&
      (!query.role || u.roles.includes(query.role)) &&
      (!query.region || u.regionCode === query.region) &&
      (!q || u.username.toLowerCase().includes(q) || u.displayName.toLowerCase().includes(q)),
  );
  const codes = [...new Set(staff.map((u) => u.departmentCode).filter((c): c is string => Boolean(c)))];
  const departments = new Map((await departmentsByCodes(codes)).map((d) => [d.code, d]));
  const listed = staff.slice(0, STAFF_LIMIT);
  return {
    total: staff.length,
    staff: listed.map((u) => {
      const d = u.departmentCode ? departments.get(u.departmentCode) : undefined;
      return {
        username: u.username,
        displayName: u.displayName,
        departmentCode: u.departmentCode,
        department: d ? (locale === 'en' ? d.nameEn : d.nameZh) : u.departmentCode,
        roles: u.roles.filter((r) => r !== 'applicant'),
      };
    }),
  };
}
