import { join } from 'node:path';
import { keyChecks, KEY_PURPOSES } from './checksums.ts';
import { copySqliteFile, sqliteTables, loadH2 } from './embedded-databases.ts';
import { BackupRefusal, dumpAccount, type Installation } from './installation.ts';
import { loadMariadb, mariadbTables } from './mariadb-databases.ts';
import { checkFiles, readManifest, type Manifest } from './manifest.ts';
import { copyIn, storeHasFiles } from './stored-files.ts';
import { existsSync } from 'node:fs';

/** The keys of the target installation against the backup's check values: what is missing or different, in words. */
export function keyProblems(installation: Installation, manifest: Manifest): string[] {
  const here = keyChecks(installation.config);
  const problems: string[] = [];
  for (const [name, check] of Object.entries(manifest.keys.checks)) {
    const purpose = KEY_PURPOSES[name.split(':')[0]!] ?? '';
    if (!(name in here)) problems.push(`缺少密钥 / missing key ${name} — ${purpose}`);
    else if (here[name] !== check) problems.push(`密钥不是备份时的那把 / not the key the data was written with: ${name} — ${purpose}`);
  }
  return problems;
}

/** What the target installation holds already (empty: nothing). */
async function whatIsThere(installation: Installation): Promise<string[]> {
  const { app, engine, store } = installation;
  const there: string[] = [];
  if (app.kind === 'sqlite' && (await sqliteTables(app.file)) > 0) there.push(`应用数据库 / the app database ${app.file}`);
  if (app.kind === 'mariadb' && (await mariadbTables(app.server, app.database)) > 0) there.push(`应用数据库 / the app database ${app.database}`);
  if (engine.kind === 'h2' && existsSync(`${engine.file}.mv.db`)) there.push(`引擎数据库 / the engine database ${engine.file}.mv.db`);
  if (engine.kind === 'mariadb' && (await mariadbTables(engine.server, engine.database)) > 0) there.push(`引擎数据库 / the engine database ${engine.database}`);
  if (await storeHasFiles(store)) there.push(`文件存储 / the file store ${store.location}`);
  return there;
}

/**
 * Restores the backup in `dir` into the installation the environment describes: refuses a backup
 * whose files do not match the manifest, keys other than those the data was written with, and a
 * target that holds data already (unless `overwrite`: the databases are replaced; the file store is
 * never overwritten, only added to).
 */
export async function restoreBackup(
  installation: Installation,
  dir: string,
  options: { overwrite?: boolean; say?: (line: string) => void } = {},
): Promise<Manifest> {
  const say = options.say ?? (() => undefined);
  const manifest = readManifest(dir);
  say(`校验备份中的 ${manifest.files.length} 个文件 / checking the ${manifest.files.length} files of the backup …`);
  const damaged = await checkFiles(dir, manifest);
  if (damaged.length)
    throw new BackupRefusal(`备份与清单不符，拒绝恢复 / the backup does not match its manifest; nothing restored:\n  ${damaged.join('\n  ')}`);
  const keys = keyProblems(installation, manifest);
  if (keys.length)
    throw new BackupRefusal(
      `密钥不符，拒绝恢复（密钥不在备份中，须从单独保管处取回）/ the keys do not match; nothing restored (keys are never in a backup: take them from where they are kept apart):\n  ${keys.join('\n  ')}`,
    );
  const { app, engine, store } = installation;
  const profile = app.kind === 'sqlite' && engine.kind === 'h2' ? 'embedded' : app.kind === 'mariadb' && engine.kind === 'mariadb' ? 'mariadb' : 'mixed';
  if (profile !== manifest.profile)
    throw new BackupRefusal(
      `备份来自 ${manifest.profile} 安装，目标是 ${profile} / the backup is of an ${manifest.profile} installation, the target is ${profile}`,
    );
  const there = await whatIsThere(installation);
  if (there.length && !options.overwrite)
    throw new BackupRefusal(
      `目标安装不是空的，拒绝覆盖（确需覆盖请加 --overwrite）/ the target installation is not empty; nothing restored (add --overwrite to replace its databases):\n  ${there.join('\n  ')}`,
    );

  if (app.kind === 'sqlite' && engine.kind === 'h2' && manifest.databases.engine.kind === 'h2') {
    say('恢复引擎数据库（H2）/ restoring the engine database (H2) …');
    await loadH2(join(dir, manifest.databases.engine.file), engine.file, process.env.ENGINE_DB_PASSWORD ?? '', Boolean(options.overwrite));
    say('恢复应用数据库（SQLite）/ restoring the app database (SQLite) …');
    await copySqliteFile(join(dir, manifest.databases.app.file), app.file);
  } else if (app.kind === 'mariadb' && engine.kind === 'mariadb' && manifest.databases.app.kind === 'mariadb' && manifest.databases.engine.kind === 'mariadb') {
    say(`恢复两个数据库 / restoring both databases into ${app.database}, ${engine.database} …`);
    await loadMariadb(
      dumpAccount(installation),
      join(dir, manifest.databases.app.file),
      { [manifest.databases.app.database]: app.database, [manifest.databases.engine.database]: engine.database },
      Boolean(options.overwrite),
    );
  }
  const files = manifest.files.filter((f) => f.path.startsWith('files/')).map((f) => f.path);
  say(`恢复 ${files.length} 个存储的文件 / restoring ${files.length} stored files into ${store.location} …`);
  await copyIn(store, dir, files);
  return manifest;
}
