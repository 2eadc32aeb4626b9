/**
 * A worker process with only the benchmark's step topic (a no-op handler) on the platform's worker
 * runtime and its settings, for bench/completions.ts. Environment: ENGINE_URL, ENGINE_USER,
 * ENGINE_PASSWORD, DATA_DIR; BENCH_SINGLE_COMPLETIONS=1 for one completion request per task.
 */
import { pino } from 'pino';
import { loadConfig } from '../server/config/load.ts';
import { startWorkerRuntime } from '../workers/runtime/worker-runtime.ts';
import { STEP_TOPIC } from './models.ts';

const config = loadConfig({ ...process.env, APP_MODE: 'embedded' });
const runtime = startWorkerRuntime(config, pino({ level: 'warn' }), [{ topic: STEP_TOPIC, lockDurationMs: 30_000, variables: [], handle: async () => ({}) }], {
  batchCompletions: process.env.BENCH_SINGLE_COMPLETIONS !== '1',
});
process.on('SIGTERM', () => void runtime.stop(5000).then(() => process.exit(0)));
