import { DEFAULT_POLICY_BOUNDS } from '../../contract/bpmn/lint/rules/resource-bounds.ts';
import { Ajv } from 'ajv';
import { isIP } from 'node:net';
import { resolve } from 'node:path';
import { configSchema, SECOND_FACTOR_REQUIRED_ENTRIES, type AccountSettings, type AppMode, type Config } from './schema.ts';
import { isWeakSecret, loadOrCreateEmbeddedSecrets } from './secrets.ts';
import { ALL_TOPICS } from '../../contract/topics.ts';
import { parseKeyRing, type PersonalDataKey } from '../privacy/keys.ts';

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

function int(env: Env, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value)) throw new ConfigError(`${name} must be an integer, got "${raw}"`);
  return value;
}

/** ENGINE_NODE_URLS: comma-separated http(s) addresses of each engine node's REST API (trailing slashes dropped). */
export function engineNodeUrls(raw: string | undefined): string[] {
  const urls = (raw ?? '')
    .split(',')
    .map((u) => u.trim().replace(/\/+$/, ''))
    .filter(Boolean);
  for (const url of urls)
    if (!/^https?:\/\/[^/\s]+/.test(url))
      throw new ConfigError(`ENGINE_NODE_URLS: each entry is an engine node's REST address (http:// or https://), got "${url}"`);
  return urls;
}

const PROXY_NAMES = ['loopback', 'linklocal', 'uniquelocal'];

/**
 * TRUST_PROXY: the reverse proxies whose X-Forwarded-For names the client (comma-separated
 * addresses, CIDR ranges, or loopback / linklocal / uniquelocal); unset, empty or "none": nobody's.
 * "true", "*" and hop counts are refused: they would let any caller choose the address its rate
 * limits and log lines are kept under.
 */
export function trustedProxies(raw: string | undefined): string[] {
  const entries = (raw ?? '')
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean);
  if (entries.length === 1 && entries[0]!.toLowerCase() === 'none') return [];
  for (const entry of entries) {
    const [address, prefix, ...rest] = entry.split('/');
    const bits = isIP(address ?? '') === 4 ? 32 : isIP(address ?? '') === 6 ? 128 : 0;
    const valid = PROXY_NAMES.includes(entry) || (bits > 0 && !rest.length && (prefix === undefined || (/^\d+$/.test(prefix) && Number(prefix) <= bits)));
    if (!valid) {
      throw new ConfigError(
        `TRUST_PROXY: "${entry}" is not an address, a CIDR range or one of ${PROXY_NAMES.join(', ')} ` +
          '(trusting every address or a number of hops would let any caller choose its own address)',
      );
    }
  }
  return entries;
}

/** PERSONAL_DATA_KEYS ("k2:secret,k1:older", newest first), or the embedded default's one key. */
function personalDataKeys(env: Env, embeddedKey: string | undefined): PersonalDataKey[] {
  if (!env.PERSONAL_DATA_KEYS) return [{ id: 'k1', secret: embeddedKey ?? '' }];
  try {
    return parseKeyRing(env.PERSONAL_DATA_KEYS);
  } catch (err) {
    throw new ConfigError((err as Error).message);
  }
}

/**
 * SECOND_FACTOR_REQUIRED: who must sign in with a second factor, comma-separated roles and
 * `seal_users` (everyone an active seal names); unset: the system and security administrators, analysts and seal users;
 * "none": nobody (everyone may still enrol).
 */
export function secondFactorRequired(raw: string | undefined): string[] {
  if (raw === undefined) return ['admin', 'security_admin', 'analyst', 'seal_users'];
  const entries = [
    ...new Set(
      raw
        .split(',')
        .map((e) => e.trim())
        .filter(Boolean),
    ),
  ];
  if (entries.length === 1 && entries[0]!.toLowerCase() === 'none') return [];
  const unknown = entries.filter((e) => !(SECOND_FACTOR_REQUIRED_ENTRIES as readonly string[]).includes(e));
  if (unknown.length) {
    throw new ConfigError(
      `SECOND_FACTOR_REQUIRED: ${unknown.join(', ')} is neither a role nor seal_users (${SECOND_FACTOR_REQUIRED_ENTRIES.join(', ')}, or none)`,
    );
  }
  return entries;
}

/**
 * Builds the configuration from the environment and validates it once. The embedded default needs
 * no variables at all; production refuses to start without its own secrets and a MySQL/MariaDB URL.
 */
export function loadConfig(env: Env = process.env): Config {
  const mode = (env.APP_MODE ?? 'embedded') as AppMode;
  const dataDir = resolve(env.DATA_DIR ?? 'data');
  const embedded = mode === 'embedded' ? loadOrCreateEmbeddedSecrets(dataDir) : undefined;

  const config: Config = {
    mode,
    host: env.HOST ?? '127.0.0.1',
    port: int(env, 'PORT', 3000),
    dataDir,
    logLevel: (env.LOG_LEVEL ?? 'info') as Config['logLevel'],
    appDbUrl: env.APP_DB_URL ?? `sqlite:${resolve(dataDir, 'app.sqlite')}`,
    engine: {
      url: (env.ENGINE_URL ?? `http://127.0.0.1:${env.ENGINE_PORT ?? '8090'}/engine-rest`).replace(/\/+$/, ''),
      user: env.ENGINE_USER ?? embedded?.engineUser ?? '',
      password: env.ENGINE_PASSWORD ?? embedded?.enginePassword ?? '',
    },
    // ENGINE_NODE_URLS: several engine nodes behind ENGINE_URL (a balancer), each node's own address, comma-separated;
    // only 运维监控's 系统状态 uses them (it asks each node GET /version); the platform talks to ENGINE_URL alone
    engineNodeUrls: engineNodeUrls(env.ENGINE_NODE_URLS),
    publicUrl: (env.PUBLIC_URL ?? `http://${env.HOST && env.HOST !== '0.0.0.0' ? env.HOST : '127.0.0.1'}:${env.PORT ?? '3000'}`).replace(/\/+$/, ''),
    sealKey: env.SEAL_KEY ?? embedded?.sealKey ?? '',
    auditKey: env.AUDIT_KEY ?? embedded?.auditKey ?? '',
    secondFactorKey: env.SECOND_FACTOR_KEY ?? embedded?.secondFactorKey ?? '',
    personalData: {
      keys: personalDataKeys(env, embedded?.personalDataKey),
      indexKey: env.PERSONAL_DATA_INDEX_KEY ?? embedded?.personalDataIndexKey ?? '',
    },
    payment: {
      gatewayUrl: (env.PAYMENT_GATEWAY_URL ?? '').replace(/\/+$/, ''),
      publicKeyPem: env.PAYMENT_GATEWAY_PUBLIC_KEY ?? '',
      expiryMinutes: env.PAYMENT_EXPIRY_MINUTES === undefined ? 1440 : Number(env.PAYMENT_EXPIRY_MINUTES),
    },
    carrier: { url: (env.CARRIER_URL ?? '').replace(/\/+$/, ''), callbackSecret: env.CARRIER_CALLBACK_SECRET ?? '' },
    identity: {
      oidcIssuer: (env.OIDC_ISSUER ?? '').replace(/\/+$/, ''),
      oidcClientId: env.OIDC_CLIENT_ID ?? '',
      oidcClientSecret: env.OIDC_CLIENT_SECRET ?? '',
      oidcMfaAcr: (env.OIDC_MFA_ACR ?? '')
        .split(',')
        .map((v) => v.trim())
        .filter(Boolean),
      realNameCheckUrl: (env.REAL_NAME_CHECK_URL ?? '').replace(/\/+$/, ''),
      smsGatewayUrl: (env.SMS_GATEWAY_URL ?? '').replace(/\/+$/, ''),
    },
    province: {
      exchangeUrl: (env.PROVINCE_EXCHANGE_URL ?? '').replace(/\/+$/, ''),
      appId: env.PROVINCE_EXCHANGE_APP_ID ?? 'approval-platform',
      secret: env.PROVINCE_EXCHANGE_SECRET ?? '',
      sendIntervalMs: int(env, 'PROVINCE_SEND_INTERVAL_MS', 1000),
      batchSize: int(env, 'PROVINCE_BATCH_SIZE', 500),
      maxAttempts: int(env, 'PROVINCE_MAX_ATTEMPTS', 24),
    },
    registries: {
      url: (env.REGISTRIES_URL ?? '').replace(/\/+$/, ''),
      appId: env.REGISTRIES_APP_ID ?? 'approval-platform',
      secret: env.REGISTRIES_SECRET ?? '',
      timeoutMs: int(env, 'REGISTRIES_TIMEOUT_MS', 5000),
      cacheSeconds: int(env, 'SHARED_DATA_CACHE_SECONDS', 60),
    },
    redisUrl: env.REDIS_URL ?? '',
    storage: {
      dir: env.STORAGE_DIR ? resolve(env.STORAGE_DIR) : '',
      s3: {
        endpoint: (env.STORAGE_S3_ENDPOINT ?? '').replace(/\/+$/, ''),
        bucket: env.STORAGE_S3_BUCKET ?? '',
        region: env.STORAGE_S3_REGION ?? 'us-east-1',
        accessKeyId: env.STORAGE_S3_ACCESS_KEY_ID ?? '',
        secretAccessKey: env.STORAGE_S3_SECRET_ACCESS_KEY ?? '',
      },
    },
    jwtSecret: env.JWT_SECRET ?? embedded?.jwtSecret ?? '',
    tokenTtlSeconds: int(env, 'TOKEN_TTL_SECONDS', 1800),
    trustProxy: trustedProxies(env.TRUST_PROXY),
    accounts: {
      checkSeconds: int(env, 'ACCOUNT_CHECK_SECONDS', 3),
      sessionIdleMinutes: int(env, 'SESSION_IDLE_MINUTES', 30),
      // the embedded default's demo accounts keep their password "demo": no expiry unless asked for
      passwordMaxAgeDays: int(env, 'PASSWORD_MAX_AGE_DAYS', mode === 'production' ? 90 : 0),
      lockAttempts: int(env, 'LOGIN_LOCK_ATTEMPTS', 5),
      lockWindowMinutes: int(env, 'LOGIN_LOCK_WINDOW_MINUTES', 15),
      lockMinutes: int(env, 'LOGIN_LOCK_MINUTES', 15),
      secondFactorRequired: secondFactorRequired(env.SECOND_FACTOR_REQUIRED),
      secondFactorIssuer: env.SECOND_FACTOR_ISSUER ?? '政务服务平台',
      secondFactorAlgorithm: (env.SECOND_FACTOR_ALGORITHM?.trim().toUpperCase() || 'SHA1') as AccountSettings['secondFactorAlgorithm'],
    },
    attachmentMaxBytes: int(env, 'ATTACHMENT_MAX_BYTES', 20 * 1024 * 1024),
    regionCode: env.REGION_CODE ?? '430100',
    processesDir: resolve(env.PROCESSES_DIR ?? 'processes'),
    webDir: resolve(env.WEB_DIR ?? 'modeler/dist'),
    deadlineWarningShare: env.DEADLINE_WARNING_SHARE === undefined ? 0.7 : Number(env.DEADLINE_WARNING_SHARE),
    deadlineSweepIntervalMs: env.DEADLINE_SWEEP_INTERVAL_MS === undefined ? 60_000 : Number(env.DEADLINE_SWEEP_INTERVAL_MS),
    proactiveIntervalMs: env.PROACTIVE_INTERVAL_MS === undefined ? 30_000 : Number(env.PROACTIVE_INTERVAL_MS),
    appointments: {
      daysAhead: int(env, 'APPOINTMENT_DAYS_AHEAD', 14),
      checkInEarlyMinutes: int(env, 'APPOINTMENT_CHECK_IN_EARLY_MINUTES', 30),
      checkInLateMinutes: int(env, 'APPOINTMENT_CHECK_IN_LATE_MINUTES', 15),
      noShowGraceMinutes: int(env, 'APPOINTMENT_NO_SHOW_GRACE_MINUTES', 15),
      noShowLimit: int(env, 'APPOINTMENT_NO_SHOW_LIMIT', 3),
      noShowWindowDays: int(env, 'APPOINTMENT_NO_SHOW_WINDOW_DAYS', 90),
      bookingBanDays: int(env, 'APPOINTMENT_BOOKING_BAN_DAYS', 30),
      sweepIntervalMs: int(env, 'APPOINTMENT_SWEEP_INTERVAL_MS', 60_000),
    },
    inboxSyncIntervalMs: env.INBOX_SYNC_INTERVAL_MS === undefined ? 15_000 : Number(env.INBOX_SYNC_INTERVAL_MS),
    reconcileIntervalMs: env.RECONCILE_INTERVAL_MS === undefined ? 60_000 : Number(env.RECONCILE_INTERVAL_MS),
    supervisionIntervalMs: env.SUPERVISION_INTERVAL_MS === undefined ? 5_000 : Number(env.SUPERVISION_INTERVAL_MS),
    problemDueWorkingDays: int(env, 'PROBLEM_DUE_WORKING_DAYS', 10),
    schedulerLeaseIntervals: int(env, 'SCHEDULER_LEASE_INTERVALS', 3),
    policy: {
      maxInstances: int(env, 'POLICY_MAX_INSTANCES', DEFAULT_POLICY_BOUNDS.maxInstances),
      minTimerCycleMinutes: int(env, 'POLICY_MIN_TIMER_CYCLE_MINUTES', DEFAULT_POLICY_BOUNDS.minTimerCycleMinutes),
      maxElements: int(env, 'POLICY_MAX_ELEMENTS', DEFAULT_POLICY_BOUNDS.maxElements),
      maxNesting: int(env, 'POLICY_MAX_NESTING', DEFAULT_POLICY_BOUNDS.maxNesting),
    },
    correctionWorkingDays: env.CORRECTION_WORKING_DAYS === undefined ? 5 : Number(env.CORRECTION_WORKING_DAYS),
    deficiencyWorkingDays: env.DEFICIENCY_WORKING_DAYS === undefined ? 10 : Number(env.DEFICIENCY_WORKING_DAYS),
    publicLookupLimit: int(env, 'PUBLIC_LOOKUP_LIMIT', 30),
    publicBoardFreshSeconds: int(env, 'PUBLIC_BOARD_FRESH_SECONDS', 300),
    worker: {
      topics: env.WORKER_TOPICS
        ? env.WORKER_TOPICS.split(',')
            .map((t) => t.trim())
            .filter(Boolean)
        : [...ALL_TOPICS],
      maxTasks: int(env, 'WORKER_MAX_TASKS', 20),
      maxParallelExecutions: int(env, 'WORKER_MAX_PARALLEL', 20),
      asyncResponseTimeoutMs: int(env, 'WORKER_LONG_POLL_MS', 20000),
      lockDurationMs: int(env, 'WORKER_LOCK_DURATION_MS', 0),
      retries: int(env, 'WORKER_RETRIES', 3),
      retryTimeoutMs: int(env, 'WORKER_RETRY_TIMEOUT_MS', 10000),
    },
  };

  if (mode === 'production') assertProductionReady(config, env);
  const ajv = new Ajv({ allErrors: true });
  const validate = ajv.compile(configSchema);
  if (!validate(config)) {
    const details = (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}`).join('; ');
    throw new ConfigError(`invalid configuration: ${details}`);
  }
  if (/^http:\/\/(?!(127\.0\.0\.1|localhost|\[::1\])[:/])/.test(config.identity.oidcIssuer)) {
    throw new ConfigError('OIDC_ISSUER must be an https:// URL (plain http only for a provider on loopback, such as the sandbox)');
  }
  if (config.identity.oidcIssuer && (!config.identity.oidcClientId || !config.identity.oidcClientSecret)) {
    throw new ConfigError('OIDC_ISSUER is set: OIDC_CLIENT_ID and OIDC_CLIENT_SECRET (the platform as a confidential client of the provider) must be set too');
  }
  if (/^http:\/\/(?!(127\.0\.0\.1|localhost|\[::1\])[:/])/.test(config.province.exchangeUrl) && mode === 'production') {
    throw new ConfigError('PROVINCE_EXCHANGE_URL must be an https:// URL in production (plain http only for an exchange on loopback, such as the sandbox)');
  }
  if (config.province.exchangeUrl && config.province.secret.length < 16) {
    throw new ConfigError(
      'PROVINCE_EXCHANGE_URL is set: PROVINCE_EXCHANGE_SECRET (the shared secret of the request signatures, 16+ characters) must be set too',
    );
  }
  if (/^http:\/\/(?!(127\.0\.0\.1|localhost|\[::1\])[:/])/.test(config.registries.url) && mode === 'production') {
    throw new ConfigError('REGISTRIES_URL must be an https:// URL in production (plain http only for registries on loopback, such as the sandbox)');
  }
  if (config.registries.url && config.registries.secret.length < 16) {
    throw new ConfigError('REGISTRIES_URL is set: REGISTRIES_SECRET (the shared secret of the request signatures, 16+ characters) must be set too');
  }
  const unknownTopics = config.worker.topics.filter((t) => !(ALL_TOPICS as readonly string[]).includes(t));
  if (unknownTopics.length) throw new ConfigError(`WORKER_TOPICS names unknown topics: ${unknownTopics.join(', ')}`);
  return config;
}

function assertProductionReady(config: Config, env: Env): void {
  const problems: string[] = [];
  if (!env.ENGINE_PASSWORD || isWeakSecret(env.ENGINE_PASSWORD, config.dataDir)) {
    problems.push('ENGINE_PASSWORD must be set to a strong secret of your own (16+ characters, not a demo value)');
  }
  if (!env.JWT_SECRET || isWeakSecret(env.JWT_SECRET, config.dataDir)) {
    problems.push('JWT_SECRET must be set to a strong secret of your own (32+ characters, not a demo value)');
  }
  if (!env.ENGINE_USER) problems.push('ENGINE_USER must be set');
  if (!env.SEAL_KEY || isWeakSecret(env.SEAL_KEY, config.dataDir)) {
    problems.push("SEAL_KEY must be set to a strong secret of your own (32+ characters): it encrypts the seals' certificate passwords");
  }
  if (!env.AUDIT_KEY || isWeakSecret(env.AUDIT_KEY, config.dataDir)) {
    problems.push('AUDIT_KEY must be set to a strong secret of your own (32+ characters): it chains the audit trail (HMAC-SM3)');
  }
  if (!env.PERSONAL_DATA_KEYS || config.personalData.keys.some((k) => isWeakSecret(k.secret, config.dataDir))) {
    problems.push('PERSONAL_DATA_KEYS must be set to id:secret pairs of your own (32+ characters each, newest first): they seal personal data at rest (SM4)');
  }
  if (!env.PERSONAL_DATA_INDEX_KEY || isWeakSecret(env.PERSONAL_DATA_INDEX_KEY, config.dataDir)) {
    problems.push('PERSONAL_DATA_INDEX_KEY must be set to a strong secret of your own (32+ characters): it keys the lookup hashes of ID numbers (HMAC-SM3)');
  }
  if (!env.SECOND_FACTOR_KEY || isWeakSecret(env.SECOND_FACTOR_KEY, config.dataDir)) {
    problems.push("SECOND_FACTOR_KEY must be set to a strong secret of your own (32+ characters): it encrypts the second factor's TOTP secrets (SM4)");
  }
  if (config.appDbUrl.startsWith('sqlite:')) problems.push('APP_DB_URL must point to MySQL or MariaDB in production');
  if (problems.length) throw new ConfigError(`refusing to start in production mode:\n - ${problems.join('\n - ')}`);
}

/** For the entry points: the configuration, or a one-line message and exit code 1. */
export function loadConfigOrExit(): Config {
  try {
    return loadConfig();
  } catch (err) {
    console.error(err instanceof ConfigError ? `配置错误 / configuration error: ${err.message}` : err);
    process.exit(1);
  }
}
