import { createHash, randomBytes } from 'node:crypto';
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

/**
 * The keys production mode refuses to start without. Fresh for one run by default; for a benchmark
 * database that another run reads again (the dashboard's year, read by the province bench's
 * backfill and by BENCH_DASHBOARD_REUSE), derived from its name, so the personal data sealed by the
 * run that wrote it opens in the next. The data is made up: these keys guard nothing real.
 */
export function productionSecrets(database?: string): Record<string, string> {
  const secret = (name: string) =>
    database ? createHash('sha256').update(`approval-bench:${database}:${name}`).digest('base64url') : randomBytes(40).toString('base64url');
  return {
    SEAL_KEY: secret('seal'),
    AUDIT_KEY: secret('audit'),
    SECOND_FACTOR_KEY: secret('second-factor'),
    PERSONAL_DATA_KEYS: `k1:${secret('personal-data')}`,
    PERSONAL_DATA_INDEX_KEY: secret('personal-data-index'),
    JWT_SECRET: secret('jwt'),
  };
}
