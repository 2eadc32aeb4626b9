/**
 * `npm run cluster` (through scripts/cluster.sh, which provides MariaDB, Redis and nginx): builds
 * what is missing, then runs the platform as a cluster on this machine (scripts/cluster/cluster.ts)
 * on its own databases (approval_cluster, camunda_cluster; kept between runs) and data directory
 * (CLUSTER_DATA_DIR, default data/cluster), with the sandboxes of the outside systems, on the
 * embedded default's demo accounts unless APP_MODE=production. A node that crashes is started
 * again (scripts/supervise.ts); Ctrl-C stops everything.
 */
import { join } from 'node:path';
import { createConnection } from 'mysql2/promise';
import { loadConfigOrExit } from '../server/config/load.ts';
import { protectDataDir } from '../server/config/data-dir.ts';
import { DEMO_PASSWORD } from '../server/auth/demo-accounts.ts';
import { buildEngine, REPO_ROOT } from './lib/engine.ts';
import { bundle } from './build.ts';
import { ensureWebBuilt } from './build-web.ts';
import { startOutsideSystems, type Sandbox } from './lib/outside-systems.ts';
import { supervise, type Supervisor } from './supervise.ts';
import { startCluster, type Cluster } from './cluster/cluster.ts';

const say = (message: string) => console.log(`[cluster] ${message}`);
const dir = process.env.CLUSTER_DATA_DIR ?? join(REPO_ROOT, 'data', 'cluster');
const mysql = {
  host: process.env.TEST_MYSQL_HOST ?? '127.0.0.1',
  port: Number(process.env.TEST_MYSQL_PORT ?? 33306),
  user: process.env.TEST_MYSQL_USER ?? 'approval',
  password: process.env.TEST_MYSQL_PASSWORD ?? 'approval-test',
};
const databases = { app: process.env.CLUSTER_APP_DB ?? 'approval_cluster', engine: process.env.CLUSTER_ENGINE_DB ?? 'camunda_cluster' };

// the launcher's view of the configuration: the data directory's secrets (embedded default), the sandboxes
const port = Number(process.env.CLUSTER_PORT ?? 8080);
process.env.DATA_DIR = dir;
process.env.PUBLIC_URL ??= `http://${process.env.HOST && process.env.HOST !== '0.0.0.0' ? process.env.HOST : '127.0.0.1'}:${port}`;
const config = loadConfigOrExit();
protectDataDir(dir);

const sandboxes: Sandbox[] = [];
/** by kind: engines, servers, workers */
const supervisors: Supervisor[][] = [];
let cluster: Cluster | undefined;
let stopping = false;
async function stopAll(code: number): Promise<never> {
  if (!stopping) {
    stopping = true;
    say('stopping the cluster …');
    // the workers first, then the servers, then the engines (each supervisor stops its node)
    for (const group of [...supervisors].reverse()) await Promise.all(group.map((s) => s.stop()));
    await cluster?.stop();
    await Promise.allSettled(sandboxes.map((s) => s.close()));
    say('stopped');
  }
  process.exit(code);
}
process.on('SIGINT', () => void stopAll(0));
process.on('SIGTERM', () => void stopAll(0));

try {
  await Promise.all([buildEngine(), bundle(), ensureWebBuilt()]);
  const admin = await createConnection(mysql);
  for (const db of [databases.app, databases.engine]) await admin.query(`CREATE DATABASE IF NOT EXISTS \`${db}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin`);
  await admin.end();
  const outside = await startOutsideSystems(config, sandboxes, say);
  cluster = await startCluster({
    dir,
    port,
    bind: process.env.HOST,
    mysql,
    databases,
    redisUrl: process.env.TEST_REDIS_URL ?? process.env.REDIS_URL ?? '',
    env: { ...(process.env.APP_MODE ? { APP_MODE: process.env.APP_MODE } : {}), ...outside },
    say,
  });
  for (const nodes of [cluster.engines, cluster.servers, cluster.workers]) {
    const group: Supervisor[] = [];
    supervisors.push(group);
    for (const node of nodes)
      group.push(await supervise(node.name, async () => (await node.start(), { ended: node.ended(), stop: () => node.stop() }), { say }));
  }
  console.log(`
  审批平台集群已启动 / The approval platform runs as a cluster

    Web          ${cluster.url}/          (nginx: ${cluster.servers.map((s) => s.url).join(', ')})
    Engines      ${cluster.engineUrl}  (nginx: ${cluster.engines.map((e) => e.url).join(', ')})
    Databases    ${mysql.host}:${mysql.port} ${databases.app}, ${databases.engine}
    Logs         ${cluster.logDir}
    ${config.mode === 'embedded' ? `Demo accounts as for npm start (password "${DEMO_PASSWORD}")` : 'Production mode: no demo accounts'}

  Kill a node (kill -9 <pid>) to watch the others go on; the cluster starts it again.
  Ctrl-C stops everything / Ctrl-C 停止全部.
`);
} catch (err) {
  if (!stopping) {
    console.error(`[cluster] could not start: ${(err as Error).message}`);
    await stopAll(1);
  }
}
