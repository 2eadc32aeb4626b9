import { Op, literal } from 'sequelize';
import type { Logger } from 'pino';
import type { Config } from '../config/schema.ts';
import { GatewayRejectedError, GatewayUnavailableError } from '../gateways/gateway-errors.ts';
import { SandboxProvinceExchange, type Acknowledgement, type ExchangeEvent, type ProvinceExchange } from '../gateways/province/index.ts';
import { OutboxEvent } from './outbox-event.model.ts';
import { tellAdministrators } from './tell-administrators.ts';

/** The exchange of the configuration, or none when no exchange is configured (events then wait). */
export function exchangeOf(config: Pick<Config, 'province'>): ProvinceExchange | undefined {
  const { exchangeUrl, appId, secret } = config.province;
  return exchangeUrl ? new SandboxProvinceExchange({ baseUrl: exchangeUrl, appId, secret }) : undefined;
}

export interface SenderSettings {
  batchSize: number;
  maxAttempts: number;
  /** the first retry's delay; each next one doubles it, up to MAX_BACKOFF_MS */
  backoffBaseMs: number;
  /** a round stops taking new batches after this long (the next round goes on) */
  roundBudgetMs: number;
}

export interface RoundResult {
  batches: number;
  acknowledged: number;
  duplicates: number;
  deadLettered: number;
  failed: number;
}

/** The longest wait between two attempts of an event (with the default 24 attempts, a link down for about 2.5 hours makes dead letters). */
export const MAX_BACKOFF_MS = 10 * 60_000;
/** Rows looked at to fill a batch with one event per case (several pending events of a case take several batches). */
const WINDOW_FACTOR = 10;

/** The wait before the next attempt after `attempts` failed ones: base, 2×base, 4×base … up to MAX_BACKOFF_MS. */
export function backoffMs(attempts: number, baseMs: number): number {
  return Math.min(baseMs * 2 ** Math.max(0, attempts - 1), MAX_BACKOFF_MS);
}

/**
 * The next batch: each case's earliest pending event, if it is due, and nothing of a case that has
 * a dead letter (its later events wait until the dead letter is resent and delivered). So a case's
 * events reach the exchange one after the other, in the order they were queued, and a failing
 * event holds back only its own case.
 */
async function nextBatch(batchSize: number, now: Date): Promise<OutboxEvent[]> {
  const window = await OutboxEvent.findAll({
    attributes: ['id', 'caseId', 'nextAttemptAt'],
    where: { state: 'pending', caseId: { [Op.notIn]: literal(`(SELECT case_id FROM province_outbox WHERE state = 'dead')`) } },
    order: [['id', 'ASC']],
    limit: batchSize * WINDOW_FACTOR,
  });
  const seen = new Set<number>();
  const ids: number[] = [];
  for (const r of window) {
    if (seen.has(r.caseId)) continue;
    seen.add(r.caseId);
    if (r.nextAttemptAt.getTime() <= now.getTime()) ids.push(r.id);
    if (ids.length >= batchSize) break;
  }
  return ids.length ? OutboxEvent.findAll({ where: { id: { [Op.in]: ids } }, order: [['id', 'ASC']] }) : [];
}

const messageOf = (row: OutboxEvent): ExchangeEvent => ({ ...row.payload, ...(row.personal ? { applicant: row.personal } : {}) });

/** Counts a failed attempt of each row: retried later with backoff, or a dead letter once attempts run out. */
async function failed(rows: OutboxEvent[], error: string, settings: SenderSettings, now: Date): Promise<{ dead: number }> {
  const byAttempts = new Map<number, number[]>();
  for (const r of rows) byAttempts.set(r.attempts + 1, [...(byAttempts.get(r.attempts + 1) ?? []), r.id]);
  let dead = 0;
  for (const [attempts, ids] of byAttempts) {
    const out = attempts >= settings.maxAttempts;
    if (out) dead += ids.length;
    await OutboxEvent.update(
      {
        attempts,
        lastError: error.slice(0, 500),
        ...(out ? { state: 'dead' as const } : { nextAttemptAt: new Date(now.getTime() + backoffMs(attempts, settings.backoffBaseMs)) }),
      },
      { where: { id: { [Op.in]: ids }, state: 'pending' } },
    );
  }
  return { dead };
}

/** Records the exchange's answers: accepted and duplicate are delivered; rejected is a dead letter at once (sending it again will not help). */
async function acknowledged(rows: OutboxEvent[], answers: Acknowledgement[], settings: SenderSettings, now: Date): Promise<Omit<RoundResult, 'batches'>> {
  const answer = new Map(answers.map((a) => [a.eventId, a]));
  const result = { acknowledged: 0, duplicates: 0, deadLettered: 0, failed: 0 };
  for (const status of ['accepted', 'duplicate'] as const) {
    const ids = rows.filter((r) => answer.get(r.eventId)?.status === status).map((r) => r.id);
    if (!ids.length) continue;
    await OutboxEvent.update(
      { state: 'sent', acknowledgement: status, acknowledgedAt: now, attempts: literal('attempts + 1') as unknown as number, lastError: null },
      { where: { id: { [Op.in]: ids }, state: 'pending' } },
    );
    result.acknowledged += ids.length;
    if (status === 'duplicate') result.duplicates += ids.length;
  }
  for (const r of rows) {
    const a = answer.get(r.eventId);
    if (a?.status !== 'rejected') continue;
    await OutboxEvent.update(
      { state: 'dead', attempts: r.attempts + 1, lastError: `${a.code}: ${a.message}`.slice(0, 500) },
      { where: { id: r.id, state: 'pending' } },
    );
    result.deadLettered += 1;
  }
  // an event the exchange did not answer for was not taken: tried again
  const unanswered = rows.filter((r) => !answer.has(r.eventId));
  if (unanswered.length) {
    result.failed += unanswered.length;
    result.deadLettered += (await failed(unanswered, 'the exchange gave no acknowledgement for the event', settings, now)).dead;
  }
  return result;
}

/**
 * One round of the sender: batches of due events to the exchange until none is due, the exchange
 * fails, or the round's time is up. At least once: an event is marked delivered only on the
 * exchange's acknowledgement, so a lost answer sends it again and the exchange answers `duplicate`.
 */
export async function sendRound(exchange: ProvinceExchange, settings: SenderSettings, logger: Logger): Promise<RoundResult> {
  const result: RoundResult = { batches: 0, acknowledged: 0, duplicates: 0, deadLettered: 0, failed: 0 };
  const ends = Date.now() + settings.roundBudgetMs;
  while (Date.now() < ends) {
    const rows = await nextBatch(settings.batchSize, new Date());
    if (!rows.length) break;
    result.batches += 1;
    let answers: Acknowledgement[];
    try {
      answers = await exchange.report(rows.map(messageOf));
    } catch (err) {
      if (!(err instanceof GatewayUnavailableError) && !(err instanceof GatewayRejectedError)) throw err;
      // the whole request failed (an outage, or a refusal of the request itself such as its signature): each event tries again later
      const { dead } = await failed(rows, err.message, settings, new Date());
      result.failed += rows.length;
      result.deadLettered += dead;
      logger.warn({ events: rows.length, error: err.message }, 'province exchange: a batch was not delivered; its events are retried with backoff');
      break;
    }
    const done = await acknowledged(rows, answers, settings, new Date());
    result.acknowledged += done.acknowledged;
    result.duplicates += done.duplicates;
    result.deadLettered += done.deadLettered;
    result.failed += done.failed;
  }
  if (result.deadLettered) {
    logger.warn({ deadLettered: result.deadLettered }, 'province exchange: events became dead letters');
    await tellAdministrators('province_dead_letters', {
      'zh-CN': `办件数据汇聚：${result.deadLettered} 个事件进入死信，同一办件的后续事件暂缓报送，请在运维监控的“省级汇聚”中查看原因并重发`,
      en: `Province reporting: ${result.deadLettered === 1 ? 'an event became a dead letter' : `${result.deadLettered} events became dead letters`}; later events of the same cases wait. See why and resend under "Province reporting" in Operations`,
    });
  }
  return result;
}
