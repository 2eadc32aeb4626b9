import type { Role } from './user.model.ts';

/**
 * The rules of a signed-in session, apart from the database and the clock (test/unit/session-rules.test.ts).
 */

/** A session's last_seen_at is written at most this often: one write per session and half minute. */
export const TOUCH_INTERVAL_MS = 30_000;
/** A token's iat may be this far ahead of our clock (another node's clock). */
export const CLOCK_SKEW_SECONDS = 60;

/** What a bearer token must say, once its signature and issuer are good. */
export interface TokenClaims {
  userId: number;
  sessionId: string;
  /** seconds since the epoch */
  issuedAt: number;
  expiresAt: number;
}

/**
 * The claims of a token, or why they are refused: `exp` and `iat` present, `exp` after `iat` by at
 * most the configured lifetime, `iat` not in the future, `sub` a user id and `jti` a session id.
 * `exp` is checked against the same clock: an expired token is refused.
 */
export function checkClaims(payload: Record<string, unknown>, ttlSeconds: number, nowSeconds: number): TokenClaims | string {
  const { exp, iat, sub, jti } = payload;
  if (typeof exp !== 'number' || typeof iat !== 'number') return 'no exp or iat';
  if (exp <= iat) return 'exp before iat';
  if (exp - iat > ttlSeconds) return 'lifetime longer than TOKEN_TTL_SECONDS';
  if (iat > nowSeconds + CLOCK_SKEW_SECONDS) return 'iat in the future';
  if (exp <= nowSeconds) return 'expired';
  if (typeof sub !== 'string' || !/^[1-9]\d{0,9}$/.test(sub)) return 'sub is not a user id';
  if (typeof jti !== 'string' || !/^[0-9a-f-]{36}$/.test(jti)) return 'jti is not a session id';
  return { userId: Number(sub), sessionId: jti, issuedAt: iat, expiresAt: exp };
}

/** Idle sessions end for staff (every role but applicant); an applicant's lasts as long as its token. */
export const idleRuleApplies = (roles: readonly Role[]): boolean => roles.some((r) => r !== 'applicant');

/** Whether a session last seen at `lastSeenAt` has been left alone too long at `now` (ms). */
export function isIdle(lastSeenAt: number, now: number, idleMs: number, roles: readonly Role[]): boolean {
  return idleRuleApplies(roles) && now - lastSeenAt > idleMs;
}

/**
 * Whether a request at `now` moves the recorded last_seen_at. Written at most every 30 s, so an
 * idle session may end up to 30 s before SESSION_IDLE_MINUTES after its last request, never later.
 */
export const needsTouch = (lastSeenAt: number, now: number): boolean => now - lastSeenAt >= TOUCH_INTERVAL_MS;

/**
 * Whether the user must set a new password at this sign-in: one an administrator set (a new account,
 * a reset) is changed at the first, and any password past `maxAgeDays` (0: never).
 */
export function passwordMustChange(
  user: { passwordMustChange: boolean; passwordChangedAt: Date | null; createdAt: Date },
  now: number,
  maxAgeDays: number,
): boolean {
  return user.passwordMustChange || passwordExpired(user.passwordChangedAt ?? user.createdAt, now, maxAgeDays);
}

/** Whether a password set at `changedAt` must be changed at `now`; `maxAgeDays` 0: never. */
export function passwordExpired(changedAt: Date, now: number, maxAgeDays: number): boolean {
  return maxAgeDays > 0 && now - changedAt.getTime() > maxAgeDays * 86_400_000;
}
