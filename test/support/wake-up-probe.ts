/**
 * Cross-node wake-up: a worker (the platform's worker runtime) long-polls one engine node, process
 * instances are started on another node of the same database, and each probe measures how long the
 * new external task takes to reach the worker. Used by test/cluster/cross-node-wake-up.test.ts and
 * bench/wake-up.ts.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pino } from 'pino';
import { EngineClient } from '../../server/engine/client.ts';
import { loadConfig } from '../../server/config/load.ts';
import { startWorkerRuntime } from '../../workers/runtime/worker-runtime.ts';
import { oneExternalStep } from '../../bench/models.ts';

export const WAKE_UP_TOPIC = 'wake-up-probe';
export const WAKE_UP_PROCESS = 'wake_up_probe';

/** an engine node as the probe needs it: its REST root (a RunningEngine, a cluster's engine node) */
export interface EngineNode {
  url: string;
}

export interface Credentials {
  user: string;
  password: string;
}

export const engineClient = (node: EngineNode, credentials: Credentials) => new EngineClient({ url: node.url, ...credentials });

/** Deploys the probe's process (one external task on WAKE_UP_TOPIC) through the given node. */
export async function deployWakeUpProcess(client: EngineClient): Promise<void> {
  await client.deploy('wake-up-probe', [{ name: 'wake-up-probe.bpmn', content: oneExternalStep(WAKE_UP_PROCESS, WAKE_UP_TOPIC) }]);
}

export interface WakeUpWorker {
  /** resolves with the moment (performance.now()) the worker's handler got the task of this business key */
  received(businessKey: string): Promise<number>;
  stop(): Promise<void>;
}

/** The platform's worker runtime, with its own settings (long poll 20 s), serving WAKE_UP_TOPIC on `node`. */
export async function startWakeUpWorker(node: EngineNode, credentials: Credentials): Promise<WakeUpWorker> {
  const dataDir = mkdtempSync(join(tmpdir(), 'approval-wake-up-'));
  const config = loadConfig({
    APP_MODE: 'embedded',
    DATA_DIR: dataDir,
    ENGINE_URL: node.url,
    ENGINE_USER: credentials.user,
    ENGINE_PASSWORD: credentials.password,
  });
  const arrivals = new Map<string, number>();
  const waiters = new Map<string, (at: number) => void>();
  const runtime = startWorkerRuntime(config, pino({ level: 'silent' }), [
    {
      topic: WAKE_UP_TOPIC,
      variables: [],
      handle: async (task) => {
        const at = performance.now();
        arrivals.set(task.businessKey!, at);
        waiters.get(task.businessKey!)?.(at);
        return {};
      },
    },
  ]);
  // its first poll finds nothing and waits in the node's long-poll handler
  await new Promise((r) => setTimeout(r, 1000));
  return {
    received: (businessKey) => {
      const at = arrivals.get(businessKey);
      return at !== undefined ? Promise.resolve(at) : new Promise((resolve) => waiters.set(businessKey, resolve));
    },
    async stop() {
      await runtime.stop(25_000);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Probes one at a time, a random 0–300 ms apart (so that none runs in step with the watcher's
 * rounds): start an instance on `creator`, note when it answered, note when `worker` got the task.
 * The first `warmUp` probes are not counted. Latencies in ms.
 */
export async function wakeUpLatencies(creator: EngineClient, worker: WakeUpWorker, count: number, prefix: string, warmUp = 2): Promise<number[]> {
  const latencies: number[] = [];
  for (let i = -warmUp; i < count; i++) {
    const businessKey = `${prefix}-${i}`;
    await new Promise((r) => setTimeout(r, Math.random() * 300));
    const received = worker.received(businessKey);
    await creator.startProcess(WAKE_UP_PROCESS, businessKey, {});
    const answered = performance.now();
    const at = await received;
    if (i >= 0) latencies.push(Math.max(0, at - answered));
  }
  return latencies;
}
