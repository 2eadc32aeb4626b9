import type { Logger } from 'pino';
import type { Config } from '../server/config/schema.ts';
import { openDatabase, type Database } from '../server/db/index.ts';
import { protectDataDir } from '../server/config/data-dir.ts';
import { HANDLERS } from './handlers.ts';
import { useAuditKey } from '../server/audit/index.ts';
import type { TopicHandler } from './runtime/handler.ts';
import { startWorkerRuntime, type WorkerRuntime, type WorkerRuntimeOptions } from './runtime/worker-runtime.ts';

export interface RunningWorkers {
  runtime: WorkerRuntime;
  stop(graceMs?: number): Promise<void>;
}

/**
 * Starts the handlers of the configured topics. Pass the server's open database when both run in
 * one process (tests); otherwise the workers open their own. The benchmark adds its own handlers.
 */
export async function startWorkers(
  config: Config,
  logger: Logger,
  db?: Database,
  extraHandlers: TopicHandler[] = [],
  runtimeOptions: WorkerRuntimeOptions = {},
): Promise<RunningWorkers> {
  protectDataDir(config.dataDir);
  const ownDb = db ? undefined : await openDatabase(config, logger.child({ component: 'db' }));
  useAuditKey(config.auditKey);
  const handlers = [...HANDLERS.filter((h) => config.worker.topics.includes(h.topic)), ...extraHandlers];
  const runtime = startWorkerRuntime(config, logger, handlers, runtimeOptions);
  return {
    runtime,
    async stop(graceMs?: number) {
      await runtime.stop(graceMs);
      await ownDb?.close();
    },
  };
}
