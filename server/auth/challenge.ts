import { createHash, randomUUID } from 'node:crypto';
import { jwtVerify, SignJWT } from 'jose';

/**
 * The sign-in's second step: after the right password, a short-lived challenge that says "this
 * user's password was right" and nothing more. It is not a session token: signed under its own key
 * (derived from JWT_SECRET for this one purpose), its own issuer and audience, no session behind
 * it, so no route but the second step's takes it, and a bearer token is no challenge.
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

export const passwordFingerprint = (passwordHash: string): string => createHash('sha256').update(passwordHash).digest('base64url').slice(0, 22);

export class Challenges {
  private readonly key: Uint8Array;

  constructor(
    jwtSecret: string,
    private readonly now: () => number,
  ) {
    this.key = createHash('sha256').update(`approval-sign-in-challenge:${jwtSecret}`).digest();
  }

  async issue(user: { id: number; passwordHash: string }, purpose: ChallengePurpose, via?: 'oidc'): Promise<{ challenge: string; expiresAt: Date }> {
    const issuedAt = Math.floor(this.now() / 1000);
    const expiresAt = issuedAt + CHALLENGE_SECONDS;
    const challenge = await new SignJWT({ purpose, pwd: passwordFingerprint(user.passwordHash), ...(via ? { via } : {}) })
      .setProtectedHeader({ alg: 'HS256', typ: 'sign-in-challenge' })
      .setSubject(String(user.id))
      .setJti(randomUUID())
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt(issuedAt)
      .setExpirationTime(expiresAt)
      .sign(this.key);
    return { challenge, expiresAt: new Date(expiresAt * 1000) };
  }

  /** The challenge's claims if it is ours, of this purpose and not expired; null otherwise. */
  async verify(token: string, purpose: ChallengePurpose): Promise<Challenge | null> {
    try {
      const { payload, protectedHeader } = await jwtVerify(token, this.key, {
        issuer: ISSUER,
        audience: AUDIENCE,
        algorithms: ['HS256'],
        typ: 'sign-in-challenge',
        requiredClaims: ['exp', 'iat', 'sub', 'jti'],
        currentDate: new Date(this.now()),
        maxTokenAge: CHALLENGE_SECONDS,
      });
      if (protectedHeader.typ !== 'sign-in-challenge' || payload.purpose !== purpose || typeof payload.pwd !== 'string') return null;
      if (typeof payload.sub !== 'string' || !/^[1-9]\d{0,9}$/.test(payload.sub)) return null;
      return {
        userId: Number(payload.sub),
        purpose,
        id: payload.jti!,
        passwordFingerprint: payload.pwd,
        ...(payload.via === 'oidc' ? { via: 'oidc' as const } : {}),
      };
    } catch {
      return null;
    }
  }
}
