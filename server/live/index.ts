/**
 * 实时推送 (live), the public entry: an event pushed over socket.io to the open pages of users
 * (their rooms). The engine's task events are turned into the inboxes' events by server/inbox
 * (engine-events.controller.ts).
 */
export { emitToRooms, emitToUsers } from './live.ts';
