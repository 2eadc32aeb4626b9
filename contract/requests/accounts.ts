import type { FieldProblem } from '../problems.ts';
import { ROLES, STAFF_ROLES, separationProblem, type Role } from '../roles.ts';
import { REGION_CODE_PATTERN } from '../regions.ts';
import { shaped } from '../validation/pattern-hint.ts';

/**
 * 账号管理: the bodies of POST /admin/users and PATCH /admin/users/{username}, checked by the
 * server (server/auth/user-admin.ts, which also checks the region has the department and keeps an
 * administrator of each kind) and by the security administrator's page before it sends.
 */

const name = { type: 'string', minLength: 1, maxLength: 100, format: 'person-name', title: '姓名', 'x-title-en': 'Name' };
const roles = {
  type: 'array',
  minItems: 1,
  maxItems: ROLES.length,
  uniqueItems: true,
  items: { enum: [...ROLES], title: '角色', 'x-title-en': 'Role' },
  title: '角色',
  'x-title-en': 'Roles',
};
const department = { type: ['string', 'null'], maxLength: 32, title: '部门', 'x-title-en': 'Department' };
const region = { type: ['string', 'null'], pattern: REGION_CODE_PATTERN, title: '所在区划', 'x-title-en': 'Region' };
/** The user names accounts are made with. */
export const USERNAME_PATTERN = '^[a-z][a-z0-9._-]{2,63}$';
/** A user name's pattern with its words. */
export const USERNAME_SHAPE = shaped(
  USERNAME_PATTERN,
  '应为 3 至 64 个字符：以小写字母开头，只含小写字母、数字和 . _ -',
  'must be 3 to 64 characters: a lower-case letter first, then lower-case letters, digits, ".", "_" or "-"',
);
/** The most open tasks one change of an account hands over. */
export const HAND_OVER_MAX = 200;

/**
 * 移交待办: when a person's department, region or roles change, or they are deactivated, the tasks
 * they claimed go first to a named colleague who holds the task's role in the case's region (`to`),
 * or back to the role's group (`to: null`, 取消签收; a delegated task back to whoever delegated it).
 */
const handOver = {
  type: 'array',
  maxItems: HAND_OVER_MAX,
  title: '移交待办',
  'x-title-en': 'Open tasks handed over',
  items: {
    type: 'object',
    additionalProperties: false,
    required: ['taskId', 'to'],
    properties: {
      taskId: { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$', title: '任务', 'x-title-en': 'Task' },
      to: { type: ['string', 'null'], ...USERNAME_SHAPE, title: '接办人', 'x-title-en': 'Handed to' },
    },
  },
};

export const newAccountSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['username', 'displayName', 'roles'],
  properties: {
    username: { type: 'string', ...USERNAME_SHAPE, title: '用户名', 'x-title-en': 'User name' },
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
  properties: {
    displayName: name,
    roles,
    departmentCode: department,
    regionCode: region,
    active: { type: 'boolean', title: '启用', 'x-title-en': 'Active' },
    handOver,
  },
} as const;

/** PUT /admin/users/{username}/identity: the staff member's ID number, which the unified sign-in's person must hold. */
export const identityBindingSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['idNo'],
  properties: { idNo: { type: 'string', format: 'cn-id-card', title: '身份证号码', 'x-title-en': 'ID number' } },
} as const;

export interface HandOver {
  taskId: string;
  /** a colleague's user name; null: back to the role's group */
  to: string | null;
}

export interface AccountBody {
  username?: string;
  displayName?: string;
  roles?: Role[];
  departmentCode?: string | null;
  /** 四级: the region whose department the member of staff works in (default: the platform's own) */
  regionCode?: string | null;
  active?: boolean;
  /** the tasks the person holds, each to a colleague or back to the group (a change of rights while they hold some) */
  handOver?: HandOver[];
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

/** What the schema cannot say of a hand-over: each task once. */
export function handOverRules(handOver: readonly HandOver[] | undefined): FieldProblem[] {
  const seen = new Set<string>();
  const problems: FieldProblem[] = [];
  (handOver ?? []).forEach((h, i) => {
    if (seen.has(h.taskId)) {
      problems.push({ field: `handOver.${i}.taskId`, message: { 'zh-CN': '任务：同一任务只能移交一次', en: 'Task: each task is handed over once' } });
    }
    seen.add(h.taskId);
  });
  return problems;
}

/** The rules of a change (PATCH /admin/users/{username}) as the page sends it: the whole account and any hand-over. */
export function accountChangeRules(body: AccountBody): FieldProblem[] {
  return [...accountRules({ roles: body.roles ?? [], departmentCode: body.departmentCode }), ...handOverRules(body.handOver)];
}
