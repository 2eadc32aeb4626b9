/**
 * `npm start`: builds what is missing (the engine jar, the server and worker bundles, the web front
 * end when modeler/ changed), then runs
 * the whole platform on this machine — the engine (H2 file by default), the server and the workers
 * (SQLite by default), each its own process. A part that crashes is started again after a growing
 * pause, said on the console (scripts/supervise.ts); only Ctrl-C (or SIGTERM) stops them all.
 * Configuration is the environment (README, "Configuration").
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfigOrExit } from '../server/config/load.ts';
import { protectDataDir } from '../server/config/data-dir.ts';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, DEMO_TOTP_SECRET } from '../server/auth/demo-accounts.ts';
import { buildEngine, startEngine, type RunningEngine } from './lib/engine.ts';
import { bundle } from './build.ts';
import { ensureWebBuilt } from './build-web.ts';
import { WORKER_NODE_FLAGS } from './lib/node-flags.ts';
import { startOutsideSystems, type Sandbox } from './lib/outside-systems.ts';
import { launchPart, waitForHealth } from './lib/launch-part.ts';
import { childProcessPart, processEnded, supervise, type Started, type Supervisor } from './supervise.ts';

const started = Date.now();
const config = loadConfigOrExit();
// logs, databases and uploads hold personal data: the data directory is the platform user's alone
protectDataDir(config.dataDir);
const logDir = join(config.dataDir, 'logs');
mkdirSync(logDir, { recursive: true });
const say = (message: string) => console.log(`[platform] ${message}`);

/** the server and the workers, each kept running (scripts/supervise.ts) */
const parts: Supervisor[] = [];
let engineSupervisor: Supervisor | undefined;
/** Ctrl-C while the platform starts: a part still starting (not yet supervised) stops too, and is waited for */
const shutdown = new AbortController();
const stoppingWhileStarting: Promise<void>[] = [];
const sandboxes: Sandbox[] = [];
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
    ...(await startOutsideSystems(config, sandboxes, say)),
  };
  const url = `http://${config.host}:${config.port}`;
  // the server is up once it answers its health check (migrations run before it listens)
  const startServer = async (stopping: AbortSignal): Promise<Started> => {
    const server = launchPart(logDir, 'server', 'dist/server.mjs', env);
    const part = childProcessPart(server);
    // Ctrl-C while it starts: stopped at once (the health check then fails)
    const stopNow = () => stoppingWhileStarting.push(part.stop());
    const signals = [stopping, shutdown.signal];
    for (const signal of signals) signal.addEventListener('abort', stopNow, { once: true });
    try {
      await waitForHealth(url, server, 120_000, join(logDir, 'server.log'));
    } catch (err) {
      await part.stop();
      throw err;
    } finally {
      for (const signal of signals) signal.removeEventListener('abort', stopNow);
    }
    return part;
  };
  parts.push(await supervise('server', startServer, { say }));
  parts.push(await supervise('workers', async () => childProcessPart(launchPart(logDir, 'workers', 'dist/workers.mjs', env, WORKER_NODE_FLAGS)), { say }));

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
