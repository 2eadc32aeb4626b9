import { jwtVerify, SignJWT } from 'jose';
import type { Principal } from './principal.ts';
import { ROLES, type Role } from './user.model.ts';

const ISSUER = 'approval-platform';

export class TokenService {
  private readonly key: Uint8Array;

  constructor(
    secret: string,
    private readonly ttlSeconds: number,
  ) {
    this.key = new TextEncoder().encode(secret);
  }

  async issue(principal: Principal): Promise<{ token: string; expiresAt: Date }> {
    const expiresAt = new Date(Date.now() + this.ttlSeconds * 1000);
    const token = await new SignJWT({
      name: principal.displayName,
      roles: principal.roles,
      dept: principal.departmentCode,
      username: principal.username,
    })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(String(principal.id))
      .setIssuer(ISSUER)
      .setIssuedAt()
      .setExpirationTime(Math.floor(expiresAt.getTime() / 1000))
      .sign(this.key);
    return { token, expiresAt };
  }

  /** Returns the principal, or undefined for a forged, expired or malformed token. */
  async verify(token: string): Promise<Principal | undefined> {
    try {
      const { payload } = await jwtVerify(token, this.key, { issuer: ISSUER, algorithms: ['HS256'] });
      const roles = (Array.isArray(payload.roles) ? payload.roles : []).filter((r): r is Role => (ROLES as readonly string[]).includes(r as string));
      return {
        id: Number(payload.sub),
        username: String(payload.username),
        displayName: String(payload.name),
        roles,
        departmentCode: typeof payload.dept === 'string' ? payload.dept : null,
      };
    } catch {
      return undefined;
    }
  }
}
