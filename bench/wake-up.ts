/**
 * `npm run bench -- wake-up`: cross-node wake-up on three engine nodes of one MariaDB database.
 * Process instances are started on node A; the platform's worker runtime (long poll 20 s) waits on
 * node B, which runs the external task watcher (docs/engine.md), then on node C, which runs none
 * (ENGINE_EXTERNAL_TASK_WATCH_MS=0): the baseline, the engine as it comes, where the task waits
 * for the worker's long poll to end. Prints one JSON line.
 */
import { performance } from 'node:perf_hooks';
import { startEngineNodes } from '../test/support/engine-nodes.ts';
import { deployWakeUpProcess, engineClient, startWakeUpWorker, wakeUpLatencies } from '../test/support/wake-up-probe.ts';
import { percentile, round } from './stats.ts';

const N = Number(process.env.BENCH_WAKE_UP_N ?? 50);
/** each baseline probe waits up to the worker's 20 s long poll: fewer of them */
const N_BASELINE = Number(process.env.BENCH_WAKE_UP_BASELINE_N ?? 20);

const note = (message: string) => console.error(`[bench] ${message}`);
const summary = (latencies: number[]) => ({
  median: round(percentile(latencies, 50), 1),
  p95: round(percentile(latencies, 95), 1),
  max: round(Math.max(...latencies), 1),
  n: latencies.length,
});

note('starting three engine nodes on one MariaDB database (A creates, B watches, C does not)');
const cluster = await startEngineNodes({
  database: 'camunda_bench_wake_up',
  count: 3,
  env: (node): Record<string, string> => (node === 2 ? { ENGINE_EXTERNAL_TASK_WATCH_MS: '0' } : {}),
});
try {
  const [a, b, c] = cluster.nodes;
  const onA = engineClient(a!, cluster);
  await deployWakeUpProcess(onA);

  const measure = async (node: typeof b, count: number, prefix: string) => {
    const worker = await startWakeUpWorker(node!, cluster);
    const t = performance.now();
    try {
      return await wakeUpLatencies(onA, worker, count, prefix);
    } finally {
      note(`${prefix}: ${count} probes in ${round((performance.now() - t) / 1000, 1)} s`);
      await worker.stop();
    }
  };
  note(`${N} probes with the watcher on node B`);
  const watched = await measure(b, N, 'watched');
  note(`${N_BASELINE} probes without it on node C (each waits for the worker's long poll to end)`);
  const baseline = await measure(c, N_BASELINE, 'baseline');
  const ours = summary(watched);
  const without = summary(baseline);
  console.log(
    JSON.stringify({
      measure: 'cross_node_wake_up_ms',
      definition:
        'a task created on engine node A: the worker long-polling another node gets it, minus the moment A answered the start; probes one at a time, a random 0–300 ms apart',
      watcher: ours,
      baselineWithoutWatcher: without,
      ratioP95: ours.p95 > 0 ? round(without.p95 / ours.p95, 1) : null,
      goal: 'watcher p95 ≤ 1000 ms',
    }),
  );
} finally {
  await cluster.stop();
}
process.exit(0);
