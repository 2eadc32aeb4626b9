/**
 * Several engine nodes on one MariaDB/MySQL database (Camunda's homogeneous cluster), started one
 * after another (the first creates the schema; start-up is CPU-bound). Used by the cross-node
 * wake-up test (test/cluster/) and bench/wake-up.ts. The database server is the one TEST_MYSQL_*
 * names (scripts/mariadb.sh starts a private one).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { buildEngine, startEngine, type RunningEngine } from '../../scripts/lib/engine.ts';
import { benchMysql, freshDatabases } from '../../bench/mysql.ts';

export interface EngineNodes {
  nodes: RunningEngine[];
  user: string;
  password: string;
  /** stops every node (in parallel) and removes their data dirs; the database stays */
  stop(): Promise<void>;
}

export interface EngineNodesOptions {
  /** the engine database, dropped and created empty */
  database: string;
  count: number;
  /** extra engine environment, per node (index) */
  env?: (node: number) => Record<string, string>;
  onLog?: (node: number, line: string) => void;
}

export async function startEngineNodes(options: EngineNodesOptions): Promise<EngineNodes> {
  await buildEngine();
  try {
    await freshDatabases([options.database]);
  } catch (err) {
    throw new Error(
      `engine nodes need a MariaDB/MySQL at ${benchMysql.host}:${benchMysql.port} (TEST_MYSQL_HOST/PORT/USER/PASSWORD; ` +
        `start a private one with: eval "$(bash scripts/mariadb.sh start)"): ${(err as Error).message}`,
      { cause: err },
    );
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'approval-engine-nodes-'));
  const user = 'clusterservice';
  const password = randomBytes(18).toString('base64url');
  const nodes: RunningEngine[] = [];
  const stop = async () => {
    await Promise.all(nodes.map((n) => n.stop()));
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    for (let i = 0; i < options.count; i++) {
      nodes.push(
        await startEngine({
          port: 0,
          dataDir: join(dataDir, `node${i}`),
          dbUrl: `jdbc:mariadb://${benchMysql.host}:${benchMysql.port}/${options.database}`,
          dbUser: benchMysql.user,
          dbPassword: benchMysql.password,
          user,
          password,
          env: options.env?.(i),
          onLog: options.onLog ? (line) => options.onLog!(i, line) : undefined,
        }),
      );
    }
  } catch (err) {
    await stop();
    throw err;
  }
  return { nodes, user, password, stop };
}
