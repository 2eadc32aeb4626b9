import { randomUUID } from 'node:crypto';
import { Op } from 'sequelize';
import { Session, type SessionEnd } from './session.model.ts';
import { TtlCache } from './ttl-cache.ts';
import { needsTouch } from './session-rules.ts';

/** A session as a request sees it; lastSeenAt moves in memory at once and in the database every 30 s. */
export interface SessionState {
  id: string;
  userId: number;
  lastSeenAt: number;
  expiresAt: number;
  endedAt: number | null;
  endReason: SessionEnd | null;
}

/** Sessions whose token expired more than this long ago are deleted. */
const KEEP_EXPIRED_MS = 24 * 3_600_000;
const PRUNE_EVERY_MS = 3_600_000;

/**
 * The sessions table, read through a cache of `ttlMs` (a session ended on another server node is
 * refused here within that time; one ended here, at once).
 */
export class SessionStore {
  private readonly cache: TtlCache<string, SessionState | null>;
  private lastPrune = 0;

  constructor(
    ttlMs: number,
    private readonly now: () => number,
    private readonly onWriteError: (err: unknown) => void = () => undefined,
  ) {
    this.cache = new TtlCache(ttlMs, now);
  }

  async start(userId: number, expiresAt: number, clientAddress: string | null): Promise<SessionState> {
    const now = new Date(this.now());
    const id = randomUUID();
    await Session.create({ id, userId, createdAt: now, lastSeenAt: now, expiresAt: new Date(expiresAt), clientAddress: clientAddress?.slice(0, 64) ?? null });
    void this.prune();
    return { id, userId, lastSeenAt: now.getTime(), expiresAt, endedAt: null, endReason: null };
  }

  get(id: string): Promise<SessionState | null> {
    return this.cache.get(id, async () => {
      const row = await Session.findByPk(id);
      return row
        ? {
            id: row.id,
            userId: row.userId,
            lastSeenAt: row.lastSeenAt.getTime(),
            expiresAt: row.expiresAt.getTime(),
            endedAt: row.endedAt?.getTime() ?? null,
            endReason: row.endReason ?? null,
          }
        : null;
    });
  }

  /** A request of the session: its last_seen_at moves, written when the recorded one is 30 s old or more. */
  touch(state: SessionState): void {
    const now = this.now();
    if (!needsTouch(state.lastSeenAt, now)) return;
    state.lastSeenAt = now;
    // a later request's write may have overtaken this one: last_seen_at only moves forward
    Session.update({ lastSeenAt: new Date(now) }, { where: { id: state.id, lastSeenAt: { [Op.lt]: new Date(now) } } }).catch(this.onWriteError);
  }

  /** Ends one session; false if it had ended already. */
  async end(id: string, reason: SessionEnd): Promise<boolean> {
    const now = this.now();
    const [changed] = await Session.update({ endedAt: new Date(now), endReason: reason }, { where: { id, endedAt: null } });
    this.cache.delete(id);
    return changed > 0;
  }

  /** Ends every open session of a user but one (a password change keeps the session that made it); their ids. */
  async endAllOf(userId: number, reason: SessionEnd, except?: string): Promise<string[]> {
    const now = this.now();
    const open = await Session.findAll({
      attributes: ['id'],
      where: { userId, endedAt: null, expiresAt: { [Op.gt]: new Date(now) }, ...(except ? { id: { [Op.ne]: except } } : {}) },
    });
    const ids = open.map((s) => s.id);
    if (!ids.length) return [];
    await Session.update({ endedAt: new Date(now), endReason: reason }, { where: { id: ids, endedAt: null } });
    for (const id of ids) this.cache.delete(id);
    return ids;
  }

  /** Deletes sessions whose token expired a day ago, at most once an hour per process. */
  private async prune(): Promise<void> {
    const now = this.now();
    if (now - this.lastPrune < PRUNE_EVERY_MS) return;
    this.lastPrune = now;
    await Session.destroy({ where: { expiresAt: { [Op.lt]: new Date(now - KEEP_EXPIRED_MS) } } }).catch(this.onWriteError);
  }
}
