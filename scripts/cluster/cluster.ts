/**
 * A cluster on one machine (`npm run cluster`, the cluster tests): engine nodes on one MariaDB
 * database, server nodes on one app database sharing socket.io rooms through Redis and one data
 * directory (the stored files), worker processes per group of topics, and nginx in front
 * (./balancer.ts): one address for the platform, one for the engines. Every node can be stopped,
 * killed and started again on its own, so a test can take one away under load.
 *
 * The engines start one after the other (the first creates the engine's schema), then the servers
 * (the first migrates the app database and writes the data directory's secrets on the embedded
 * default), then the workers. Engines post their task events to the platform's address, so any
 * server node takes them; servers and workers reach the engines through the balancer.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { loadConfig } from '../../server/config/load.ts';
import type { Config } from '../../server/config/schema.ts';
import { TOPICS } from '../../contract/topics.ts';
import { freePort, startEngine, type RunningEngine } from '../lib/engine.ts';
import { launchPart, waitForHealth } from '../lib/launch-part.ts';
import { WORKER_NODE_FLAGS } from '../lib/node-flags.ts';
import { startBalancer, type Balancer } from './balancer.ts';

/** The worker processes: the machine steps grouped by what they weigh (the seals render and sign PDFs). */
export const WORKER_GROUPS: Record<string, readonly string[]> = {
  steps: [TOPICS.acceptance, TOPICS.notify, TOPICS.assignReviewers, TOPICS.tally, TOPICS.jointDecision, TOPICS.instantApproval],
  money: [TOPICS.payment, TOPICS.paymentExpiry, TOPICS.payout],
  seals: [TOPICS.seal],
  delivery: [TOPICS.delivery],
};

export interface ClusterOptions {
  /** the shared data directory of the server nodes (DATA_DIR) and the cluster's logs and balancer */
  dir: string;
  /** the platform's one address; 0: a free port */
  port: number;
  bind?: string;
  mysql: { host: string; port: number; user: string; password: string };
  databases: { app: string; engine: string };
  redisUrl: string;
  engineNodes?: number;
  serverNodes?: number;
  /** more environment for the servers and the workers (APP_MODE, secrets, the sandboxes' addresses) */
  env?: Record<string, string>;
  /** more environment for the engines */
  engineEnv?: Record<string, string>;
  say?: (message: string) => void;
}

export interface ClusterNode {
  name: string;
  /** the node's own address (an engine's REST root, a server's root); none for a worker */
  url?: string;
  running(): boolean;
  /** SIGTERM and wait (a server drains, an engine ends its long polls) */
  stop(): Promise<void>;
  /** SIGKILL: the node dies as on a power cut */
  kill(): Promise<void>;
  /** starts it again (same port, same settings) */
  start(): Promise<void>;
  /** resolves when the current process ends, with how */
  ended(): Promise<string>;
  /** the current process's id (a server's scheduler leases name it) */
  pid(): number | undefined;
}

export interface Cluster {
  url: string;
  engineUrl: string;
  config: Config;
  env: Record<string, string>;
  balancer: Balancer;
  engines: ClusterNode[];
  servers: ClusterNode[];
  workers: ClusterNode[];
  logDir: string;
  stop(): Promise<void>;
}

const exitOf = (child: ChildProcess) =>
  new Promise<string>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve(child.signalCode ? `killed by ${child.signalCode}` : `exit code ${child.exitCode}`);
    else child.once('exit', (code, signal) => resolve(signal ? `killed by ${signal}` : `exit code ${code}`));
  });

/** A Node part (server, workers) as a node of the cluster. */
function nodePart(start: () => Promise<ChildProcess>, name: string, url?: string): ClusterNode {
  let child: ChildProcess | undefined;
  const alive = () => child !== undefined && child.exitCode === null && child.signalCode === null;
  const end = async (signal: NodeJS.Signals) => {
    if (!child || !alive()) return;
    const ended = exitOf(child);
    const timer = setTimeout(() => child?.kill('SIGKILL'), 20_000);
    child.kill(signal);
    await ended;
    clearTimeout(timer);
  };
  return {
    name,
    url,
    running: alive,
    stop: () => end('SIGTERM'),
    kill: () => end('SIGKILL'),
    async start() {
      if (alive()) return;
      child = await start();
    },
    ended: () => (child ? exitOf(child) : Promise.resolve('not started')),
    pid: () => child?.pid,
  };
}

/** An engine node: the java process of scripts/lib/engine.ts. */
function engineNode(name: string, port: number, start: (port: number) => Promise<RunningEngine>): ClusterNode {
  let engine: RunningEngine | undefined;
  const alive = () => {
    if (!engine) return false;
    try {
      process.kill(engine.pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  const gone = async (pid: number) => {
    for (;;) {
      try {
        process.kill(pid, 0);
      } catch {
        return;
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  };
  return {
    name,
    url: `http://127.0.0.1:${port}/engine-rest`,
    running: alive,
    async stop() {
      if (alive()) await engine!.stop();
    },
    async kill() {
      if (!alive()) return;
      process.kill(engine!.pid, 'SIGKILL');
      await gone(engine!.pid);
    },
    async start() {
      if (alive()) return;
      engine = await start(port);
    },
    ended: async () => {
      if (engine) await gone(engine.pid);
      return 'process gone';
    },
    pid: () => engine?.pid,
  };
}

export async function startCluster(options: ClusterOptions): Promise<Cluster> {
  const say = options.say ?? (() => undefined);
  const logDir = join(options.dir, 'logs');
  mkdirSync(logDir, { recursive: true });
  const engineCount = options.engineNodes ?? 2;
  const serverCount = options.serverNodes ?? 2;
  const port = options.port || (await freePort());
  const enginePorts: number[] = [];
  for (let i = 0; i < engineCount; i++) enginePorts.push(await freePort());
  const serverPorts: number[] = [];
  for (let i = 0; i < serverCount; i++) serverPorts.push(await freePort());
  const balancerPort = await freePort();

  const balancer = await startBalancer({ dir: join(options.dir, 'balancer'), port, bind: options.bind, enginePort: balancerPort, serverPorts, enginePorts });
  say(`nginx on ${balancer.url} (servers ${serverPorts.join(', ')}), engines behind ${balancer.engineUrl} (${enginePorts.join(', ')})`);

  const { mysql, databases } = options;
  const env: Record<string, string> = {
    DATA_DIR: options.dir,
    APP_DB_URL: `mysql://${encodeURIComponent(mysql.user)}:${encodeURIComponent(mysql.password)}@${mysql.host}:${mysql.port}/${databases.app}`,
    ENGINE_URL: balancer.engineUrl,
    // each engine node's own address: 运维监控's 系统状态 asks every one of them
    ENGINE_NODE_URLS: enginePorts.map((p) => `http://127.0.0.1:${p}/engine-rest`).join(','),
    REDIS_URL: options.redisUrl,
    PUBLIC_URL: balancer.url,
    // the balancer on loopback names the client in X-Forwarded-For
    TRUST_PROXY: 'loopback',
    ...options.env,
  };
  // the engine's service account: from the environment, else the embedded default's secrets in the data directory
  const config = loadConfig(env);
  Object.assign(env, { ENGINE_USER: config.engine.user, ENGINE_PASSWORD: config.engine.password });

  const engines = enginePorts.map((p, i) =>
    engineNode(`engine-${i + 1}`, p, (enginePort) =>
      startEngine({
        port: enginePort,
        dataDir: join(options.dir, `engine-${i + 1}`),
        dbUrl: `jdbc:mariadb://${mysql.host}:${mysql.port}/${databases.engine}`,
        dbUser: mysql.user,
        dbPassword: mysql.password,
        user: config.engine.user,
        password: config.engine.password,
        logFile: join(logDir, `engine-${i + 1}.log`),
        eventsUrl: `${balancer.url}/api/v1/engine-events`,
        // a job held by a node that died runs elsewhere 20 s later, not 5 minutes (docs/engine.md)
        env: { POLICY_MAX_INSTANCES: String(config.policy.maxInstances), ENGINE_JOB_LOCK_MS: '20000', ...options.engineEnv },
      }),
    ),
  );
  const servers = serverPorts.map((p, i) => {
    const name = `server-${i + 1}`;
    const url = `http://127.0.0.1:${p}`;
    return nodePart(
      async () => {
        const child = launchPart(logDir, name, 'dist/server.mjs', { ...env, HOST: '127.0.0.1', PORT: String(p) });
        await waitForHealth(url, child, 120_000, join(logDir, `${name}.log`));
        return child;
      },
      name,
      url,
    );
  });
  const workers = Object.entries(WORKER_GROUPS).map(([group, topics]) =>
    nodePart(
      async () => launchPart(logDir, `workers-${group}`, 'dist/workers.mjs', { ...env, WORKER_TOPICS: topics.join(',') }, WORKER_NODE_FLAGS),
      `workers-${group}`,
    ),
  );

  const stop = async () => {
    await Promise.all(workers.map((w) => w.stop()));
    await Promise.all(servers.map((s) => s.stop()));
    await Promise.all(engines.map((e) => e.stop()));
    await balancer.stop();
  };
  try {
    for (const engine of engines) {
      await engine.start();
      say(`${engine.name} on ${engine.url}`);
    }
    for (const server of servers) {
      await server.start();
      say(`${server.name} on ${server.url}`);
    }
    for (const worker of workers) await worker.start();
    say(
      `workers: ${Object.entries(WORKER_GROUPS)
        .map(([g, t]) => `${g} (${t.join(', ')})`)
        .join('; ')}`,
    );
  } catch (err) {
    await stop();
    throw err;
  }
  return { url: balancer.url, engineUrl: balancer.engineUrl, config, env, balancer, engines, servers, workers, logDir, stop };
}
