/**
 * Build, start and stop the process engine host (engine/, a Spring Boot jar with the Camunda 7 or
 * Operaton REST API). Used by the platform launcher, the test suite and the benchmarks.
 *
 * The engine is configured only through environment variables (docs/engine.md); this module sets
 * them from EngineOptions and never lets inherited ENGINE_DB_* / ENGINE_USER / ... leak through.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, type WriteStream } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export type EngineFlavour = 'camunda' | 'operaton';

export interface EngineOptions {
  /** default: process.env.ENGINE_FLAVOUR ?? 'camunda' */
  flavour?: EngineFlavour;
  /** 0 = pick a free loopback port */
  port: number;
  /** interface to listen on; default 127.0.0.1 (the engine is never public) */
  bind?: string;
  /** absolute directory; holds the H2 file when no dbUrl is given, and the default log file */
  dataDir: string;
  dbUrl?: string;
  dbUser?: string;
  dbPassword?: string;
  /** REST service account (created or updated in the engine's identity tables at start) */
  user: string;
  password: string;
  /** default: ENGINE_JAVA_OPTS split on spaces, else DEFAULT_JAVA_OPTS */
  javaOpts?: string[];
  /** engine stdout/stderr are appended here; default <dataDir>/engine.log */
  logFile?: string;
  onLog?: (line: string) => void;
  /** where the engine posts task events (the server's /api/v1/engine-events); none when absent */
  eventsUrl?: string;
  /** extra environment for the engine, e.g. { ENGINE_DB_POOL_SIZE: '10', ENGINE_JOB_EXECUTOR: 'false' } */
  env?: Record<string, string | undefined>;
  /** how long to wait for the REST API; default 180 s */
  startTimeoutMs?: number;
}

export interface RunningEngine {
  /** http://127.0.0.1:PORT/engine-rest */
  url: string;
  pid: number;
  flavour: EngineFlavour;
  port: number;
  logFile: string;
  /** SIGTERM, up to 20 s grace, then SIGKILL; resolves once the process has exited */
  stop(): Promise<void>;
}

/**
 * Serial GC with a 1 GB heap starts fastest on a 2-core machine (about 1 s less than G1) and is
 * plenty for one engine node. Not -XX:TieredStopAtLevel=1: it saves another ~0.5 s of start but
 * costs steady-state throughput. Production sets ENGINE_JAVA_OPTS (e.g. -Xmx2g -XX:+UseG1GC).
 */
export const DEFAULT_JAVA_OPTS: readonly string[] = ['-Xms256m', '-Xmx1g', '-XX:+UseSerialGC', '-XX:+ExitOnOutOfMemoryError', '-Dfile.encoding=UTF-8'];

/**
 * The tests' engines: C1 alone (-XX:TieredStopAtLevel=1). A test engine lives minutes and runs
 * little of the same code often enough for C2 to pay back its compiling: an API lane's engine used
 * 24 s of CPU instead of 44 s for the same 137 tests, in the same time (2026-12-07). ENGINE_JAVA_OPTS wins.
 */
export function testJavaOpts(): string[] {
  return splitOpts(process.env.ENGINE_JAVA_OPTS) ?? [...DEFAULT_JAVA_OPTS, '-XX:TieredStopAtLevel=1'];
}

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

const STOP_GRACE_MS = 20_000;
const DEFAULT_START_TIMEOUT_MS = 180_000;
const LOG_TAIL_LINES = 80;

export function engineFlavour(flavour?: string): EngineFlavour {
  const f = flavour ?? process.env.ENGINE_FLAVOUR ?? 'camunda';
  if (f !== 'camunda' && f !== 'operaton') {
    throw new Error(`unknown engine flavour '${f}' (expected camunda or operaton)`);
  }
  return f;
}

export function engineJar(flavour?: EngineFlavour): string {
  return path.join(REPO_ROOT, 'engine', 'target', `approval-engine-${engineFlavour(flavour)}.jar`);
}

/** Runs scripts/engine/build.sh (a no-op when engine/ is unchanged); its output goes to stderr. */
export function buildEngine(flavour?: EngineFlavour): Promise<void> {
  const f = engineFlavour(flavour);
  const script = path.join(REPO_ROOT, 'scripts', 'engine', 'build.sh');
  return new Promise((resolve, reject) => {
    const child = spawn('bash', [script, f], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    const output: string[] = [];
    const collect = (chunk: Buffer): void => {
      output.push(chunk.toString('utf8'));
      process.stderr.write(chunk);
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.on('error', (err) => reject(new Error(`engine build could not start: ${err.message}`)));
    child.on('close', (code, signal) => {
      if (code === 0) {
        resolve();
      } else {
        const tail = output.join('').split('\n').slice(-120).join('\n');
        reject(new Error(`engine build (${f}) failed (${signal ?? `exit ${code}`}):\n${tail}`));
      }
    });
  });
}

/** A free TCP port on the loopback interface (free when asked; bind soon). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => (port > 0 ? resolve(port) : reject(new Error('could not get a free port'))));
    });
  });
}

function assertPortFree(port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once('error', (err: NodeJS.ErrnoException) => reject(new Error(`engine port ${host}:${port} is not free (${err.code ?? err.message})`)));
    server.listen(port, host, () => server.close(() => resolve()));
  });
}

function basicAuth(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`, 'utf8').toString('base64')}`;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function pollEngine(url: string, user: string, password: string, timeoutMs: number, isCancelled: () => boolean = () => false): Promise<void> {
  const base = url.replace(/\/+$/, '');
  const deadline = Date.now() + timeoutMs;
  let last: string | undefined;
  while (!isCancelled()) {
    try {
      // not /engine: the authentication filter lets the engine list through without credentials
      const res = await fetch(`${base}/version`, {
        headers: { authorization: basicAuth(user, password), accept: 'application/json' },
        signal: AbortSignal.timeout(Math.max(1000, Math.min(10_000, deadline - Date.now()))),
      });
      await res.arrayBuffer().catch(() => undefined);
      if (res.status === 200) return;
      last = `HTTP ${res.status}`;
    } catch (err) {
      const cause = (err as { cause?: { code?: string } }).cause;
      last = cause?.code ?? (err as Error).message;
    }
    if (Date.now() >= deadline) {
      throw new Error(`engine at ${base} not ready after ${Math.round(timeoutMs / 1000)} s (last: ${last ?? 'no answer'})`);
    }
    await sleep(Math.min(500, Math.max(0, deadline - Date.now())));
  }
}

/**
 * Resolves when the REST API answers 200 with these credentials (GET {url}/version, which needs
 * them; GET {url}/engine would not prove the credentials: the filter lets it through).
 */
export function waitForEngine(url: string, user: string, password: string, timeoutMs: number): Promise<void> {
  return pollEngine(url, user, password, timeoutMs);
}

function splitOpts(value: string | undefined): string[] | undefined {
  const parts = value?.trim().split(/\s+/).filter(Boolean);
  return parts && parts.length > 0 ? parts : undefined;
}

/** Environment variables this module owns: never inherited from the caller's environment. */
const MANAGED_ENV = [
  'ENGINE_BIND',
  'ENGINE_PORT',
  'ENGINE_DATA_DIR',
  'ENGINE_DB_URL',
  'ENGINE_DB_USER',
  'ENGINE_DB_PASSWORD',
  'ENGINE_USER',
  'ENGINE_PASSWORD',
  'ENGINE_EXIT_ON_STDIN_EOF',
  'ENGINE_EVENTS_URL',
];

/**
 * Starts the engine jar (it must be built: buildEngine()) and waits for its REST API.
 *
 * The child must not outlive us even if we are SIGKILLed, and Node has no prctl(). Two independent
 * guards, both without a detached process group:
 *  - stdin stays a pipe from us and ENGINE_EXIT_ON_STDIN_EOF=1 makes the engine exit (through its
 *    normal shutdown) when that pipe reaches EOF, which the kernel causes when we die, however we die;
 *  - where util-linux `setpriv` exists, java runs under `setpriv --pdeathsig SIGTERM` (it execs
 *    java, so pid and signals are java's), i.e. the kernel sends SIGTERM when this process dies.
 *    (pdeathsig follows the spawning thread; spawn() runs on Node's main thread.)
 */
export async function startEngine(opts: EngineOptions): Promise<RunningEngine> {
  const flavour = engineFlavour(opts.flavour);
  const jar = engineJar(flavour);
  if (!existsSync(jar)) {
    throw new Error(`engine jar ${jar} is missing: run bash scripts/engine/build.sh ${flavour}`);
  }
  if (!opts.user || !opts.password) throw new Error('startEngine: user and password are required');
  if (!path.isAbsolute(opts.dataDir)) throw new Error(`startEngine: dataDir must be absolute (${opts.dataDir})`);

  const bind = opts.bind ?? '127.0.0.1';
  const port = opts.port === 0 ? await freePort() : opts.port;
  await assertPortFree(port, bind);

  mkdirSync(opts.dataDir, { recursive: true });
  const logFile = opts.logFile ?? path.join(opts.dataDir, 'engine.log');
  mkdirSync(path.dirname(logFile), { recursive: true });

  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const key of MANAGED_ENV) delete env[key];
  Object.assign(env, opts.env ?? {}, {
    ENGINE_BIND: bind,
    ENGINE_PORT: String(port),
    ENGINE_DATA_DIR: opts.dataDir,
    ENGINE_USER: opts.user,
    ENGINE_PASSWORD: opts.password,
    ENGINE_EXIT_ON_STDIN_EOF: '1',
  });
  if (opts.eventsUrl) env.ENGINE_EVENTS_URL = opts.eventsUrl;
  if (opts.dbUrl) {
    env.ENGINE_DB_URL = opts.dbUrl;
    if (opts.dbUser !== undefined) env.ENGINE_DB_USER = opts.dbUser;
    if (opts.dbPassword !== undefined) env.ENGINE_DB_PASSWORD = opts.dbPassword;
  }

  const javaOpts = opts.javaOpts ?? splitOpts(process.env.ENGINE_JAVA_OPTS) ?? [...DEFAULT_JAVA_OPTS];
  const java = process.env.JAVA_HOME ? path.join(process.env.JAVA_HOME, 'bin', 'java') : 'java';
  const javaArgs = [...javaOpts, '-jar', jar];
  const setpriv = ['/usr/bin/setpriv', '/bin/setpriv'].find((p) => process.platform === 'linux' && existsSync(p));
  const [command, args] = setpriv ? [setpriv, ['--pdeathsig', 'SIGTERM', '--', java, ...javaArgs]] : [java, javaArgs];

  const log: WriteStream = createWriteStream(logFile, { flags: 'a' });
  log.on('error', () => undefined); // a full disk must not take the caller down
  log.write(`--- ${new Date().toISOString()} starting ${flavour} engine on ${bind}:${port}: ${java} ${javaArgs.join(' ')}\n`);

  const child: ChildProcess = spawn(command, args, {
    cwd: opts.dataDir,
    env,
    stdio: ['pipe', 'pipe', 'pipe'],
    detached: false,
  });

  const tail: string[] = [];
  const lineHandler = (): ((chunk: Buffer) => void) => {
    let partial = '';
    return (chunk) => {
      log.write(chunk);
      const lines = (partial + chunk.toString('utf8')).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) {
        tail.push(line);
        if (tail.length > LOG_TAIL_LINES) tail.shift();
        if (opts.onLog) {
          try {
            opts.onLog(line);
          } catch {
            // a broken log callback must not break the engine
          }
        }
      }
    };
  };
  child.stdout?.on('data', lineHandler());
  child.stderr?.on('data', lineHandler());
  child.stdin?.on('error', () => undefined); // EPIPE once the engine is gone

  let exited = false;
  let exitInfo = '';
  const exitPromise = new Promise<void>((resolve) => {
    child.once('exit', (code, signal) => {
      exited = true;
      exitInfo = signal ? `killed by ${signal}` : `exit code ${code}`;
      log.write(`--- ${new Date().toISOString()} engine ${exitInfo}\n`);
      resolve();
    });
  });
  const spawnError = new Promise<never>((_, reject) => {
    child.once('error', (err) => {
      exited = true;
      reject(new Error(`could not start ${command}: ${err.message}`));
    });
  });
  spawnError.catch(() => undefined);

  const closeLog = (): Promise<void> => new Promise((resolve) => log.end(() => resolve()));

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      if (!exited && child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const graceful = await Promise.race([exitPromise.then(() => true), sleep(STOP_GRACE_MS).then(() => false)]);
        if (!graceful) {
          log.write(`--- engine did not stop within ${STOP_GRACE_MS / 1000} s, sending SIGKILL\n`);
          child.kill('SIGKILL');
          await exitPromise;
        }
      }
      child.stdin?.destroy();
      await closeLog();
    })();
    return stopping;
  };

  const url = `http://${bind === '0.0.0.0' || bind === '::' ? '127.0.0.1' : bind}:${port}/engine-rest`;
  const timeoutMs = opts.startTimeoutMs ?? DEFAULT_START_TIMEOUT_MS;
  const tailText = (): string => tail.slice(-40).join('\n');
  try {
    await Promise.race([
      pollEngine(url, opts.user, opts.password, timeoutMs, () => exited),
      exitPromise.then(() => {
        throw new Error(`engine exited during start (${exitInfo}); log ${logFile}, last lines:\n${tailText()}`);
      }),
      spawnError,
    ]);
    if (exited) {
      throw new Error(`engine exited during start (${exitInfo}); log ${logFile}, last lines:\n${tailText()}`);
    }
  } catch (err) {
    await stop();
    const message = (err as Error).message;
    throw new Error(message.includes('last lines:') ? message : `${message}; log ${logFile}, last lines:\n${tailText()}`, {
      cause: err,
    });
  }

  return { url, pid: child.pid ?? -1, flavour, port, logFile, stop };
}
