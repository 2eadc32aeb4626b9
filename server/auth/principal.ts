import type { Role } from './user.model.ts';

/** Who is calling: the bearer token's account, as the database has it now (server/auth/tokens.ts). */
export interface Principal {
  id: number;
  username: string;
  displayName: string;
  roles: Role[];
  departmentCode: string | null;
  /** staff: the region they work in; a reviewer sees the cases of that region, a leader also those of the regions under it */
  regionCode: string | null;
}

/** The engine candidate groups a user belongs to: "<department>:<role>", e.g. "samr:reviewer". */
export function groupsOf(principal: Pick<Principal, 'roles' | 'departmentCode'>): string[] {
  if (!principal.departmentCode) return [];
  return principal.roles.map((role) => `${principal.departmentCode}:${role}`);
}

export const hasRole = (principal: Principal, ...roles: Role[]): boolean => roles.some((r) => principal.roles.includes(r));

declare module 'express-serve-static-core' {
  interface Request {
    principal?: Principal;
    /** the session of the bearer token (its jti) */
    sessionId?: string;
  }
}
