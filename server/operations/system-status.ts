import { performance } from 'node:perf_hooks';
import { QueryTypes } from 'sequelize';
import type { AppContext } from '../context.ts';
import { EngineClient } from '../engine/client.ts';
import type { Locale } from '../i18n/locale.ts';
import { listNodes, UNREACHABLE_AFTER_MS } from '../scheduling/nodes.ts';
import { BACKUP_STALE_AFTER_MS, recentBackupRuns } from '../storage/index.ts';

/** How long the page waits for an engine's GET /version before it calls it unreachable. */
const ENGINE_TIMEOUT_MS = 5_000;

/** The schedulers' lease names (server/scheduling/repeat.ts callers) in words. */
const SCHEDULER_LABELS: Record<string, Record<Locale, string>> = {
  'deadline sweep': { 'zh-CN': '办理时限巡检', en: 'Deadline sweep' },
  'payment reconciliation': { 'zh-CN': '缴费对账', en: 'Payment reconciliation' },
  'parcel tracking': { 'zh-CN': '邮寄物流跟踪', en: 'Parcel tracking' },
  'operations watch': { 'zh-CN': '流程异常通知', en: 'Incident notices' },
  'stuck-case watch': { 'zh-CN': '停滞办件检测', en: 'Stuck-case detector' },
  'inbox sync': { 'zh-CN': '待办同步', en: 'Inbox sync' },
  'supervision projection': { 'zh-CN': '监管指标汇总', en: 'Supervision figures' },
  'province reporting': { 'zh-CN': '省级汇聚报送', en: 'Province reporting' },
  'province reconciliation': { 'zh-CN': '省级汇聚对账', en: 'Province reconciliation' },
  'problem escalation': { 'zh-CN': '问题逾期升级', en: 'Problem escalation' },
  'monitoring rules': { 'zh-CN': '监控规则', en: 'Monitoring rules' },
  'proactive services': { 'zh-CN': '免申即享', en: 'Proactive services' },
};

export interface EngineStatus {
  url: string;
  /** configured: ENGINE_URL, the address the platform talks to; node: one engine node of ENGINE_NODE_URLS */
  role: 'configured' | 'node';
  reachable: boolean;
  version: string | null;
  flavour: 'camunda' | 'operaton' | null;
  answerMs: number | null;
  error: string | null;
}

/** Camunda 7 answers 7.x; Operaton (its fork) numbers from 1.x. */
const flavourOf = (version: string): EngineStatus['flavour'] => (version.startsWith('7.') ? 'camunda' : 'operaton');

async function engineStatus(ctx: AppContext, url: string, role: EngineStatus['role']): Promise<EngineStatus> {
  const client = new EngineClient({ ...ctx.config.engine, url, timeoutMs: ENGINE_TIMEOUT_MS });
  const began = performance.now();
  try {
    const { version } = await client.version();
    return { url, role, reachable: true, version, flavour: flavourOf(version), answerMs: Math.round(performance.now() - began), error: null };
  } catch (err) {
    return { url, role, reachable: false, version: null, flavour: null, answerMs: null, error: (err as Error).message.slice(0, 300) };
  }
}

const label = (name: string, locale: Locale) => SCHEDULER_LABELS[name]?.[locale] ?? null;

/**
 * 系统状态 (运维监控): the server nodes recorded in platform_nodes (失联 when not seen for a
 * minute), which node holds each scheduler's lease, the engine(s) asked now, and the recent backups
 * with a warning when the last successful one is older than 26 hours (or there is none).
 */
export async function systemStatus(ctx: AppContext, locale: Locale) {
  const now = new Date();
  const engineUrls = [ctx.config.engine.url, ...ctx.config.engineNodeUrls.filter((u) => u !== ctx.config.engine.url)];
  const [nodes, leases, engines, backups] = await Promise.all([
    listNodes(ctx.sequelize),
    ctx.sequelize.query<{ name: string; holder: string | null; expires_at: Date | string }>(
      'SELECT name, holder, expires_at FROM scheduler_leases ORDER BY name',
      {
        type: QueryTypes.SELECT,
      },
    ),
    Promise.all(engineUrls.map((url, i) => engineStatus(ctx, url, i === 0 ? 'configured' : 'node'))),
    recentBackupRuns(ctx.sequelize),
  ]);
  const known = new Set(nodes.map((n) => n.nodeId));
  const last = backups.lastSucceeded;
  const stale = !last || now.getTime() - last.finishedAt.getTime() > BACKUP_STALE_AFTER_MS;
  const warning = !stale
    ? null
    : !last
      ? locale === 'en'
        ? 'No backup has succeeded yet: run npm run backup (docs/storage-and-backup.md).'
        : '尚无成功的备份：请运行 npm run backup（见 docs/storage-and-backup.md）。'
      : locale === 'en'
        ? `The last successful backup is older than 26 hours (${last.finishedAt.toISOString()}).`
        : `最近一次成功的备份已超过 26 小时（${last.finishedAt.toISOString()}）。`;
  return {
    checkedAt: now.toISOString(),
    nodeId: ctx.nodeId,
    nodes: nodes.map((n) => ({
      nodeId: n.nodeId,
      hostName: n.hostName,
      pid: n.pid,
      version: n.version,
      startedAt: n.startedAt.toISOString(),
      lastSeenAt: n.lastSeenAt.toISOString(),
      self: n.nodeId === ctx.nodeId,
      reachable: now.getTime() - n.lastSeenAt.getTime() <= UNREACHABLE_AFTER_MS,
    })),
    schedulers: leases.map((l) => {
      const expiresAt = new Date(l.expires_at);
      return {
        name: l.name,
        label: label(l.name, locale),
        holder: l.holder,
        // held: a holder whose lease has not expired; a released or expired lease waits for the next node's round
        held: l.holder !== null && expiresAt.getTime() > now.getTime(),
        holderKnown: l.holder !== null && known.has(l.holder),
        expiresAt: expiresAt.toISOString(),
      };
    }),
    engines,
    backups: {
      runs: backups.runs.map((r) => ({
        id: r.id,
        startedAt: r.startedAt.toISOString(),
        finishedAt: r.finishedAt.toISOString(),
        location: r.location,
        profile: r.profile,
        databases: r.databases,
        files: r.files,
        storedObjects: r.storedObjects,
        totalBytes: r.totalBytes,
        outcome: r.outcome,
        error: r.error,
      })),
      lastSucceededAt: last ? last.finishedAt.toISOString() : null,
      stale,
      warning,
    },
  };
}
