import { createHash } from 'node:crypto';
import { hostname } from 'node:os';
import { performance } from 'node:perf_hooks';
import type { QueryInterface, Sequelize } from 'sequelize';
import { SequelizeStorage, Umzug } from 'umzug';
import type { Logger } from 'pino';
import { MIGRATIONS } from '../../migrations/index.ts';

/** The umzug instance over migrations/, recorded in the app schema's SequelizeMeta model (table sequelize_meta). */
export function migrator(sequelize: Sequelize, logger?: Logger): Umzug<QueryInterface> {
  return new Umzug({
    migrations: MIGRATIONS.map((m) => ({
      name: m.name,
      up: ({ context }) => m.up(context),
      down: ({ context }) => m.down(context),
    })),
    context: sequelize.getQueryInterface(),
    storage: new SequelizeStorage({ sequelize }),
    logger: logger ? { info: (m) => logger.info(m, 'migration'), warn: (m) => logger.warn(m), error: (m) => logger.error(m), debug: () => {} } : undefined,
  });
}

/** How long a node waits for another node's migrations before it gives up (a long ALTER TABLE on a big table fits). */
export const MIGRATION_LOCK_TIMEOUT_MS = 10 * 60_000;

export interface MigrationLockOptions {
  /** give up waiting for the lock after this long (default MIGRATION_LOCK_TIMEOUT_MS) */
  lockTimeoutMs?: number;
}

export class MigrationLockTimeoutError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MigrationLockTimeoutError';
  }
}

/** who waits, in the logs: this machine and process */
const NODE = `${hostname()}:${process.pid}`;

/**
 * Brings the schema up to date under the database's migration lock, so that nodes starting at the
 * same time migrate once: the first runs what is pending, the others wait for it and then find
 * nothing left to run. Returns the names of the migrations this call ran.
 */
export async function migrateUp(sequelize: Sequelize, logger?: Logger, options: MigrationLockOptions = {}): Promise<string[]> {
  return withMigrationLock(sequelize, logger, options, async () => {
    const ran = (await migrator(sequelize, logger).up()).map((m) => m.name);
    logger?.info({ node: NODE, ran: ran.length }, ran.length ? 'migrations ran' : 'schema up to date: no migration left to run');
    return ran;
  });
}

/**
 * Runs `fn` holding the migration lock of the database `sequelize` opens.
 * - MySQL/MariaDB: the named lock GET_LOCK('approval-migrations:<database>'), taken and released on
 *   one connection kept out of the pool meanwhile (a named lock belongs to its connection: a node
 *   that dies loses it with its connection). The migrations themselves run on the pool.
 * - SQLite: a write transaction (BEGIN IMMEDIATE) on the connection sequelize runs every query
 *   outside a transaction on, so the migrations run inside it: one writer at a time is SQLite's own
 *   rule, and the pending migrations commit together or not at all. Migrations therefore must not
 *   open transactions of their own (a second connection would wait for this one).
 * Waiting longer than `lockTimeoutMs` fails with a MigrationLockTimeoutError naming the holder where known.
 */
export async function withMigrationLock<T>(sequelize: Sequelize, logger: Logger | undefined, options: MigrationLockOptions, fn: () => Promise<T>): Promise<T> {
  const timeoutMs = options.lockTimeoutMs ?? MIGRATION_LOCK_TIMEOUT_MS;
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0)
    throw new RangeError(`the migration lock's timeout must be a positive number of milliseconds, got ${timeoutMs}`);
  const dialect = sequelize.getDialect();
  if (dialect === 'sqlite') return underSqliteWriteLock(sequelize, logger, timeoutMs, fn);
  if (dialect === 'mysql' || dialect === 'mariadb') return underMysqlNamedLock(sequelize, logger, timeoutMs, fn);
  throw new Error(`migrations: no migration lock for the ${dialect} dialect (the app database is SQLite or MySQL/MariaDB)`);
}

const seconds = (ms: number) => `${Math.round(ms / 100) / 10} s`;

// --- MySQL / MariaDB -------------------------------------------------------------------------

/** mysql2's callback connection, as sequelize's pool hands it out */
interface MysqlConnection {
  query(sql: string, values: unknown[], callback: (err: Error | null, rows: unknown) => void): void;
}

interface PooledConnections<C> {
  getConnection(options?: object): Promise<C>;
  releaseConnection(connection: C): void;
  destroyConnection(connection: C): Promise<void>;
}

function mysqlQuery<R>(connection: MysqlConnection, sql: string, values: unknown[] = []): Promise<R[]> {
  return new Promise((resolve, reject) => connection.query(sql, values, (err, rows) => (err ? reject(err) : resolve(rows as R[]))));
}

/** Named locks are server-wide and at most 64 characters: the database's name keeps schemas apart. */
export function migrationLockName(database: string): string {
  const name = `approval-migrations:${database}`;
  return name.length <= 64 ? name : `approval-migrations:${createHash('sha256').update(database).digest('hex').slice(0, 40)}`;
}

async function lockHolder(connection: MysqlConnection, name: string): Promise<string> {
  try {
    const [used] = await mysqlQuery<{ id: number | null }>(connection, 'SELECT IS_USED_LOCK(?) AS id', [name]);
    if (used?.id == null) return 'nobody (just released)';
    const [process] = await mysqlQuery<{ host: string }>(connection, 'SELECT HOST AS host FROM information_schema.PROCESSLIST WHERE ID = ?', [used.id]);
    return `connection ${used.id}${process ? ` from ${process.host}` : ''}`;
  } catch {
    return 'another connection';
  }
}

async function underMysqlNamedLock<T>(sequelize: Sequelize, logger: Logger | undefined, timeoutMs: number, fn: () => Promise<T>): Promise<T> {
  const pool = sequelize.connectionManager as unknown as PooledConnections<MysqlConnection>;
  const connection = await pool.getConnection();
  let lock: string | undefined;
  try {
    const [{ database }] = await mysqlQuery<{ database: string | null }>(connection, 'SELECT DATABASE() AS `database`');
    if (!database) throw new Error('migrations: the app database URL names no database (mysql://user:password@host:port/<database>)');
    const name = migrationLockName(database);
    const getLock = async (waitSeconds: number) =>
      (await mysqlQuery<{ got: number | null }>(connection, 'SELECT GET_LOCK(?, ?) AS got', [name, waitSeconds]))[0]?.got;
    const started = performance.now();
    let got = await getLock(0);
    if (got === 0) {
      logger?.info(
        { node: NODE, lock: name, holder: await lockHolder(connection, name), timeoutMs },
        'waiting for the migration lock: another node is migrating',
      );
      got = await getLock(Math.max(1, Math.ceil((timeoutMs - (performance.now() - started)) / 1000)));
      if (got === 0) {
        throw new MigrationLockTimeoutError(
          `gave up after ${seconds(performance.now() - started)} waiting for the migration lock "${name}" of database "${database}", ` +
            `held by ${await lockHolder(connection, name)}: another node is still migrating, or hangs while holding it ` +
            '(a node that dies releases it with its connection); start again once it is done, or end that connection',
        );
      }
      if (got === 1) logger?.info({ node: NODE, lock: name, waitedMs: Math.round(performance.now() - started) }, 'migration lock taken after waiting');
    }
    if (got !== 1) throw new Error(`migrations: GET_LOCK("${name}") answered ${String(got)}: the server refused the migration lock`);
    lock = name;
    return await fn();
  } finally {
    if (lock) {
      try {
        await mysqlQuery(connection, 'SELECT RELEASE_LOCK(?)', [lock]);
        pool.releaseConnection(connection);
      } catch (err) {
        // the lock belongs to the connection: closing the connection releases it
        logger?.warn({ err, node: NODE }, 'RELEASE_LOCK of the migration lock failed; closing its connection instead');
        await pool.destroyConnection(connection).catch(() => undefined);
      }
    } else {
      pool.releaseConnection(connection);
    }
  }
}

// --- SQLite ----------------------------------------------------------------------------------

/** node-sqlite3's Database, as sequelize's SQLite dialect keeps it */
interface SqliteConnection {
  filename: string;
  configure(option: 'busyTimeout', ms: number): void;
  run(sql: string, callback: (err: (Error & { code?: string }) | null) => void): void;
  get(sql: string, callback: (err: Error | null, row: unknown) => void): void;
}

const sqliteRun = (connection: SqliteConnection, sql: string) =>
  new Promise<void>((resolve, reject) => connection.run(sql, (err) => (err ? reject(err) : resolve())));
const sqliteGet = <R>(connection: SqliteConnection, sql: string) =>
  new Promise<R>((resolve, reject) => connection.get(sql, (err, row) => (err ? reject(err) : resolve(row as R))));

/** each BEGIN IMMEDIATE waits this long in SQLite's busy handler before we look at the clock again */
const SQLITE_LOCK_SLICE_MS = 1000;

async function underSqliteWriteLock<T>(sequelize: Sequelize, logger: Logger | undefined, timeoutMs: number, fn: () => Promise<T>): Promise<T> {
  // no uuid: the connection sequelize runs every query outside a transaction on, the migrations' too
  const connection = await (sequelize.connectionManager as unknown as { getConnection(options: object): Promise<SqliteConnection> }).getConnection({});
  const { timeout: busyTimeoutMs } = await sqliteGet<{ timeout: number }>(connection, 'PRAGMA busy_timeout');
  const started = performance.now();
  let waiting = false;
  try {
    for (;;) {
      const remaining = timeoutMs - (performance.now() - started);
      if (remaining <= 0) {
        throw new MigrationLockTimeoutError(
          `gave up after ${seconds(performance.now() - started)} waiting for the write lock of ${connection.filename} to run the migrations: ` +
            'another process (a node migrating, or one holding a long write transaction) keeps it; start again once it is done',
        );
      }
      connection.configure('busyTimeout', Math.ceil(Math.min(remaining, SQLITE_LOCK_SLICE_MS)));
      try {
        await sqliteRun(connection, 'BEGIN IMMEDIATE');
        break;
      } catch (err) {
        if ((err as { code?: string }).code !== 'SQLITE_BUSY') throw err;
        if (!waiting)
          logger?.info({ node: NODE, file: connection.filename, timeoutMs }, 'waiting for the migration lock: another process is migrating or writing');
        waiting = true;
      }
    }
  } finally {
    connection.configure('busyTimeout', busyTimeoutMs);
  }
  // a wait shorter than a slice is only seen on the clock (SQLite's busy handler waited for us)
  const waitedMs = Math.round(performance.now() - started);
  if (waiting || waitedMs >= 100) logger?.info({ node: NODE, file: connection.filename, waitedMs }, 'migration lock taken after waiting');
  try {
    const result = await fn();
    await sqliteRun(connection, 'COMMIT');
    return result;
  } catch (err) {
    await sqliteRun(connection, 'ROLLBACK').catch((rollbackErr: unknown) => logger?.warn({ err: rollbackErr }, 'rolling back the failed migrations failed'));
    throw err;
  }
}
