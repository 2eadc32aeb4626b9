/**
 * The benchmark's worker process: the real worker (every platform topic, our settings) plus a
 * no-op handler for the benchmark's step topic, so that its memory is measured under both loads.
 * BENCH_SINGLE_COMPLETIONS=1: one completion request per task (the baseline of the batches).
 */
import { loadConfig } from '../server/config/load.ts';
import { createLogger } from '../server/logger.ts';
import { startWorkers } from '../workers/start.ts';
import { STEP_TOPIC } from './models.ts';

const config = loadConfig();
const workers = await startWorkers(
  config,
  createLogger(config, 'bench-workers'),
  undefined,
  [{ topic: STEP_TOPIC, lockDurationMs: 30_000, variables: [], handle: async () => ({}) }],
  { batchCompletions: process.env.BENCH_SINGLE_COMPLETIONS !== '1' },
);
process.on('SIGTERM', () => void workers.stop(5000).then(() => process.exit(0)));
