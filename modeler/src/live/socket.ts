import { io, type Socket } from 'socket.io-client';
import { ref } from 'vue';
import type { HelpEvent } from '../online-help/onlineHelpApi.ts';

/** A change of a task that an inbox may see (server/live/task-events.ts). */
export interface TaskEvent {
  type: 'created' | 'claimed' | 'unclaimed' | 'transferred' | 'completed' | 'deleted';
  taskId: string;
  taskDefinitionKey: string | null;
  name: string | null;
  caseNo: string | null;
  assignee: string | null;
  previousAssignee: string | null;
  at: string;
}

/** A notification pushed to one person (催办, 转办, 委派, 抄送, 退回, 超期预警 …), in both languages. */
export interface NotificationEvent {
  kind: string;
  /** in Chinese */
  text: string;
  /** in English */
  textEn: string;
  caseNo: string | null;
  taskId: string | null;
  at: string;
}

interface Events {
  task: (event: TaskEvent) => void;
  notification: (event: NotificationEvent) => void;
  /** 线上帮办: an entry of a conversation, the applicant's form, the helpers' queue changed (modeler/src/online-help/onlineHelpApi.ts) */
  'online-help': (event: HelpEvent) => void;
  /** the session ended (logout elsewhere, a password change, idle, expiry, the account deactivated): the server closes the socket */
  session_ended: (event: { code: string }) => void;
}

let socket: Socket<Events> | undefined;
const endedListeners = new Set<(code: string) => void>();

/** Called when the server says the socket's session ended, with the code a request would get. */
export function onSessionEnded(listener: (code: string) => void): () => void {
  endedListeners.add(listener);
  return () => endedListeners.delete(listener);
}

/** Whether live updates are flowing; the inbox says so when they are not. */
export const liveConnected = ref(false);

/**
 * One socket per signed-in tab, at the API's socket.io path, authenticated with the bearer token
 * in the handshake. The server puts it in the rooms of its user and department roles.
 */
export function connectLive(token: string): void {
  disconnectLive();
  socket = io({ path: '/api/v1/socket.io', auth: { token } });
  socket.on('connect', () => (liveConnected.value = true));
  socket.on('disconnect', () => (liveConnected.value = false));
  socket.on('session_ended', ({ code }) => {
    for (const listener of endedListeners) listener(code);
  });
}

export function disconnectLive(): void {
  socket?.disconnect();
  socket = undefined;
  liveConnected.value = false;
}

/** Listens to an event while the socket lives; returns the way to stop listening. */
export function onLive<E extends keyof Events>(event: E, listener: Events[E]): () => void {
  const s = socket;
  if (!s) return () => undefined;
  // socket.io's typed overloads do not follow a generic key: the cast keeps listener and event paired
  (s.on as (e: E, l: Events[E]) => void)(event, listener);
  return () => void (s.off as (e: E, l: Events[E]) => void)(event, listener);
}
