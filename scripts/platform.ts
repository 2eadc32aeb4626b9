/**
 * `npm start`: builds what is missing (the engine jar, the server and worker bundles, the web front
 * end when modeler/ changed), then runs
 * the whole platform on this machine — the engine (H2 file by default), the server and the workers
 * (SQLite by default), each its own process. A part that crashes is started again after a growing
 * pause, said on the console (scripts/supervise.ts); only Ctrl-C (or SIGTERM) stops them all.
 * Configuration is the environment (README, "Configuration").
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfigOrExit } from '../server/config/load.ts';
import { protectDataDir } from '../server/config/data-dir.ts';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, DEMO_TOTP_SECRET } from '../server/auth/demo-accounts.ts';
import { buildEngine, REPO_ROOT, startEngine, type RunningEngine } from './lib/engine.ts';
import { bundle } from './build.ts';
import { ensureWebBuilt } from './build-web.ts';
import { startPaymentSandbox, type PaymentSandbox } from '../server/gateways/payment/index.ts';
import { startCarrierSandbox, type CarrierSandbox } from '../server/gateways/logistics/index.ts';
import { startIdentitySandbox, type IdentitySandbox } from '../server/gateways/identity/index.ts';
import { startSmsSandbox, type SmsSandbox } from '../server/gateways/sms/index.ts';
import { startExchangeSandbox, type ExchangeSandbox } from '../server/gateways/province/index.ts';
import { startRegistriesSandbox, type RegistriesSandbox } from '../server/gateways/registries/index.ts';
import { WORKER_NODE_FLAGS } from './lib/node-flags.ts';
import { childProcessPart, processEnded, supervise, type Started, type Supervisor } from './supervise.ts';

const started = Date.now();
const config = loadConfigOrExit();
// logs, databases and uploads hold personal data: the data directory is the platform user's alone
protectDataDir(config.dataDir);
const logDir = join(config.dataDir, 'logs');
mkdirSync(logDir, { recursive: true });
const say = (message: string) => console.log(`[platform] ${message}`);

/** Children log JSON to files; warnings and errors are echoed here in one line each. */
function launch(name: string, script: string, env: Record<string, string>, nodeFlags: readonly string[] = []): ChildProcess {
  const log = createWriteStream(join(logDir, `${name}.log`), { flags: 'a' });
  const child = spawn(process.execPath, [...nodeFlags, script], { cwd: REPO_ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let partial = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    log.write(chunk);
    const lines = (partial + chunk.toString('utf8')).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) {
      try {
        const entry = JSON.parse(line) as { level: number; msg: string; err?: { message?: string } };
        if (entry.level >= 40)
          console.log(`[${name}] ${entry.level >= 50 ? 'ERROR' : 'WARN'} ${entry.msg}${entry.err?.message ? `: ${entry.err.message}` : ''}`);
      } catch {
        console.log(`[${name}] ${line}`);
      }
    }
  });
  child.stderr!.on('data', (chunk: Buffer) => {
    log.write(chunk);
    process.stderr.write(`[${name}] ${chunk.toString('utf8')}`);
  });
  child.once('close', () => log.end());
  return child;
}

async function waitForHealth(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server exited (code ${child.exitCode}); see ${join(logDir, 'server.log')}`);
    try {
      const res = await fetch(`${url}/api/v1/health`, { signal: AbortSignal.timeout(2000) });
      if (res.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`the server did not become healthy within ${timeoutMs / 1000} s; see ${join(logDir, 'server.log')}`);
}

/** the server and the workers, each kept running (scripts/supervise.ts) */
const parts: Supervisor[] = [];
let engineSupervisor: Supervisor | undefined;
/** Ctrl-C while the platform starts: a part still starting (not yet supervised) stops too, and is waited for */
const shutdown = new AbortController();
const stoppingWhileStarting: Promise<void>[] = [];
const sandboxes: (PaymentSandbox | CarrierSandbox | IdentitySandbox | SmsSandbox | ExchangeSandbox | RegistriesSandbox)[] = [];
let stopping = false;

async function stopAll(code: number): Promise<never> {
  if (!stopping) {
    stopping = true;
    say('stopping workers, server and engine …');
    shutdown.abort();
    await Promise.all(parts.map((part) => part.stop()));
    await Promise.all(stoppingWhileStarting);
    await engineSupervisor?.stop();
    await Promise.allSettled(sandboxes.map((s) => s.close()));
    say('stopped');
  }
  process.exit(code);
}
process.on('SIGINT', () => void stopAll(0));
process.on('SIGTERM', () => void stopAll(0));

/**
 * The outside systems: where no real gateway or carrier is configured, the sandboxes run in this
 * process on their own ports, keeping their orders, waybills and keys in DATA_DIR/sandboxes.
 */
async function outsideSystems(): Promise<Record<string, string>> {
  const env: Record<string, string> = {};
  const dir = join(config.dataDir, 'sandboxes');
  mkdirSync(dir, { recursive: true });
  if (!config.payment.gatewayUrl) {
    const payments = await startPaymentSandbox({ port: Number(process.env.PAYMENT_SANDBOX_PORT ?? 3101), dataFile: join(dir, 'payment.json') });
    sandboxes.push(payments);
    Object.assign(env, { PAYMENT_GATEWAY_URL: payments.url, PAYMENT_GATEWAY_PUBLIC_KEY: payments.publicKeyPem });
    say(`sandbox payment gateway on ${payments.url}`);
  }
  if (!config.carrier.url) {
    const carrier = await startCarrierSandbox({ port: Number(process.env.CARRIER_SANDBOX_PORT ?? 3102), dataFile: join(dir, 'carrier.json') });
    sandboxes.push(carrier);
    Object.assign(env, { CARRIER_URL: carrier.url, CARRIER_CALLBACK_SECRET: carrier.callbackSecret });
    say(`sandbox carrier on ${carrier.url}`);
  }
  // 统一身份认证 (OpenID Connect) with its population's real-name check, and the SMS gateway of the registration
  let identity: IdentitySandbox | undefined;
  if (!config.identity.oidcIssuer || !config.identity.realNameCheckUrl) {
    identity = await startIdentitySandbox({
      port: Number(process.env.IDENTITY_SANDBOX_PORT ?? 3103),
      dataFile: join(dir, 'identity.json'),
      client: { redirectUris: [`${config.publicUrl}/login/oidc`] },
    });
    sandboxes.push(identity);
    if (!config.identity.oidcIssuer)
      Object.assign(env, { OIDC_ISSUER: identity.issuer, OIDC_CLIENT_ID: identity.clientId, OIDC_CLIENT_SECRET: identity.clientSecret });
    if (!config.identity.realNameCheckUrl) Object.assign(env, { REAL_NAME_CHECK_URL: identity.url });
    say(`sandbox identity provider on ${identity.url}`);
  }
  if (!config.identity.smsGatewayUrl) {
    const sms = await startSmsSandbox({ port: Number(process.env.SMS_SANDBOX_PORT ?? 3104), dataFile: join(dir, 'sms.json') });
    sandboxes.push(sms);
    Object.assign(env, { SMS_GATEWAY_URL: sms.url });
    say(`sandbox SMS gateway on ${sms.url} (outbox: ${sms.url}/sandbox/outbox)`);
  }
  // 办件数据汇聚: the provincial exchange every case event is reported to
  if (!config.province.exchangeUrl) {
    const exchange = await startExchangeSandbox({ port: Number(process.env.PROVINCE_SANDBOX_PORT ?? 3105), dataFile: join(dir, 'province-exchange.ndjson') });
    sandboxes.push(exchange);
    Object.assign(env, { PROVINCE_EXCHANGE_URL: exchange.url, PROVINCE_EXCHANGE_APP_ID: exchange.appId, PROVINCE_EXCHANGE_SECRET: exchange.secret });
    say(`sandbox provincial exchange on ${exchange.url}`);
  }
  // 共享数据: 人口库 and 法人库, whose first records are the identity sandbox's people and companies
  if (!config.registries.url) {
    const people = identity?.control;
    const registries = await startRegistriesSandbox({
      port: Number(process.env.REGISTRIES_SANDBOX_PORT ?? 3106),
      dataFile: join(dir, 'registries.json'),
      population: people ? () => people.population() : undefined,
    });
    sandboxes.push(registries);
    Object.assign(env, { REGISTRIES_URL: registries.url, REGISTRIES_APP_ID: registries.appId, REGISTRIES_SECRET: registries.secret });
    say(`sandbox population and legal-person registries on ${registries.url}`);
  }
  return env;
}

try {
  await Promise.all([buildEngine(), bundle(), ensureWebBuilt()]);
  const externalEngine = Boolean(process.env.ENGINE_URL);
  if (!externalEngine) {
    const port = Number(new URL(config.engine.url).port || 8090);
    say(`starting the engine on 127.0.0.1:${port} (${process.env.ENGINE_DB_URL ? 'external database' : 'H2 file in data/engine'}) …`);
    const startEngineOnce = async (): Promise<Started> => {
      const engine: RunningEngine = await startEngine({
        port,
        dataDir: join(config.dataDir, 'engine'),
        dbUrl: process.env.ENGINE_DB_URL,
        dbUser: process.env.ENGINE_DB_USER,
        dbPassword: process.env.ENGINE_DB_PASSWORD,
        user: config.engine.user,
        password: config.engine.password,
        logFile: join(logDir, 'engine.log'),
        eventsUrl: `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${config.port}/api/v1/engine-events`,
        // the deployment policy's multi-instance bound, held by the engine at run time too (MultiInstanceBoundPlugin)
        env: { POLICY_MAX_INSTANCES: String(config.policy.maxInstances) },
      });
      return { ended: processEnded(engine.pid), stop: () => engine.stop() };
    };
    engineSupervisor = await supervise('engine', startEngineOnce, { say });
  }
  const env: Record<string, string> = {
    ENGINE_URL: config.engine.url,
    ENGINE_USER: config.engine.user,
    ENGINE_PASSWORD: config.engine.password,
    DATA_DIR: config.dataDir,
    ...(await outsideSystems()),
  };
  const url = `http://${config.host}:${config.port}`;
  // the server is up once it answers its health check (migrations run before it listens)
  const startServer = async (stopping: AbortSignal): Promise<Started> => {
    const server = launch('server', 'dist/server.mjs', env);
    const part = childProcessPart(server);
    // Ctrl-C while it starts: stopped at once (the health check then fails)
    const stopNow = () => stoppingWhileStarting.push(part.stop());
    const signals = [stopping, shutdown.signal];
    for (const signal of signals) signal.addEventListener('abort', stopNow, { once: true });
    try {
      await waitForHealth(url, server, 120_000);
    } catch (err) {
      await part.stop();
      throw err;
    } finally {
      for (const signal of signals) signal.removeEventListener('abort', stopNow);
    }
    return part;
  };
  parts.push(await supervise('server', startServer, { say }));
  parts.push(await supervise('workers', async () => childProcessPart(launch('workers', 'dist/workers.mjs', env, WORKER_NODE_FLAGS)), { say }));

  const accounts =
    config.mode === 'embedded'
      ? DEMO_ACCOUNTS.map(
          (a) =>
            `    ${a.username.padEnd(Math.max(...DEMO_ACCOUNTS.map((x) => x.username.length)))} ${a.roles.join(',').padEnd(14)} ${`${a.departmentCode ?? '-'}${a.regionCode ? `@${a.regionCode}` : ''}`.padEnd(20)} ${a.displayName}`,
        ).join('\n') +
        `\n    admin, security, analyst and the leaders also ask for a 6-digit code (双因素认证): add the demo secret ${DEMO_TOTP_SECRET}\n    to an authenticator app (time-based, 30 s), or see the README for a one-line code generator`
      : '    (production mode: no demo accounts; the first administrator: npm run admin:create -- <username> <name>)';
  console.log(`
  审批平台已启动 / The approval platform is running (${config.mode}, ${((Date.now() - started) / 1000).toFixed(1)} s)

    Web          ${url}/
    API          ${url}/api/v1
    API docs     ${url}/api/docs
    OpenAPI      ${url}/api/v1/openapi.json
    Health       ${url}/api/v1/health
    Sandboxes    ${sandboxes.map((s) => s.url).join('  ') || '(real gateways configured)'}
    Engine REST  ${config.engine.url}  (user ${config.engine.user}; password in ${join(config.dataDir, 'secrets.json')})
    Logs         ${logDir}

  Demo accounts (password "${DEMO_PASSWORD}"):
${accounts}

  A part that crashes is restarted (1 s, 2 s … 30 s apart) / 崩溃的部件会自动重启.
  Ctrl-C stops everything / Ctrl-C 停止全部.
`);
} catch (err) {
  // a start cut short by Ctrl-C is not a failure: stopAll is under way
  if (!stopping) {
    console.error(`[platform] could not start: ${(err as Error).message}`);
    await stopAll(1);
  }
}
