/**
 * `npm run bench`: measures, side by side in one run on the production setup (engine and app on
 * MariaDB), the numbers the foundation issue asks for. Prints one JSON line per measure.
 *   1. hand-off latency, external task → handler start: our worker settings vs the client's defaults
 *   2. throughput of a 5-step process: external-task steps (our workers) ÷ in-engine expressions
 *   3. resident memory of the worker and the server processes under that load
 */
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pino } from 'pino';
import { BasicAuthInterceptor, Client } from 'camunda-external-task-client-js';
import { EngineClient } from '../server/engine/client.ts';
import { openDatabase } from '../server/db/index.ts';
import { seedDemoAccounts } from '../server/auth/demo-accounts.ts';
import { syncDepartments } from '../server/organization/departments.ts';
import { startWorkerRuntime } from '../workers/runtime/worker-runtime.ts';
import { freePort, REPO_ROOT } from '../scripts/lib/engine.ts';
import { bundle } from '../scripts/build.ts';
import { WORKER_NODE_FLAGS } from '../scripts/lib/node-flags.ts';
import { fiveExpressionSteps, fiveExternalSteps, HANDOFF_TOPIC, handoffProcess } from './models.ts';
import { percentile, residentMemoryMb, round } from './stats.ts';
import { submitLoad } from './server-load.ts';
import { startProductionSetup, waitForServer } from './production-setup.ts';

const N_HANDOFF = Number(process.env.BENCH_HANDOFF_N ?? 300);
const N_HANDOFF_DEFAULTS = Number(process.env.BENCH_HANDOFF_DEFAULTS_N ?? 100);
const N_THROUGHPUT = Number(process.env.BENCH_THROUGHPUT_N ?? 400);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);
/** pauses between hand-off probes are uniform in [0, this), longer than the defaults' 300 ms poll interval */
const PROBE_GAP_MS = 400;

const emit = (line: Record<string, unknown>) => console.log(JSON.stringify(line));
const note = (message: string) => console.error(`[bench] ${message}`);

note('starting the engine on MariaDB');
const setup = await startProductionSetup({ engineDb: 'camunda_bench', appDb: 'approval_bench', engineUser: 'benchservice' });
const { config, engineUser, enginePassword, launch } = setup;
const client = new EngineClient(config.engine);

async function startInstances(key: string, count: number, concurrency: number, prefix: string): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        const i = next++;
        await client.startProcess(key, `${prefix}-${i}`, {});
      }
    }),
  );
}

async function finishedCount(key: string): Promise<number> {
  const res = await fetch(`${config.engine.url}/history/process-instance/count?processDefinitionKey=${key}&finished=true`, {
    headers: { Authorization: `Basic ${Buffer.from(`${engineUser}:${enginePassword}`).toString('base64')}` },
  });
  return ((await res.json()) as { count: number }).count;
}

/** Sequential probes: start an instance, note when the engine has answered, note when the handler starts. */
async function measureHandoff(key: string, count: number, subscribe: (onStart: (businessKey: string) => void) => () => Promise<void>) {
  const started = new Map<string, number>();
  const waiters = new Map<string, () => void>();
  const stop = subscribe((businessKey) => {
    started.set(businessKey, performance.now());
    waiters.get(businessKey)?.();
  });
  const latencies: number[] = [];
  for (let i = -10; i < count; i++) {
    const businessKey = `${key}-${i}`;
    const handled = new Promise<void>((resolve) => waiters.set(businessKey, resolve));
    // a random pause, so that no probe runs in step with the worker's poll cycle
    await new Promise((r) => setTimeout(r, Math.random() * PROBE_GAP_MS));
    await client.startProcess(key, businessKey, {});
    const answered = performance.now();
    await handled;
    if (i >= 0) latencies.push(Math.max(0, started.get(businessKey)! - answered)); // the first 10 warm up
  }
  await stop();
  return { median: round(percentile(latencies, 50), 3), p99: round(percentile(latencies, 99), 3), n: latencies.length };
}

try {
  await client.deploy('bench', [
    { name: 'handoff-ours.bpmn', content: handoffProcess('bench_handoff_ours') },
    { name: 'handoff-defaults.bpmn', content: handoffProcess('bench_handoff_defaults') },
    { name: 'five-external.bpmn', content: fiveExternalSteps('bench_five_external') },
    { name: 'five-expression.bpmn', content: fiveExpressionSteps('bench_five_expression') },
  ]);
  const db = await openDatabase(config);
  await syncDepartments();
  await seedDemoAccounts();
  await db.close();

  // 1. hand-off latency
  note(`hand-off latency: ${N_HANDOFF} probes with our settings, ${N_HANDOFF_DEFAULTS} with the client's defaults`);
  const silent = pino({ level: 'silent' });
  const ours = await measureHandoff('bench_handoff_ours', N_HANDOFF, (onStart) => {
    const runtime = startWorkerRuntime(config, silent, [{ topic: HANDOFF_TOPIC, variables: [], handle: async (task) => (onStart(task.businessKey!), {}) }]);
    return () => runtime.stop(25_000);
  });
  const defaults = await measureHandoff('bench_handoff_defaults', N_HANDOFF_DEFAULTS, (onStart) => {
    const library = new Client({
      baseUrl: config.engine.url,
      workerId: 'bench-defaults',
      interceptors: new BasicAuthInterceptor({ username: engineUser, password: enginePassword }) as never,
    });
    library.subscribe(HANDOFF_TOPIC, async ({ task, taskService }) => {
      onStart(task.businessKey!);
      await taskService.complete(task);
    });
    return async () => library.stop();
  });
  emit({
    measure: 'handoff_latency_ms',
    definition:
      'handler start minus the moment the engine answered the request that created the task (0 if the handler started first); probes one at a time, a random 0–400 ms apart',
    ours,
    libraryDefaults: defaults,
    ratioMedian: ours.median > 0 ? round(defaults.median / ours.median, 1) : null,
    ratioP99: ours.p99 > 0 ? round(defaults.p99 / ours.p99, 1) : null,
    goal: 'ours median ≤ 5 ms, p99 ≤ 50 ms, ≥ 20× better than the defaults',
  });

  // 2 + 3. throughput, with the real server and workers as separate processes under load
  const serverPort = await freePort();
  // the server and the workers run as they do in production: bundled, on bare Node
  const bundled = join(REPO_ROOT, '.tmp', 'bench-dist'); // inside the repo, so node_modules resolve
  await bundle({ server: 'server/index.ts', 'bench-worker': 'bench/worker-process.ts' }, bundled);
  const server = launch(join(bundled, 'server.mjs'), { PORT: String(serverPort) });
  const serverUrl = `http://127.0.0.1:${serverPort}`;
  await waitForServer(serverUrl, server);
  const worker = launch(join(bundled, 'bench-worker.mjs'), {}, [...WORKER_NODE_FLAGS]);
  await new Promise((r) => setTimeout(r, 3000));

  const rounds: { expression: number; external: number }[] = [];
  for (let r = 0; r < 2; r++) {
    note(`throughput round ${r + 1}: ${N_THROUGHPUT} instances each, ${CONCURRENCY} starters`);
    let t = performance.now();
    await startInstances('bench_five_expression', N_THROUGHPUT, CONCURRENCY, `expr${r}`);
    const expression = N_THROUGHPUT / ((performance.now() - t) / 1000);

    const target = (await finishedCount('bench_five_external')) + N_THROUGHPUT;
    t = performance.now();
    const load = submitLoad(serverUrl, 60, 3); // cases through the server meanwhile, handled by the same workers
    await startInstances('bench_five_external', N_THROUGHPUT, CONCURRENCY, `ext${r}`);
    while ((await finishedCount('bench_five_external')) < target) await new Promise((res) => setTimeout(res, 50));
    const external = N_THROUGHPUT / ((performance.now() - t) / 1000);
    await load;
    rounds.push({ expression: round(expression, 1), external: round(external, 1) });
  }
  const mean = (k: 'expression' | 'external') => rounds.reduce((s, r) => s + r[k], 0) / rounds.length;
  emit({
    measure: 'throughput_5_step_process',
    unit: 'process instances per second',
    rounds,
    externalTasks: round(mean('external'), 1),
    inEngineExpressions: round(mean('expression'), 1),
    ratio: round(mean('external') / mean('expression'), 3),
    goal: 'ratio ≥ 0.8',
  });
  emit({
    measure: 'resident_memory_mb',
    worker: residentMemoryMb(worker.pid!),
    server: residentMemoryMb(server.pid!),
    goal: 'worker ≤ 150 MB, server ≤ 300 MB',
  });
} finally {
  await setup.stop();
}
process.exit(0);
