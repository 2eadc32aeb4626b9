/**
 * 文件存储 (kernel): where uploaded materials and generated documents are kept, reached by every
 * node — a directory (the data directory, or STORAGE_DIR on a shared mount) or an S3-compatible
 * object store (STORAGE_S3_*). Domains keep and read files only through `storageOf(config)`.
 * docs/storage-and-backup.md describes both and the backup.
 */
import type { Config } from '../config/schema.ts';
import { DirectoryStore } from './directory-store.ts';
import { S3Store } from './s3-store.ts';
import type { ObjectStore } from './object-store.ts';

export { ObjectMissing, checkedKey, type ObjectStore, type StoredObject } from './object-store.ts';
export { DirectoryStore } from './directory-store.ts';
export { S3Store, S3Error, type S3Settings } from './s3-store.ts';

/** The folders (key prefixes) of the platform's files: uploads by SM3, sealed documents by SHA-256. */
export const STORAGE_AREAS = ['attachments/', 'documents/'] as const;

const stores = new Map<string, ObjectStore>();

/** The store the configuration names (one per setting, shared by the server and the workers of a process). */
export function storageOf(config: Pick<Config, 'dataDir' | 'storage'>): ObjectStore {
  const { dir, s3 } = config.storage;
  const id = s3.endpoint ? `s3:${s3.endpoint}/${s3.bucket}/${s3.accessKeyId}` : `dir:${dir || config.dataDir}`;
  let store = stores.get(id);
  if (!store) {
    store = s3.endpoint ? new S3Store(s3) : new DirectoryStore(dir || config.dataDir);
    stores.set(id, store);
  }
  return store;
}
/** 系统状态: each `npm run backup` recorded in the app database, and the recent ones read back (migration 0053). */
export { BACKUP_STALE_AFTER_MS, recentBackupRuns, recordBackupRun, type BackupRun } from './backup-runs.ts';
