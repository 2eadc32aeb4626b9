import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import { BasicAuthInterceptor, Client, Variables, type Task, type TaskService } from 'camunda-external-task-client-js';
import type { Logger } from 'pino';
import type { Config } from '../../server/config/schema.ts';
import { BpmnOutcome, type TopicHandler, type WorkerContext } from './handler.ts';
import { batchCompletions } from './batch-completion.ts';

const CLIENT_ERROR_EVENTS = [
  'complete:error',
  'handleFailure:error',
  'handleBpmnError:error',
  'extendLock:error',
  'unlock:error',
  'lock:error',
  'handler:error',
] as const;

const DEFAULT_LOCK_MS = 60_000;
const POLL_WAIT_ON_STOP_MS = 2_000;
/** after a failed poll (the engine down or restarting), the pause before the next: doubled at each failure in a row, up to the cap */
const POLL_RETRY_FIRST_MS = 500;
const POLL_RETRY_MAX_MS = 10_000;

export interface WorkerRuntime {
  workerId: string;
  /** tasks being handled right now */
  inFlight(): number;
  /** stops polling, lets running tasks finish for up to graceMs (the fetch under way up to 2 s), then unlocks the rest */
  stop(graceMs?: number): Promise<void>;
}

function toVariables(values: Record<string, unknown>): Variables {
  const variables = new Variables();
  for (const [name, value] of Object.entries(values)) variables.set(name, value);
  return variables;
}

export interface WorkerRuntimeOptions {
  /**
   * true (default): completions go in batches to the engine host's batch completion, one transaction
   * per batch (runtime/batch-completion.ts); false: one POST /external-task/{id}/complete per task
   * (the benchmark's baseline)
   */
  batchCompletions?: boolean;
}

/**
 * Hosts the topic handlers on one camunda-external-task-client-js client: long polling, bounded
 * parallelism, per-topic lock durations, failures reported with decreasing retries (an incident at
 * zero), business outcomes as BPMN errors, every client error event logged, completions in batches.
 */
export function startWorkerRuntime(config: Config, logger: Logger, handlers: TopicHandler[], options: WorkerRuntimeOptions = {}): WorkerRuntime {
  const workerId = `${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`;
  const log = logger.child({ workerId });
  const w = config.worker;
  const client = new Client({
    baseUrl: config.engine.url,
    workerId,
    maxTasks: w.maxTasks,
    maxParallelExecutions: w.maxParallelExecutions,
    asyncResponseTimeout: w.asyncResponseTimeoutMs,
    // With long polling the engine answers as soon as a task exists; the pause between polls only
    // adds latency. 0 would spin while all slots are busy, so wait a few milliseconds then.
    interval: 5,
    lockDuration: w.lockDurationMs || DEFAULT_LOCK_MS,
    usePriority: true,
    autoPoll: false,
    interceptors: new BasicAuthInterceptor({ username: config.engine.user, password: config.engine.password }) as never,
  });
  for (const event of CLIENT_ERROR_EVENTS) {
    client.on(event, (...args: unknown[]) => {
      const err = args.find((a) => a instanceof Error) as Error | undefined;
      const task = args.find((a) => a && typeof a === 'object' && 'topicName' in (a as object)) as Task | undefined;
      log.error({ event, err, taskId: task?.id, topic: task?.topicName }, `external task client: ${event}`);
    });
  }

  const running = new Map<string, { task: Task; taskService: TaskService }>();
  // A fetch under way cannot be aborted; stop() waits for it so that nothing it locks is stranded.
  let polling = false;
  let stopped = false;
  // A failed poll is tried again after a growing pause, not the 5 ms interval: an engine that is
  // restarting (崩溃恢复) would otherwise get hundreds of polls, and the log as many lines, a second.
  let failedPolls = 0;
  let resume: NodeJS.Timeout | undefined;
  client.on('poll:start', () => (polling = true));
  client.on('poll:success', () => {
    polling = false;
    if (failedPolls) log.info({ failedPolls }, 'the engine answers again: polling resumed');
    failedPolls = 0;
  });
  client.on('poll:error', (err: Error) => {
    polling = false;
    const pauseMs = Math.min(POLL_RETRY_FIRST_MS * 2 ** failedPolls++, POLL_RETRY_MAX_MS);
    log.error({ event: 'poll:error', err, failedPolls, pauseMs }, `external task client: poll:error; polling again in ${pauseMs} ms`);
    client.stop();
    resume = setTimeout(() => {
      if (!stopped) client.start();
    }, pauseMs);
  });
  const ctx: WorkerContext = { config, logger: log };
  const batches = options.batchCompletions === false ? undefined : batchCompletions(config, workerId, log);
  const complete = async (task: Task, taskService: TaskService, variables: Variables): Promise<void> => {
    if (!batches) return taskService.complete(task, variables);
    try {
      await batches.complete(task, variables);
    } catch (err) {
      // logged as the client logs a refused single completion; the caller's failure handling follows
      log.error({ event: 'complete:error', err, taskId: task.id, topic: task.topicName }, 'external task client: complete:error');
      throw err;
    }
  };

  for (const handler of handlers) {
    client.subscribe(
      handler.topic,
      { lockDuration: w.lockDurationMs || handler.lockDurationMs || DEFAULT_LOCK_MS, variables: handler.variables },
      async ({ task, taskService }) => {
        const taskLog = log.child({ topic: task.topicName, taskId: task.id, caseNo: task.businessKey, processInstanceId: task.processInstanceId });
        // A poll already under way when stop() began can still bring tasks. They are locked to us
        // and the engine wakes no other worker for them, so finishing them beats unlocking them.
        running.set(task.id, { task, taskService });
        const started = Date.now();
        try {
          const result = await handler.handle(task, { ...ctx, logger: taskLog });
          await complete(task, taskService, toVariables(result.variables ?? {}));
          taskLog.info({ ms: Date.now() - started }, 'task completed');
          if (handler.afterComplete) {
            // the process is already on its way; a failure here is caught up later (see TopicHandler)
            await handler.afterComplete(task, { ...ctx, logger: taskLog }).catch((err: unknown) => taskLog.warn({ err }, 'work after completion failed'));
          }
        } catch (err) {
          if (err instanceof BpmnOutcome) {
            await taskService.handleBpmnError(task, err.errorCode, err.message, toVariables(err.variables)).catch(() => undefined);
            taskLog.info({ errorCode: err.errorCode, ms: Date.now() - started }, 'task ended with a BPMN error');
          } else {
            const retries = Math.max((task.retries ?? w.retries) - 1, 0);
            const message = (err as Error).message ?? String(err);
            taskLog.error({ err, retriesLeft: retries }, retries ? 'task failed; will retry' : 'task failed; incident raised');
            await taskService
              .handleFailure(task, { errorMessage: message.slice(0, 600), errorDetails: (err as Error).stack, retries, retryTimeout: w.retryTimeoutMs })
              .catch(() => undefined);
          }
        } finally {
          running.delete(task.id);
        }
      },
    );
  }
  client.start();
  log.info(
    { topics: handlers.map((h) => h.topic), maxTasks: w.maxTasks, maxParallel: w.maxParallelExecutions, longPollMs: w.asyncResponseTimeoutMs },
    'workers polling',
  );

  return {
    workerId,
    inFlight: () => running.size,
    async stop(graceMs = 10_000) {
      stopped = true;
      clearTimeout(resume);
      client.stop();
      // Running tasks get the whole grace period. The fetch under way gets a little: a long poll can
      // last 20 s, and a task it would lock after we are gone waits only for its lock to expire.
      const deadline = Date.now() + graceMs;
      const pollDeadline = Date.now() + Math.min(graceMs, POLL_WAIT_ON_STOP_MS);
      const busy = () => running.size > 0 || (polling && Date.now() < pollDeadline);
      while (busy() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      const left = [...running.values()];
      await Promise.all(left.map(({ task, taskService }) => taskService.unlock(task).catch(() => undefined)));
      if (left.length) log.warn({ unlocked: left.map((l) => l.task.id) }, 'unlocked unfinished tasks');
      log.info('workers stopped');
    },
  };
}
