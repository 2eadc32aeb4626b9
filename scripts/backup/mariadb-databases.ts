import { spawn, spawnSync } from 'node:child_process';
import { createReadStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import { createConnection } from 'mysql2/promise';
import type { MysqlServer } from './installation.ts';

/**
 * MariaDB/MySQL: both databases in one mariadb-dump with --single-transaction, so the app's rows
 * and the engine's are of one moment (one consistent snapshot, no lock held on a running
 * platform). The password goes in an option file only this process reads, never on a command line.
 */
function withOptionFile<T>(server: MysqlServer, run: (file: string) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'approval-backup-'));
  const file = join(dir, 'client.cnf');
  const quote = (v: string) => `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
  writeFileSync(file, `[client]\nhost=${quote(server.host)}\nport=${server.port}\nuser=${quote(server.user)}\npassword=${quote(server.password)}\n`, {
    mode: 0o600,
  });
  return run(file).finally(() => rmSync(dir, { recursive: true, force: true }));
}

const tool = (names: string[]) => names.find((n) => spawnSync(n, ['--version'], { stdio: 'ignore' }).status === 0);

function run(command: string, args: string[], input?: NodeJS.ReadableStream): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: [input ? 'pipe' : 'ignore', 'ignore', 'pipe'] });
    let errors = '';
    child.stderr!.on('data', (d: Buffer) => (errors += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`${command} exited ${code}: ${errors.trim().slice(0, 500)}`))));
    if (input) input.pipe(child.stdin!);
  });
}

export async function dumpMariadb(server: MysqlServer, databases: string[], to: string): Promise<string> {
  const dump = tool(['mariadb-dump', 'mysqldump']);
  if (!dump) throw new Error('mariadb-dump (or mysqldump) is not installed');
  await withOptionFile(server, (file) =>
    run(dump, [
      `--defaults-extra-file=${file}`,
      '--single-transaction',
      '--quick',
      '--hex-blob',
      '--triggers',
      '--no-tablespaces',
      '--default-character-set=utf8mb4',
      `--result-file=${to}`,
      '--databases',
      ...databases,
    ]),
  );
  return spawnSync(dump, ['--version'], { encoding: 'utf8' }).stdout.trim();
}

/** Tables in a database (0 when it does not exist). */
export async function mariadbTables(server: MysqlServer, database: string): Promise<number> {
  const connection = await createConnection({ host: server.host, port: server.port, user: server.user, password: server.password });
  try {
    const [rows] = await connection.query('SELECT COUNT(*) AS n FROM information_schema.tables WHERE table_schema = ?', [database]);
    return Number((rows as { n: number }[])[0]!.n);
  } finally {
    await connection.end();
  }
}

/**
 * Loads the dump into the target installation's databases: `names` maps each database name of the
 * backup to the target's (a restore may go to other names). Overwrite drops the targets first.
 */
export async function loadMariadb(server: MysqlServer, dumpFile: string, names: Record<string, string>, overwrite: boolean): Promise<void> {
  const client = tool(['mariadb', 'mysql']);
  if (!client) throw new Error('the mariadb (or mysql) client is not installed');
  if (overwrite) {
    const connection = await createConnection({ host: server.host, port: server.port, user: server.user, password: server.password });
    try {
      for (const name of Object.values(names)) await connection.query(`DROP DATABASE IF EXISTS \`${name}\``);
    } finally {
      await connection.end();
    }
  }
  const lines = createInterface({ input: createReadStream(dumpFile), crlfDelay: Infinity });
  const renamed = (async function* () {
    for await (const line of lines) {
      // the dump names its databases in these statements only (mariadb-dump --databases)
      const m = /^(CREATE DATABASE .*?|USE |-- Current Database: )`([^`]+)`(.*)$/.exec(line);
      yield `${m && names[m[2]!] ? `${m[1]}\`${names[m[2]!]}\`${m[3]}` : line}\n`;
    }
  })();
  await withOptionFile(server, (file) => run(client, [`--defaults-extra-file=${file}`, '--default-character-set=utf8mb4'], Readable.from(renamed)));
}
