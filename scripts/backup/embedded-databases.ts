import { spawn } from 'node:child_process';
import { constants, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { copyFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import sqlite3 from 'sqlite3';
import { engineJar } from '../lib/engine.ts';
import { BackupRefusal } from './installation.ts';

/**
 * The embedded default's databases. The app's SQLite file is copied with SQLite's online backup
 * API (a consistent copy even while the file is open). The engine's H2 file is written out as SQL
 * by H2's own Script tool and read back by RunScript, both run from the engine's jar (Spring Boot's
 * PropertiesLauncher): H2 opens its file for one process only, so the tool refuses while the
 * engine runs — that is the proof the platform is stopped, which the two files need to be one
 * consistent moment (docs/storage-and-backup.md).
 */

interface SqliteBackup {
  step(pages: number, callback: (err: Error | null) => void): void;
  finish(callback?: (err: Error | null) => void): void;
}

export async function copySqlite(from: string, to: string): Promise<void> {
  const db = new sqlite3.Database(from, sqlite3.OPEN_READONLY);
  try {
    await new Promise<void>((resolve, reject) => {
      const backup = (db as unknown as { backup(file: string, cb: (err: Error | null) => void): SqliteBackup }).backup(to, (err) => {
        if (err) return reject(err);
        backup.step(-1, (stepErr) => {
          if (stepErr) return reject(stepErr);
          backup.finish((finishErr) => (finishErr ? reject(finishErr) : resolve()));
        });
      });
    });
  } finally {
    await new Promise<void>((resolve) => db.close(() => resolve()));
  }
}

/** Tables in a SQLite file (0 for a file that does not exist). */
export async function sqliteTables(file: string): Promise<number> {
  if (!existsSync(file)) return 0;
  const db = new sqlite3.Database(file, sqlite3.OPEN_READONLY);
  try {
    return await new Promise<number>((resolve, reject) =>
      db.get("SELECT COUNT(*) AS n FROM sqlite_master WHERE type = 'table'", (err, row: { n: number }) => (err ? reject(err) : resolve(row.n))),
    );
  } finally {
    await new Promise<void>((resolve) => db.close(() => resolve()));
  }
}

function h2Tool(tool: 'Script' | 'RunScript', args: string[]): Promise<void> {
  const jar = engineJar();
  if (!existsSync(jar)) throw new BackupRefusal(`找不到引擎的 jar / the engine's jar is missing: ${jar} (npm run engine:build)`);
  return new Promise((resolve, reject) => {
    const child = spawn('java', [`-Dloader.main=org.h2.tools.${tool}`, '-cp', jar, 'org.springframework.boot.loader.launch.PropertiesLauncher', ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0 && !/Exception/.test(output)) return resolve();
      if (/already in use|90020/i.test(output))
        return reject(
          new BackupRefusal(
            '引擎的 H2 数据库正在使用中：请先停止平台（npm start 的进程）再备份或恢复。 / The engine’s H2 database is in use: stop the platform (the npm start process) first.',
          ),
        );
      reject(new Error(`H2 ${tool} failed (exit ${code}): ${output.trim().split('\n').slice(0, 5).join(' | ')}`));
    });
  });
}

const h2Url = (file: string) => `jdbc:h2:file:${file};IFEXISTS=TRUE`;

/** The engine's H2 database as a SQL script (refused while the engine has it open). */
export async function dumpH2(file: string, to: string, password: string): Promise<void> {
  if (!existsSync(`${file}.mv.db`)) throw new BackupRefusal(`找不到引擎数据库 / no engine database at ${file}.mv.db`);
  await h2Tool('Script', ['-url', h2Url(file), '-user', 'sa', '-password', password, '-script', to]);
}

/** A new H2 database from the script (the file must not exist: overwrite removes it first). */
export async function loadH2(script: string, file: string, password: string, overwrite: boolean): Promise<void> {
  if (overwrite) for (const suffix of ['.mv.db', '.trace.db']) rmSync(`${file}${suffix}`, { force: true });
  await h2Tool('RunScript', ['-url', `jdbc:h2:file:${file}`, '-user', 'sa', '-password', password, '-script', script]);
}

/**
 * The backed-up SQLite file into place, byte for byte (it was checked against the manifest; opening
 * it with SQLite would write -shm/-wal files into the backup), under a temporary name first.
 */
export async function copySqliteFile(from: string, to: string): Promise<void> {
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(`${to}${suffix}`, { force: true });
  mkdirSync(dirname(to), { recursive: true });
  await copyFile(from, `${to}.part`, constants.COPYFILE_EXCL);
  renameSync(`${to}.part`, to);
}
