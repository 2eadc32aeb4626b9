import { bearer, type Paths } from '../openapi/helpers.ts';

/** 消息通知 paths of /api/v1. */
export function notificationPaths(): Paths {
  return {
    '/notifications': {
      get: {
        summary: "The caller's notifications (催办, 转办, 委派, 抄送, 退回 …), newest first, with the unread count",
        security: bearer,
        responses: { 200: { description: 'notifications' } },
      },
    },
    '/notifications/read': { post: { summary: "Marks the caller's notifications read", security: bearer, responses: { 200: { description: 'how many' } } } },
  };
}
