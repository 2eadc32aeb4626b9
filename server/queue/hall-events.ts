import { emitToRooms } from '../live/index.ts';

/** What a hall's open display and calling panels hear (socket.io room `hall:<id>`, joined without signing in). */
export interface HallEvent {
  type: 'issued' | 'called' | 'recalled' | 'changed';
  number: string;
  /** the window called to */
  windowNumber: string | null;
  at: string;
}

export const hallRoom = (hallId: number) => `hall:${hallId}`;

export function emitHallEvent(hallId: number, event: HallEvent): void {
  emitToRooms([hallRoom(hallId)], 'queue', { hallId, ...event });
}
