import type { RequestHandler } from 'express';
import { createHash, timingSafeEqual } from 'node:crypto';
import type { AppContext } from '../context.ts';
import { unauthenticated } from '../errors/app-error.ts';

const digest = (s: string) => createHash('sha256').update(s).digest();

/**
 * Only the engine posts its task events: HTTP basic with the engine's own service account (the
 * server already holds it to call the engine), compared in constant time.
 */
export function engineOnly(ctx: AppContext): RequestHandler {
  const expected = digest(`Basic ${Buffer.from(`${ctx.config.engine.user}:${ctx.config.engine.password}`).toString('base64')}`);
  return (req, _res, next) => {
    const given = req.headers.authorization;
    if (!given || !timingSafeEqual(digest(given), expected)) return next(unauthenticated());
    next();
  };
}
