import { answer, type Paths } from '../openapi/helpers.ts';

const part = {
  type: 'object',
  required: ['status'],
  properties: { status: { enum: ['up', 'down'] }, version: { type: 'string' }, dialect: { type: 'string' }, error: { type: 'string' } },
};
const health = {
  type: 'object',
  required: ['status', 'mode', 'engine', 'database'],
  properties: { status: { enum: ['up', 'down'] }, mode: { type: 'string' }, engine: part, database: part },
};

/** GET /health of /api/v1. */
export function healthPaths(): Paths {
  return {
    '/health': {
      get: {
        summary: 'Engine and database status',
        responses: { 200: answer('all up', health), 503: answer('engine or database down (the same body, for load balancers)', health) },
      },
    },
  };
}
