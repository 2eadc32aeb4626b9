import type { Logger } from 'pino';
import type { Sequelize } from 'sequelize';
import type { Config } from '../config/schema.ts';
import { SchedulerLease } from './lease.ts';

/** What a scheduler needs of the node it runs on (the server's AppContext is one). */
export interface SchedulerHost {
  sequelize: Sequelize;
  logger: Logger;
  config: Pick<Config, 'schedulerLeaseIntervals'>;
  /** the node's id (./nodes.ts): its leases carry it as their holder, so that 系统状态 tells which node runs which scheduler */
  nodeId?: string;
}

/**
 * Runs `round` every `intervalMs` until the returned function is called (0: never), on one node at
 * a time: every `intervalMs` each node renews or tries to take the scheduler's lease, named `name`
 * (server/scheduling/lease.ts), lasting `schedulerLeaseIntervals` intervals, and only its holder
 * starts a round. When the holder dies, another node takes the lease over once it has expired.
 * Rounds never overlap on a node; one that fails is logged and the next one tries again; a round
 * longer than the interval keeps the lease (it is renewed meanwhile). A round must still be safe
 * to run on several nodes at once: a holder that stalls longer than the lease may finish a round
 * while the next holder starts one. Stopping waits for the round under way and releases the lease.
 */
export function repeatEvery(intervalMs: number, name: string, host: SchedulerHost, round: () => Promise<unknown>): () => Promise<void> {
  if (!intervalMs) return async () => undefined;
  if (!Number.isInteger(intervalMs) || intervalMs < 0) throw new RangeError(`${name}: the interval is a whole number of milliseconds, got ${intervalMs}`);
  const intervals = host.config.schedulerLeaseIntervals;
  if (!Number.isInteger(intervals) || intervals < 2)
    throw new RangeError(`${name}: the scheduler lease lasts 2 or more intervals (it must outlive a late renewal), got ${intervals}`);
  const { logger } = host;
  const lease = new SchedulerLease(host.sequelize, name, intervalMs * intervals, logger, host.nodeId);
  let ticking: Promise<void> | undefined;
  let running: Promise<void> | undefined;

  const tick = async () => {
    let held: boolean;
    try {
      held = await lease.acquire();
    } catch (err) {
      held = lease.held;
      logger.error({ err, lease: name }, `${name}: the scheduler lease could not be renewed or taken`);
    }
    if (!held) {
      if (running) logger.warn({ lease: name }, `${name}: the lease ran out while a round runs; another node may start one`);
      return;
    }
    if (running) return;
    running = round()
      .then(() => undefined)
      .catch((err: unknown) => logger.error({ err }, `${name} failed`))
      .finally(() => {
        running = undefined;
      });
  };
  const timer = setInterval(() => {
    ticking ??= tick().finally(() => {
      ticking = undefined;
    });
  }, intervalMs);
  timer.unref();

  return async () => {
    clearInterval(timer);
    await ticking;
    await running;
    await lease.release().catch((err: unknown) => logger.warn({ err, lease: name }, `${name}: the scheduler lease was not released; it expires by itself`));
  };
}

/** The next look at something open since `since`: a quarter of its age from now, within [minMs, maxMs]. */
export function backoffAfter(since: Date, now: Date, minMs: number, maxMs: number): Date {
  const age = now.getTime() - since.getTime();
  return new Date(now.getTime() + Math.min(Math.max(age / 4, minMs), maxMs));
}
