import { Router } from 'express';
import helmet from 'helmet';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { precompressedStatic, sendPrecompressed } from './precompressed.ts';

/**
 * What the web front end may load: its own scripts only (no inline script, no eval), its own API
 * and socket.io (same origin), images and PDFs it fetched with the bearer token (blob: URLs).
 * Styles allow inline style attributes: Element Plus and bpmn-js set them on elements.
 */
export const WEB_CSP_DIRECTIVES = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:', 'blob:'],
  fontSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  frameSrc: ["'self'", 'blob:'],
  workerSrc: ["'self'", 'blob:'],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'self'"],
};

/**
 * Serves the built front end (modeler/dist) at /: its files, and index.html for any other page
 * path so that the router's history URLs survive a reload. /api paths never reach the fallback:
 * they keep their JSON 404. Each file goes out brotli- or gzip-compressed as the build wrote it
 * (precompressed.ts), the hashed assets cached for a year, index.html revalidated every time.
 */
export function webRouter(webDir: string): Router {
  const router = Router();
  const index = join(webDir, 'index.html');
  router.use(helmet.contentSecurityPolicy({ useDefaults: false, directives: WEB_CSP_DIRECTIVES }));
  router.use(precompressedStatic(webDir));
  router.get('/{*page}', (req, res, next) => {
    // a script or style the build does not have (an index.html of an older build asking) is a 404, not a page
    if (req.path === '/api' || req.path.startsWith('/api/') || req.path.startsWith('/assets/') || !req.accepts('html')) return next();
    if (!existsSync(index)) {
      res.status(503).type('text/plain; charset=utf-8').send('前端尚未构建，请运行 npm run build:web\nThe web front end is not built: run npm run build:web\n');
      return;
    }
    sendPrecompressed(req, res, webDir, 'index.html', next);
  });
  return router;
}
