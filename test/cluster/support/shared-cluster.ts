/**
 * The one cluster the files of test/cluster/ share (scripts/cluster/cluster.ts, as `npm run
 * cluster` runs it, with the sandboxes of the outside systems on free ports): started once by the
 * root hooks (test/support/hooks.ts) when a loaded file imports this module, stopped at the end.
 * Its engines log at DEBUG (the external task watcher's signals, read by the wake-up test).
 *
 * Needs MariaDB (TEST_MYSQL_*) and Redis (TEST_REDIS_URL), as scripts/test.sh's cluster tier gives
 * them; builds nothing: the engine jar, dist/ and the web build must be there (the tier builds them).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConnection, type Connection } from 'mysql2/promise';
import { loadConfig } from '../../../server/config/load.ts';
import { freePort } from '../../../scripts/lib/engine.ts';
import { startOutsideSystems, type Sandbox } from '../../../scripts/lib/outside-systems.ts';
import { startCluster, type Cluster } from '../../../scripts/cluster/cluster.ts';
import { registerPlatform } from '../../support/platform-registry.ts';
import { ClusterClient } from './cluster-client.ts';

export interface ClusterEnvironment {
  cluster: Cluster;
  /** the app database, for what the API does not show (leases, idempotency keys) */
  db: Connection;
  /** the balancer's address */
  front: ClusterClient;
  /** each server node's own address */
  nodes: ClusterClient[];
  /** the engine's service account */
  credentials: { user: string; password: string };
}

const mysql = {
  host: process.env.TEST_MYSQL_HOST ?? '127.0.0.1',
  port: Number(process.env.TEST_MYSQL_PORT ?? 33306),
  user: process.env.TEST_MYSQL_USER ?? 'approval',
  password: process.env.TEST_MYSQL_PASSWORD ?? 'approval-test',
};
const suffix = (process.env.TEST_LANE ?? 'cluster').replace(/\W/g, '_');
const databases = { app: `approval_cluster_${suffix}`, engine: `camunda_cluster_${suffix}` };

let current: ClusterEnvironment | undefined;
let dir: string | undefined;
const sandboxes: Sandbox[] = [];

export function clusterEnv(): ClusterEnvironment {
  if (!current) throw new Error('the cluster is not started (run through mocha with test/support/hooks.ts)');
  return current;
}

async function start(): Promise<void> {
  const admin = await createConnection(mysql);
  for (const name of Object.values(databases)) {
    await admin.query(`DROP DATABASE IF EXISTS \`${name}\``);
    await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin`);
  }
  await admin.end();
  dir = mkdtempSync(join(tmpdir(), 'approval-cluster-'));
  const port = await freePort();
  const outside = await startOutsideSystems(loadConfig({ DATA_DIR: dir, PUBLIC_URL: `http://127.0.0.1:${port}` }), sandboxes, () => undefined, {
    anyPort: true,
  });
  const cluster = await startCluster({
    dir,
    port,
    mysql,
    databases,
    redisUrl: process.env.TEST_REDIS_URL ?? '',
    env: {
      ...outside,
      LOG_LEVEL: 'warn',
      // schedulers every second, their leases 3 s: a node's death moves them within seconds
      DEADLINE_SWEEP_INTERVAL_MS: '1000',
      INBOX_SYNC_INTERVAL_MS: '1000',
      // short long polls: a worker whose engine node died asks the other soon
      WORKER_LONG_POLL_MS: '2000',
      WORKER_RETRY_TIMEOUT_MS: '1000',
    },
    // the external task watcher says each signal at DEBUG
    engineEnv: { LOGGING_LEVEL_APPROVAL_ENGINE: 'DEBUG' },
  });
  current = {
    cluster,
    db: await createConnection({ ...mysql, database: databases.app }),
    front: new ClusterClient(cluster.url),
    nodes: cluster.servers.map((s) => new ClusterClient(s.url!)),
    credentials: { user: cluster.env.ENGINE_USER!, password: cluster.env.ENGINE_PASSWORD! },
  };
}

async function stop(): Promise<void> {
  await current?.db.end();
  await current?.cluster.stop();
  await Promise.allSettled(sandboxes.map((s) => s.close()));
  if (dir) rmSync(dir, { recursive: true, force: true });
  current = undefined;
}

registerPlatform({ start, stop });
