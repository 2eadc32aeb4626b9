import express, { type ErrorRequestHandler, type RequestHandler } from 'express';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { negotiateLocale } from '../../i18n/locale.ts';
import { jsonObject, oneOf, optionalInteger } from './input-checks.ts';
import { SandboxError, sandboxNotFound } from './sandbox-error.ts';

/**
 * Faults a test or a demo injects into the merchant-facing API, as a real gateway has bad minutes:
 * the next `count` requests answer 503, or stall for `delayMs` before being served.
 */
export interface FaultPlan {
  mode: 'fail' | 'slow';
  count: number;
  delayMs?: number;
}

export class FaultInjector {
  private plan: FaultPlan | undefined;

  set(plan: FaultPlan | undefined): void {
    this.plan = plan && plan.count > 0 ? { ...plan } : undefined;
  }

  /** the faults not yet spent */
  remaining(): number {
    return this.plan?.count ?? 0;
  }

  /** Middleware for the merchant API: spends one fault per request while any remain. */
  readonly middleware: RequestHandler = (_req, res, next) => {
    const plan = this.plan;
    if (!plan) return next();
    plan.count -= 1;
    if (plan.count <= 0) this.plan = undefined;
    if (plan.mode === 'fail') {
      res.status(503).json({ error: { code: 'system_busy', message: '系统繁忙，请稍后再试（沙箱注入的故障）' } });
      return;
    }
    const timer = setTimeout(next, plan.delayMs ?? 10_000);
    res.on('close', () => clearTimeout(timer));
  };

  /** `POST /sandbox/faults {mode, count, delayMs?}`; count 0 clears. */
  readonly controller: RequestHandler = (req, res) => {
    const body = jsonObject(req.body);
    const count = optionalInteger(body, 'count', 0, 1000) ?? 1;
    this.set({ mode: oneOf(body, 'mode', ['fail', 'slow'] as const), count, delayMs: optionalInteger(body, 'delayMs', 0, 600_000) });
    res.json({ mode: body.mode, count });
  };
}

/** JSON body parsing shared by the sandboxes' APIs; its errors become 400s in the error handler. */
export const jsonBody = express.json({ limit: '64kb', type: () => true });

export const unknownRoute: RequestHandler = (req) => {
  throw sandboxNotFound('route_not_found', `沙箱没有该接口：${req.method} ${req.path}`, `The sandbox has no ${req.method} ${req.path}`);
};

/** Everything a client can cause answers 4xx with a message; anything else is a sandbox bug (500). */
export const sandboxErrors: ErrorRequestHandler = (err, req, res, _next) => {
  const locale = negotiateLocale(req.headers['accept-language']);
  const known = err instanceof SandboxError ? err : fromBodyParser(err);
  if (!known) {
    console.error('sandbox: unexpected error', err);
    res.status(500).json({ error: { code: 'internal_error', message: locale === 'en' ? 'Sandbox internal error' : '沙箱内部错误' } });
    return;
  }
  res.status(known.status).json({ error: { code: known.code, message: known.localized[locale] } });
};

function fromBodyParser(err: unknown): SandboxError | undefined {
  const e = err as { status?: number; expose?: boolean; type?: string };
  if (!e?.expose || typeof e.status !== 'number' || e.status < 400 || e.status >= 500) return undefined;
  return e.type === 'entity.too.large'
    ? new SandboxError(413, 'body_too_large', { 'zh-CN': '请求体过大', en: 'The request body is too large' })
    : new SandboxError(400, 'invalid_json', { 'zh-CN': '请求体不是有效的 JSON', en: 'The request body is not valid JSON' });
}

export interface ListeningSandbox {
  url: string;
  close(): Promise<void>;
}

/** Listens on host:port (0 picks a free port) and answers the base URL to reach it. */
export async function listen(app: express.Express, port: number, host: string): Promise<ListeningSandbox> {
  const server: Server = await new Promise((resolve, reject) => {
    const s = app.listen(port, host, (err?: Error) => (err ? reject(err) : resolve(s)));
  });
  const address = server.address() as AddressInfo;
  const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${shownHost}:${address.port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
}
