import type { Logger } from 'pino';
import { fn, col } from 'sequelize';
import { tellAdministrators } from './tell-administrators.ts';
import { beijingDay, EXCHANGE_EVENT_TYPES, type ExchangeEventType, type ProvinceExchange } from '../gateways/province/index.ts';
import { OutboxEvent, Reconciliation } from './outbox-event.model.ts';

export type DayCounts = Partial<Record<ExchangeEventType, number>>;

export interface ReconciliationView {
  day: string;
  matched: boolean;
  /** each type either side counts, with both counts (a difference is a mismatch) */
  types: Array<{ eventType: ExchangeEventType; platform: number; exchange: number }>;
  checkedBy: string;
  checkedAt: string;
}

export const reconciliationView = (r: Reconciliation): ReconciliationView => ({
  day: r.day,
  matched: r.matched,
  types: EXCHANGE_EVENT_TYPES.filter((t) => r.platformCounts[t] || r.exchangeCounts[t]).map((eventType) => ({
    eventType,
    platform: r.platformCounts[eventType] ?? 0,
    exchange: r.exchangeCounts[eventType] ?? 0,
  })),
  checkedBy: r.checkedBy,
  checkedAt: r.checkedAt.toISOString(),
});

/** What the platform holds as delivered for that day (the exchange acknowledged them), by type. */
async function deliveredCounts(day: string): Promise<DayCounts> {
  const rows = (await OutboxEvent.findAll({
    attributes: ['eventType', [fn('COUNT', col('id')), 'n']],
    where: { day, state: 'sent' },
    group: ['eventType'],
    raw: true,
  })) as unknown as Array<{ eventType: ExchangeEventType; n: number | string }>;
  return Object.fromEntries(rows.map((r) => [r.eventType, Number(r.n)]));
}

/**
 * 对账 of one Beijing day: the exchange's count of each type beside the platform's count of what it
 * acknowledged; recorded either way, a mismatch told to the administrators. Throws the gateway's
 * errors when the exchange cannot answer.
 */
export async function reconcileDay(exchange: ProvinceExchange, day: string, checkedBy: string, logger: Logger): Promise<ReconciliationView> {
  const [platformCounts, exchangeDay] = await Promise.all([deliveredCounts(day), exchange.countsOf(day)]);
  const exchangeCounts = exchangeDay.counts ?? {};
  const matched = EXCHANGE_EVENT_TYPES.every((t) => (platformCounts[t] ?? 0) === (exchangeCounts[t] ?? 0));
  const row = await Reconciliation.create({ day, platformCounts, exchangeCounts, matched, checkedBy, checkedAt: new Date() });
  if (!matched) {
    logger.warn({ day, platformCounts, exchangeCounts }, 'province reconciliation: the counts differ');
    await tellAdministrators('province_mismatch', {
      'zh-CN': `办件数据汇聚对账不一致：${day}（本平台已确认 ${sum(platformCounts)} 条，省级平台持有 ${sum(exchangeCounts)} 条）`,
      en: `Province reporting: the reconciliation does not match for ${day}: this platform acknowledged ${sum(platformCounts)} events, the province holds ${sum(exchangeCounts)}`,
    });
  }
  return reconciliationView(row);
}

const sum = (counts: DayCounts) => Object.values(counts).reduce((a, b) => a + (b ?? 0), 0);

/** The daily round: yesterday (Beijing) is reconciled once, after midnight. */
export async function reconcileYesterday(exchange: ProvinceExchange, logger: Logger, now = new Date()): Promise<ReconciliationView | null> {
  const day = beijingDay(new Date(now.getTime() - 86_400_000));
  if (await Reconciliation.findOne({ where: { day } })) return null;
  return reconcileDay(exchange, day, 'system:reconcile', logger);
}

export async function lastReconciliations(limit = 7): Promise<ReconciliationView[]> {
  return (await Reconciliation.findAll({ order: [['id', 'DESC']], limit })).map(reconciliationView);
}
