import type { Localized } from './locale.ts';

/** The roles of the platform's people (server/http/access.ts says which routes each may call). */
export const ROLES = ['analyst', 'clerk', 'reviewer', 'leader', 'admin', 'security_admin', 'auditor', 'applicant'] as const;
export type Role = (typeof ROLES)[number];

/**
 * 数据资源管理局 (数据局): the city's supervisor of services. Its leaders see every department's
 * indicators and may open every case in their region (统一监管, 审批追溯; server/supervision,
 * server/cases/case-access.ts), read-only: no department's steps are theirs.
 */
export const SUPERVISING_DEPARTMENT = 'data';

/** Roles of staff (every role but the applicant's): they belong to a department. */
export const STAFF_ROLES: readonly Role[] = ROLES.filter((r) => r !== 'applicant');

/**
 * 三员分立 (等保三级): the system administrator (admin: catalog, calendar, seals, e-licenses, cases),
 * the security administrator (security_admin: accounts, their locks and second factors) and the
 * audit administrator (auditor: the audit trail) are three people. No account holds two of these
 * roles, and the security and audit administrators hold nothing else: none can do another's work.
 */
export const ADMINISTRATOR_ROLES = ['admin', 'security_admin', 'auditor'] as const satisfies readonly Role[];
const ALONE: readonly Role[] = ['security_admin', 'auditor'];

/** What is wrong with a set of roles under 三员分立; undefined when nothing is. */
export function separationProblem(roles: readonly Role[]): Localized | undefined {
  const administrators = roles.filter((r) => (ADMINISTRATOR_ROLES as readonly Role[]).includes(r));
  if (administrators.length > 1) {
    return {
      'zh-CN': `三员分立：系统管理员、安全管理员和审计管理员须由不同账号担任（${administrators.join('、')}）`,
      en: `Separation of duties: the system, security and audit administrators are different accounts (${administrators.join(', ')})`,
    };
  }
  const alone = roles.find((r) => ALONE.includes(r));
  if (alone && roles.length > 1) {
    return {
      'zh-CN': `三员分立：${alone === 'auditor' ? '审计管理员' : '安全管理员'}账号不能兼任其他角色`,
      en: `Separation of duties: the ${alone === 'auditor' ? 'audit' : 'security'} administrator holds no other role`,
    };
  }
  return undefined;
}
