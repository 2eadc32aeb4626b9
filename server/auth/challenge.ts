import { createHash, randomUUID } from 'node:crypto';
import { deriveKey } from '../privacy/keys.ts';
import { signJws, verifyJws } from './compact-jws.ts';
import { CLOCK_SKEW_SECONDS } from './session-rules.ts';

/**
 * The sign-in's second step: after the right password, a short-lived challenge that says "this
 * user's password was right" and nothing more. It is not a session token: signed (HS-SM3,
 * ./compact-jws.ts) under its own key (HMAC-SM3 of JWT_SECRET for this one purpose), its own type,
 * issuer and audience, no session behind it, so no route but the second step's takes it, and a
 * bearer token is no challenge. One signed before HS-SM3 (HS256) is refused: the person types the
 * password again.
 * - `second_factor`: the user has a second factor; the code (or a recovery code) finishes the sign-in;
 * - `enrolment`: the user's role requires one and there is none yet: only the enrolment routes
 *   take it, and confirming the enrolment finishes the sign-in.
 * It names the password it was issued for (a fingerprint of its hash), so a password changed
 * meanwhile voids it. One issued after the unified identity sign-in (`via: 'oidc'`) says so: the
 * second step then does not ask about the password, which that sign-in did not use.
 */

export type ChallengePurpose = 'second_factor' | 'enrolment';
export const CHALLENGE_SECONDS = 300;
const ISSUER = 'approval-platform/sign-in-challenge';
const AUDIENCE = 'second-step';

export interface Challenge {
  userId: number;
  purpose: ChallengePurpose;
  /** the challenge's own id (jti) */
  id: string;
  passwordFingerprint: string;
  /** how the first step was passed: the password (absent) or the unified identity sign-in */
  via?: 'oidc';
}

/** Which password a challenge was issued for (SM3 of its argon2id hash, cut): a password changed since voids the challenge. */
export const passwordFingerprint = (passwordHash: string): string => createHash('sm3').update(passwordHash).digest('base64url').slice(0, 22);

const TYPE = 'sign-in-challenge';

/** The MAC key of sign-in challenges, apart from the session tokens' (./tokens.ts). */
export const challengeKey = (jwtSecret: string): Buffer => deriveKey(jwtSecret, 'approval-platform:sign-in-challenge', 32);

export class Challenges {
  private readonly key: Buffer;

  constructor(
    jwtSecret: string,
    private readonly now: () => number,
  ) {
    this.key = challengeKey(jwtSecret);
  }

  async issue(user: { id: number; passwordHash: string }, purpose: ChallengePurpose, via?: 'oidc'): Promise<{ challenge: string; expiresAt: Date }> {
    const issuedAt = Math.floor(this.now() / 1000);
    const expiresAt = issuedAt + CHALLENGE_SECONDS;
    const challenge = signJws(this.key, TYPE, {
      purpose,
      pwd: passwordFingerprint(user.passwordHash),
      ...(via ? { via } : {}),
      sub: String(user.id),
      jti: randomUUID(),
      iss: ISSUER,
      aud: AUDIENCE,
      iat: issuedAt,
      exp: expiresAt,
    });
    return { challenge, expiresAt: new Date(expiresAt * 1000) };
  }

  /** The challenge's claims if it is ours, of this purpose, issued at most CHALLENGE_SECONDS ago and not expired; null otherwise. */
  async verify(token: string, purpose: ChallengePurpose): Promise<Challenge | null> {
    const signed = verifyJws(this.key, token, TYPE);
    if (!signed.ok) return null;
    const { iss, aud, sub, jti, iat, exp, pwd, via } = signed.payload;
    const now = Math.floor(this.now() / 1000);
    if (iss !== ISSUER || aud !== AUDIENCE || signed.payload.purpose !== purpose || typeof pwd !== 'string' || typeof jti !== 'string') return null;
    if (typeof iat !== 'number' || typeof exp !== 'number' || exp <= now || now - iat > CHALLENGE_SECONDS || iat > now + CLOCK_SKEW_SECONDS) return null;
    if (typeof sub !== 'string' || !/^[1-9]\d{0,9}$/.test(sub)) return null;
    return { userId: Number(sub), purpose, id: jti, passwordFingerprint: pwd, ...(via === 'oidc' ? { via: 'oidc' as const } : {}) };
  }
}
