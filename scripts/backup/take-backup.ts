import { existsSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { keyChecks, sumsOf } from './checksums.ts';
import { copySqlite, dumpH2 } from './embedded-databases.ts';
import { BackupRefusal, dumpAccount, type Installation } from './installation.ts';
import { dumpMariadb } from './mariadb-databases.ts';
import { MANIFEST, platformVersion, type Manifest } from './manifest.ts';
import { copyOut } from './stored-files.ts';

/**
 * Takes a backup of the installation into `dir` (new or empty): the databases first, as one
 * moment (MariaDB: one --single-transaction dump of both; embedded: the platform stopped), then the
 * stored files, then the manifest. Answers the manifest and its SM3 (to be kept apart from the
 * backup: whoever can rewrite the folder can rewrite the manifest).
 */
export async function takeBackup(
  installation: Installation,
  dir: string,
  say: (line: string) => void = () => undefined,
): Promise<{ manifest: Manifest; manifestSm3: string }> {
  if (existsSync(dir) && readdirSync(dir).length) throw new BackupRefusal(`备份目录不是空的 / the backup folder is not empty: ${dir}`);
  await mkdir(join(dir, 'databases'), { recursive: true, mode: 0o700 });
  const { app, engine, config, store } = installation;
  const platform = platformVersion();
  let databases: Manifest['databases'];
  let profile: Manifest['profile'];
  if (app.kind === 'sqlite' && engine.kind === 'h2') {
    profile = 'embedded';
    // the engine's file first: H2 refuses while the engine has it open, so nothing is copied from a running platform
    say('引擎数据库（H2）导出中 / writing out the engine database (H2) …');
    await dumpH2(engine.file, join(dir, 'databases', 'engine-h2.sql'), process.env.ENGINE_DB_PASSWORD ?? '');
    say('应用数据库（SQLite）复制中 / copying the app database (SQLite) …');
    await copySqlite(app.file, join(dir, 'databases', 'app.sqlite'));
    databases = { app: { kind: 'sqlite', file: 'databases/app.sqlite' }, engine: { kind: 'h2', file: 'databases/engine-h2.sql' } };
    platform.tools.h2 = 'H2 Script (from the engine jar)';
  } else if (app.kind === 'mariadb' && engine.kind === 'mariadb') {
    profile = 'mariadb';
    say(`两个数据库一次导出（同一快照）/ dumping both databases in one snapshot: ${app.database}, ${engine.database} …`);
    platform.tools.dump = await dumpMariadb(dumpAccount(installation), [app.database, engine.database], join(dir, 'databases', 'mariadb.sql'));
    databases = {
      app: { kind: 'mariadb', database: app.database, file: 'databases/mariadb.sql' },
      engine: { kind: 'mariadb', database: engine.database, file: 'databases/mariadb.sql' },
    };
  } else {
    throw new BackupRefusal(
      `应用库（${app.kind}）与引擎库（${engine.kind}）类型不同，无法取得同一时刻的备份 / the app database (${app.kind}) and the engine's (${engine.kind}) are of different kinds: no consistent backup of both`,
    );
  }
  say(`复制存储的文件 / copying the stored files from ${store.location} …`);
  const copied = await copyOut(store, dir);
  const files: Manifest['files'] = [];
  for (const file of [...new Set([databases.app.file, databases.engine.file])]) files.push({ path: file, ...(await sumsOf(join(dir, file))) });
  for (const f of copied) files.push({ path: f.path, ...f.sums });
  const manifest: Manifest = {
    format: 'approval-platform-backup',
    formatVersion: 1,
    createdAt: new Date().toISOString(),
    platform,
    profile,
    databases,
    storage: { location: store.location, objects: copied.length },
    keys: { included: false, checks: keyChecks(config) },
    files,
  };
  const text = `${JSON.stringify(manifest, null, 2)}\n`;
  writeFileSync(join(dir, `${MANIFEST}.part`), text, { mode: 0o600 });
  renameSync(join(dir, `${MANIFEST}.part`), join(dir, MANIFEST));
  return { manifest, manifestSm3: createHash('sm3').update(text).digest('hex') };
}
