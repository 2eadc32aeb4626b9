import type { Task, Variables } from 'camunda-external-task-client-js';
import type { Logger } from 'pino';
import type { Config } from '../../server/config/schema.ts';
import type { BatchCompletionResult } from '../../server/engine/types.ts';

/** the engine host's batch completion (engine/src/main/java-engine/approval/engine/ExternalTaskBatchCompletion.java) */
export const BATCH_COMPLETE_PATH = '/approval/external-task/complete';
/** the most completions one request carries (the engine takes up to 500) */
const MAX_BATCH = 100;
/** requests under way at once; what comes meanwhile waits and goes together in the next */
const MAX_IN_FLIGHT = 4;

/** A completion the engine refused, with its HTTP status and exception type as the single completion gives them. */
export class CompletionRefused extends Error {
  constructor(
    readonly taskId: string,
    readonly httpStatusCode: number,
    readonly type: string | null,
    message: string,
  ) {
    super(`Response code ${httpStatusCode}; Error: ${message}; Type: ${type ?? 'unknown'}`);
    this.name = 'CompletionRefused';
  }
}

interface Pending {
  id: string;
  variables: Record<string, unknown>;
  resolve(): void;
  reject(err: Error): void;
}

export interface BatchCompletions {
  /** resolves when the engine has completed the task; rejects with CompletionRefused (or the request's error) otherwise */
  complete(task: Task, variables: Variables): Promise<void>;
}

/**
 * Completes the worker's tasks in batches: each completion waits at most until one of the
 * MAX_IN_FLIGHT requests is free, and everything that came meanwhile goes in one request, which the
 * engine host completes in one transaction. With nothing under way a completion is sent at once
 * (after the current event-loop turn, so that completions made together go together): no added
 * latency when idle, fewer and larger transactions under load.
 */
export function batchCompletions(config: Config, workerId: string, log: Logger): BatchCompletions {
  const url = `${config.engine.url}${BATCH_COMPLETE_PATH}`;
  const authorization = `Basic ${Buffer.from(`${config.engine.user}:${config.engine.password}`).toString('base64')}`;
  const queue: Pending[] = [];
  let inFlight = 0;
  let scheduled = false;

  async function send(batch: Pending[]): Promise<void> {
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers: { Authorization: authorization, 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify({ workerId, tasks: batch.map((p) => ({ id: p.id, variables: p.variables })) }),
        signal: AbortSignal.timeout(60_000),
      });
      const text = await res.text();
      if (!res.ok) throw new Error(`batch completion: HTTP ${res.status} from the engine: ${text.slice(0, 300)}`);
      const results = new Map((JSON.parse(text) as BatchCompletionResult[]).map((r) => [r.id, r]));
      for (const p of batch) {
        const r = results.get(p.id);
        if (r?.completed) p.resolve();
        else p.reject(new CompletionRefused(p.id, r?.status ?? 500, r?.type ?? null, r?.message ?? 'the engine did not answer for this task'));
      }
    } catch (err) {
      // the request failed as a whole (the engine unreachable, restarting): nothing is known of any
      // task; each is reported failed, and the worker's failure handling takes over, as for a
      // single completion that failed
      for (const p of batch) p.reject(err as Error);
    }
  }

  function flush(): void {
    scheduled = false;
    while (queue.length && inFlight < MAX_IN_FLIGHT) {
      const batch = queue.splice(0, MAX_BATCH);
      inFlight++;
      log.debug({ tasks: batch.length }, 'completing a batch');
      void send(batch).finally(() => {
        inFlight--;
        schedule();
      });
    }
  }

  function schedule(): void {
    if (!scheduled && queue.length) {
      scheduled = true;
      setImmediate(flush);
    }
  }

  return {
    complete(task, variables) {
      return new Promise((resolve, reject) => {
        queue.push({ id: task.id, variables: variables.getDirtyVariables(), resolve, reject });
        schedule();
      });
    },
  };
}
