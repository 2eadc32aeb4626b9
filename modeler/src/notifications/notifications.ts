import { ref } from 'vue';
import { ElMessage } from 'element-plus';
import { showError } from '../shared/errors.ts';
import { get, post } from '../api/http.ts';
import type { AppNotification, NotificationRead, NotificationsAnswer } from '../../../contract/api/index.ts';

export type { AppNotification, NotificationsAnswer };

/** How many notifications a page of the list shows, and the bell's drawer (the newest). */
export const NOTIFICATIONS_PAGE_SIZE = 20;

/**
 * 消息通知 (server/notifications/): the signed-in person's newest notifications (the bell's drawer),
 * how many they have and exactly how many are unread, in the page's language. One copy for the
 * tab: the header's bell and the full page read it; the layout loads it on sign-in and again on
 * each live `notification` event. The full page reads its own pages (`notificationsPage`).
 */
export const notifications = ref<AppNotification[]>([]);
export const unreadNotifications = ref(0);
export const totalNotifications = ref(0);
export const notificationsLoaded = ref(false);

let pending: Promise<void> | null = null;
let again = false;

/** One page of the list, newest first (offset from the newest); the unread count it answers is the tab's. */
export async function notificationsPage(offset: number, limit = NOTIFICATIONS_PAGE_SIZE): Promise<NotificationsAnswer> {
  const answer = await get<NotificationsAnswer>('/notifications', { limit: String(limit), offset: String(offset) });
  unreadNotifications.value = answer.unread;
  totalNotifications.value = answer.total;
  return answer;
}

/** Reads the newest again; calls during a read end in one more read once it is done. */
export function loadNotifications(): Promise<void> {
  if (pending) {
    again = true;
    return pending;
  }
  pending = (async () => {
    try {
      do {
        again = false;
        notifications.value = (await notificationsPage(0)).notifications;
        notificationsLoaded.value = true;
      } while (again);
    } finally {
      pending = null;
    }
  })();
  return pending;
}

/** 标为已读 of one notification: the bell's count becomes the server's; answers the notification, read. */
export async function markNotificationRead(id: number): Promise<AppNotification> {
  const answer = await post<NotificationRead>(`/notifications/${id}/read`);
  unreadNotifications.value = answer.unread;
  notifications.value = notifications.value.map((n) => (n.id === id ? answer.notification : n));
  return answer.notification;
}

/** 标为已读 for the lists' buttons: which one is under way, and the action; `then` gets the notification, read (an error is shown). */
export function useMarkOneRead(then: (n: AppNotification) => void = () => undefined) {
  const markingId = ref<number | null>(null);
  async function markOne(n: AppNotification): Promise<void> {
    markingId.value = n.id;
    try {
      then(await markNotificationRead(n.id));
    } catch (err) {
      showError(err);
    } finally {
      markingId.value = null;
    }
  }
  return { markingId, markOne };
}

/** 全部标为已读: answers how many were unread. */
export async function markAllNotificationsRead(): Promise<number> {
  const { read } = await post<{ read: number }>('/notifications/read');
  unreadNotifications.value = 0;
  notifications.value = notifications.value.map((n) => ({ ...n, read: true }));
  return read;
}

/** 全部标为已读 for a button: whether it is under way, and the action, which says how many it marked. */
export function useMarkAllRead(say: (n: number) => string) {
  const marking = ref(false);
  async function markAll(): Promise<void> {
    marking.value = true;
    try {
      const n = await markAllNotificationsRead();
      ElMessage({ type: 'success', message: say(n) });
    } catch (err) {
      showError(err);
    } finally {
      marking.value = false;
    }
  }
  return { marking, markAll };
}

/** Forgets the list (sign-out). */
export function forgetNotifications(): void {
  notifications.value = [];
  unreadNotifications.value = 0;
  totalNotifications.value = 0;
  notificationsLoaded.value = false;
}
