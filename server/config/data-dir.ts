import { chmodSync, mkdirSync } from 'node:fs';

/**
 * The data directory holds personal data (the app database on SQLite, uploaded materials, result
 * documents, logs) and secrets: only the platform's own user may enter it (0700), and every file
 * the process makes from now on is its own alone (umask 077: files 0600, directories 0700).
 * Closing the directory protects what older versions left world-readable inside it too.
 */
export function protectDataDir(dataDir: string): void {
  process.umask(0o077);
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  chmodSync(dataDir, 0o700);
}
