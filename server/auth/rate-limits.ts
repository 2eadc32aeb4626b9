import type { RequestHandler } from 'express';
import { rateLimit } from 'express-rate-limit';
import { AppError } from '../errors/app-error.ts';

/**
 * A limit of requests per minute per client address (the connecting peer, or what TRUST_PROXY's
 * proxies say: server/app.ts), answered 429 rate_limited; each call makes a counter of its own.
 */
export function perAddressLimit(perMinute: number): RequestHandler {
  return rateLimit({
    windowMs: 60_000,
    limit: perMinute,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    handler: (_req, _res, next) => next(new AppError(429, 'rate_limited')),
  });
}
