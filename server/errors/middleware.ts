import type { ErrorRequestHandler, RequestHandler } from 'express';
import { MulterError } from 'multer';
import { negotiateLocale } from '../i18n/locale.ts';
import { inLocale } from '../../contract/problems.ts';
import { AppError, badRequest, malformedAddress, notFound } from './app-error.ts';
import { ERROR_MESSAGES } from './messages.ts';
import { EngineError } from '../engine/client.ts';

export const routeNotFound: RequestHandler = (_req, _res, next) => next(notFound('route_not_found'));

/** Turns anything thrown into a low-level error a client understands. */
function classify(err: unknown): AppError | undefined {
  if (err instanceof AppError) return err;
  if (err instanceof MulterError) {
    if (err.code === 'LIMIT_FILE_SIZE') return new AppError(413, 'file_too_large');
    return badRequest('bad_request', {
      'zh-CN': `上传格式不正确：只能上传一个名为 file 的文件（${err.code}）`,
      en: `Malformed upload: send exactly one file in the field "file" (${err.code})`,
    });
  }
  // the router decodes path parameters (%FF, %E4%B8 fail): server/http/bad-input.ts refuses them before, this is the backstop
  if (err instanceof URIError) return malformedAddress();
  if (err instanceof EngineError) return err.status === 0 ? new AppError(503, 'engine_unavailable') : new AppError(502, 'engine_error');
  const e = err as { type?: string; status?: number; expose?: boolean };
  // body-parser errors: malformed JSON, too large, wrong charset
  if (e && e.expose && typeof e.status === 'number' && e.status >= 400 && e.status < 500) {
    return new AppError(e.status, 'bad_request', [], {
      'zh-CN': e.type === 'entity.too.large' ? '请求内容过大' : '请求体不是有效的 JSON',
      en: e.type === 'entity.too.large' ? 'The request body is too large' : 'The request body is not valid JSON',
    });
  }
  return undefined;
}

export const errorMiddleware: ErrorRequestHandler = (err, req, res, _next) => {
  const locale = negotiateLocale(req.headers['accept-language']);
  const known = classify(err);
  if (!known) {
    req.log?.error({ err }, 'unhandled error');
    res.status(500).json({ error: { code: 'internal_error', message: ERROR_MESSAGES.internal_error[locale] } });
    return;
  }
  if (known.status >= 500) req.log?.warn({ err }, 'service unavailable');
  // when to try again (a lock, a rate): withRetryAfter
  const wait = (known as { retryAfterSeconds?: unknown }).retryAfterSeconds;
  if (typeof wait === 'number') res.set('Retry-After', String(wait));
  const message = (known.localizedMessage ?? ERROR_MESSAGES[known.code])[locale];
  const details = known.details.map((d) => inLocale(d, locale));
  res.status(known.status).json({ error: { code: known.code, message, ...(details.length ? { details } : {}) } });
};
