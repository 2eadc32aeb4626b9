import type { Role } from '../auth/user.model.ts';

/**
 * Who may call a route, declared where the route is written (server/http/route-table.ts): the
 * guard is derived from it, the OpenAPI document and the security tests read it.
 */
export type Access =
  /** anyone, without signing in (guides, the calendar, 办件查询 by number and phone) */
  | { kind: 'public' }
  /** a signed-in user; with roles, one of them (the domain may check more: department, ownership) */
  | { kind: 'signed-in'; roles?: readonly Role[] }
  /** an outside system's notification, verified by its signature in the handler (payment, carrier) */
  | { kind: 'signed-message' }
  /** the engine's task-event plugin, with the engine's service account */
  | { kind: 'engine' };

export const PUBLIC: Access = { kind: 'public' };
export const SIGNED_IN: Access = { kind: 'signed-in' };
export const SIGNED_MESSAGE: Access = { kind: 'signed-message' };
export const ENGINE: Access = { kind: 'engine' };
export const roles = (...allowed: Role[]): Access => ({ kind: 'signed-in', roles: allowed });

/** Staff who work cases from the inbox. */
export const STAFF = roles('reviewer', 'leader', 'clerk', 'admin');
/** Those who draw processes and edit the catalog. */
export const ANALYSTS = roles('analyst', 'admin');

/** One line for the API document and logs: "public", "signed-in", "roles: analyst, admin" … */
export function describeAccess(access: Access): string {
  if (access.kind === 'signed-in' && access.roles) return `roles: ${access.roles.join(', ')}`;
  return access.kind;
}
/** The platform's administrators. */
export const ADMINS = roles('admin');
/** The security administrator (三员分立): accounts' locks and second factors, and nothing else. */
export const SECURITY_ADMINS = roles('security_admin');
/** The audit administrator (三员分立): reads the audit trail, and nothing else. */
export const AUDITORS = roles('auditor');
