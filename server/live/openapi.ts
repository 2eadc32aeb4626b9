import { engineBasic, type Paths } from '../openapi/helpers.ts';

/** The engine's task events: paths of /api/v1 (socket.io is described in the document's info). */
export function livePaths(): Paths {
  return {
    '/engine-events': {
      post: {
        summary: 'Task events from the engine plugin (engine only: HTTP basic with the engine service account); pushed on to open inboxes',
        security: engineBasic,
        responses: { 200: { description: 'received and sent counts' }, 401: { description: 'not the engine' }, 422: { description: 'malformed events' } },
      },
    },
  };
}
