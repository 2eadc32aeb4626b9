import express from 'express';
import { randomUUID } from 'node:crypto';
import { JsonFileStore } from '../sandbox/json-file-store.ts';
import { jsonObject, text } from '../sandbox/input-checks.ts';
import { FaultInjector, jsonBody, listen, sandboxErrors, unknownRoute, type FaultPlan } from '../sandbox/sandbox-server.ts';

export interface SmsSandboxOptions {
  /** 0 picks a free port */
  port?: number;
  host?: string;
  /** keeps the outbox across restarts */
  dataFile?: string;
}

/** A message the sandbox "sent": what a phone would have received. */
export interface SandboxMessage {
  messageId: string;
  phone: string;
  text: string;
  template: string;
  sentAt: string;
}

/** In-process equivalent of the control API, for tests. */
export interface SmsSandboxControl {
  /** the messages sent to that phone (all when none given), newest first */
  messages(phone?: string): SandboxMessage[];
  /** the next sends fail (503) or stall; undefined clears */
  injectFaults(plan: FaultPlan | undefined): void;
}

export interface SmsSandbox {
  url: string;
  control: SmsSandboxControl;
  close(): Promise<void>;
}

/** The outbox keeps this many messages, the newest. */
const OUTBOX_SIZE = 500;

const escapeHtml = (value: string) => value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
const shanghai = new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', dateStyle: 'short', timeStyle: 'medium', hour12: false });

function outboxPage(messages: SandboxMessage[]): string {
  const rows = messages
    .map(
      (m) =>
        `<tr><td>${escapeHtml(shanghai.format(new Date(m.sentAt)))}</td><td>${escapeHtml(m.phone)}</td><td>${escapeHtml(m.text)}</td><td>${escapeHtml(m.template)}</td></tr>`,
    )
    .join('');
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,"><title>短信发件箱 - 短信网关（沙箱）</title>
<style>body{font-family:"Noto Sans CJK SC","PingFang SC",sans-serif;background:#f4f6f9;margin:0}main{max-width:900px;margin:32px auto;background:#fff;padding:24px;border-radius:8px}
.banner{background:#fff4e5;color:#a15c00;padding:8px 12px;border-radius:4px;font-size:13px}table{border-collapse:collapse;width:100%;font-size:14px}td,th{border-bottom:1px solid #eee;padding:6px;text-align:left}</style>
</head><body><main><div class="banner">沙箱环境：短信不会真正发出，全部显示在这里（最新的在前，共保留 ${OUTBOX_SIZE} 条）。</div>
<h1>短信发件箱</h1>${messages.length ? `<table><tr><th>时间</th><th>手机号</th><th>内容</th><th>模板</th></tr>${rows}</table>` : '<p>还没有发出任何短信。</p>'}</main></body></html>`;
}

/**
 * Starts the sandbox SMS gateway: the send API a real gateway offers (/api/messages), an outbox
 * instead of phones (GET /sandbox/outbox as a page, GET /sandbox/messages as JSON) and faults.
 */
export async function startSmsSandbox(options: SmsSandboxOptions = {}): Promise<SmsSandbox> {
  const store = new JsonFileStore<{ outbox: SandboxMessage[] }>(options.dataFile);
  const state = store.load(() => ({ outbox: [] }));
  const faults = new FaultInjector();
  const messages = (phone?: string) => structuredClone(state.outbox.filter((m) => !phone || m.phone === phone).reverse());

  const app = express();
  app.disable('x-powered-by');
  app.post('/api/messages', faults.middleware, jsonBody, (req, res) => {
    const body = jsonObject(req.body);
    const message: SandboxMessage = {
      messageId: randomUUID(),
      phone: text(body, 'phone', { max: 11, pattern: /^1[3-9]\d{9}$/, patternHint: { zh: '应为 11 位手机号码', en: 'must be an 11-digit mobile number' } }),
      text: text(body, 'text', { max: 500 }),
      template: text(body, 'template', { max: 64 }),
      sentAt: new Date().toISOString(),
    };
    state.outbox = [...state.outbox, message].slice(-OUTBOX_SIZE);
    store.save(state);
    res.status(201).json({ messageId: message.messageId, status: 'sent' });
  });
  app.get('/', (_req, res) => void res.redirect('/sandbox/outbox'));
  app.get('/sandbox/outbox', (_req, res) => void res.set('Cache-Control', 'no-store').type('html').send(outboxPage(messages())));
  app.get('/sandbox/messages', (req, res) => void res.json({ messages: messages(typeof req.query.phone === 'string' ? req.query.phone : undefined) }));
  app.post('/sandbox/faults', jsonBody, faults.controller);
  app.use(unknownRoute);
  app.use(sandboxErrors);

  const server = await listen(app, options.port ?? 0, options.host ?? '127.0.0.1');
  return {
    url: server.url,
    control: { messages, injectFaults: (plan) => faults.set(plan) },
    close: () => server.close(),
  };
}
