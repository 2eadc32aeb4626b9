import { always, answer, engineBasic, error, type Paths } from '../openapi/helpers.ts';

/** The engine's task events: paths of /api/v1 (socket.io is described in the document's info). */
export function livePaths(): Paths {
  return {
    '/engine-events': {
      post: {
        summary: 'Task events from the engine plugin (engine only: HTTP basic with the engine service account); pushed on to open inboxes',
        security: engineBasic,
        responses: {
          200: answer(
            'received and sent counts',
            always({ received: { type: 'integer', description: 'events in the body' }, sent: { type: 'integer', description: 'socket.io messages sent' } }),
          ),
          401: error('not the engine'),
          422: error('malformed events'),
        },
      },
    },
  };
}
