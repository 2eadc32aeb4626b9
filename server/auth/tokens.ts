import { deriveKey } from '../privacy/keys.ts';
import { signJws, verifyJws } from './compact-jws.ts';
import type { Principal } from './principal.ts';
import { User } from './user.model.ts';
import type { SessionEnd } from './session.model.ts';
import { SessionStore, type SessionState } from './sessions.ts';
import { TtlCache } from './ttl-cache.ts';
import { checkClaims, isIdle } from './session-rules.ts';

const ISSUER = 'approval-platform';

/** The MAC key of session tokens: HMAC-SM3 of JWT_SECRET for this one purpose (the challenges have their own). */
export const sessionTokenKey = (jwtSecret: string): Buffer => deriveKey(jwtSecret, 'approval-platform:session-token', 32);

/** The account behind a token, as the database has it now. */
export interface Account extends Principal {
  active: boolean;
}

export interface SessionOptions {
  /** ACCOUNT_CHECK_SECONDS: how long an account's and a session's state read from the database is relied on */
  accountCheckSeconds?: number;
  /** SESSION_IDLE_MINUTES: a staff session ends after this long without a request */
  sessionIdleMinutes?: number;
  /** the clock (tests move it) */
  now?: () => number;
  /** a failed background write (a session's last_seen_at) */
  onWriteError?: (err: unknown) => void;
}

/** Why a token is refused; `code` is what the client is told. */
export type Refusal = { ok: false; code: 'token_invalid' | 'session_idle'; reason: string };
export type Verified = { ok: true; principal: Principal; sessionId: string; expiresAt: number } | Refusal;

export type SessionListener = (event: { sessionIds: string[]; reason: SessionEnd } | { userId: number }) => void;

/**
 * Bearer tokens and the sessions behind them. A token (a compact JWS, `HS-SM3`: HMAC-SM3 under a key
 * derived from JWT_SECRET, ./compact-jws.ts) names only its user (`sub`), its session (`jti`), `iat`
 * and `exp`; it is good while all of these hold, checked at every request and every socket sweep:
 * - the signature (HS-SM3 only: a token of the HS256 days, `none` or any other alg is refused, and
 *   its holder signs in again), the issuer, `exp` and `iat` present and `exp − iat` within
 *   TOKEN_TTL_SECONDS;
 * - the account exists and is active: its roles and department are the request's, read from the
 *   database (at most ACCOUNT_CHECK_SECONDS old), never from the token;
 * - the session exists, belongs to the user and has not ended (logout, a password change, idle);
 * - a staff session was used within SESSION_IDLE_MINUTES (applicants: the token's lifetime only).
 */
export class TokenService {
  readonly now: () => number;
  /** how often open sockets are checked again (server/live): ACCOUNT_CHECK_SECONDS, at least a second */
  readonly checkIntervalMs: number;
  private readonly key: Buffer;
  private readonly accounts: TtlCache<number, Account | null>;
  private readonly sessions: SessionStore;
  private readonly idleMs: number;
  private readonly listeners = new Set<SessionListener>();

  constructor(
    secret: string,
    readonly ttlSeconds: number,
    options: SessionOptions = {},
  ) {
    this.key = sessionTokenKey(secret);
    this.now = options.now ?? Date.now;
    const cacheMs = (options.accountCheckSeconds ?? 3) * 1000;
    this.checkIntervalMs = Math.max(1000, cacheMs);
    this.accounts = new TtlCache(cacheMs, this.now);
    this.sessions = new SessionStore(cacheMs, this.now, options.onWriteError);
    this.idleMs = (options.sessionIdleMinutes ?? 30) * 60_000;
  }

  /** Starts a session for the user and signs its token; `lifetimeSeconds` may shorten TOKEN_TTL_SECONDS, never lengthen it. */
  async issue(
    principal: Pick<Principal, 'id'>,
    meta: { clientAddress?: string | null; lifetimeSeconds?: number } = {},
  ): Promise<{ token: string; expiresAt: Date; sessionId: string }> {
    const issuedAt = Math.floor(this.now() / 1000);
    const expiresAt = issuedAt + Math.min(this.ttlSeconds, meta.lifetimeSeconds ?? this.ttlSeconds);
    const session = await this.sessions.start(principal.id, expiresAt * 1000, meta.clientAddress ?? null);
    const token = signJws(this.key, 'JWT', { sub: String(principal.id), jti: session.id, iss: ISSUER, iat: issuedAt, exp: expiresAt });
    return { token, expiresAt: new Date(expiresAt * 1000), sessionId: session.id };
  }

  /**
   * Whether the token is good now, and for whom. `activity`: the call is a request of the session's
   * user (it moves the idle clock); a socket's sweep is not.
   */
  async verify(token: string, { activity = true }: { activity?: boolean } = {}): Promise<Verified> {
    const now = this.now();
    const signed = verifyJws(this.key, token, 'JWT');
    if (!signed.ok) return refuse('token_invalid', signed.reason);
    if (signed.payload.iss !== ISSUER) return refuse('token_invalid', 'issuer');
    const claims = checkClaims(signed.payload, this.ttlSeconds, Math.floor(now / 1000));
    if (typeof claims === 'string') return refuse('token_invalid', claims);
    const [account, session] = await Promise.all([this.account(claims.userId), this.sessions.get(claims.sessionId)]);
    if (!account) return refuse('token_invalid', 'no such account');
    if (!account.active) return refuse('token_invalid', 'account deactivated');
    if (!session || session.userId !== account.id) return refuse('token_invalid', 'no such session');
    if (session.endedAt !== null) return refuse(session.endReason === 'idle' ? 'session_idle' : 'token_invalid', `session ended: ${session.endReason}`);
    if (isIdle(session.lastSeenAt, now, this.idleMs, account.roles)) {
      if (await this.sessions.end(session.id, 'idle')) this.emit({ sessionIds: [session.id], reason: 'idle' });
      return refuse('session_idle', 'idle');
    }
    if (activity) this.sessions.touch(session);
    const principal: Principal = {
      id: account.id,
      username: account.username,
      displayName: account.displayName,
      roles: account.roles,
      departmentCode: account.departmentCode,
      regionCode: account.regionCode,
    };
    return { ok: true, principal, sessionId: session.id, expiresAt: claims.expiresAt * 1000 };
  }

  /** The account as the database has it (at most ACCOUNT_CHECK_SECONDS old); null if there is none. */
  account(userId: number): Promise<Account | null> {
    return this.accounts.get(userId, async () => {
      const user = await User.findByPk(userId);
      return user
        ? {
            id: user.id,
            username: user.username,
            displayName: user.displayName,
            roles: user.roles,
            departmentCode: user.departmentCode,
            regionCode: user.regionCode,
            active: user.active,
          }
        : null;
    });
  }

  /** The session as the database has it (at most ACCOUNT_CHECK_SECONDS old). */
  session(sessionId: string): Promise<SessionState | null> {
    return this.sessions.get(sessionId);
  }

  /** Ends a session (logout): its token is refused from now on, its sockets are dropped. */
  async endSession(sessionId: string, reason: SessionEnd): Promise<void> {
    if (await this.sessions.end(sessionId, reason)) this.emit({ sessionIds: [sessionId], reason });
  }

  /** Ends every session of the user but `except` (a password change). */
  async endSessionsOf(userId: number, reason: SessionEnd, except?: string): Promise<void> {
    const ended = await this.sessions.endAllOf(userId, reason, except);
    if (ended.length) this.emit({ sessionIds: ended, reason });
  }

  /**
   * The account changed (deactivated, roles or department): this node reads it again at its next
   * request and its sockets are checked now. Without this call a change is seen within
   * ACCOUNT_CHECK_SECONDS anyway; the user administration calls it to be immediate.
   */
  accountChanged(userId: number): void {
    this.accounts.delete(userId);
    this.emit({ userId });
  }

  /** Told when sessions end or an account changes (server/live drops or re-checks the sockets). */
  onChange(listener: SessionListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(event: Parameters<SessionListener>[0]): void {
    for (const listener of this.listeners) listener(event);
  }
}

const refuse = (code: Refusal['code'], reason: string): Refusal => ({ ok: false, code, reason });
