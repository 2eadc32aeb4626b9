import express, { type RequestHandler } from 'express';
import { negotiateLocale } from '../../i18n/locale.ts';
import { checkSignedRequest, type SignatureProblem } from '../province/request-signature.ts';

/** How long a nonce is remembered: the signature's clock window, either side. */
const NONCE_WINDOW_MS = 10 * 60_000;

const SIGNATURE_MESSAGES: Record<SignatureProblem, { zh: string; en: string }> = {
  signature_missing: { zh: '请求缺少签名头', en: 'The request lacks its signature headers' },
  unknown_app: { zh: '未登记的接入系统', en: 'The app id is not registered' },
  signature_invalid: { zh: '签名不正确', en: 'The signature does not verify' },
  timestamp_stale: { zh: '请求时间与平台时钟相差超过 5 分钟', en: 'The timestamp is more than 5 minutes from the service’s clock' },
  nonce_replayed: { zh: '请求已被使用过（重放）', en: 'The request was seen before (replay)' },
};

/**
 * The sandboxes' check of requests signed as the provincial data-sharing platform signs them
 * (../province/request-signature.ts: app id, timestamp, nonce, HMAC-SM3 over method, path and raw
 * body): the raw body is read first, the signature verified over its exact bytes, a nonce seen
 * within the window refused as a replay; a bad request is answered 401 with its reason. Use
 * `raw` then `check` on a route; req.body is then the raw Buffer.
 */
export function signedRequests(
  app: { appId: string; secret: string },
  hooks: { request?: () => void; refused?: (problem: SignatureProblem) => void } = {},
): { raw: RequestHandler; check: RequestHandler } {
  const nonces = new Map<string, number>();
  const check: RequestHandler = (req, res, next) => {
    hooks.request?.();
    const now = Date.now();
    const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const checked = checkSignedRequest({ [app.appId]: app.secret }, req.method, req.originalUrl, raw, req.headers, new Date(now));
    const problem = 'problem' in checked ? checked.problem : nonces.has(checked.nonce) ? 'nonce_replayed' : undefined;
    if (problem) {
      hooks.refused?.(problem);
      const message = SIGNATURE_MESSAGES[problem];
      res.status(401).json({ error: { code: problem, message: negotiateLocale(req.headers['accept-language']) === 'en' ? message.en : message.zh } });
      return;
    }
    if (!('problem' in checked)) nonces.set(checked.nonce, now + NONCE_WINDOW_MS);
    for (const [nonce, until] of nonces) {
      if (until > now) break;
      nonces.delete(nonce);
    }
    next();
  };
  return { raw: express.raw({ type: () => true, limit: '8mb' }), check };
}
