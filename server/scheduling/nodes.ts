import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { QueryTypes, type Sequelize } from 'sequelize';
import type { Logger } from 'pino';

/** How often a running node says it is alive (`platform_nodes.last_seen_at`). */
export const HEARTBEAT_MS = 15_000;
/** A node not seen for longer is taken for dead or cut off (运维监控's 失联). */
export const UNREACHABLE_AFTER_MS = 60_000;
/** A node not seen for a day is forgotten (its row deleted by the next heartbeat of any node). */
export const FORGOTTEN_AFTER_MS = 24 * 3_600_000;

/** A node id: host name, process id and a random part — the form of a scheduler lease's holder (./lease.ts). */
export function newNodeId(): string {
  return `${hostname().slice(0, 200)}:${process.pid}:${randomBytes(6).toString('hex')}`;
}

/** The platform's version (package.json above this file: server/scheduling in a checkout, dist/ in a build). */
export function platformVersion(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 4; i++, dir = dirname(dir)) {
    const file = join(dir, 'package.json');
    if (existsSync(file)) return String((JSON.parse(readFileSync(file, 'utf8')) as { version?: string }).version ?? 'unknown').slice(0, 64);
  }
  return process.env.npm_package_version?.slice(0, 64) ?? 'unknown';
}

export interface PlatformNode {
  nodeId: string;
  hostName: string;
  pid: number;
  version: string;
  startedAt: Date;
  lastSeenAt: Date;
}

/**
 * This server node in `platform_nodes` while it runs: the row written at start and its
 * last_seen_at every HEARTBEAT_MS (a failed write is logged and the next one tries again), the row
 * removed by the returned stop. A node that dies leaves its row, which ages: the page marks it 失联
 * after UNREACHABLE_AFTER_MS, and every beat of every node deletes rows older than FORGOTTEN_AFTER_MS. Times are this node's clock (the nodes of an installation keep theirs
 * in step by NTP; a minute's margin covers what they drift).
 */
export async function recordNode(sequelize: Sequelize, nodeId: string, logger: Logger, heartbeatMs = HEARTBEAT_MS): Promise<() => Promise<void>> {
  const startedAt = new Date();
  const row = { nodeId, hostName: hostname().slice(0, 200), pid: process.pid, version: platformVersion(), startedAt };
  const seen = async () => {
    const now = new Date();
    const [, changed] = await sequelize.query('UPDATE platform_nodes SET last_seen_at = :now WHERE node_id = :nodeId', {
      replacements: { now, nodeId },
      type: QueryTypes.UPDATE,
    });
    // the first beat, or the row was removed meanwhile (by hand, or a restore): written again
    if (Number(changed) !== 1)
      await sequelize.query(
        'INSERT INTO platform_nodes (node_id, host_name, pid, version, started_at, last_seen_at) VALUES (:nodeId, :hostName, :pid, :version, :startedAt, :now)',
        { replacements: { ...row, now }, type: QueryTypes.INSERT },
      );
    await sequelize.query('DELETE FROM platform_nodes WHERE last_seen_at < :before', {
      replacements: { before: new Date(now.getTime() - FORGOTTEN_AFTER_MS) },
      type: QueryTypes.DELETE,
    });
  };
  await seen();
  logger.info({ nodeId }, 'server node recorded (platform_nodes)');
  let beating: Promise<void> | undefined;
  const timer = setInterval(() => {
    beating ??= seen()
      .catch((err: unknown) => logger.warn({ err, nodeId }, "the node's heartbeat was not written; the next one tries again"))
      .finally(() => {
        beating = undefined;
      });
  }, heartbeatMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await beating;
    await sequelize
      .query('DELETE FROM platform_nodes WHERE node_id = :nodeId', { replacements: { nodeId }, type: QueryTypes.DELETE })
      .catch((err: unknown) => logger.warn({ err, nodeId }, 'the stopping node could not remove its row; the page shows it 失联 after a minute'));
  };
}

/** Every recorded node, the longest running first. */
export async function listNodes(sequelize: Sequelize): Promise<PlatformNode[]> {
  const rows = await sequelize.query<{
    node_id: string;
    host_name: string;
    pid: number;
    version: string;
    started_at: Date | string;
    last_seen_at: Date | string;
  }>('SELECT node_id, host_name, pid, version, started_at, last_seen_at FROM platform_nodes ORDER BY started_at, node_id', { type: QueryTypes.SELECT });
  return rows.map((r) => ({
    nodeId: r.node_id,
    hostName: r.host_name,
    pid: Number(r.pid),
    version: r.version,
    startedAt: new Date(r.started_at),
    lastSeenAt: new Date(r.last_seen_at),
  }));
}
