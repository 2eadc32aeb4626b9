import type { Server as HttpServer } from 'node:http';
import { Server as SocketServer } from 'socket.io';
import type { TokenService } from '../auth/tokens.ts';
import { groupsOf } from '../auth/principal.ts';

/** Where the browsers connect: same origin as the API. */
export const SOCKET_PATH = '/api/v1/socket.io';

type Emit = (userIds: number[], event: string, payload: unknown) => void;
let emitter: Emit | undefined;

/**
 * Sends an event to the open sockets of these users only. A no-op where no socket server runs
 * (the workers' process): their effects reach users through the server's own emits.
 */
export function emitToUsers(userIds: number[], event: string, payload: unknown): void {
  emitter?.(userIds, event, payload);
}

/**
 * socket.io on the API's HTTP server. A socket authenticates with its bearer token in the
 * handshake and joins its user's room and its department roles' rooms; events go to rooms, so a
 * socket hears only what its user may see.
 */
export function attachLive(http: HttpServer, tokens: TokenService): () => void {
  const io = new SocketServer(http, { path: SOCKET_PATH, serveClient: false });
  io.use((socket, next) => {
    const token = (socket.handshake.auth as { token?: unknown } | undefined)?.token;
    if (typeof token !== 'string') return next(new Error('unauthenticated'));
    tokens
      .verify(token)
      .then((principal) => {
        if (!principal) return next(new Error('token_invalid'));
        socket.data.principal = principal;
        void socket.join([`user:${principal.id}`, ...groupsOf(principal).map((g) => `group:${g}`)]);
        next();
      })
      .catch(() => next(new Error('token_invalid')));
  });
  emitter = (userIds, event, payload) => {
    if (userIds.length) io.to(userIds.map((id) => `user:${id}`)).emit(event, payload);
  };
  // the HTTP server's own close ends the rest
  return () => {
    emitter = undefined;
    io.disconnectSockets(true);
  };
}
