/**
 * The production setup the benchmarks run on (bench/bench.ts, bench/instant-approval.ts): the
 * engine on MariaDB, fresh databases, the app in production mode with secrets of its own, and the
 * server and the workers as child processes on bare Node (bundled by the caller, as in production).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, openSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { loadConfig } from '../server/config/load.ts';
import type { Config } from '../server/config/schema.ts';
import { freePort, REPO_ROOT, startEngine, type RunningEngine } from '../scripts/lib/engine.ts';
import { appDbUrl, benchMysql, freshDatabases, productionSecrets } from './mysql.ts';

export interface ProductionSetupOptions {
  /** the engine's and the app's databases, dropped and created empty */
  engineDb: string;
  appDb: string;
  engineUser: string;
  /** more environment for the server and the workers (sandboxes' URLs, intervals); LOG_LEVEL is warn unless given */
  env?: Record<string, string>;
  /**
   * the engine pushes its task events to the server, as in production (scripts/platform.ts): the
   * server's port is then chosen before the engine starts and given to the children as PORT
   */
  engineEventsToServer?: boolean;
}

export interface ProductionSetup {
  engine: RunningEngine;
  engineUser: string;
  enginePassword: string;
  /** the environment the server and the workers get */
  env: Record<string, string>;
  config: Config;
  dataDir: string;
  /** the server's port when engineEventsToServer, else undefined (the caller passes PORT) */
  serverPort: number | undefined;
  /** starts a child on bare Node with the setup's environment; its stdout is dropped, or appended to stdoutFile */
  launch(script: string, extra?: Record<string, string>, nodeOptions?: string[], stdoutFile?: string): ChildProcess;
  /** stops the children (SIGTERM, waiting for each to exit), then the engine; removes the data dir */
  stop(): Promise<void>;
}

export async function startProductionSetup(options: ProductionSetupOptions): Promise<ProductionSetup> {
  await freshDatabases([options.engineDb, options.appDb]);
  const mysql = benchMysql;
  const dataDir = mkdtempSync(join(tmpdir(), 'approval-bench-'));
  const enginePassword = randomBytes(18).toString('base64url');
  const serverPort = options.engineEventsToServer ? await freePort() : undefined;
  const engine = await startEngine({
    port: 0,
    dataDir: join(dataDir, 'engine'),
    dbUrl: `jdbc:mariadb://${mysql.host}:${mysql.port}/${options.engineDb}`,
    dbUser: mysql.user,
    dbPassword: mysql.password,
    user: options.engineUser,
    password: enginePassword,
    eventsUrl: serverPort ? `http://127.0.0.1:${serverPort}/api/v1/engine-events` : undefined,
  });
  const env: Record<string, string> = {
    APP_MODE: 'production',
    DATA_DIR: dataDir,
    APP_DB_URL: appDbUrl(options.appDb),
    ENGINE_URL: engine.url,
    ENGINE_USER: options.engineUser,
    ENGINE_PASSWORD: enginePassword,
    ...productionSecrets(),
    LOG_LEVEL: 'warn',
    ...(serverPort ? { PORT: String(serverPort), PUBLIC_URL: `http://127.0.0.1:${serverPort}` } : {}),
    ...options.env,
  };
  const config = loadConfig(env);
  const children: ChildProcess[] = [];

  return {
    engine,
    engineUser: options.engineUser,
    enginePassword,
    env,
    config,
    dataDir,
    serverPort,
    launch(script, extra = {}, nodeOptions = [], stdoutFile) {
      const child = spawn(process.execPath, [...nodeOptions, script], {
        cwd: REPO_ROOT,
        env: { ...process.env, ...env, ...extra },
        stdio: ['ignore', stdoutFile ? openSync(stdoutFile, 'a') : 'ignore', 'inherit'],
      });
      children.push(child);
      return child;
    },
    async stop() {
      for (const child of children) child.kill('SIGTERM');
      await Promise.all(children.map((c) => (c.exitCode === null && c.signalCode === null ? new Promise((r) => c.once('exit', r)) : undefined)));
      await engine.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Waits until the server answers its health check (up to 2 minutes); throws if it exits first. */
export async function waitForServer(url: string, server: ChildProcess): Promise<void> {
  for (let i = 0; ; i++) {
    if (
      await fetch(`${url}/api/v1/health`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return;
    if (server.exitCode !== null || i > 600) throw new Error('the server did not start');
    await new Promise((r) => setTimeout(r, 200));
  }
}
