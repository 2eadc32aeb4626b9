import type { RequestHandler } from 'express';
import { forbidden, unauthenticated } from '../errors/app-error.ts';
import type { Role } from './user.model.ts';
import type { TokenService } from './tokens.ts';
import { hasRole } from './principal.ts';

/** Requires a valid bearer token and puts the caller on req.principal. */
export function authenticate(tokens: TokenService): RequestHandler {
  return async (req, _res, next) => {
    const header = req.headers.authorization;
    if (!header?.startsWith('Bearer ')) return next(unauthenticated());
    const principal = await tokens.verify(header.slice(7).trim());
    if (!principal) return next(unauthenticated('token_invalid'));
    req.principal = principal;
    req.log = req.log?.child({ user: principal.username });
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
