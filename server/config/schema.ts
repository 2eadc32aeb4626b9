import type { PolicyBounds } from '../../contract/bpmn/lint/rules/resource-bounds.ts';
import type { JSONSchemaType } from 'ajv';
import type { PersonalDataKeys } from '../privacy/keys.ts';

export type AppMode = 'embedded' | 'production';

/** What SECOND_FACTOR_REQUIRED may name: the roles (server/auth/user.model.ts ROLES) and `seal_users`. */
export const SECOND_FACTOR_REQUIRED_ENTRIES = [
  'analyst',
  'clerk',
  'reviewer',
  'leader',
  'admin',
  'security_admin',
  'auditor',
  'applicant',
  'seal_users',
] as const;

/** 在线预约 (server/appointments, docs/appointments.md) */
export interface AppointmentSettings {
  /** the working days ahead a slot may be booked (today's later slots, then this many working days) */
  daysAhead: number;
  /** a check-in is taken from this many minutes before the slot starts … */
  checkInEarlyMinutes: number;
  /** … to this many after it starts */
  checkInLateMinutes: number;
  /** a booking not checked in by its slot's end and this grace is a no-show */
  noShowGraceMinutes: number;
  /** this many no-shows within noShowWindowDays refuse booking for bookingBanDays after the last */
  noShowLimit: number;
  noShowWindowDays: number;
  bookingBanDays: number;
  /** how often the no-shows are marked (0: never) */
  sweepIntervalMs: number;
}
const APPOINTMENT_SETTINGS = [
  'daysAhead',
  'checkInEarlyMinutes',
  'checkInLateMinutes',
  'noShowGraceMinutes',
  'noShowLimit',
  'noShowWindowDays',
  'bookingBanDays',
  'sweepIntervalMs',
] as const satisfies readonly (keyof AppointmentSettings)[];

export interface Config {
  mode: AppMode;
  host: string;
  port: number;
  dataDir: string;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** sqlite:<path> or mysql://user:password@host:port/database */
  appDbUrl: string;
  engine: { url: string; user: string; password: string };
  /** several engine nodes (ENGINE_NODE_URLS): each node's own REST address, for 运维监控's 系统状态 to ask each one (empty: only ENGINE_URL) */
  engineNodeUrls: string[];
  /** how gateways and browsers reach this server (callback URLs are built on it) */
  publicUrl: string;
  /** encrypts the seals' certificate passwords at rest (AES-256-GCM key material) */
  sealKey: string;
  /** 审计日志: the HMAC-SM3 key that chains the audit trail's rows */
  auditKey: string;
  /** 双因素认证: seals the TOTP secrets (SM4-CBC + HMAC-SM3) and keys the recovery codes' hashes */
  secondFactorKey: string;
  /** 个人信息: the SM4 key ring (newest first) that seals personal data at rest, and the lookup-hash key */
  personalData: PersonalDataKeys;
  /** 统一支付: the gateway (the sandbox's URL in the embedded default) and its public key */
  payment: { gatewayUrl: string; publicKeyPem: string; expiryMinutes: number };
  /** 物流寄送: the carrier and the secret its callbacks are signed with */
  carrier: { url: string; callbackSecret: string };
  /** 统一身份认证 and applicants' registration: the OpenID Connect provider, the real-name check, the SMS gateway ('' each: off) */
  identity: IdentitySettings;
  /** 办件数据汇聚: the provincial exchange ('' url: nothing is sent, events wait in the outbox) and how the outbox is sent */
  province: ProvinceSettings;
  /** 共享数据: the population and legal-person registries ('' url: lookups answer "registry unavailable") */
  registries: RegistriesSettings;
  /** redis://… that joins the socket.io rooms of several server nodes; '' for one node */
  redisUrl: string;
  /**
   * 文件存储: where uploads and documents are kept. `dir` a directory every node reaches ('' : the
   * data directory); `s3.endpoint` set: an S3-compatible object store instead (docs/storage-and-backup.md)
   */
  storage: { dir: string; s3: { endpoint: string; bucket: string; region: string; accessKeyId: string; secretAccessKey: string } };
  jwtSecret: string;
  tokenTtlSeconds: number;
  /**
   * The reverse proxies whose X-Forwarded-For is believed: addresses, CIDR ranges, or express's
   * names loopback / linklocal / uniquelocal. Empty: nobody's, the connecting peer is the client.
   */
  trustProxy: string[];
  /** Accounts and sessions (等保三级): the account re-check, idle staff sessions, passwords, the lockout */
  accounts: AccountSettings;
  attachmentMaxBytes: number;
  /** 6-digit administrative region code (GB/T 2260) that starts every case number */
  regionCode: string;
  processesDir: string;
  /** the built web front end (modeler/dist), served at / */
  webDir: string;
  /** 超期预警: a case turns yellow once this share of its promised time is used */
  deadlineWarningShare: number;
  /** 超期预警: how often the server looks for cases turning yellow or red (0: never) */
  deadlineSweepIntervalMs: number;
  /** 免申即享: how often the server reads the registries' events and sweeps birthdays (0: never) */
  proactiveIntervalMs: number;
  /** 在线预约: how far ahead people book, when they check in, and what no-shows cost them */
  appointments: AppointmentSettings;
  /** the inbox's copy of the engine's tasks: how often it looks for what the engine's events did not bring (0: never) */
  inboxSyncIntervalMs: number;
  /** 对账: how often to ask the payment gateway and the carrier about what they may not have told */
  reconcileIntervalMs: number;
  /** 监管指标: how often the read model follows the cases' new events (0: never; server/supervision) */
  supervisionIntervalMs: number;
  /** 问题闭环: the working days a 走流程 finding or a monitoring rule's problem has, unless its raiser gives others (a 差评's are 15) */
  problemDueWorkingDays: number;
  /** several nodes: a scheduler's lease lasts this many of its intervals; a dead holder's is taken over after it */
  schedulerLeaseIntervals: number;
  /** the deployment policy's resource bounds for processes uploaded through the modeler */
  policy: PolicyBounds;
  /** 补正: working days the applicant has to resubmit before the case is closed */
  correctionWorkingDays: number;
  /** 容缺受理: working days to hand in the tolerated missing materials before the case is terminated */
  deficiencyWorkingDays: number;
  /** 办件查询 without signing in: lookups one address may make in 10 minutes */
  publicLookupLimit: number;
  /** 好差评结果公开: seconds the public ratings board is served from memory before it is summed again */
  publicBoardFreshSeconds: number;
  worker: {
    topics: string[];
    maxTasks: number;
    maxParallelExecutions: number;
    asyncResponseTimeoutMs: number;
    /** 0: each topic's own lock duration; otherwise this one for every topic */
    lockDurationMs: number;
    retries: number;
    retryTimeoutMs: number;
  };
}

export interface RegistriesSettings {
  /** 人口库、法人库 (through the provincial data-sharing platform) */
  url: string;
  /** the platform's app id and shared secret there (HMAC-SM3 request signatures) */
  appId: string;
  secret: string;
  /** each lookup's deadline */
  timeoutMs: number;
  /** how long a record found is reused for the same number (0: never; docs/shared-data.md) */
  cacheSeconds: number;
}

export interface ProvinceSettings {
  exchangeUrl: string;
  /** the platform's app id and shared secret at the exchange (HMAC-SM3 request signatures) */
  appId: string;
  secret: string;
  /** how often the sender looks for events to send (0: never) */
  sendIntervalMs: number;
  /** events per request (the exchange takes at most 500) */
  batchSize: number;
  /** attempts before an event that keeps failing becomes a dead letter */
  maxAttempts: number;
}

export interface IdentitySettings {
  /** the OpenID Connect provider's issuer URL; '' turns the unified sign-in off */
  oidcIssuer: string;
  /** the platform's client at the provider (a confidential client: client_secret_basic) */
  oidcClientId: string;
  oidcClientSecret: string;
  /** acr values that count as multi-factor (besides an amr with "mfa"): a second factor the platform then does not ask again */
  oidcMfaAcr: string[];
  /** 实名核验: the real-name check service (name + ID number against the population registry); '' without one */
  realNameCheckUrl: string;
  /** 短信: the SMS gateway that sends the phone verification codes; '' without one */
  smsGatewayUrl: string;
}

export interface AccountSettings {
  /** how long a request may rely on an account's state (exists, active, roles, department) read before; 0: read it every time */
  checkSeconds: number;
  /** a staff session ends after this long without a request (applicants: the token's lifetime only) */
  sessionIdleMinutes: number;
  /** a password older than this must be changed at the next sign-in; 0: never */
  passwordMaxAgeDays: number;
  /** this many failed sign-ins of one user name within lockWindowMinutes lock it for lockMinutes */
  lockAttempts: number;
  lockWindowMinutes: number;
  lockMinutes: number;
  /**
   * who must sign in with a second factor (TOTP): roles, and `seal_users` for everyone an active
   * seal names (by user name or group); the others may enrol if they wish
   */
  secondFactorRequired: string[];
  /** the issuer an authenticator app shows beside the account */
  secondFactorIssuer: string;
  /**
   * the one-time codes of new enrolments: `SHA1` (RFC 6238 TOTP, every authenticator app) or `SM3`
   * (GM/T 0021-2012, tokens that implement it); an enrolment keeps the algorithm it was made with
   */
  secondFactorAlgorithm: 'SHA1' | 'SM3';
}

export const configSchema: JSONSchemaType<Config> = {
  type: 'object',
  additionalProperties: false,
  required: [
    'mode',
    'host',
    'port',
    'dataDir',
    'logLevel',
    'appDbUrl',
    'engine',
    'engineNodeUrls',
    'publicUrl',
    'sealKey',
    'auditKey',
    'secondFactorKey',
    'personalData',
    'payment',
    'carrier',
    'identity',
    'province',
    'registries',
    'redisUrl',
    'storage',
    'jwtSecret',
    'tokenTtlSeconds',
    'trustProxy',
    'accounts',
    'attachmentMaxBytes',
    'regionCode',
    'processesDir',
    'webDir',
    'deadlineWarningShare',
    'correctionWorkingDays',
    'deficiencyWorkingDays',
    'publicLookupLimit',
    'publicBoardFreshSeconds',
    'deadlineSweepIntervalMs',
    'proactiveIntervalMs',
    'appointments',
    'inboxSyncIntervalMs',
    'reconcileIntervalMs',
    'supervisionIntervalMs',
    'problemDueWorkingDays',
    'schedulerLeaseIntervals',
    'policy',
    'worker',
  ],
  properties: {
    mode: { type: 'string', enum: ['embedded', 'production'] },
    host: { type: 'string', minLength: 1 },
    port: { type: 'integer', minimum: 0, maximum: 65535 },
    dataDir: { type: 'string', minLength: 1 },
    logLevel: { type: 'string', enum: ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] },
    appDbUrl: { type: 'string', pattern: '^(sqlite:|mysql://|mariadb://)' },
    engine: {
      type: 'object',
      additionalProperties: false,
      required: ['url', 'user', 'password'],
      properties: {
        url: { type: 'string', pattern: '^https?://' },
        user: { type: 'string', minLength: 1 },
        password: { type: 'string', minLength: 1 },
      },
    },
    engineNodeUrls: { type: 'array', maxItems: 32, items: { type: 'string', pattern: '^https?://' } },
    publicUrl: { type: 'string', pattern: '^https?://' },
    sealKey: { type: 'string', minLength: 32 },
    auditKey: { type: 'string', minLength: 32 },
    secondFactorKey: { type: 'string', minLength: 32 },
    personalData: {
      type: 'object',
      additionalProperties: false,
      required: ['keys', 'indexKey'],
      properties: {
        keys: {
          type: 'array',
          minItems: 1,
          items: {
            type: 'object',
            additionalProperties: false,
            required: ['id', 'secret'],
            properties: { id: { type: 'string', pattern: '^[A-Za-z0-9_-]{1,16}$' }, secret: { type: 'string', minLength: 32 } },
          },
        },
        indexKey: { type: 'string', minLength: 32 },
      },
    },
    payment: {
      type: 'object',
      additionalProperties: false,
      required: ['gatewayUrl', 'publicKeyPem', 'expiryMinutes'],
      properties: {
        gatewayUrl: { type: 'string', pattern: '^(https?://.+)?$' },
        publicKeyPem: { type: 'string' },
        expiryMinutes: { type: 'number', exclusiveMinimum: 0, maximum: 43200 },
      },
    },
    carrier: {
      type: 'object',
      additionalProperties: false,
      required: ['url', 'callbackSecret'],
      properties: {
        url: { type: 'string', pattern: '^(https?://.+)?$' },
        callbackSecret: { type: 'string' },
      },
    },
    province: {
      type: 'object',
      additionalProperties: false,
      required: ['exchangeUrl', 'appId', 'secret', 'sendIntervalMs', 'batchSize', 'maxAttempts'],
      properties: {
        exchangeUrl: { type: 'string', pattern: '^(https?://.+)?$' },
        appId: { type: 'string', maxLength: 64 },
        secret: { type: 'string' },
        sendIntervalMs: { type: 'integer', minimum: 0, maximum: 3600000 },
        batchSize: { type: 'integer', minimum: 1, maximum: 500 },
        maxAttempts: { type: 'integer', minimum: 1, maximum: 100 },
      },
    },
    registries: {
      type: 'object',
      additionalProperties: false,
      required: ['url', 'appId', 'secret', 'timeoutMs', 'cacheSeconds'],
      properties: {
        url: { type: 'string', pattern: '^(https?://.+)?$' },
        appId: { type: 'string', maxLength: 64 },
        secret: { type: 'string' },
        timeoutMs: { type: 'integer', minimum: 100, maximum: 60000 },
        cacheSeconds: { type: 'integer', minimum: 0, maximum: 3600 },
      },
    },
    identity: {
      type: 'object',
      additionalProperties: false,
      required: ['oidcIssuer', 'oidcClientId', 'oidcClientSecret', 'oidcMfaAcr', 'realNameCheckUrl', 'smsGatewayUrl'],
      properties: {
        oidcIssuer: { type: 'string', pattern: '^(https?://.+)?$' },
        oidcClientId: { type: 'string', maxLength: 255 },
        oidcClientSecret: { type: 'string', maxLength: 1024 },
        oidcMfaAcr: { type: 'array', items: { type: 'string', minLength: 1 } },
        realNameCheckUrl: { type: 'string', pattern: '^(https?://.+)?$' },
        smsGatewayUrl: { type: 'string', pattern: '^(https?://.+)?$' },
      },
    },
    redisUrl: { type: 'string', pattern: '^(rediss?://.+)?$' },
    storage: {
      type: 'object',
      additionalProperties: false,
      required: ['dir', 's3'],
      properties: {
        dir: { type: 'string' },
        s3: {
          type: 'object',
          additionalProperties: false,
          required: ['endpoint', 'bucket', 'region', 'accessKeyId', 'secretAccessKey'],
          // an endpoint needs its bucket and credentials (S3 bucket names: 3-63 of a-z 0-9 . -)
          if: { properties: { endpoint: { const: '' } } },
          then: {},
          else: {
            properties: {
              bucket: { type: 'string', pattern: '^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$' },
              accessKeyId: { type: 'string', minLength: 1 },
              secretAccessKey: { type: 'string', minLength: 1 },
            },
          },
          properties: {
            endpoint: { type: 'string', pattern: '^(https?://[^/?#]+/?)?$' },
            bucket: { type: 'string' },
            region: { type: 'string', minLength: 1 },
            accessKeyId: { type: 'string' },
            secretAccessKey: { type: 'string' },
          },
        },
      },
    },
    jwtSecret: { type: 'string', minLength: 32 },
    tokenTtlSeconds: { type: 'integer', minimum: 60, maximum: 86400 },
    trustProxy: { type: 'array', items: { type: 'string', minLength: 1 } },
    accounts: {
      type: 'object',
      additionalProperties: false,
      required: [
        'checkSeconds',
        'sessionIdleMinutes',
        'passwordMaxAgeDays',
        'lockAttempts',
        'lockWindowMinutes',
        'lockMinutes',
        'secondFactorRequired',
        'secondFactorIssuer',
        'secondFactorAlgorithm',
      ],
      properties: {
        checkSeconds: { type: 'integer', minimum: 0, maximum: 60 },
        sessionIdleMinutes: { type: 'integer', minimum: 1, maximum: 1440 },
        passwordMaxAgeDays: { type: 'integer', minimum: 0, maximum: 3650 },
        lockAttempts: { type: 'integer', minimum: 1, maximum: 100 },
        lockWindowMinutes: { type: 'integer', minimum: 1, maximum: 1440 },
        lockMinutes: { type: 'integer', minimum: 1, maximum: 1440 },
        secondFactorRequired: { type: 'array', items: { type: 'string', enum: [...SECOND_FACTOR_REQUIRED_ENTRIES] } },
        secondFactorIssuer: { type: 'string', minLength: 1, maxLength: 64, pattern: '^[^:]+$' },
        secondFactorAlgorithm: { type: 'string', enum: ['SHA1', 'SM3'] },
      },
    },
    attachmentMaxBytes: { type: 'integer', minimum: 1024, maximum: 209715200 },
    regionCode: { type: 'string', pattern: '^[0-9]{6}$' },
    processesDir: { type: 'string', minLength: 1 },
    webDir: { type: 'string', minLength: 1 },
    deadlineWarningShare: { type: 'number', exclusiveMinimum: 0, exclusiveMaximum: 1 },
    correctionWorkingDays: { type: 'integer', minimum: 1, maximum: 60 },
    deadlineSweepIntervalMs: { type: 'integer', minimum: 0, maximum: 86400000 },
    proactiveIntervalMs: { type: 'integer', minimum: 0, maximum: 86400000 },
    appointments: {
      type: 'object',
      additionalProperties: false,
      required: [...APPOINTMENT_SETTINGS],
      properties: {
        daysAhead: { type: 'integer', minimum: 1, maximum: 90 },
        checkInEarlyMinutes: { type: 'integer', minimum: 0, maximum: 240 },
        checkInLateMinutes: { type: 'integer', minimum: 0, maximum: 240 },
        noShowGraceMinutes: { type: 'integer', minimum: 0, maximum: 240 },
        noShowLimit: { type: 'integer', minimum: 1, maximum: 100 },
        noShowWindowDays: { type: 'integer', minimum: 1, maximum: 3650 },
        bookingBanDays: { type: 'integer', minimum: 0, maximum: 3650 },
        sweepIntervalMs: { type: 'integer', minimum: 0, maximum: 86400000 },
      },
    },
    inboxSyncIntervalMs: { type: 'integer', minimum: 0, maximum: 86400000 },
    reconcileIntervalMs: { type: 'integer', minimum: 0, maximum: 86400000 },
    supervisionIntervalMs: { type: 'integer', minimum: 0, maximum: 86400000 },
    problemDueWorkingDays: { type: 'integer', minimum: 1, maximum: 60 },
    schedulerLeaseIntervals: { type: 'integer', minimum: 2, maximum: 1000 },
    policy: {
      type: 'object',
      additionalProperties: false,
      required: ['maxInstances', 'minTimerCycleMinutes', 'maxElements', 'maxNesting'],
      properties: {
        maxInstances: { type: 'integer', minimum: 1, maximum: 10000 },
        minTimerCycleMinutes: { type: 'integer', minimum: 1, maximum: 525600 },
        maxElements: { type: 'integer', minimum: 10, maximum: 10000 },
        maxNesting: { type: 'integer', minimum: 0, maximum: 50 },
      },
    },
    deficiencyWorkingDays: { type: 'integer', minimum: 1, maximum: 60 },
    publicLookupLimit: { type: 'integer', minimum: 1, maximum: 10000 },
    publicBoardFreshSeconds: { type: 'integer', minimum: 0, maximum: 86400 },
    worker: {
      type: 'object',
      additionalProperties: false,
      required: ['topics', 'maxTasks', 'maxParallelExecutions', 'asyncResponseTimeoutMs', 'lockDurationMs', 'retries', 'retryTimeoutMs'],
      properties: {
        topics: { type: 'array', items: { type: 'string' } },
        maxTasks: { type: 'integer', minimum: 1, maximum: 1000 },
        maxParallelExecutions: { type: 'integer', minimum: 1, maximum: 1000 },
        asyncResponseTimeoutMs: { type: 'integer', minimum: 0, maximum: 1800000 },
        lockDurationMs: { type: 'integer', minimum: 0 },
        retries: { type: 'integer', minimum: 0, maximum: 100 },
        retryTimeoutMs: { type: 'integer', minimum: 0 },
      },
    },
  },
};
