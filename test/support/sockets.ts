import { io, type Socket } from 'socket.io-client';
import { tokenOf } from './api.ts';
import { testEnv } from './environment.ts';
import { pollUntil } from './eventually.ts';

export interface Listening<T> {
  socket: Socket;
  received: T[];
  close(): void;
}

/** Opens an inbox's socket as this user (on the given server node) and collects one event. */
export async function listen<T>(user: string, event: string, url = testEnv().url): Promise<Listening<T>> {
  const socket = io(url, { path: '/api/v1/socket.io', auth: { token: await tokenOf(user) }, transports: ['websocket'], reconnection: false });
  const received: T[] = [];
  socket.on(event, (payload: T) => received.push(payload));
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  return { socket, received, close: () => socket.close() };
}

/** True once the check holds, false if it still does not after ms. */
export async function within(ms: number, check: () => boolean): Promise<boolean> {
  return (await pollUntil(check, { timeoutMs: ms, intervalMs: 20 })) ?? check();
}
