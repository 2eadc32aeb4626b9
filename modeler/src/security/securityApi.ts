import { API_BASE, ApiError, del, get, patch, post, put, type ProblemDetail } from '../api/http.ts';
import { session } from '../api/session.ts';
import { appLocale } from '../i18n/index.ts';
import type { Answer } from '../../../contract/api/index.ts';
import type { HandOver } from '../../../contract/requests/accounts.ts';

/**
 * 账号安全 (server/auth/account-security.ts): accounts with their locks and second factors, for the
 * security administrator; regionCode the region whose department the person works in (四级), identity
 * the ID number the account is bound to (统一身份认证), masked, or null.
 */
export type AccountSecurity = Answer<'/admin/accounts', 'get'>['accounts'][number];

/** What an administrator sets on an account (server/auth/user-admin.ts). */
export interface AccountFields {
  displayName: string;
  roles: string[];
  departmentCode: string | null;
  regionCode: string | null;
}

/** A region of GET /regions (server/organization). */
export type Region = Answer<'/regions', 'get'>['regions'][number];

/** A task a person holds (server/auth/open-tasks.ts), with who may take it over. */
export type HeldTask = Answer<'/admin/users/{username}/open-tasks', 'get'>['tasks'][number];

/** The import's dry run: each row as read and its problems (in the page's language). */
export type ImportCheck = Answer<'/admin/users/import', 'post'>;
export type ImportRow = ImportCheck['rows'][number];

const enc = encodeURIComponent;

/** POST of a file as multipart (the field `file`), with the token and the page's language; the answer as it came. */
async function sendFile(path: string, file: File): Promise<Response> {
  const data = new FormData();
  data.append('file', file, file.name);
  const headers: Record<string, string> = { Accept: 'application/json, text/csv', 'Accept-Language': appLocale.value };
  if (session.token.value) headers.Authorization = `Bearer ${session.token.value}`;
  let res: Response;
  try {
    res = await fetch(`${API_BASE}${path}`, { method: 'POST', headers, body: data });
  } catch {
    throw new ApiError(
      0,
      'network_error',
      appLocale.value === 'en' ? 'The server cannot be reached; check the network and try again' : '无法连接服务器，请检查网络后重试',
    );
  }
  if (res.ok) return res;
  const body = (await res.json().catch(() => null)) as { error?: { code?: string; message?: string; details?: ProblemDetail[] } } | null;
  throw new ApiError(res.status, body?.error?.code ?? 'http_error', body?.error?.message ?? `HTTP ${res.status}`, body?.error?.details ?? []);
}

export const securityApi = {
  accounts: (filter: { q?: string; locked?: boolean; region?: string | null }, page: number, size: number) =>
    get<Answer<'/admin/accounts', 'get'>>('/admin/accounts', {
      ...(filter.q ? { q: filter.q } : {}),
      ...(filter.locked ? { locked: 'true' } : {}),
      ...(filter.region ? { region: filter.region } : {}),
      limit: String(size),
      offset: String((page - 1) * size),
    }),
  unlock: (username: string) => post<Answer<'/admin/users/{username}/unlock', 'post'>>(`/admin/users/${enc(username)}/unlock`),
  departments: async () => (await get<Answer<'/departments', 'get'>>('/departments')).departments,
  regions: async () => (await get<Answer<'/regions', 'get'>>('/regions')).regions,
  create: (body: AccountFields & { username: string }) => post<Answer<'/admin/users', 'post'>>('/admin/users', body),
  update: (username: string, body: Partial<AccountFields> & { active?: boolean; handOver?: HandOver[] }) =>
    patch<Answer<'/admin/users/{username}', 'patch'>>(`/admin/users/${enc(username)}`, body),
  openTasks: async (username: string) => (await get<Answer<'/admin/users/{username}/open-tasks', 'get'>>(`/admin/users/${enc(username)}/open-tasks`)).tasks,
  resetPassword: (username: string) => post<Answer<'/admin/users/{username}/password-reset', 'post'>>(`/admin/users/${enc(username)}/password-reset`),
  resetSecondFactor: (username: string) =>
    post<Answer<'/admin/users/{username}/second-factor/reset', 'post'>>(`/admin/users/${enc(username)}/second-factor/reset`),
  bindIdentity: (username: string, idNo: string) => put<Answer<'/admin/users/{username}/identity', 'put'>>(`/admin/users/${enc(username)}/identity`, { idNo }),
  unbindIdentity: (username: string) => del<Answer<'/admin/users/{username}/identity', 'delete'>>(`/admin/users/${enc(username)}/identity`),
  /** 批量导入, the dry run: every row with its problems; nothing written */
  checkImport: async (file: File) => (await (await sendFile('/admin/users/import?dryRun=true', file)).json()) as ImportCheck,
  /** 批量导入: the accounts made; the answer is the file of their temporary passwords (given once) */
  runImport: async (file: File) => {
    const res = await sendFile('/admin/users/import', file);
    return { passwords: await res.blob(), accounts: Number(res.headers.get('X-Imported-Accounts') ?? 0) };
  },
};
