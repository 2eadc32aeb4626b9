import express, { type RequestHandler } from 'express';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { FaultInjector, jsonBody, listen, sandboxErrors, unknownRoute, type FaultPlan } from '../sandbox/sandbox-server.ts';
import { jsonObject, optionalInteger, optionalOneOf, optionalText, optionalBoolean } from '../sandbox/input-checks.ts';
import { SandboxError } from '../sandbox/sandbox-error.ts';
import { negotiateLocale } from '../../i18n/locale.ts';
import { EXCHANGE_EVENT_TYPES, MAX_BATCH, type Acknowledgement, type ExchangeEventType } from './exchange.ts';
import { signedRequests } from '../sandbox/signed-requests.ts';
import { checkEvent } from './message-checks.ts';
import { isDay } from './beijing-day.ts';
import { SandboxLedger, type HeldEvent } from './sandbox-ledger.ts';
import { exchangePage } from './sandbox-page.ts';

export interface ExchangeSandboxOptions {
  /** 0 picks a free port */
  port?: number;
  host?: string;
  /** the platform's registration; generated (and kept in the credentials file) when absent */
  appId?: string;
  secret?: string;
  /** the events held, one JSON line each, and beside it the credentials (`<file>.credentials.json`) */
  dataFile?: string;
}

/** Refusals a test or a demo asks for: the next `count` events (of that type, of that case) are refused as malformed. */
export interface RefusalPlan {
  count: number;
  eventType?: ExchangeEventType;
  caseNo?: string;
}

/** In-process equivalent of the control API, for tests. */
export interface ExchangeSandboxControl {
  /** the events held, in the order received (a case's only when named) */
  events(caseNo?: string): ReturnType<SandboxLedger['events']>;
  /** down: every API call answers 503 until it is up again */
  setOutage(down: boolean): void;
  /** the next API calls fail (503) or stall; undefined clears */
  injectFaults(plan: FaultPlan | undefined): void;
  refuse(plan: RefusalPlan | undefined): void;
  /** the next `count` batches are held but their answer is lost (503 after the events were taken) */
  loseAcknowledgements(count: number): void;
  /** forgets a held event (for 对账 to find) */
  lose(eventId: string): boolean;
  /** requests and duplicates seen, for the tests' and the page's figures */
  stats(): { requests: number; accepted: number; duplicates: number; rejected: number; unsigned: number; held: number };
}

export interface ExchangeSandbox {
  url: string;
  appId: string;
  secret: string;
  control: ExchangeSandboxControl;
  close(): Promise<void>;
}

function credentials(options: ExchangeSandboxOptions): { appId: string; secret: string } {
  if (options.appId && options.secret) return { appId: options.appId, secret: options.secret };
  const file = options.dataFile ? `${options.dataFile}.credentials.json` : undefined;
  if (file && existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as { appId: string; secret: string };
  const made = { appId: options.appId ?? 'approval-platform', secret: randomBytes(24).toString('base64url') };
  if (file) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify(made), { mode: 0o600 });
  }
  return made;
}

/**
 * Starts the sandbox provincial exchange (省级数据共享交换平台): the signed reporting API a real
 * exchange offers (/api/case-events, /api/reconciliation/{day}), a page of what it holds (/), and
 * the sandbox-only control API (/sandbox) for outages, slowness, lost answers and refusals.
 */
export async function startExchangeSandbox(options: ExchangeSandboxOptions = {}): Promise<ExchangeSandbox> {
  const { appId, secret } = credentials(options);
  const ledger = new SandboxLedger(options.dataFile);
  const faults = new FaultInjector();
  let outage = false;
  let refusal: RefusalPlan | undefined;
  let lostAcks = 0;
  const figures = { requests: 0, accepted: 0, duplicates: 0, rejected: 0, unsigned: 0 };

  const down: RequestHandler = (_req, res, next) => {
    if (!outage) return next();
    res.status(503).json({ error: { code: 'service_unavailable', message: '交换平台维护中（沙箱注入的中断）' } });
  };
  // verified over the exact bytes received, before anything is parsed
  const { raw: rawJson, check: signed } = signedRequests(
    { appId, secret },
    {
      request: () => void (figures.requests += 1),
      refused: () => void (figures.unsigned += 1),
    },
  );

  const refusedByPlan = (eventType: ExchangeEventType, caseNo: string) => {
    const plan = refusal;
    if (!plan || (plan.eventType && plan.eventType !== eventType) || (plan.caseNo && plan.caseNo !== caseNo)) return false;
    plan.count -= 1;
    if (plan.count <= 0) refusal = undefined;
    return true;
  };

  const app = express();
  app.disable('x-powered-by');
  app.post('/api/case-events', down, faults.middleware, rawJson, signed, (req, res) => {
    let body: unknown;
    try {
      body = JSON.parse((req.body as Buffer).toString('utf8'));
    } catch {
      throw new SandboxError(400, 'invalid_json', { 'zh-CN': '请求体不是有效的 JSON', en: 'The request body is not valid JSON' });
    }
    const events = jsonObject(body).events;
    if (!Array.isArray(events) || events.length < 1 || events.length > MAX_BATCH) {
      throw new SandboxError(400, 'invalid_request', {
        'zh-CN': `events：应为 1 至 ${MAX_BATCH} 个事件的数组`,
        en: `events: must be an array of 1 to ${MAX_BATCH} events`,
      });
    }
    const en = negotiateLocale(req.headers['accept-language']) === 'en';
    const now = new Date();
    const inBatch = new Set<string>();
    const taken: Parameters<SandboxLedger['take']>[0] = [];
    const results: Acknowledgement[] = events.map((raw) => {
      const checked = checkEvent(raw);
      if ('problem' in checked) {
        figures.rejected += 1;
        return { eventId: checked.eventId, status: 'rejected', code: 'malformed', message: en ? checked.problem.en : checked.problem.zh };
      }
      const { event } = checked;
      if (ledger.has(event.eventId) || inBatch.has(event.eventId)) {
        figures.duplicates += 1;
        return { eventId: event.eventId, status: 'duplicate' };
      }
      if (refusedByPlan(event.eventType, event.caseNo)) {
        figures.rejected += 1;
        return {
          eventId: event.eventId,
          status: 'rejected',
          code: 'malformed',
          message: en ? 'Refused as malformed (injected by the sandbox)' : '数据格式不符，拒收（沙箱注入的拒收）',
        };
      }
      inBatch.add(event.eventId);
      taken.push(event);
      figures.accepted += 1;
      return { eventId: event.eventId, status: 'accepted' };
    });
    ledger.take(taken, now);
    if (lostAcks > 0) {
      lostAcks -= 1;
      res.status(503).json({ error: { code: 'gateway_timeout', message: '应答丢失（沙箱注入：事件已接收，应答未送达）' } });
      return;
    }
    res.json({ results });
  });
  app.get('/api/reconciliation/:day', down, faults.middleware, rawJson, signed, (req, res) => {
    const day = String(req.params.day);
    if (!isDay(day)) throw new SandboxError(400, 'invalid_request', { 'zh-CN': 'day：应为 YYYY-MM-DD 日期', en: 'day: must be a date YYYY-MM-DD' });
    res.json({ day, counts: ledger.countsOf(day) });
  });

  const control: ExchangeSandboxControl = {
    events: (caseNo) => ledger.events(caseNo),
    setOutage: (value) => {
      outage = value;
    },
    injectFaults: (plan) => faults.set(plan),
    refuse: (plan) => {
      refusal = plan && plan.count > 0 ? { ...plan } : undefined;
    },
    loseAcknowledgements: (count) => {
      lostAcks = Math.max(0, count);
    },
    lose: (eventId) => ledger.lose(eventId),
    stats: () => ({ ...figures, held: ledger.size }),
  };

  app.get(
    '/',
    (_req, res) =>
      void res
        .set('Cache-Control', 'no-store')
        .type('html')
        .send(exchangePage(ledger.events().slice(-200).reverse(), control.stats(), outage)),
  );
  app.get('/sandbox/events', (req, res) => {
    const caseNo = typeof req.query.caseNo === 'string' ? req.query.caseNo : undefined;
    res.json({ events: ledger.events(caseNo).slice(-1000) });
  });
  app.get('/sandbox/stats', (_req, res) => void res.json({ ...control.stats(), outage }));
  app.put('/sandbox/outage', jsonBody, (req, res) => {
    const value = optionalBoolean(jsonObject(req.body), 'down') ?? true;
    control.setOutage(value);
    res.json({ down: value });
  });
  app.post('/sandbox/faults', jsonBody, faults.controller);
  app.post('/sandbox/refusals', jsonBody, (req, res) => {
    const body = jsonObject(req.body);
    const plan: RefusalPlan = {
      count: optionalInteger(body, 'count', 0, 100_000) ?? 1,
      eventType: optionalOneOf(body, 'eventType', EXCHANGE_EVENT_TYPES),
      caseNo: optionalText(body, 'caseNo', { max: 32 }),
    };
    control.refuse(plan);
    res.json(plan);
  });
  app.post('/sandbox/lost-acknowledgements', jsonBody, (req, res) => {
    const count = optionalInteger(jsonObject(req.body), 'count', 0, 1000) ?? 1;
    control.loseAcknowledgements(count);
    res.json({ count });
  });
  app.delete('/sandbox/events/:eventId', (req, res) => {
    if (!control.lose(String(req.params.eventId)))
      throw new SandboxError(404, 'event_not_found', { 'zh-CN': '交换平台没有该事件', en: 'The exchange holds no such event' });
    res.status(204).end();
  });
  app.use(unknownRoute);
  app.use(sandboxErrors);

  const server = await listen(app, options.port ?? 0, options.host ?? '127.0.0.1');
  return { url: server.url, appId, secret, control, close: () => server.close() };
}

export type { HeldEvent };
