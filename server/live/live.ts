import type { Server as HttpServer } from 'node:http';
import { Server as SocketServer } from 'socket.io';
import { createAdapter } from '@socket.io/redis-adapter';
import { createClient } from 'redis';
import type { Logger } from 'pino';
import type { TokenService } from '../auth/tokens.ts';
import { groupsOf } from '../auth/principal.ts';

/** Where the browsers connect: same origin as the API. */
export const SOCKET_PATH = '/api/v1/socket.io';

type Emit = (rooms: string[], event: string, payload: unknown) => void;
let emitter: Emit | undefined;

/**
 * Sends an event to the open sockets of these users only. A no-op where no socket server runs
 * (the workers' process): their effects reach users through the server's own emits.
 */
export function emitToUsers(userIds: number[], event: string, payload: unknown): void {
  if (userIds.length)
    emitter?.(
      userIds.map((id) => `user:${id}`),
      event,
      payload,
    );
}

/** Sends an event to rooms: `user:<id>` (one person's sockets) or `group:<department>:<role>`. */
export function emitToRooms(rooms: string[], event: string, payload: unknown): void {
  if (rooms.length) emitter?.(rooms, event, payload);
}

/**
 * socket.io on the API's HTTP server. A socket authenticates with its bearer token in the
 * handshake and joins its user's room and its department roles' rooms; events go to rooms, so a
 * socket hears only what its user may see. With a Redis URL the rooms span every server node
 * (@socket.io/redis-adapter): an event published on one node reaches sockets on all of them.
 */
export async function attachLive(http: HttpServer, tokens: TokenService, redisUrl: string, logger: Logger): Promise<() => Promise<void>> {
  const io = new SocketServer(http, { path: SOCKET_PATH, serveClient: false });
  const redis = redisUrl ? await redisAdapter(io, redisUrl, logger) : undefined;
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
  emitter = (rooms, event, payload) => void io.to(rooms).emit(event, payload);
  // the HTTP server's own close ends the rest
  return async () => {
    emitter = undefined;
    io.disconnectSockets(true);
    await redis?.();
  };
}

async function redisAdapter(io: SocketServer, url: string, logger: Logger): Promise<() => Promise<void>> {
  const pub = createClient({ url });
  const sub = pub.duplicate();
  for (const [name, client] of [
    ['publish', pub],
    ['subscribe', sub],
  ] as const) {
    // the client reconnects by itself; without a listener an error would end the process
    client.on('error', (err: unknown) => logger.warn({ err, client: name }, 'redis connection problem'));
  }
  await Promise.all([pub.connect(), sub.connect()]);
  io.adapter(createAdapter(pub, sub));
  logger.info({ redis: url.replace(/\/\/[^@]*@/, '//***@') }, 'socket.io rooms span server nodes through redis');
  return async () => {
    await Promise.allSettled([pub.quit(), sub.quit()]);
  };
}
