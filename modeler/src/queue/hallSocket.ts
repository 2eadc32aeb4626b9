import { io, type Socket } from 'socket.io-client';
import { ref, type Ref } from 'vue';

/** What a hall's pages hear (server/queue/hall-events.ts): a ticket taken, called, called again or moved on. */
export interface HallEvent {
  hallId: number;
  type: 'issued' | 'called' | 'recalled' | 'changed';
  number: string;
  windowNumber: string | null;
  at: string;
}

/**
 * A socket of a hall's public room (no account: the display on the hall's screen, the kiosk, the
 * clerks' panel): it hears that hall's queue and nothing else. Closed by the returned function.
 */
export function listenToHall(hallId: number, onEvent: (event: HallEvent) => void): { connected: Ref<boolean>; close: () => void } {
  const connected = ref(false);
  const socket: Socket = io({ path: '/api/v1/socket.io', auth: { hall: hallId } });
  socket.on('connect', () => (connected.value = true));
  socket.on('disconnect', () => (connected.value = false));
  socket.on('queue', (event: HallEvent) => {
    if (event.hallId === hallId) onEvent(event);
  });
  return { connected, close: () => void socket.disconnect() };
}
