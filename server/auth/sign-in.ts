import type { Logger } from 'pino';
import { recordAudit } from '../audit/index.ts';
import type { AuditAction } from '../../contract/audit-actions.ts';
import { AppError, withRetryAfter } from '../errors/app-error.ts';
import type { User } from './user.model.ts';
import type { Principal } from './principal.ts';
import { groupsOf } from './principal.ts';
import type { TokenService } from './tokens.ts';

/** What the sign-in's steps share: the answer that signs a person in, a lock's words, the audit entry. */

/**
 * Who asks, as the services of signing in need it (an express request is one): the client's
 * address, the request's logger (its id on every line), the session acting, if any.
 */
export interface Caller {
  readonly ip?: string | undefined;
  readonly log?: Logger;
  readonly sessionId?: string | undefined;
}

export function principalOf(user: User): Principal {
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    roles: user.roles,
    // null, not absent: a row just created (a registration, a first unified sign-in) has no value read back for what it was not given
    departmentCode: user.departmentCode ?? null,
    regionCode: user.regionCode ?? null,
  };
}

/** 2026-03-01 14:35 in Beijing time, the platform's clock on screen. */
const beijing = (at: Date) =>
  new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' }).format(
    at,
  );

/**
 * A locked user name: the answer of a wrong password (401 at the sign-in), except that it says the
 * name is locked and until when (also as Retry-After, in seconds). Every name, known or not, locks
 * alike, so this tells no more than a wrong password does about which names exist; the time lets a
 * person who mistyped wait instead of trying again and again (each try while locked changes
 * nothing). Where the person is signed in (POST /auth/password, the second factor's own pages) the
 * same words come as a 429: the session itself is fine, and a 401 would sign the page out.
 */
export function locked(status: 401 | 429, until: Date, now: number): AppError {
  const error = new AppError(status, 'account_locked', [], {
    'zh-CN': `登录失败次数过多，账号已锁定至 ${beijing(until)}（北京时间），请届时再试或联系管理员解锁`,
    en: `Too many failed sign-ins: the account is locked until ${beijing(until)} (Beijing time); try again then or ask an administrator to unlock it`,
  });
  return withRetryAfter(error, (until.getTime() - now) / 1000);
}

/**
 * A sign-in, sign-out, password or second-factor act in the audit trail: the user name as given
 * (for a failure it may name nobody), the client's address from the request being served. Never a
 * password, a secret or a code.
 */
export function signInAudit(username: string, action: AuditAction, outcome: 'success' | 'failure', detail: Record<string, unknown>) {
  return recordAudit({ actor: username, action, target: `user:${username}`, outcome, detail });
}

/** The answer of a finished sign-in: a session and its bearer token, logged and audited as `auth.login`. */
export async function startSession(tokens: TokenService, caller: Caller, user: User, detail: Record<string, unknown> = {}) {
  const clientAddress = caller.ip ?? null;
  const principal = principalOf(user);
  const { token, expiresAt, sessionId } = await tokens.issue(principal, { clientAddress });
  caller.log?.info({ user: user.username, clientAddress, session: sessionId, ...detail }, 'login');
  await signInAudit(user.username, 'auth.login', 'success', { session: sessionId, ...detail });
  return { token, tokenType: 'Bearer' as const, expiresAt: expiresAt.toISOString(), user: { ...principal, groups: groupsOf(principal) } };
}
