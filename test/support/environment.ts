import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { pino, type Logger } from 'pino';
import { createConnection } from 'mysql2/promise';
import { loadConfig } from '../../server/config/load.ts';
import type { Config } from '../../server/config/schema.ts';
import { startServer, type RunningServer } from '../../server/bootstrap.ts';
import { createLogger } from '../../server/logger.ts';
import { verifyAuditTrail } from '../../server/audit/index.ts';
import { seedDemoAccounts } from '../../server/auth/demo-accounts.ts';
import { seedDemoOrganization } from '../../server/organization/index.ts';
import { seedDemoLicenses } from '../../server/e-licenses/demo-licenses.ts';
import { seedDemoSeals } from '../../server/seals/demo-seals.ts';
import { EngineClient } from '../../server/engine/client.ts';
import { startWorkers, type RunningWorkers } from '../../workers/start.ts';
import { freePort, REPO_ROOT, startEngine, testJavaOpts, type RunningEngine } from '../../scripts/lib/engine.ts';
import { startPaymentSandbox, type PaymentSandbox } from '../../server/gateways/payment/index.ts';
import { startCarrierSandbox, type CarrierSandbox } from '../../server/gateways/logistics/index.ts';
import { startIdentitySandbox, type IdentitySandbox } from '../../server/gateways/identity/index.ts';
import { startSmsSandbox, type SmsSandbox } from '../../server/gateways/sms/index.ts';
import { startExchangeSandbox, type ExchangeSandbox } from '../../server/gateways/province/index.ts';
import { startRegistriesSandbox, type RegistriesSandbox } from '../../server/gateways/registries/index.ts';
import { startObjectStoreSandbox, type ObjectStoreSandbox } from '../../server/gateways/object-store/index.ts';
import { personalDataInLog } from './personal-data-scan.ts';
import { registerPlatform } from './platform-registry.ts';

/**
 * The real platform for the tests: an engine started from our jar, the server on port 0 and the
 * workers, on MariaDB (TEST_PROFILE=mariadb, set up by scripts/test.sh) or on the embedded
 * default (TEST_PROFILE=embedded: H2 + SQLite in a temp dir).
 */
export interface TestEnvironment {
  profile: 'mariadb' | 'embedded';
  config: Config;
  /** environment variables that give a child process (a worker) the same configuration */
  childEnv: Record<string, string>;
  engine: EngineClient;
  /** the engine's log file (its job executor logs every failed job there) */
  engineLog: string;
  /** the server's and the workers' log file (JSON lines) */
  platformLog: string;
  server: RunningServer;
  workers: RunningWorkers;
  url: string;
  logger: Logger;
  /** the sandbox payment gateway and carrier, in this process: tests drive them through control */
  payments: PaymentSandbox;
  /** the sandbox gateway's key pair: tests sign notifications the gateway would (late ones) */
  paymentKeys: { privateKeyPem: string; publicKeyPem: string };
  carrier: CarrierSandbox;
  /** the sandbox identity provider (统一身份认证, real-name check) and SMS gateway, in this process */
  identity: IdentitySandbox;
  sms: SmsSandbox;
  /** 办件数据汇聚: the sandbox provincial exchange the outbox reports to */
  province: ExchangeSandbox;
  /** 共享数据: the sandbox 人口库 and 法人库 (the identity sandbox's people and companies among them) */
  registries: RegistriesSandbox;
  /** restarts the in-process workers, with other worker settings or other configuration for a test */
  restartWorkers(overrides?: Partial<Config['worker']>, config?: Partial<Config>): Promise<void>;
  stopWorkers(): Promise<void>;
}

interface MysqlServer {
  host: string;
  port: number;
  user: string;
  password: string;
}

/** The MySQL/MariaDB server scripts/test.sh found or started. */
function mysqlFromEnv(): MysqlServer {
  return {
    host: process.env.TEST_MYSQL_HOST ?? '127.0.0.1',
    port: Number(process.env.TEST_MYSQL_PORT ?? 33306),
    user: process.env.TEST_MYSQL_USER ?? 'approval',
    password: process.env.TEST_MYSQL_PASSWORD ?? 'approval-test',
  };
}

/** Fresh engine and app schemas for every run: no state carries over between runs. */
async function recreateDatabases(server: MysqlServer, names: string[]): Promise<void> {
  const connection = await createConnection({ host: server.host, port: server.port, user: server.user, password: server.password });
  try {
    for (const name of names) {
      await connection.query(`DROP DATABASE IF EXISTS \`${name}\``);
      await connection.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin`);
    }
  } finally {
    await connection.end();
  }
}

let current: TestEnvironment | undefined;
let teardown: ((keepData?: boolean) => Promise<void>) | undefined;

export function testEnv(): TestEnvironment {
  if (!current) throw new Error('the test environment is not started (run through npm test / mocha with test/support/hooks.ts)');
  return current;
}

function logger(artifacts: string, name: string): Logger {
  return createLogger(
    { logLevel: (process.env.TEST_LOG_LEVEL ?? 'info') as Config['logLevel'] },
    name,
    pino.destination({ dest: join(artifacts, `${name}.log`), mkdir: true, sync: true }),
  );
}

/** The run's lane (TEST_LANE, set by scripts/test.sh): names its artifacts and, on MariaDB, its databases; by default the profile. */
export const testLane = () => process.env.TEST_LANE ?? process.env.TEST_PROFILE ?? 'embedded';

/**
 * A platform started on an installation that exists already (a restored backup: test/backup/)
 * rather than a fresh one: its data folder, the keys of the installation its data came from, and on
 * MariaDB its databases (a suffix of the lane's names), filled already and not recreated.
 */
export interface ExistingInstallation {
  dataDir: string;
  /** the environment of the installation (the restore's): its keys and secrets, and its STORAGE_* (the store the restore filled) */
  secretsFrom: Record<string, string>;
  databaseSuffix?: string;
}

let objectStore: Promise<ObjectStoreSandbox> | undefined;
let buckets = 0;

/**
 * TEST_STORAGE=s3: the platform keeps its files in the sandbox S3-compatible store (one per test
 * process, outliving a platform's stop so that a backup can read it), each start in a new bucket;
 * otherwise in its data folder.
 */
export const objectStoreSandbox = (): Promise<ObjectStoreSandbox> | undefined =>
  process.env.TEST_STORAGE === 's3' ? (objectStore ??= startObjectStoreSandbox({ buckets: [] })) : undefined;

/** The STORAGE_S3_* of a new, empty bucket of the sandbox store ({} when files stay in the data folder). */
export async function newStorageBucket(): Promise<Record<string, string>> {
  const sandbox = await objectStoreSandbox();
  if (!sandbox) return {};
  const bucket = `approval-${process.pid}-${++buckets}`;
  sandbox.control.createBucket(bucket);
  return {
    STORAGE_S3_ENDPOINT: sandbox.url,
    STORAGE_S3_BUCKET: bucket,
    STORAGE_S3_REGION: sandbox.region,
    STORAGE_S3_ACCESS_KEY_ID: sandbox.accessKeyId,
    STORAGE_S3_SECRET_ACCESS_KEY: sandbox.secretAccessKey,
  };
}

const INSTALLATION_SECRETS = ['JWT_SECRET', 'SEAL_KEY', 'AUDIT_KEY', 'SECOND_FACTOR_KEY', 'PERSONAL_DATA_KEYS', 'PERSONAL_DATA_INDEX_KEY'] as const;

export async function startTestEnvironment(existing?: ExistingInstallation): Promise<TestEnvironment> {
  const profile = (process.env.TEST_PROFILE ?? 'embedded') as TestEnvironment['profile'];
  // a lane (scripts/test.sh) is one platform of a run: its own artifacts and databases, so that two
  // lanes of one profile (the api and the browser tier on MariaDB) can run side by side
  const lane = testLane();
  const artifacts = join(REPO_ROOT, 'test-artifacts', lane);
  if (!existing) rmSync(artifacts, { recursive: true, force: true });
  mkdirSync(artifacts, { recursive: true });
  const dataDir = existing?.dataDir ?? mkdtempSync(join(tmpdir(), `approval-test-${profile}-`));
  const engineUser = 'approvaltest';
  const enginePassword = randomBytes(18).toString('base64url');

  let dbUrl: string | undefined;
  let appDbUrl = `sqlite:${join(dataDir, 'app.sqlite')}`;
  const mysql = mysqlFromEnv();
  if (profile === 'mariadb') {
    const suffix = (lane === profile ? '' : `_${lane.replace(/[^a-z0-9]/g, '_')}`) + (existing?.databaseSuffix ?? '');
    if (!existing) await recreateDatabases(mysql, [`camunda_test${suffix}`, `approval_test${suffix}`]);
    dbUrl = `jdbc:mariadb://${mysql.host}:${mysql.port}/camunda_test${suffix}`;
    appDbUrl = `mysql://${encodeURIComponent(mysql.user)}:${encodeURIComponent(mysql.password)}@${mysql.host}:${mysql.port}/approval_test${suffix}`;
  }
  // the engine pushes task events to the server, so the server's port is chosen before either starts
  const serverPort = await freePort();
  const engine: RunningEngine = await startEngine({
    port: 0,
    dataDir: join(dataDir, 'engine'),
    dbUrl,
    dbUser: dbUrl ? mysql.user : undefined,
    dbPassword: dbUrl ? mysql.password : undefined,
    user: engineUser,
    password: enginePassword,
    logFile: join(artifacts, 'engine.log'),
    eventsUrl: `http://127.0.0.1:${serverPort}/api/v1/engine-events`,
    javaOpts: testJavaOpts(),
  });

  // outside systems: the sandboxes, with retries short enough for tests
  const dispatch = { retryDelaysMs: [300, 1000, 3000] };
  const pair = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const paymentKeys = {
    privateKeyPem: pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicKeyPem: pair.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
  const payments = await startPaymentSandbox({ dispatch, keys: paymentKeys });
  const carrier = await startCarrierSandbox({ dispatch });
  const identity = await startIdentitySandbox({ client: { redirectUris: [`http://127.0.0.1:${serverPort}/login/oidc`] } });
  const sms = await startSmsSandbox();
  const province = await startExchangeSandbox();
  const registries = await startRegistriesSandbox({ population: () => identity.control.population() });

  const childEnv: Record<string, string> = {
    APP_MODE: profile === 'mariadb' ? 'production' : 'embedded',
    DATA_DIR: dataDir,
    APP_DB_URL: appDbUrl,
    ENGINE_URL: engine.url,
    ENGINE_USER: engineUser,
    ENGINE_PASSWORD: enginePassword,
    JWT_SECRET: randomBytes(40).toString('base64url'),
    PORT: String(serverPort),
    PUBLIC_URL: `http://127.0.0.1:${serverPort}`,
    SEAL_KEY: randomBytes(32).toString('base64url'),
    AUDIT_KEY: randomBytes(32).toString('base64url'),
    SECOND_FACTOR_KEY: randomBytes(32).toString('base64url'),
    // a ring of two: rows sealed under the older key still open (test/api/personal-data.test.ts)
    PERSONAL_DATA_KEYS: `k2:${randomBytes(32).toString('base64url')},k1:${randomBytes(32).toString('base64url')}`,
    PERSONAL_DATA_INDEX_KEY: randomBytes(32).toString('base64url'),
    PAYMENT_GATEWAY_URL: payments.url,
    PAYMENT_GATEWAY_PUBLIC_KEY: payments.publicKeyPem,
    CARRIER_URL: carrier.url,
    CARRIER_CALLBACK_SECRET: carrier.callbackSecret,
    OIDC_ISSUER: identity.issuer,
    OIDC_CLIENT_ID: identity.clientId,
    OIDC_CLIENT_SECRET: identity.clientSecret,
    REAL_NAME_CHECK_URL: identity.url,
    SMS_GATEWAY_URL: sms.url,
    PROVINCE_EXCHANGE_URL: province.url,
    PROVINCE_EXCHANGE_APP_ID: province.appId,
    PROVINCE_EXCHANGE_SECRET: province.secret,
    REGISTRIES_URL: registries.url,
    REGISTRIES_APP_ID: registries.appId,
    REGISTRIES_SECRET: registries.secret,
    // the outbox's sender looks often, so a case's events reach the exchange while a test waits
    PROVINCE_SEND_INTERVAL_MS: '200',
    // several server nodes share socket.io rooms through it (scripts/test.sh starts one)
    REDIS_URL: process.env.TEST_REDIS_URL ?? '',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'info',
    WORKER_RETRY_TIMEOUT_MS: '1000',
    // the deadline tests run the sweep themselves, at the moments they choose
    DEADLINE_SWEEP_INTERVAL_MS: '0',
    // 免申即享: the tests run a round (POST /proactive/rounds) when they have registered what it reads
    PROACTIVE_INTERVAL_MS: '0',
    // likewise the payment and delivery tests ask the gateway and the carrier (对账) when they choose
    RECONCILE_INTERVAL_MS: '0',
    // stopping workers waits for the fetch under way; a short long poll keeps restarts quick
    WORKER_LONG_POLL_MS: '1000',
    // as behind a reverse proxy on the same host: tests speak "from" several addresses (rate limits
    // per client); a peer TRUST_PROXY does not name is tested on a second app (login-security)
    TRUST_PROXY: 'loopback',
    // the public ratings board says what the counters say now (the department matrix reads it early)
    PUBLIC_BOARD_FRESH_SECONDS: '0',
  };
  // the engine's database, as `npm start`, `npm run backup` and `npm run restore` read it
  if (dbUrl) Object.assign(childEnv, { ENGINE_DB_URL: dbUrl, ENGINE_DB_USER: mysql.user, ENGINE_DB_PASSWORD: mysql.password });
  for (const name of INSTALLATION_SECRETS) if (existing) childEnv[name] = existing.secretsFrom[name]!;
  // the files: a restored installation's store is the one its restore filled
  const storage = existing ? Object.fromEntries(Object.entries(existing.secretsFrom).filter(([k]) => k.startsWith('STORAGE_'))) : await newStorageBucket();
  Object.assign(childEnv, storage);
  const config = loadConfig(childEnv);
  // the log is appended to across runs: this run's lines start here (scanned at the stop)
  logStart = existsSync(join(artifacts, 'platform.log')) ? statSync(join(artifacts, 'platform.log')).size : 0;
  const log = logger(artifacts, 'platform');
  const server = await startServer(config, log.child({ component: 'server' }));
  if (config.mode === 'production') {
    // production seeds none; the tests need people and the registry's identity cards
    await seedDemoOrganization();
    await seedDemoAccounts(config.secondFactorKey);
    await seedDemoLicenses();
    await seedDemoSeals(config);
  }
  let workers = await startWorkers(config, log.child({ component: 'workers' }), server.db);
  const engineClient = new EngineClient(config.engine);

  const env: TestEnvironment = {
    profile,
    config,
    childEnv,
    engine: engineClient,
    engineLog: join(artifacts, 'engine.log'),
    platformLog: join(artifacts, 'platform.log'),
    server,
    workers,
    url: server.url,
    logger: log,
    payments,
    paymentKeys,
    carrier,
    identity,
    sms,
    province,
    registries,
    async stopWorkers() {
      await workers.stop(5000);
    },
    async restartWorkers(overrides = {}, other = {}) {
      await workers.stop(5000);
      workers = await startWorkers({ ...config, ...other, worker: { ...config.worker, ...overrides } }, log.child({ component: 'workers' }), server.db);
      env.workers = workers;
    },
  };
  current = env;
  teardown = async (keepData = false) => {
    await workers.stop(5000).catch(() => undefined);
    await server.close().catch(() => undefined);
    await engine.stop();
    await Promise.allSettled([payments.close(), carrier.close(), identity.close(), sms.close(), province.close(), registries.close()]);
    if (!keepData) rmSync(dataDir, { recursive: true, force: true });
  };
  return env;
}

let logStart = 0;

/** Stops the platform; `keepData` leaves its data folder (and databases) for the caller, who removes it. */
export async function stopTestEnvironment(options: { keepData?: boolean } = {}): Promise<void> {
  // whatever the run did, the audit trail it leaves must verify (the tests that tamper with it restore it)
  const trail = current ? await verifyAuditTrail() : undefined;
  const logFile = current?.platformLog;
  await teardown?.(options.keepData);
  current = undefined;
  teardown = undefined;
  if (trail && !trail.ok) throw new Error(`the audit trail does not verify after the run: ${JSON.stringify(trail.problems.slice(0, 5))}`);
  // nor may its log hold an ID number or a phone in full (个人信息: never in logs)
  const leaks = logFile && existsSync(logFile) ? personalDataInLog(readFileSync(logFile).subarray(logStart).toString('utf8')) : [];
  if (leaks.length) throw new Error(`the platform's log holds personal data in full (${logFile}):\n${leaks.slice(0, 5).join('\n')}`);
}

// a test file that imports this module runs on the real platform (test/support/hooks.ts starts it)
registerPlatform({ start: startTestEnvironment, stop: stopTestEnvironment });
