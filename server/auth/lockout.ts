import { Op, UniqueConstraintError, type Sequelize } from 'sequelize';
import type { AccountSettings } from '../config/schema.ts';
import { LoginFailure } from './login-failure.model.ts';

const PRUNE_EVERY_MS = 10 * 60_000;

/**
 * 登录失败处理: LOGIN_LOCK_ATTEMPTS failed sign-ins of one user name within
 * LOGIN_LOCK_WINDOW_MINUTES lock it for LOGIN_LOCK_MINUTES; a successful sign-in clears its count,
 * an administrator can unlock it. Counted per user name whether or not an account has it, so a
 * lock tells nothing about which names exist; while locked, the password is not even checked (a
 * lock that still told right from wrong would not stop guessing), and attempts neither count nor
 * lengthen the lock.
 */
export class Lockout {
  private lastPrune = 0;

  constructor(
    private readonly sequelize: Sequelize,
    private readonly settings: Pick<AccountSettings, 'lockAttempts' | 'lockWindowMinutes' | 'lockMinutes'>,
    private readonly now: () => number = Date.now,
  ) {}

  /** Until when the user name is locked, or null. */
  async lockedUntil(username: string): Promise<Date | null> {
    const row = await LoginFailure.findByPk(username);
    return row?.lockedUntil && row.lockedUntil.getTime() > this.now() ? row.lockedUntil : null;
  }

  /** Counts a failed sign-in; the end of the lock if this one locked the name. */
  async fail(username: string, clientAddress: string | null): Promise<Date | null> {
    void this.prune();
    try {
      return await this.count(username, clientAddress);
    } catch (err) {
      // two first failures at once: the other made the row, count on it
      if (err instanceof UniqueConstraintError) return this.count(username, clientAddress);
      throw err;
    }
  }

  private count(username: string, clientAddress: string | null): Promise<Date | null> {
    const now = this.now();
    const windowMs = this.settings.lockWindowMinutes * 60_000;
    return this.sequelize.transaction(async (transaction) => {
      const row = await LoginFailure.findByPk(username, { transaction, lock: transaction.LOCK.UPDATE });
      const address = clientAddress?.slice(0, 64) ?? null;
      if (row?.lockedUntil && row.lockedUntil.getTime() > now) return row.lockedUntil;
      // a new window after the last one passed, or after a lock ended
      const fresh = !row || row.lockedUntil !== null || now - row.windowStartedAt.getTime() > windowMs;
      const failures = fresh ? 1 : row.failures + 1;
      const lockedUntil = failures >= this.settings.lockAttempts ? new Date(now + this.settings.lockMinutes * 60_000) : null;
      const values = { failures, windowStartedAt: fresh ? new Date(now) : row.windowStartedAt, lockedUntil, lastClientAddress: address };
      if (row) await row.update(values, { transaction });
      else await LoginFailure.create({ username, ...values }, { transaction });
      return lockedUntil;
    });
  }

  /** A successful sign-in: the count starts again. */
  async clear(username: string): Promise<void> {
    await LoginFailure.destroy({ where: { username } });
  }

  /** An administrator's unlock: the lock and the count go; until when it was locked, or null. */
  async unlock(username: string): Promise<{ wasLockedUntil: Date | null; failures: number }> {
    const row = await LoginFailure.findByPk(username);
    await LoginFailure.destroy({ where: { username } });
    const locked = row?.lockedUntil && row.lockedUntil.getTime() > this.now() ? row.lockedUntil : null;
    return { wasLockedUntil: locked, failures: row && !locked ? row.failures : 0 };
  }

  /** Rows of names neither locked nor in a window: the table holds only what still counts. */
  private async prune(): Promise<void> {
    const now = this.now();
    if (now - this.lastPrune < PRUNE_EVERY_MS) return;
    this.lastPrune = now;
    const windowStart = new Date(now - this.settings.lockWindowMinutes * 60_000);
    await LoginFailure.destroy({
      where: {
        windowStartedAt: { [Op.lt]: windowStart },
        [Op.or]: [{ lockedUntil: null }, { lockedUntil: { [Op.lt]: new Date(now) } }],
      },
    }).catch(() => undefined);
  }
}
