import { join } from 'node:path';
import type { Config } from '../../server/config/schema.ts';
import { storageOf, type ObjectStore } from '../../server/storage/index.ts';

/**
 * What an installation is made of, read from the same environment as `npm start`: the app
 * database (SQLite file or MariaDB/MySQL database), the engine's database (the H2 file under
 * DATA_DIR/engine, or ENGINE_DB_URL's MariaDB/MySQL database) and the file store (server/storage).
 */
export interface MysqlServer {
  host: string;
  port: number;
  user: string;
  password: string;
}

export type AppDatabase = { kind: 'sqlite'; file: string } | { kind: 'mariadb'; server: MysqlServer; database: string };
export type EngineDatabase = { kind: 'h2'; file: string } | { kind: 'mariadb'; server: MysqlServer; database: string };

export interface Installation {
  config: Config;
  app: AppDatabase;
  engine: EngineDatabase;
  store: ObjectStore;
}

export class BackupRefusal extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackupRefusal';
  }
}

function mysqlUrl(url: string): { server: Omit<MysqlServer, 'user' | 'password'> & Partial<MysqlServer>; database: string } {
  const u = new URL(url.replace(/^jdbc:/, ''));
  const database = decodeURIComponent(u.pathname.replace(/^\//, ''));
  if (!/^[A-Za-z0-9_$-]{1,64}$/.test(database))
    throw new BackupRefusal(`数据库名无法识别 / cannot read the database name in ${u.protocol}//${u.host}${u.pathname}`);
  return {
    server: {
      host: u.hostname,
      port: Number(u.port || 3306),
      user: u.username ? decodeURIComponent(u.username) : undefined,
      password: u.password ? decodeURIComponent(u.password) : undefined,
    },
    database,
  };
}

export function installationOf(config: Config, env: NodeJS.ProcessEnv = process.env): Installation {
  let app: AppDatabase;
  if (config.appDbUrl.startsWith('sqlite:')) app = { kind: 'sqlite', file: config.appDbUrl.slice('sqlite:'.length) };
  else {
    const { server, database } = mysqlUrl(config.appDbUrl);
    app = { kind: 'mariadb', server: { ...server, user: server.user ?? '', password: server.password ?? '' }, database };
  }
  let engine: EngineDatabase;
  const engineUrl = env.ENGINE_DB_URL ?? '';
  if (!engineUrl || engineUrl.startsWith('jdbc:h2:')) {
    // the engine's H2 file as scripts/platform.ts starts it (ENGINE_DATA_DIR = DATA_DIR/engine)
    const file = engineUrl ? /^jdbc:h2:file:([^;]+)/.exec(engineUrl)?.[1] : join(config.dataDir, 'engine', 'camunda');
    if (!file) throw new BackupRefusal(`只支持 H2 文件库 / only an H2 file database is supported: ${engineUrl}`);
    engine = { kind: 'h2', file };
  } else if (/^jdbc:(mariadb|mysql):/.test(engineUrl)) {
    const { server, database } = mysqlUrl(engineUrl);
    engine = {
      kind: 'mariadb',
      server: { ...server, user: env.ENGINE_DB_USER ?? server.user ?? '', password: env.ENGINE_DB_PASSWORD ?? server.password ?? '' },
      database,
    };
  } else throw new BackupRefusal(`不认识的引擎数据库 / unknown engine database URL: ${engineUrl.split('?')[0]}`);
  return { config, app, engine, store: storageOf(config) };
}

/** The one account a dump of both databases connects as: BACKUP_DB_USER/PASSWORD, else the app's. */
export function dumpAccount(installation: Installation, env: NodeJS.ProcessEnv = process.env): MysqlServer {
  const { app, engine } = installation;
  if (app.kind !== 'mariadb' || engine.kind !== 'mariadb') throw new Error('not a MariaDB installation');
  if (app.server.host !== engine.server.host || app.server.port !== engine.server.port)
    throw new BackupRefusal(
      `应用库（${app.server.host}:${app.server.port}）与引擎库（${engine.server.host}:${engine.server.port}）不在同一个数据库服务器上，无法取得同一时刻的快照 / ` +
        'the app and engine databases are on different servers: one consistent snapshot of both is not possible',
    );
  return { ...app.server, user: env.BACKUP_DB_USER ?? app.server.user, password: env.BACKUP_DB_PASSWORD ?? app.server.password };
}
