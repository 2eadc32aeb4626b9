import type { Paths } from '../openapi/helpers.ts';

/** GET /health of /api/v1. */
export function healthPaths(): Paths {
  return {
    '/health': {
      get: { summary: 'Engine and database status', responses: { 200: { description: 'all up' }, 503: { description: 'engine or database down' } } },
    },
  };
}
