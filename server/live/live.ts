import type { Server as HttpServer } from 'node:http';
import { Server as SocketServer, type Socket } from 'socket.io';
import { createAdapter } from '@socket.io/redis-adapter';
import { createClient } from 'redis';
import type { Logger } from 'pino';
import { groupsOf, type Principal, type TokenService } from '../auth/index.ts';

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

/** What a socket keeps of its handshake. */
interface SocketSession {
  token: string;
  principal: Principal;
  sessionId: string;
  expiry?: NodeJS.Timeout;
}

const roomsOf = (principal: Principal, sessionId: string) => [`user:${principal.id}`, `session:${sessionId}`, ...groupsOf(principal).map((g) => `group:${g}`)];

/**
 * socket.io on the API's HTTP server. A hall's public display connects with `{ hall: <id> }` and no
 * token: it joins that hall's room only (the queue's calls, nothing personal). Any other socket authenticates with its bearer token in the
 * handshake and joins its user's room, its session's and its department roles' rooms (the account's
 * now, not the token's); events go to rooms, so a socket hears only what its user may see. With a
 * Redis URL the rooms span every server node (@socket.io/redis-adapter): an event published on one
 * node reaches sockets on all of them.
 *
 * A socket lives no longer than its token's session: it is disconnected at the token's expiry, at
 * once when its session ends (logout, a password change: the `session:<jti>` room, on every node),
 * and at the next sweep (every ACCOUNT_CHECK_SECONDS, at least 1 s) once its account is deactivated
 * or its staff session idle; the sweep also moves it into the rooms of a changed role or department.
 * Before a disconnect it is told why: `session_ended` with the code a request would get.
 */
export async function attachLive(http: HttpServer, tokens: TokenService, redisUrl: string, logger: Logger): Promise<() => Promise<void>> {
  const io = new SocketServer(http, { path: SOCKET_PATH, serveClient: false });
  const redis = redisUrl ? await redisAdapter(io, redisUrl, logger) : undefined;
  io.use((socket, next) => {
    const { token, hall } = (socket.handshake.auth as { token?: unknown; hall?: unknown } | undefined) ?? {};
    // a hall's display or kiosk (public, no account): it hears only its hall's queue (server/queue, room hall:<id>)
    if (token === undefined && typeof hall === 'number' && Number.isSafeInteger(hall) && hall > 0) {
      void socket.join(`hall:${hall}`);
      return next();
    }
    if (typeof token !== 'string') return next(new Error('unauthenticated'));
    tokens
      // opening a socket is not a request of the person: it does not keep a session from going idle
      .verify(token, { activity: false })
      .then((verified) => {
        if (!verified.ok) return next(new Error(verified.code));
        const data: SocketSession = { token, principal: verified.principal, sessionId: verified.sessionId };
        // setTimeout takes at most 2^31-1 ms; a token lives a day at most
        data.expiry = setTimeout(() => end(socket, 'token_invalid', 'token expired'), Math.max(0, verified.expiresAt - tokens.now()));
        socket.data = data;
        socket.once('disconnect', () => clearTimeout(data.expiry));
        void socket.join(roomsOf(verified.principal, verified.sessionId));
        next();
      })
      .catch(() => next(new Error('token_invalid')));
  });

  function end(socket: Socket, code: string, reason: string): void {
    logger.info({ user: (socket.data as SocketSession).principal?.username, reason }, 'socket disconnected: its session ended');
    socket.emit('session_ended', { code });
    socket.disconnect(true);
  }

  /** Checks a socket's session again: dropped if no longer good, moved to its account's rooms now. */
  async function recheck(socket: Socket): Promise<void> {
    const data = socket.data as SocketSession;
    if (!data?.token || socket.disconnected) return;
    const verified = await tokens.verify(data.token, { activity: false });
    if (!verified.ok) return end(socket, verified.code, verified.reason);
    const wanted = new Set(roomsOf(verified.principal, verified.sessionId));
    for (const room of socket.rooms) if (room !== socket.id && !wanted.has(room)) void socket.leave(room);
    void socket.join([...wanted].filter((room) => !socket.rooms.has(room)));
    data.principal = verified.principal;
  }

  let sweeping = false;
  const sweep = setInterval(() => {
    if (sweeping) return;
    sweeping = true;
    Promise.allSettled([...io.of('/').sockets.values()].map(recheck))
      .then((results) => {
        const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
        if (failed) logger.warn({ err: failed.reason }, 'checking the open sockets failed');
      })
      .finally(() => (sweeping = false));
  }, tokens.checkIntervalMs);
  sweep.unref();

  const stopListening = tokens.onChange((event) => {
    if ('sessionIds' in event) {
      // on every node (the redis adapter carries it): told why, then closed
      const rooms = event.sessionIds.map((id) => `session:${id}`);
      io.to(rooms).emit('session_ended', { code: event.reason === 'idle' ? 'session_idle' : 'token_invalid' });
      io.in(rooms).disconnectSockets(true);
    } else {
      for (const socket of io.of('/').sockets.values())
        if ((socket.data as SocketSession).principal?.id === event.userId) void recheck(socket).catch(() => undefined);
    }
  });

  emitter = (rooms, event, payload) => void io.to(rooms).emit(event, payload);
  // the HTTP server's own close ends the rest
  return async () => {
    emitter = undefined;
    clearInterval(sweep);
    stopListening();
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
