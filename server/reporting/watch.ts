import type { AppContext } from '../context.ts';
import { repeatEvery } from '../scheduling/repeat.ts';
import type { ProvinceExchange } from '../gateways/province/index.ts';
import { exchangeOf, sendRound, type RoundResult, type SenderSettings } from './sender.ts';
import { reconcileYesterday } from './reconcile.ts';

/** The sender's settings from the configuration: a round lasts at most a few intervals, retries start at one. */
export function senderSettings(ctx: Pick<AppContext, 'config'>): SenderSettings {
  const { batchSize, maxAttempts, sendIntervalMs } = ctx.config.province;
  return { batchSize, maxAttempts, backoffBaseMs: Math.max(sendIntervalMs, 200), roundBudgetMs: Math.max(sendIntervalMs * 5, 2_000) };
}

/** One round of the sender now (the schedule's, and the tests' when they choose). */
export async function provinceRound(
  ctx: Pick<AppContext, 'config' | 'logger'>,
  exchange: ProvinceExchange | undefined = exchangeOf(ctx.config),
): Promise<RoundResult | null> {
  return exchange ? sendRound(exchange, senderSettings(ctx), ctx.logger) : null;
}

/**
 * 办件数据汇聚 on one node of several: the sender every `province.sendIntervalMs`, and the daily
 * reconciliation of yesterday, looked for every `reconcileIntervalMs`. Nothing runs without an
 * exchange configured: the events wait in the outbox.
 */
export function watchProvince(ctx: AppContext): () => Promise<void> {
  const exchange = exchangeOf(ctx.config);
  if (!exchange) return async () => undefined;
  const logger = ctx.logger.child({ component: 'province' });
  const stopSending = repeatEvery(ctx.config.province.sendIntervalMs, 'province reporting', ctx, () => sendRound(exchange, senderSettings(ctx), logger));
  const stopReconciling = repeatEvery(ctx.config.reconcileIntervalMs, 'province reconciliation', ctx, () => reconcileYesterday(exchange, logger));
  return async () => {
    await Promise.all([stopSending(), stopReconciling()]);
  };
}
