import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { Sequelize, type Options } from 'sequelize';
import type { Logger } from 'pino';

export type Dialect = 'sqlite' | 'mysql';

export function dialectOf(url: string): Dialect {
  return url.startsWith('sqlite:') ? 'sqlite' : 'mysql';
}

/**
 * Opens the app database: SQLite (WAL, busy timeout, immediate transactions, so the server and the
 * workers can share the file) or MySQL/MariaDB through mysql2 with READ COMMITTED.
 */
export function createSequelize(url: string, logger?: Logger): Sequelize {
  const logging = logger ? (sql: string) => logger.trace({ sql }, 'sql') : false;
  const common: Options = { logging, define: { underscored: true, timestamps: false } };
  if (dialectOf(url) === 'sqlite') {
    const storage = url.slice('sqlite:'.length);
    if (storage !== ':memory:') mkdirSync(dirname(storage), { recursive: true });
    const sequelize = new Sequelize({
      ...common,
      dialect: 'sqlite',
      storage,
      transactionType: 'IMMEDIATE' as Options['transactionType'],
    });
    configureEachSqliteConnection(sequelize);
    serializeTransactions(sequelize);
    return sequelize;
  }
  const mysqlUrl = url.replace(/^mariadb:/, 'mysql:');
  return new Sequelize(mysqlUrl, {
    ...common,
    dialect: 'mysql',
    dialectOptions: { charset: 'utf8mb4', dateStrings: false, supportBigNumbers: true },
    isolationLevel: 'READ COMMITTED' as Options['isolationLevel'],
    pool: { max: 20, min: 0, acquire: 30000, idle: 10000 },
    timezone: '+00:00',
  });
}

type SqliteConnection = {
  configure(option: 'busyTimeout', ms: number): void;
  run(sql: string): void;
};

/**
 * Sequelize's SQLite dialect opens a new connection per transaction and runs no connect hooks, so
 * we wrap getConnection to give each new connection a busy timeout (the workers and the server
 * write the same file) and WAL mode (readers never wait for the writer).
 */
function configureEachSqliteConnection(sequelize: Sequelize): void {
  const manager = sequelize.connectionManager as unknown as { getConnection(options?: unknown): Promise<SqliteConnection> };
  const original = manager.getConnection.bind(manager);
  const configured = new WeakSet<SqliteConnection>();
  manager.getConnection = async (options?: unknown) => {
    const connection = await original(options);
    if (!configured.has(connection)) {
      configured.add(connection);
      connection.configure('busyTimeout', 15000);
      connection.run('PRAGMA journal_mode=WAL');
      connection.run('PRAGMA synchronous=NORMAL');
    }
    return connection;
  };
}

/**
 * One SQLite write transaction at a time per process. node-sqlite3 runs statements on libuv's small
 * thread pool; transactions waiting for the file lock would sleep on every pool thread and starve
 * the one holding the lock. Queueing them here leaves only cross-process waits to busyTimeout.
 * Only managed transactions (with a callback) are queued; we use no other kind.
 */
function serializeTransactions(sequelize: Sequelize): void {
  const original = sequelize.transaction.bind(sequelize) as (...args: unknown[]) => Promise<unknown>;
  let tail: Promise<unknown> = Promise.resolve();
  (sequelize as unknown as { transaction: (...args: unknown[]) => Promise<unknown> }).transaction = (...args: unknown[]) => {
    if (!args.some((a) => typeof a === 'function')) return original(...args);
    const run = tail.then(() => original(...args));
    tail = run.catch(() => undefined);
    return run;
  };
}
