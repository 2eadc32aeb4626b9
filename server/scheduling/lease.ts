import { performance } from 'node:perf_hooks';
import { QueryTypes, UniqueConstraintError, type Sequelize } from 'sequelize';
import type { Logger } from 'pino';
import { newNodeId } from './nodes.ts';

/** the database's clock, in the column's own format (SQLite keeps sequelize's 'YYYY-MM-DD HH:MM:SS.SSS +00:00' text) */
function clock(sequelize: Sequelize): { now: string; expiry: string } {
  const dialect = sequelize.getDialect();
  if (dialect === 'sqlite') {
    return {
      now: `(strftime('%Y-%m-%d %H:%M:%f', 'now') || ' +00:00')`,
      expiry: `(strftime('%Y-%m-%d %H:%M:%f', 'now', :leaseModifier) || ' +00:00')`,
    };
  }
  if (dialect === 'mysql' || dialect === 'mariadb') return { now: 'UTC_TIMESTAMP(3)', expiry: '(UTC_TIMESTAMP(3) + INTERVAL :leaseMicroseconds MICROSECOND)' };
  throw new Error(`scheduler leases: no support for the ${dialect} dialect (the app database is SQLite or MySQL/MariaDB)`);
}

/**
 * One node's claim on a scheduler (a row of `scheduler_leases`), so that the scheduler's rounds run
 * on one node at a time. Every change is one conditional UPDATE, judged by the database's clock:
 * a node takes the lease only while it is free or expired, and renews it only while the row still
 * names it, so two nodes never both hold it. The holder counts its own time from the moment it
 * asked (before the database stamped the expiry), so it stops believing it holds the lease no
 * later than the database lets another node take it.
 */
export class SchedulerLease {
  /** this claimant: the server node's id (./nodes.ts) when given, else one of its own of the same form (two claimants of one process differ) */
  readonly holder: string;
  /** until when (performance.now()) this node holds the lease by its own count; 0 when it does not */
  private heldUntil = 0;
  private readonly sql: { now: string; expiry: string };

  constructor(
    private readonly sequelize: Sequelize,
    readonly name: string,
    readonly leaseMs: number,
    private readonly logger?: Logger,
    holder: string = newNodeId(),
  ) {
    this.holder = holder;
    if (!name || name.length > 100) throw new RangeError(`a scheduler lease's name is 1 to 100 characters, got "${name}"`);
    if (!Number.isInteger(leaseMs) || leaseMs < 1) throw new RangeError(`a scheduler lease lasts a positive whole number of milliseconds, got ${leaseMs}`);
    this.sql = clock(sequelize);
  }

  /** whether this node holds the lease now, by its own count since it last took or renewed it */
  get held(): boolean {
    return performance.now() < this.heldUntil;
  }

  /** Renews the lease if this node holds it, takes it if it is free or expired; true while this node holds it. */
  async acquire(): Promise<boolean> {
    const askedAt = performance.now();
    if (this.heldUntil > 0) {
      if (await this.update('holder = :holder')) return this.keep(askedAt);
      this.heldUntil = 0;
      this.logger?.warn({ lease: this.name, holder: this.holder }, 'scheduler lease lost: another node took it after it expired');
    }
    const [row] = await this.sequelize.query<{ holder: string | null; expired: number | string }>(
      `SELECT holder, CASE WHEN expires_at <= ${this.sql.now} THEN 1 ELSE 0 END AS expired FROM scheduler_leases WHERE name = :name`,
      { replacements: { name: this.name }, type: QueryTypes.SELECT },
    );
    if (!row) {
      try {
        await this.sequelize.query(`INSERT INTO scheduler_leases (name, holder, expires_at) VALUES (:name, :holder, ${this.sql.expiry})`, {
          replacements: this.replacements(),
          type: QueryTypes.INSERT,
        });
      } catch (err) {
        if (err instanceof UniqueConstraintError) return false; // another node made the row first, and holds it
        throw err;
      }
      this.logger?.info({ lease: this.name, holder: this.holder, leaseMs: this.leaseMs }, 'scheduler lease taken (first holder)');
      return this.keep(askedAt);
    }
    const expired = Number(row.expired) === 1;
    if (row.holder !== null && row.holder !== this.holder && !expired) return false;
    if (!(await this.update('holder = :holder OR holder IS NULL OR expires_at <= ' + this.sql.now))) return false;
    this.logger?.info(
      { lease: this.name, holder: this.holder, previous: row.holder, leaseMs: this.leaseMs },
      row.holder === null
        ? 'scheduler lease taken (it was released)'
        : row.holder === this.holder
          ? 'scheduler lease renewed late'
          : 'scheduler lease taken over: its holder let it expire',
    );
    return this.keep(askedAt);
  }

  /** Gives the lease up if this node holds it, so that another node takes it at its next round. */
  async release(): Promise<void> {
    this.heldUntil = 0;
    const [, changed] = await this.sequelize.query(
      `UPDATE scheduler_leases SET holder = NULL, expires_at = ${this.sql.now} WHERE name = :name AND holder = :holder`,
      {
        replacements: { name: this.name, holder: this.holder },
        type: QueryTypes.UPDATE,
      },
    );
    if (changed) this.logger?.info({ lease: this.name, holder: this.holder }, 'scheduler lease released');
  }

  private keep(askedAt: number): true {
    this.heldUntil = askedAt + this.leaseMs;
    return true;
  }

  private replacements() {
    return { name: this.name, holder: this.holder, leaseModifier: `+${this.leaseMs / 1000} seconds`, leaseMicroseconds: this.leaseMs * 1000 };
  }

  /** sets this node as holder with a fresh expiry where `condition` holds; true if the row changed */
  private async update(condition: string): Promise<boolean> {
    const [, changed] = await this.sequelize.query(
      `UPDATE scheduler_leases SET holder = :holder, expires_at = ${this.sql.expiry} WHERE name = :name AND (${condition})`,
      {
        replacements: this.replacements(),
        type: QueryTypes.UPDATE,
      },
    );
    return Number(changed) === 1;
  }
}
