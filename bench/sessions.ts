/**
 * `npx tsx bench/sessions.ts` (or `npm run bench -- sessions`): what the account and session
 * re-check costs a request (server/auth/tokens.ts), on the embedded default (SQLite in a temporary
 * folder; APP_DB_URL=mysql://… for MySQL/MariaDB, an empty database). No engine is needed.
 * Side by side in one run, requests interleaved over the same connection pool:
 *   - checked: GET /api/v1/auth/me as the server serves it (signature and claims, the account and
 *     the session from the database through the ACCOUNT_CHECK_SECONDS cache, the idle rule);
 *   - checked, no cache (ACCOUNT_CHECK_SECONDS=0): every request reads the account and the session;
 *   - signature only: the same route behind a TokenService that checks the signature and claims and
 *     takes the principal as the token would have carried it (what the server did before).
 * Then the login (argon2id, the lockout's check, a session row), and the login with a second factor
 * (the password, then a TOTP code). Prints one JSON line per measure.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pino } from 'pino';
import { loadConfig } from '../server/config/load.ts';
import { openDatabase } from '../server/db/index.ts';
import { EngineClient } from '../server/engine/client.ts';
import { newNodeId } from '../server/scheduling/nodes.ts';
import { syncDepartments } from '../server/organization/departments.ts';
import { DEMO_PASSWORD, seedDemoAccounts } from '../server/auth/demo-accounts.ts';
import { sessionTokenKey, TokenService, type Verified } from '../server/auth/tokens.ts';
import { verifyJws } from '../server/auth/compact-jws.ts';
import { User } from '../server/auth/user.model.ts';
import type { Principal } from '../server/auth/principal.ts';
import { buildApp } from '../server/app.ts';
import { useAuditKey } from '../server/audit/index.ts';
import { SecondFactors } from '../server/auth/second-factor.service.ts';
import { hotp, stepAt } from '../server/auth/totp.ts';
import type { AppContext } from '../server/context.ts';
import { percentile, round } from './stats.ts';

const N = Number(process.env.BENCH_SESSIONS_N ?? 3000);
const N_LOGIN = Number(process.env.BENCH_LOGIN_N ?? 100);
const WARMUP = 200;

const emit = (line: Record<string, unknown>) => console.log(JSON.stringify(line));
const note = (message: string) => console.error(`[bench] ${message}`);

/** The check as it was: the token's signature and claims, the principal from a table instead of the database. */
class SignatureOnly extends TokenService {
  private readonly signingKey: Buffer;

  constructor(
    secret: string,
    ttlSeconds: number,
    private readonly principals: Map<number, Principal>,
  ) {
    super(secret, ttlSeconds);
    this.signingKey = sessionTokenKey(secret);
  }

  override verify(token: string): Promise<Verified> {
    const signed = verifyJws(this.signingKey, token, 'JWT');
    const principal = signed.ok && signed.payload.iss === 'approval-platform' ? this.principals.get(Number(signed.payload.sub)) : undefined;
    if (!signed.ok || !principal) return Promise.resolve({ ok: false, code: 'token_invalid', reason: 'signature' });
    return Promise.resolve({ ok: true, principal, sessionId: String(signed.payload.jti), expiresAt: Number(signed.payload.exp) * 1000 });
  }
}

const dataDir = mkdtempSync(join(tmpdir(), 'approval-bench-sessions-'));
const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'warn', ...(process.env.APP_DB_URL ? { APP_DB_URL: process.env.APP_DB_URL } : {}) });
const logger = pino({ level: 'warn' });
const db = await openDatabase(config);
useAuditKey(config.auditKey);
const servers: Server[] = [];

async function serve(ctx: AppContext): Promise<string> {
  const server = await new Promise<Server>((resolve) => {
    const s = buildApp(ctx).listen(0, '127.0.0.1', () => resolve(s));
  });
  servers.push(server);
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

try {
  await syncDepartments();
  await seedDemoAccounts();
  const base = { config, logger, sequelize: db.sequelize, engine: new EngineClient(config.engine), nodeId: newNodeId() };
  const tokens = new TokenService(config.jwtSecret, config.tokenTtlSeconds, {
    accountCheckSeconds: config.accounts.checkSeconds,
    sessionIdleMinutes: config.accounts.sessionIdleMinutes,
  });
  const uncached = new TokenService(config.jwtSecret, config.tokenTtlSeconds, {
    accountCheckSeconds: 0,
    sessionIdleMinutes: config.accounts.sessionIdleMinutes,
  });
  const reviewer = (await User.findOne({ where: { username: 'reviewer' } }))!;
  const principal: Principal = {
    id: reviewer.id,
    username: reviewer.username,
    displayName: reviewer.displayName,
    roles: reviewer.roles,
    departmentCode: reviewer.departmentCode,
    regionCode: reviewer.regionCode,
  };
  const signatureOnly = new SignatureOnly(config.jwtSecret, config.tokenTtlSeconds, new Map([[reviewer.id, principal]]));
  // a login behind a trusted proxy: each request its own client address, so the login limit (20 a minute) is not what is measured
  const urls = {
    checked: await serve({ ...base, tokens, config: { ...config, trustProxy: ['127.0.0.1'] } }),
    uncached: await serve({ ...base, tokens: uncached }),
    signatureOnly: await serve({ ...base, tokens: signatureOnly }),
  };
  const { token } = await tokens.issue(principal, { clientAddress: '127.0.0.1' });

  note(`${N} signed-in GETs of each kind, interleaved, ${WARMUP} each to warm up (${db.dialect})`);
  const times: Record<keyof typeof urls, number[]> = { checked: [], uncached: [], signatureOnly: [] };
  for (let i = -WARMUP; i < N; i++) {
    for (const kind of Object.keys(urls) as (keyof typeof urls)[]) {
      const started = performance.now();
      const res = await fetch(`${urls[kind]}/api/v1/auth/me`, { headers: { Authorization: `Bearer ${token}` } });
      await res.arrayBuffer();
      const elapsed = performance.now() - started;
      if (res.status !== 200) throw new Error(`${kind}: GET /auth/me answered ${res.status}`);
      if (i >= 0) times[kind].push(elapsed);
    }
  }
  const stats = (values: number[]) => ({ p50: round(percentile(values, 50), 3), p95: round(percentile(values, 95), 3), p99: round(percentile(values, 99), 3) });
  const checked = stats(times.checked);
  const without = stats(times.signatureOnly);
  emit({
    measure: 'signed_in_get_ms',
    definition:
      'GET /api/v1/auth/me, client-side round trip on 127.0.0.1; checked: the account and session re-check with the ACCOUNT_CHECK_SECONDS cache; no cache: ACCOUNT_CHECK_SECONDS=0; signature only: the token alone, as before',
    db: db.dialect,
    accountCheckSeconds: config.accounts.checkSeconds,
    n: N,
    checked,
    checkedNoCache: stats(times.uncached),
    signatureOnly: without,
    p95OverSignatureOnly: round(checked.p95 - without.p95, 3),
    goal: 'p95 at most 1 ms over signature only',
  });

  note(`${N_LOGIN} sign-ins, one at a time`);
  const logins: number[] = [];
  for (let i = -5; i < N_LOGIN; i++) {
    const started = performance.now();
    const res = await fetch(`${urls.checked}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}` },
      body: JSON.stringify({ username: 'reviewer', password: DEMO_PASSWORD }),
    });
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`login answered ${res.status}`);
    if (i >= 0) logins.push(performance.now() - started);
  }
  emit({
    measure: 'login_ms',
    definition: 'POST /api/v1/auth/login with the right password (argon2id 19 MiB, 2 passes), one at a time',
    db: db.dialect,
    n: N_LOGIN,
    ...stats(logins),
  });

  note(`${N_LOGIN} sign-ins with a second factor (password, then the TOTP code), one at a time, each a person of its own`);
  const secret = Buffer.from('12345678901234567890');
  const secondFactors = new SecondFactors(db.sequelize, config.secondFactorKey, config.accounts);
  const passwordHash = (await User.findOne({ where: { username: 'reviewer' } }))!.passwordHash;
  const twoStep: number[] = [];
  for (let i = -5; i < N_LOGIN; i++) {
    const username = `bench-2fa-${i + 5}`;
    const user = await User.create({
      username,
      displayName: '基准测试分析员',
      roles: ['analyst'],
      departmentCode: 'data',
      idNo: null,
      phone: null,
      passwordHash,
    });
    await secondFactors.enrolKnown(user.id, secret);
    const headers = { 'content-type': 'application/json', 'x-forwarded-for': `10.200.${(i + 5) >> 8}.${(i + 5) & 255}` };
    const started = performance.now();
    const first = await fetch(`${urls.checked}/api/v1/auth/login`, { method: 'POST', headers, body: JSON.stringify({ username, password: DEMO_PASSWORD }) });
    const { challenge } = (await first.json()) as { challenge: string };
    const second = await fetch(`${urls.checked}/api/v1/auth/second-factor`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ challenge, code: hotp(secret, stepAt(Date.now())) }),
    });
    await second.arrayBuffer();
    if (second.status !== 200) throw new Error(`second factor answered ${second.status}`);
    if (i >= 0) twoStep.push(performance.now() - started);
  }
  emit({
    measure: 'login_second_factor_ms',
    definition: 'POST /api/v1/auth/login, then POST /api/v1/auth/second-factor with the TOTP code (the secret opened: SM4 + HMAC-SM3), one person at a time',
    db: db.dialect,
    n: N_LOGIN,
    ...stats(twoStep),
  });
} finally {
  for (const server of servers) server.close();
  await db.close();
  rmSync(dataDir, { recursive: true, force: true });
}
