import { bearer, json, type Paths } from '../openapi/helpers.ts';

const notification = {
  type: 'object',
  required: ['id', 'kind', 'caseNo', 'taskId', 'text', 'at', 'read'],
  properties: {
    id: { type: 'integer' },
    kind: { type: 'string', description: 'what happened: urged, copied, sent_back, signer_removed, pickup_code, deadline_red …' },
    caseNo: { type: ['string', 'null'] },
    taskId: { type: ['string', 'null'] },
    text: { type: 'string' },
    at: { type: 'string', format: 'date-time' },
    read: { type: 'boolean' },
  },
};

/** 消息通知 paths of /api/v1. */
export function notificationPaths(): Paths {
  return {
    '/notifications': {
      get: {
        summary: "The caller's notifications (催办, 转办, 委派, 抄送, 退回 …), newest first (at most 200), with the unread count",
        security: bearer,
        responses: {
          200: {
            description: 'notifications',
            content: json({
              type: 'object',
              required: ['unread', 'notifications'],
              properties: { unread: { type: 'integer', minimum: 0 }, notifications: { type: 'array', items: notification } },
            }),
          },
        },
      },
    },
    '/notifications/read': {
      post: {
        summary: "Marks the caller's notifications read",
        security: bearer,
        responses: {
          200: {
            description: 'how many were unread',
            content: json({ type: 'object', required: ['read'], properties: { read: { type: 'integer', minimum: 0 } } }),
          },
        },
      },
    },
  };
}
