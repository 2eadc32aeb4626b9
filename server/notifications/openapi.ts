import { always, answer, bearer, error, idParam, instant, json, nullable, type Paths } from '../openapi/helpers.ts';

const notification = always({
  id: { type: 'integer' },
  kind: { type: 'string', description: 'what happened: urged, copied, sent_back, signer_removed, pickup_code, deadline_red, incident …' },
  caseNo: nullable(),
  taskId: nullable(),
  text: { type: 'string', description: "in the caller's language (Accept-Language); one recorded before English texts were kept is in Chinese" },
  at: instant,
  read: { type: 'boolean' },
});

/** 消息通知 paths of /api/v1. */
export function notificationPaths(): Paths {
  return {
    '/notifications': {
      get: {
        summary:
          "The caller's notifications (催办, 转办, 委派, 抄送, 退回, 超期预警, 流程异常 …), newest first, a page at a time, with how many in all and exactly how many unread",
        security: bearer,
        parameters: [
          { name: 'limit', in: 'query', required: false, schema: { type: 'integer', minimum: 1, maximum: 100, default: 20 } },
          { name: 'offset', in: 'query', required: false, schema: { type: 'integer', minimum: 0, default: 0 } },
        ],
        responses: {
          200: answer(
            'one page of notifications',
            always({
              total: { type: 'integer', minimum: 0, description: 'how many notifications the caller has, of which this is one page' },
              unread: { type: 'integer', minimum: 0, description: 'how many of them all are unread (not only of this page)' },
              limit: { type: 'integer' },
              offset: { type: 'integer' },
              notifications: { type: 'array', items: notification },
            }),
          ),
          422: error('bad limit or offset, said in words'),
        },
      },
    },
    '/notifications/read': {
      post: {
        summary: "Marks all the caller's notifications read",
        security: bearer,
        responses: {
          200: {
            description: 'how many were unread',
            content: json({ type: 'object', required: ['read'], properties: { read: { type: 'integer', minimum: 0 } } }),
          },
        },
      },
    },
    '/notifications/{id}/read': {
      post: {
        summary: "Marks one of the caller's notifications read (one read already stays as it was)",
        security: bearer,
        parameters: idParam,
        responses: {
          200: answer(
            "the notification, read, and how many of the caller's are still unread",
            always({ notification, unread: { type: 'integer', minimum: 0 } }),
          ),
          404: error("no such notification of the caller's (another person's is not theirs to touch)"),
        },
      },
    },
  };
}
