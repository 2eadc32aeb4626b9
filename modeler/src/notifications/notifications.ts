import { ref } from 'vue';
import { ElMessage } from 'element-plus';
import { showError } from '../shared/errors.ts';
import { get, post } from '../api/http.ts';
import type { AppNotification, NotificationsAnswer } from '../../../contract/api/index.ts';

export type { AppNotification };

/**
 * 消息通知 (server/notifications/): the signed-in person's notifications, newest first, and how
 * many are unread. One copy for the tab: the header's bell, its drawer and the full page read it;
 * the layout loads it on sign-in and again on each live `notification` event.
 */
export const notifications = ref<AppNotification[]>([]);
export const unreadNotifications = ref(0);
export const notificationsLoaded = ref(false);

let pending: Promise<void> | null = null;
let again = false;

/** Reads the list again; calls during a read end in one more read once it is done. */
export function loadNotifications(): Promise<void> {
  if (pending) {
    again = true;
    return pending;
  }
  pending = (async () => {
    try {
      do {
        again = false;
        const answer = await get<NotificationsAnswer>('/notifications');
        notifications.value = answer.notifications;
        unreadNotifications.value = answer.unread;
        notificationsLoaded.value = true;
      } while (again);
    } finally {
      pending = null;
    }
  })();
  return pending;
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
  notificationsLoaded.value = false;
}
