import type { FieldProblem } from '../problems.ts';
import { ROLES, STAFF_ROLES, separationProblem, type Role } from '../roles.ts';
import { REGION_CODE_PATTERN } from '../regions.ts';

/**
 * 账号管理: the bodies of POST /admin/users and PATCH /admin/users/{username}, checked by the
 * server (server/auth/user-admin.ts, which also checks the region has the department and keeps an
 * administrator of each kind) and by the security administrator's page before it sends.
 */

const name = { type: 'string', minLength: 1, maxLength: 100, format: 'person-name', title: '姓名', 'x-title-en': 'Name' };
const roles = { type: 'array', minItems: 1, maxItems: ROLES.length, uniqueItems: true, items: { enum: [...ROLES] }, title: '角色', 'x-title-en': 'Roles' };
const department = { type: ['string', 'null'], maxLength: 32, title: '部门', 'x-title-en': 'Department' };
const region = { type: ['string', 'null'], pattern: REGION_CODE_PATTERN, title: '所在区划', 'x-title-en': 'Region' };

export const newAccountSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['username', 'displayName', 'roles'],
  properties: {
    username: { type: 'string', pattern: '^[a-z][a-z0-9._-]{2,63}$', title: '用户名', 'x-title-en': 'User name' },
    displayName: name,
    roles,
    departmentCode: department,
    regionCode: region,
  },
} as const;

export const accountChangeSchema = {
  type: 'object',
  additionalProperties: false,
  minProperties: 1,
  properties: { displayName: name, roles, departmentCode: department, regionCode: region, active: { type: 'boolean', title: '启用', 'x-title-en': 'Active' } },
} as const;

export interface AccountBody {
  username?: string;
  displayName?: string;
  roles?: Role[];
  departmentCode?: string | null;
  /** 四级: the region whose department the member of staff works in (default: the platform's own) */
  regionCode?: string | null;
  active?: boolean;
}

/** What the schema cannot say: 三员分立; staff belong to a department; an applicant is no staff. For an account as it would be. */
export function accountRules(account: { roles: readonly Role[]; departmentCode?: string | null }): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const staff = account.roles.some((r) => STAFF_ROLES.includes(r));
  if (staff && !account.departmentCode) {
    problems.push({ field: 'departmentCode', message: { 'zh-CN': '部门：工作人员须属于一个部门', en: 'Department: staff belong to a department' } });
  }
  if (account.roles.includes('applicant') && staff) {
    problems.push({ field: 'roles', message: { 'zh-CN': '角色：申请人账号不能兼任工作人员角色', en: 'Roles: an applicant account holds no staff role' } });
  }
  const separation = separationProblem(account.roles);
  if (separation) problems.push({ field: 'roles', message: { 'zh-CN': `角色：${separation['zh-CN']}`, en: `Roles: ${separation.en}` } });
  return problems;
}
