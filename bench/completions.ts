/**
 * `npm run bench -- completions`: where an external task's completion spends its time, and what the
 * batch completion (engine host: ExternalTaskBatchCompletion; worker runtime: batch-completion.ts)
 * changes. One engine on MariaDB, everything co-located, each figure beside its baseline from the
 * same run. Prints one JSON line per measure:
 *   1. rest_and_authentication: an authenticated request that does nothing (GET /version) and one
 *      that reads (GET /external-task/count), 8 at a time
 *   2. completion_transaction: external tasks fetched and locked by the bench itself, then completed
 *      one request and one transaction each (8 at a time) vs in batches of 20 and 100
 *   3. throughput_5_step_process: the 5-step process with external-task steps done by a worker
 *      process (the platform's worker runtime) completing one by one vs in batches, against the
 *      same 5 steps as in-engine expressions; CPU seconds per completion of the engine, MariaDB,
 *      the worker and this process
 *   4. throughput_by_history_level: measure 3's expressions and batches again on engines at the
 *      history levels of BENCH_HISTORY_LEVELS (default activity,none) beside one at audit, each on a
 *      database of its own, all running, measured in turn
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { randomBytes } from 'node:crypto';
import { EngineClient } from '../server/engine/client.ts';
import { REPO_ROOT, startEngine, type RunningEngine } from '../scripts/lib/engine.ts';
import { WORKER_NODE_FLAGS } from '../scripts/lib/node-flags.ts';
import { benchMysql, freshDatabases } from './mysql.ts';
import { fiveExpressionSteps, fiveExternalSteps, oneExternalStep } from './models.ts';
import { cpuSeconds, round } from './stats.ts';

const N = Number(process.env.BENCH_COMPLETIONS_N ?? 400);
const CONCURRENCY = 8;
const DIRECT_TOPIC = 'bench-direct';
/**
 * The step worker's long poll. A stopped worker's pending long poll stays in the engine until it
 * ends, and locks the next tasks to the worker that is gone (for their lock duration): each variant
 * waits that long after the previous worker stopped.
 */
const LONG_POLL_MS = 2000;

const emit = (line: Record<string, unknown>) => console.log(JSON.stringify(line));
const note = (message: string) => console.error(`[bench] ${message}`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const dataDir = mkdtempSync(join(tmpdir(), 'approval-bench-completions-'));
const user = 'benchservice';
const password = randomBytes(18).toString('base64url');
const authorization = `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

/** every engine started, stopped in the end whatever happens */
const running: RunningEngine[] = [];

/** An engine on a fresh MariaDB database of its own, at a history level (the engine refuses another level on a database written at one). */
async function startBenchEngine(database: string, historyLevel: string) {
  note(`starting the engine on MariaDB (history level ${historyLevel})`);
  await freshDatabases([database]);
  const engine = await startEngine({
    port: 0,
    dataDir: join(dataDir, `engine-${historyLevel}`),
    dbUrl: `jdbc:mariadb://${benchMysql.host}:${benchMysql.port}/${database}`,
    dbUser: benchMysql.user,
    dbPassword: benchMysql.password,
    user,
    password,
    env: { ENGINE_HISTORY_LEVEL: historyLevel },
  });
  running.push(engine);
  const client = new EngineClient({ url: engine.url, user, password });
  const call = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${engine.url}${path}`, {
      method,
      headers: { Authorization: authorization, 'Content-Type': 'application/json', Accept: 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path}: HTTP ${res.status} ${text.slice(0, 300)}`);
    return text ? (JSON.parse(text) as unknown) : undefined;
  };
  await client.deploy('bench-completions', [
    { name: 'five-external.bpmn', content: fiveExternalSteps('bench_five_external') },
    { name: 'five-expression.bpmn', content: fiveExpressionSteps('bench_five_expression') },
    { name: 'one-direct.bpmn', content: oneExternalStep('bench_one_direct', DIRECT_TOPIC) },
  ]);
  return { engine, client, call, historyLevel };
}

let bench = await startBenchEngine('camunda_bench_completions', 'audit');

/** The MariaDB server's pid when it is the private one of scripts/mariadb.sh, else undefined. */
function mariadbPid(): number | undefined {
  const file = join(process.env.MARIADB_BASE ?? join(REPO_ROOT, '.tmp', 'mariadb'), 'mysqld.pid');
  return existsSync(file) ? Number(readFileSync(file, 'utf8').trim()) : undefined;
}

/** CPU seconds of the engine, MariaDB, an optional worker and this process between start and the answer. */
async function cpuDuring<T>(work: () => Promise<T>, worker?: ChildProcess) {
  const pids = { engine: bench.engine.pid, mariadb: mariadbPid(), worker: worker?.pid };
  const read = () => ({
    engine: cpuSeconds(pids.engine),
    mariadb: pids.mariadb ? cpuSeconds(pids.mariadb) : NaN,
    worker: pids.worker ? cpuSeconds(pids.worker) : NaN,
    bench: (process.cpuUsage().user + process.cpuUsage().system) / 1e6,
  });
  const before = read();
  const t = performance.now();
  const result = await work();
  const seconds = (performance.now() - t) / 1000;
  const after = read();
  const cpu = Object.fromEntries(Object.entries(after).map(([k, v]) => [k, v - before[k as keyof typeof before]])) as typeof before;
  return { result, seconds, cpu };
}

const perCompletionMs = (cpu: Record<string, number>, completions: number) =>
  Object.fromEntries(
    Object.entries(cpu)
      .filter(([, v]) => Number.isFinite(v))
      .map(([k, v]) => [k, round((v * 1000) / completions, 3)]),
  );

async function inParallel(count: number, concurrency: number, one: (i: number) => Promise<unknown>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) await one(next++);
    }),
  );
}

/** Instances of the process still running: the history may be off (history level none). */
async function runningCount(key: string): Promise<number> {
  return ((await bench.call('GET', `/process-instance/count?processDefinitionKey=${key}`)) as { count: number }).count;
}

const children: ChildProcess[] = [];
try {
  // 1. REST and authentication
  const requests = 2000;
  const rest = async (path: string) => {
    await inParallel(200, CONCURRENCY, () => bench.call('GET', path)); // warm-up
    const { seconds, cpu } = await cpuDuring(() => inParallel(requests, CONCURRENCY, () => bench.call('GET', path)));
    return {
      perSecond: round(requests / seconds, 1),
      engineCpuMsPerRequest: round((cpu.engine * 1000) / requests, 3),
      mariadbCpuMsPerRequest: round((cpu.mariadb * 1000) / requests, 3),
    };
  };
  emit({
    measure: 'rest_and_authentication',
    definition: `${requests} authenticated GETs, ${CONCURRENCY} at a time: /version (REST and the cached authentication, no database) and /external-task/count (plus one read transaction)`,
    version: await rest('/version'),
    externalTaskCount: await rest('/external-task/count'),
  });

  // 2. the completion transaction, without a worker
  const lockTasks = async (prefix: string): Promise<string[]> => {
    await inParallel(N, CONCURRENCY, (i) => bench.client.startProcess('bench_one_direct', `${prefix}-${i}`, {}));
    const ids: string[] = [];
    while (ids.length < N) {
      const page = (await bench.call('POST', '/external-task/fetchAndLock', {
        workerId: 'bench-direct',
        maxTasks: 100,
        topics: [{ topicName: DIRECT_TOPIC, lockDuration: 600_000 }],
      })) as { id: string }[];
      if (!page.length) await sleep(50);
      ids.push(...page.map((t) => t.id));
    }
    return ids;
  };
  const variables = { result: { value: 'done', type: 'String' } };
  const direct = async (prefix: string, batchSize: number) => {
    const ids = await lockTasks(prefix);
    const { seconds, cpu } =
      batchSize === 1
        ? await cpuDuring(() =>
            inParallel(ids.length, CONCURRENCY, (i) => bench.call('POST', `/external-task/${ids[i]}/complete`, { workerId: 'bench-direct', variables })),
          )
        : await cpuDuring(() =>
            inParallel(Math.ceil(ids.length / batchSize), 2, async (b) => {
              const tasks = ids.slice(b * batchSize, (b + 1) * batchSize).map((id) => ({ id, variables }));
              const results = (await bench.call('POST', '/approval/external-task/complete', { workerId: 'bench-direct', tasks })) as { completed: boolean }[];
              if (!results.every((r) => r.completed)) throw new Error(`a batch completion failed: ${JSON.stringify(results.find((r) => !r.completed))}`);
            }),
          );
    return { completionsPerSecond: round(ids.length / seconds, 1), cpuMsPerCompletion: perCompletionMs(cpu, ids.length) };
  };
  note(`completion transactions: ${N} tasks each way`);
  await direct('warm', 1);
  const single = await direct('single', 1);
  const batch20 = await direct('batch20', 20);
  const batch100 = await direct('batch100', 100);
  emit({
    measure: 'completion_transaction',
    definition: `${N} external tasks (one-step process, its end written to the history) locked beforehand, then completed by this process: one POST /external-task/{id}/complete each, ${CONCURRENCY} at a time; or POST /approval/external-task/complete with 20 or 100 tasks, 2 at a time`,
    single,
    batchOf20: batch20,
    batchOf100: batch100,
    ratioBatchOf20: round(batch20.completionsPerSecond / single.completionsPerSecond, 2),
  });

  // 3. the whole pipeline: a worker process, one by one vs in batches, against in-engine expressions
  const startWorker = (single: boolean) => {
    const child = spawn(process.execPath, [...WORKER_NODE_FLAGS, '--import', 'tsx', join(REPO_ROOT, 'bench', 'step-worker.ts')], {
      cwd: REPO_ROOT,
      env: {
        ...process.env,
        ENGINE_URL: bench.engine.url,
        ENGINE_USER: user,
        ENGINE_PASSWORD: password,
        DATA_DIR: join(dataDir, 'worker'),
        BENCH_SINGLE_COMPLETIONS: single ? '1' : '0',
        WORKER_LONG_POLL_MS: String(LONG_POLL_MS),
      },
      stdio: ['ignore', 2, 2], // its warnings on our stderr
    });
    children.push(child);
    return child;
  };
  const stopWorker = async (child: ChildProcess) => {
    child.kill('SIGTERM');
    if (child.exitCode === null && child.signalCode === null) await new Promise((r) => child.once('exit', r));
    // the long poll it left in the engine would still lock tasks to it (for their 30 s lock): let it end
    await sleep(LONG_POLL_MS + 500);
  };
  const expression = async (round_: number) => {
    const { seconds, cpu } = await cpuDuring(() =>
      inParallel(N, CONCURRENCY, (i) => bench.client.startProcess('bench_five_expression', `expr${round_}-${i}`, {})),
    );
    return { instancesPerSecond: N / seconds, cpuMsPerStep: perCompletionMs(cpu, 5 * N) };
  };
  const external = async (single: boolean, round_: number) => {
    const worker = startWorker(single);
    await sleep(3000); // its start and first poll
    const { seconds, cpu } = await cpuDuring(async () => {
      await inParallel(N, CONCURRENCY, (i) => bench.client.startProcess('bench_five_external', `ext${single ? 's' : 'b'}${round_}-${i}`, {}));
      while ((await runningCount('bench_five_external')) > 0) await sleep(50);
    }, worker);
    await stopWorker(worker);
    return { instancesPerSecond: N / seconds, completionsPerSecond: (5 * N) / seconds, cpuMsPerCompletion: perCompletionMs(cpu, 5 * N) };
  };
  const rounds: Record<string, number>[] = [];
  let lastCpu: Record<string, unknown> = {};
  for (let r = 0; r < 2; r++) {
    note(`throughput round ${r + 1}: ${N} instances each: expressions, worker one by one, worker in batches`);
    const e = await expression(r);
    const s = await external(true, r);
    const b = await external(false, r);
    rounds.push({ expression: round(e.instancesPerSecond, 1), externalSingle: round(s.instancesPerSecond, 1), externalBatch: round(b.instancesPerSecond, 1) });
    lastCpu = { expressionPerStep: e.cpuMsPerStep, externalSinglePerCompletion: s.cpuMsPerCompletion, externalBatchPerCompletion: b.cpuMsPerCompletion };
  }
  const mean = (k: string) => rounds.reduce((sum, r) => sum + r[k]!, 0) / rounds.length;
  emit({
    measure: 'throughput_5_step_process_batches',
    unit: 'process instances per second (5 completions each)',
    rounds,
    inEngineExpressions: round(mean('expression'), 1),
    externalSingle: round(mean('externalSingle'), 1),
    externalBatch: round(mean('externalBatch'), 1),
    completionsPerSecondSingle: round(5 * mean('externalSingle'), 1),
    completionsPerSecondBatch: round(5 * mean('externalBatch'), 1),
    ratioSingle: round(mean('externalSingle') / mean('expression'), 3),
    ratioBatch: round(mean('externalBatch') / mean('expression'), 3),
    cpuMsLastRound: lastCpu,
    goal: '≥ 300 completions/s, ratio ≥ 0.5',
  });

  // 4. the history level: the same expressions and worker (in batches) on engines that write less
  // history, each on a database of its own, all running at once and measured in turn (audit,
  // activity, none, audit, …) so that the machine's other load falls on each alike
  const levels = (process.env.BENCH_HISTORY_LEVELS ?? 'activity,none').split(',').filter(Boolean);
  const engines = [bench];
  for (const level of levels) engines.push(await startBenchEngine(`camunda_bench_completions_${level}`, level));
  const measured = new Map<string, { e: number; b: number }[]>(engines.map((x) => [x.historyLevel, []]));
  for (let r = 0; r < 2; r++) {
    for (const x of engines) {
      bench = x;
      note(`history level ${x.historyLevel}, round ${r + 1}: ${N} instances each: expressions, worker in batches`);
      measured.get(x.historyLevel)!.push({ e: (await expression(100 + r)).instancesPerSecond, b: (await external(false, 100 + r)).instancesPerSecond });
    }
  }
  const byLevel = [...measured].map(([historyLevel, runs]) => {
    const e = runs.reduce((sum, m) => sum + m.e, 0) / runs.length;
    const b = runs.reduce((sum, m) => sum + m.b, 0) / runs.length;
    return {
      historyLevel,
      inEngineExpressions: round(e, 1),
      externalBatch: round(b, 1),
      completionsPerSecondBatch: round(5 * b, 1),
      ratioBatch: round(b / e, 3),
    };
  });
  bench = engines[0]!;
  emit({
    measure: 'throughput_by_history_level',
    unit: 'process instances per second (5 completions each)',
    definition:
      'the 5-step process as above (in-engine expressions; external steps by the worker in batches) on an engine at each history level; the platform needs audit (it reads the history)',
    levels: byLevel,
  });
} finally {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
  for (const engine of running) await engine.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
process.exit(0);
