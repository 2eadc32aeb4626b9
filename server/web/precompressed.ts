import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { existsSync } from 'node:fs';
import { extname, join, normalize, sep } from 'node:path';

/** The encodings the build writes beside each text file (modeler/build/precompress.ts), best first. */
const ENCODINGS = [
  { name: 'br', ext: '.br' },
  { name: 'gzip', ext: '.gz' },
] as const;

/** Built assets are named by their content's hash: they never change under their name. */
export const IMMUTABLE = 'public, max-age=31536000, immutable';
/** index.html and the files of public/ (favicon): asked again each time (a 304 when unchanged). */
export const REVALIDATE = 'no-cache';

const cacheControl = (relative: string) => (relative.startsWith(`assets${sep}`) ? IMMUTABLE : REVALIDATE);

/**
 * Sends `file` (inside `webDir`) in the best encoding the browser accepts of those the build wrote
 * beside it, with its own type, `Content-Encoding` and `Vary: Accept-Encoding`; the file itself to a
 * browser that accepts none. Nothing is compressed per request.
 */
export function sendPrecompressed(req: Request, res: Response, webDir: string, relative: string, next: NextFunction): void {
  const file = join(webDir, relative);
  const encodings = ENCODINGS.filter((e) => existsSync(file + e.ext));
  const headers: Record<string, string> = { 'Cache-Control': cacheControl(relative) };
  let sent = file;
  if (encodings.length) {
    headers.Vary = 'Accept-Encoding';
    // ours is the order (browsers list gzip before br, with the same weight)
    const chosen = encodings.find((e) => req.acceptsEncodings(e.name) === e.name);
    if (chosen) {
      sent = file + chosen.ext;
      headers['Content-Encoding'] = chosen.name;
      // the type of what was compressed, not of a .br or .gz file (sendFile keeps a type set before)
      res.type(extname(file));
    }
  }
  // a compressed body has other byte ranges than the file: no ranges of it
  res.sendFile(sent, { headers, acceptRanges: !headers['Content-Encoding'], dotfiles: 'deny' }, (err) => {
    if (err && !res.headersSent) next(err);
  });
}

/**
 * The built front end's files: each in its precompressed encoding where the build wrote one (see
 * sendPrecompressed), cached for a year under its hashed name (assets/) and revalidated otherwise.
 * Requests for other paths, and for the compressed copies themselves, pass on.
 */
export function precompressedStatic(webDir: string): RequestHandler {
  return (req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    let relative: string;
    try {
      relative = normalize(decodeURIComponent(req.path)).replace(/^[/\\]+/, '');
    } catch {
      return next();
    }
    if (!relative || relative.startsWith('..') || relative === 'index.html' || /\.(br|gz)$/.test(relative)) return next();
    if (!existsSync(join(webDir, relative)) || !extname(relative)) return next();
    sendPrecompressed(req, res, webDir, relative, next);
  };
}
