import { Notification } from './notification.model.ts';

/** How many of a person's notifications GET /notifications reads, newest first. */
export const NOTIFICATIONS_READ = 200;

/** 消息通知 of a person: the newest, with how many are unread. */
export async function notificationsOf(userId: number) {
  const rows = await Notification.findAll({ where: { userId }, order: [['id', 'DESC']], limit: NOTIFICATIONS_READ });
  return {
    unread: rows.filter((n) => !n.readAt).length,
    notifications: rows.map((n) => ({
      id: n.id,
      kind: n.kind,
      caseNo: n.caseNo,
      taskId: n.taskId,
      text: n.text,
      at: n.createdAt.toISOString(),
      read: Boolean(n.readAt),
    })),
  };
}

/** Marks every unread notification of a person read now; how many were. */
export async function markAllRead(userId: number): Promise<number> {
  const [count] = await Notification.update({ readAt: new Date() }, { where: { userId, readAt: null } });
  return count;
}
