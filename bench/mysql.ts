import { randomBytes } from 'node:crypto';
import { createConnection } from 'mysql2/promise';

/** The MySQL/MariaDB the benchmarks run on (scripts/bench.sh sets TEST_MYSQL_* to a private one if none is given). */
export const benchMysql = {
  host: process.env.TEST_MYSQL_HOST ?? '127.0.0.1',
  port: Number(process.env.TEST_MYSQL_PORT ?? 33306),
  user: process.env.TEST_MYSQL_USER ?? 'approval',
  password: process.env.TEST_MYSQL_PASSWORD ?? 'approval-test',
};

/** Drops and creates the databases, empty (utf8mb4, binary collation as in production). */
export async function freshDatabases(names: string[]): Promise<void> {
  const admin = await createConnection(benchMysql);
  for (const db of names) {
    await admin.query(`DROP DATABASE IF EXISTS \`${db}\``);
    await admin.query(`CREATE DATABASE \`${db}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin`);
  }
  await admin.end();
}

/** The app's database URL for a benchmark database. */
export const appDbUrl = (db: string) => `mysql://${benchMysql.user}:${encodeURIComponent(benchMysql.password)}@${benchMysql.host}:${benchMysql.port}/${db}`;

/** The keys production mode refuses to start without, fresh for one benchmark run. */
export function productionSecrets(): Record<string, string> {
  const secret = () => randomBytes(40).toString('base64url');
  return {
    SEAL_KEY: secret(),
    AUDIT_KEY: secret(),
    SECOND_FACTOR_KEY: secret(),
    PERSONAL_DATA_KEYS: `k1:${secret()}`,
    PERSONAL_DATA_INDEX_KEY: secret(),
    JWT_SECRET: secret(),
  };
}
