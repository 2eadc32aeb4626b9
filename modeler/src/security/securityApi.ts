import { get, patch, post } from '../api/http.ts';

/** 账号安全 (server/auth/account-security.ts): accounts with their locks and second factors, for the security administrator. */
export interface AccountSecurity {
  username: string;
  displayName: string;
  roles: string[];
  departmentCode: string | null;
  active: boolean;
  passwordChangedAt: string;
  lock: { until: string; failures: number; lastClientAddress: string | null } | null;
  secondFactor: { enrolled: boolean; required: boolean; since: string | null };
}

/** What an administrator sets on an account (server/auth/user-admin.ts). */
export interface AccountFields {
  displayName: string;
  roles: string[];
  departmentCode: string | null;
}

const enc = encodeURIComponent;

export const securityApi = {
  accounts: (filter: { q?: string; locked?: boolean }, page: number, size: number) =>
    get<{ total: number; accounts: AccountSecurity[] }>('/admin/accounts', {
      ...(filter.q ? { q: filter.q } : {}),
      ...(filter.locked ? { locked: 'true' } : {}),
      limit: String(size),
      offset: String((page - 1) * size),
    }),
  unlock: (username: string) => post<{ wasLockedUntil: string | null; failuresCleared: number }>(`/admin/users/${enc(username)}/unlock`),
  departments: async () => (await get<{ departments: { code: string; name: string }[] }>('/departments')).departments,
  create: (body: AccountFields & { username: string }) => post<{ username: string; temporaryPassword: string }>('/admin/users', body),
  update: (username: string, body: Partial<AccountFields> & { active?: boolean }) => patch<AccountSecurity>(`/admin/users/${enc(username)}`, body),
  resetPassword: (username: string) => post<{ username: string; temporaryPassword: string }>(`/admin/users/${enc(username)}/password-reset`),
  resetSecondFactor: (username: string) => post<{ wasEnrolled: boolean }>(`/admin/users/${enc(username)}/second-factor/reset`),
};
