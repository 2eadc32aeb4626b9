import type { Logger } from 'pino';
import type { Task } from 'camunda-external-task-client-js';
import type { Config } from '../../server/config/schema.ts';

/** What a topic handler may use; the business effects are the domains' (server/<domain>/index.ts). */
export interface WorkerContext {
  config: Config;
  logger: Logger;
}

/** A business outcome that leaves the task through a BPMN error (e.g. 不予受理), not a failure. */
export class BpmnOutcome extends Error {
  constructor(
    readonly errorCode: string,
    message: string,
    readonly variables: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'BpmnOutcome';
  }
}

export interface HandlerResult {
  /** process variables to set on completion */
  variables?: Record<string, unknown>;
}

/**
 * A topic handler. It must be idempotent: Camunda delivers a task at least once (a worker may die
 * after its effect and before complete, and an engine that lost its last commits re-creates a task
 * with a new id), so it keys its effect on the case and the step (runtime/effect-key.ts).
 */
export interface TopicHandler {
  topic: string;
  /** how long a fetched task stays locked to this worker */
  lockDurationMs?: number;
  /** variables to fetch with the task (default: all) */
  variables?: string[];
  handle(task: Task, ctx: WorkerContext): Promise<HandlerResult>;
  /**
   * Work that must not hold the process up, done once the task is completed (sealing the notice
   * the task recorded). It may not happen (the worker dies): whatever it does must be caught up
   * elsewhere (the seal task of the results seals every notice of the case still unsealed).
   */
  afterComplete?(task: Task, ctx: WorkerContext): Promise<void>;
}
