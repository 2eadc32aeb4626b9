import { existsSync } from 'node:fs';
import { createSequelize } from '../../server/db/sequelize.ts';
import { recordBackupRun, type BackupRun } from '../../server/storage/index.ts';
import type { Installation } from './installation.ts';
import type { Manifest } from './manifest.ts';
import { takeBackup } from './take-backup.ts';

/** What a finished backup's manifest says of it, as `backup_runs` keeps it. */
export function runOfManifest(manifest: Manifest, location: string, startedAt: Date): BackupRun {
  return {
    startedAt,
    finishedAt: new Date(),
    location,
    profile: manifest.profile,
    databases: `app: ${manifest.databases.app.kind}, engine: ${manifest.databases.engine.kind}`,
    files: manifest.files.length,
    storedObjects: manifest.storage.objects,
    totalBytes: manifest.files.reduce((sum, f) => sum + f.size, 0),
    outcome: 'succeeded',
    error: null,
  };
}

/**
 * Records the run in the installation's app database (运维监控 › 系统状态 lists it and warns when
 * the last successful one is old). After the backup, so the backup never holds its own record;
 * a record that cannot be written (the database gone, not yet migrated) is said, not fatal: the
 * backup itself stands.
 */
export async function recordRun(installation: Installation, run: BackupRun, say: (line: string) => void): Promise<boolean> {
  const { app, config } = installation;
  if (app.kind === 'sqlite' && !existsSync(app.file)) {
    say(`未记录本次备份：应用数据库不存在 / the run was not recorded: no app database at ${app.file}`);
    return false;
  }
  const sequelize = createSequelize(config.appDbUrl);
  try {
    await recordBackupRun(sequelize, run);
    return true;
  } catch (err) {
    say(`未能在应用数据库中记录本次备份 / the run could not be recorded in the app database: ${(err as Error).message}`);
    return false;
  } finally {
    await sequelize.close();
  }
}

/** `npm run backup`: takes the backup (./take-backup.ts) and records the run, succeeded or not; a failure is thrown on after its record. */
export async function backupAndRecord(installation: Installation, dir: string, say: (line: string) => void = () => undefined): ReturnType<typeof takeBackup> {
  const startedAt = new Date();
  let taken: Awaited<ReturnType<typeof takeBackup>>;
  try {
    taken = await takeBackup(installation, dir, say);
  } catch (err) {
    const failed: BackupRun = {
      startedAt,
      finishedAt: new Date(),
      location: dir,
      profile: null,
      databases: null,
      files: 0,
      storedObjects: 0,
      totalBytes: 0,
      outcome: 'failed',
      error: err instanceof Error ? err.message : String(err),
    };
    await recordRun(installation, failed, say);
    throw err;
  }
  await recordRun(installation, runOfManifest(taken.manifest, dir, startedAt), say);
  return taken;
}
