import { Notification } from './notification.model.ts';
import { notFound } from '../errors/app-error.ts';
import type { Locale } from '../i18n/locale.ts';
import { pageQuery } from '../validation/page-query.ts';

/** A person's notifications, newest first (by the index on user_id, created_at; the id orders those of one instant). */
const NEWEST_FIRST: [string, string][] = [
  ['createdAt', 'DESC'],
  ['id', 'DESC'],
];

/** How many of a person's notifications are unread: a COUNT on the index of their unread rows (migration 0051). */
export const unreadOf = (userId: number) => Notification.count({ where: { userId, readAt: null } });

/** A notification as the API answers it, in the caller's language (one recorded before English was kept shows its Chinese text). */
function view(n: Notification, locale: Locale) {
  return {
    id: n.id,
    kind: n.kind,
    caseNo: n.caseNo,
    taskId: n.taskId,
    text: locale === 'en' && n.textEn ? n.textEn : n.text,
    at: n.createdAt.toISOString(),
    read: Boolean(n.readAt),
  };
}

/**
 * 消息通知 of a person, a page at a time (limit 1–100, 20 by default; offset), newest first, with
 * how many they have in all and exactly how many are unread; a 422 for a bad limit or offset.
 */
export async function notificationsOf(userId: number, query: Record<string, unknown>, locale: Locale) {
  const { limit, offset } = pageQuery(query);
  const [total, unread, rows] = await Promise.all([
    Notification.count({ where: { userId } }),
    unreadOf(userId),
    Notification.findAll({ where: { userId }, order: NEWEST_FIRST, limit, offset }),
  ]);
  return { total, unread, limit, offset, notifications: rows.map((n) => view(n, locale)) };
}

/**
 * Marks one notification of the person read (again: it stays read since the first time); another
 * person's, or one that does not exist, is a 404. Answers it and the person's unread count after.
 */
export async function markRead(userId: number, id: string, locale: Locale) {
  const row = /^\d{1,9}$/.test(id) ? await Notification.findOne({ where: { id: Number(id), userId } }) : null;
  if (!row) throw notFound('notification_not_found');
  if (!row.readAt) await Notification.update({ readAt: new Date() }, { where: { id: row.id, readAt: null } });
  await row.reload();
  return { notification: view(row, locale), unread: await unreadOf(userId) };
}

/** Marks every unread notification of a person read now; how many were. */
export async function markAllRead(userId: number): Promise<number> {
  const [count] = await Notification.update({ readAt: new Date() }, { where: { userId, readAt: null } });
  return count;
}
