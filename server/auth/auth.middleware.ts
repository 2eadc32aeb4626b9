import type { RequestHandler } from 'express';
import { forbidden, unauthenticated } from '../errors/app-error.ts';
import type { Role } from './user.model.ts';
import type { TokenService } from './tokens.ts';
import { hasRole } from './principal.ts';

/**
 * Requires a good bearer token (server/auth/tokens.ts: signature, lifetime, the account active, the
 * session open and, for staff, not idle) and puts its account, as the database has it now, on
 * req.principal. A request moves its session's idle clock.
 */
export function authenticate(tokens: TokenService): RequestHandler {
  return async (req, _res, next) => {
    const header = req.headers.authorization;
    if (!header?.startsWith('Bearer ')) return next(unauthenticated());
    const verified = await tokens.verify(header.slice(7).trim());
    if (!verified.ok) {
      req.log?.info({ reason: verified.reason, clientAddress: req.ip ?? null }, 'bearer token refused');
      return next(unauthenticated(verified.code));
    }
    req.principal = verified.principal;
    req.sessionId = verified.sessionId;
    req.log = req.log?.child({ user: verified.principal.username });
    next();
  };
}

export function requireRole(...roles: Role[]): RequestHandler {
  return (req, _res, next) => {
    if (!req.principal) return next(unauthenticated());
    if (!hasRole(req.principal, ...roles)) return next(forbidden());
    next();
  };
}
