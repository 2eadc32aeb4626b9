import type { RequestHandler } from 'express';
import type { Logger } from 'pino';

/** Peers already warned about, so that a flood of headers is one line per peer (and at most this many). */
const MAX_WARNED = 100;

/**
 * Says once per peer that its X-Forwarded-For was ignored: behind a reverse proxy that TRUST_PROXY
 * does not name, every client would share the proxy's address (one rate limit for all, and no
 * client address in the logs). A caller that is not a proxy sending the header is told nothing.
 */
export function forwardedForIgnored(logger: Logger): RequestHandler {
  const warned = new Set<string>();
  return (req, _res, next) => {
    const peer = req.socket.remoteAddress;
    if (req.headers['x-forwarded-for'] && peer && req.ip === peer && !warned.has(peer) && warned.size < MAX_WARNED) {
      warned.add(peer);
      logger.warn({ peer }, 'X-Forwarded-For ignored: the peer is not a trusted proxy (if it is your reverse proxy, name it in TRUST_PROXY)');
    }
    next();
  };
}
