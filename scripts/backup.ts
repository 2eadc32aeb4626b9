/**
 * `npm run backup -- <dir>`: a consistent backup of the app database, the engine's database and
 * the stored files into <dir> (new or empty), with a manifest of every file's SHA-256 and SM3.
 * The same environment as `npm start` (DATA_DIR, APP_DB_URL, ENGINE_DB_URL, STORAGE_*). MariaDB:
 * while the platform runs. Embedded (SQLite + H2): with the platform stopped (refused otherwise).
 * Keys are not in the backup. Each run, refused or failed ones too, is recorded in the app database
 * (运维监控 › 系统状态). docs/storage-and-backup.md.
 */
import { resolve } from 'node:path';
import { loadConfigOrExit } from '../server/config/load.ts';
import { BackupRefusal, installationOf } from './backup/installation.ts';
import { backupAndRecord } from './backup/record-run.ts';

const dir = process.argv.slice(2).find((a) => !a.startsWith('--'));
if (!dir) {
  console.error('用法 / usage: npm run backup -- <backup folder>');
  process.exit(1);
}
const config = loadConfigOrExit();
try {
  const { manifest, manifestSm3 } = await backupAndRecord(installationOf(config), resolve(dir), (line) => console.error(line));
  console.log(
    [
      `备份完成 / backup written: ${resolve(dir)}`,
      `  ${manifest.profile}; ${manifest.files.length} files, ${manifest.storage.objects} stored objects; platform ${manifest.platform.version} ${manifest.platform.commit?.slice(0, 12) ?? ''}`,
      `  清单的 SM3（请与备份分开记录）/ the manifest's SM3 (record it apart from the backup): ${manifestSm3}`,
      '  密钥不在备份中：恢复时需要这些密钥（与备份分开保管）/ the keys are NOT in the backup; a restore needs these, kept apart:',
      ...Object.keys(manifest.keys.checks).map((k) => `    ${k}`),
    ].join('\n'),
  );
} catch (err) {
  console.error(err instanceof BackupRefusal ? `备份被拒绝 / backup refused: ${err.message}` : err);
  process.exit(2);
}
