import { Op, col, fn, literal } from 'sequelize';
import type { AppContext } from '../context.ts';
import { OutboxEvent } from './outbox-event.model.ts';
import { lastReconciliations } from './reconcile.ts';

/** The lag figures look at the live events acknowledged in this window, at most LAG_SAMPLE of the newest. */
const LAG_WINDOW_MS = 60 * 60_000;
const LAG_SAMPLE = 20_000;

const percentile = (sorted: number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]! : null);

/** 延迟: created → acknowledged of the live events acknowledged in the last hour (backfilled ones say nothing of it). */
export async function deliveryLag(now = new Date()) {
  const rows = await OutboxEvent.findAll({
    attributes: ['createdAt', 'acknowledgedAt'],
    where: { origin: 'live', acknowledgedAt: { [Op.gte]: new Date(now.getTime() - LAG_WINDOW_MS) } },
    order: [['acknowledgedAt', 'DESC']],
    limit: LAG_SAMPLE,
    raw: true,
  });
  const lags = rows.map((r) => new Date(r.acknowledgedAt!).getTime() - new Date(r.createdAt).getTime()).sort((a, b) => a - b);
  return { windowMinutes: LAG_WINDOW_MS / 60_000, events: lags.length, p50Ms: percentile(lags, 50), p95Ms: percentile(lags, 95), maxMs: lags.at(-1) ?? null };
}

/** The outbox at a glance: counts by state (pending split into due and held behind a dead letter), the oldest waiting, the lag, the last reconciliations. */
export async function outboxOverview(ctx: AppContext) {
  const states = (await OutboxEvent.findAll({ attributes: ['state', [fn('COUNT', col('id')), 'n']], group: ['state'], raw: true })) as unknown as Array<{
    state: string;
    n: number | string;
  }>;
  const count = (state: string) => Number(states.find((s) => s.state === state)?.n ?? 0);
  const held = await OutboxEvent.count({
    where: { state: 'pending', caseId: { [Op.in]: literal(`(SELECT case_id FROM province_outbox WHERE state = 'dead')`) } },
  });
  const oldest = await OutboxEvent.findOne({ attributes: ['createdAt'], where: { state: 'pending' }, order: [['id', 'ASC']] });
  return {
    exchange: { configured: Boolean(ctx.config.province.exchangeUrl), url: ctx.config.province.exchangeUrl || null },
    counts: { pending: count('pending') - held, held, sent: count('sent'), dead: count('dead') },
    oldestPendingAt: oldest?.createdAt.toISOString() ?? null,
    lag: await deliveryLag(),
    reconciliations: await lastReconciliations(),
  };
}

/** 死信: the events given up on, newest first, with the exchange's or the link's last error. */
export async function deadLetters(query: Record<string, unknown>) {
  const limit = Math.min(Math.max(Number.parseInt(String(query.limit ?? '50'), 10) || 50, 1), 200);
  const offset = Math.max(Number.parseInt(String(query.offset ?? '0'), 10) || 0, 0);
  const { rows, count } = await OutboxEvent.findAndCountAll({ where: { state: 'dead' }, order: [['id', 'DESC']], limit, offset });
  return {
    total: count,
    limit,
    offset,
    deadLetters: rows.map((r) => ({
      id: r.id,
      eventId: r.eventId,
      caseNo: r.caseNo,
      eventType: r.eventType,
      occurredAt: r.occurredAt.toISOString(),
      attempts: r.attempts,
      error: r.lastError ?? '',
      queuedAt: r.createdAt.toISOString(),
    })),
  };
}
