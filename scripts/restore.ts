/**
 * `npm run restore -- <dir> [--overwrite]`: restores a backup of `npm run backup` into the
 * installation the environment describes (as `npm start` reads it), with the platform stopped.
 * Refuses a backup whose files do not match its manifest, keys other than those the data was
 * written with, and an installation that holds data already (unless --overwrite). The keys come
 * from where they are kept apart: DATA_DIR/secrets.json (embedded) or the environment.
 * docs/storage-and-backup.md.
 */
import { existsSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadConfigOrExit } from '../server/config/load.ts';
import { secretsFile } from '../server/config/secrets.ts';
import { BackupRefusal, installationOf } from './backup/installation.ts';
import { restoreBackup } from './backup/restore-backup.ts';

const args = process.argv.slice(2);
const dir = args.find((a) => !a.startsWith('--'));
if (!dir) {
  console.error('用法 / usage: npm run restore -- <backup folder> [--overwrite]');
  process.exit(1);
}
const KEYS = ['SEAL_KEY', 'AUDIT_KEY', 'SECOND_FACTOR_KEY', 'PERSONAL_DATA_KEYS', 'PERSONAL_DATA_INDEX_KEY'];
const dataDir = resolve(process.env.DATA_DIR ?? 'data');
// the embedded default would make new keys for a data folder without them: that would be data no key opens
if ((process.env.APP_MODE ?? 'embedded') === 'embedded' && !existsSync(secretsFile(dataDir)) && KEYS.some((k) => !process.env[k])) {
  console.error(
    [
      '恢复被拒绝：新安装还没有密钥。密钥不在备份中（与备份分开保管）。/ restore refused: the new installation has no keys. Keys are not in a backup (they are kept apart).',
      `  请把原安装的 secrets.json 放到 ${secretsFile(dataDir)}（权限 600），或设置环境变量 ${KEYS.join(', ')}，再运行一次。`,
      `  Put the original installation's secrets.json at ${secretsFile(dataDir)} (mode 600), or set ${KEYS.join(', ')}, and run again.`,
    ].join('\n'),
  );
  process.exit(2);
}
// loading the embedded configuration writes a secrets.json when there is none: a refused restore takes it away again
const secretsMadeNow = !existsSync(secretsFile(dataDir));
const config = loadConfigOrExit();
try {
  const manifest = await restoreBackup(installationOf(config), resolve(dir), { overwrite: args.includes('--overwrite'), say: (line) => console.error(line) });
  console.log(
    [
      `恢复完成 / restored: the backup of ${manifest.createdAt} (platform ${manifest.platform.version} ${manifest.platform.commit?.slice(0, 12) ?? ''})`,
      '  下一步 / next: start the platform (npm start), then check the audit trail: npm run audit:verify',
    ].join('\n'),
  );
} catch (err) {
  if (secretsMadeNow) rmSync(secretsFile(dataDir), { force: true });
  console.error(err instanceof BackupRefusal ? `恢复被拒绝 / restore refused: ${err.message}` : err);
  process.exit(2);
}
