import { createHmac, timingSafeEqual } from 'node:crypto';
import { assertFresh, freshStamp, readSignatureHeaders, signedContent, type CallbackHeaders } from '../signed-message.ts';

/**
 * How the platform signs its requests to the provincial exchange (and the exchange verifies them),
 * in the style of the provinces' data-sharing platforms, which give each connected system an app
 * id and a secret at registration:
 *
 *   X-Exchange-App: the platform's app id       X-Exchange-Timestamp: unix seconds
 *   X-Exchange-Nonce: 32 hex characters
 *   X-Exchange-Signature: base64 HMAC-SM3 keyed with the shared secret over
 *                         "<timestamp>\n<nonce>\n<METHOD> <path with query>\n<raw body>\n"
 *
 * The method and path are signed too, so a signed request cannot be replayed against another
 * route; the exchange refuses timestamps more than 5 minutes from its clock and a nonce it has
 * seen within that window. HMAC-SM3 is the 密评 choice (GB/T 39786: 重要数据传输完整性); the link
 * itself is TLS in production (docs/province-exchange.md).
 */
export const EXCHANGE_HEADERS = {
  app: 'X-Exchange-App',
  timestamp: 'X-Exchange-Timestamp',
  nonce: 'X-Exchange-Nonce',
  signature: 'X-Exchange-Signature',
} as const;

const GATEWAY = 'province';

function mac(secret: string, timestamp: string, nonce: string, method: string, path: string, rawBody: Buffer | string): Buffer {
  const body = typeof rawBody === 'string' ? Buffer.from(rawBody, 'utf8') : rawBody;
  return createHmac('sm3', secret)
    .update(signedContent(timestamp, nonce, Buffer.concat([Buffer.from(`${method.toUpperCase()} ${path}\n`, 'utf8'), body])))
    .digest();
}

/** The headers of one signed request. */
export function signRequest(app: string, secret: string, method: string, path: string, body: string, now: Date = new Date()): Record<string, string> {
  const { timestamp, nonce } = freshStamp(now);
  return {
    [EXCHANGE_HEADERS.app]: app,
    [EXCHANGE_HEADERS.timestamp]: timestamp,
    [EXCHANGE_HEADERS.nonce]: nonce,
    [EXCHANGE_HEADERS.signature]: mac(secret, timestamp, nonce, method, path, body).toString('base64'),
  };
}

export type SignatureProblem = 'signature_missing' | 'unknown_app' | 'signature_invalid' | 'timestamp_stale' | 'nonce_replayed';

/**
 * The exchange's check of a request: the app known, the MAC right over the raw body, the time fresh.
 * Answers the problem, or undefined when the request is good (and its nonce, for the replay check).
 */
export function checkSignedRequest(
  apps: Record<string, string>,
  method: string,
  path: string,
  rawBody: Buffer,
  headers: CallbackHeaders,
  now: Date,
): { problem: SignatureProblem } | { nonce: string; app: string } {
  let parts: { timestamp: string; nonce: string; signature: string };
  try {
    parts = readSignatureHeaders(GATEWAY, headers, EXCHANGE_HEADERS);
  } catch {
    return { problem: 'signature_missing' };
  }
  const appHeader = Object.entries(headers instanceof Headers ? Object.fromEntries(headers) : headers).find(
    ([k]) => k.toLowerCase() === EXCHANGE_HEADERS.app.toLowerCase(),
  )?.[1];
  const app = Array.isArray(appHeader) ? appHeader[0] : appHeader;
  const secret = app ? apps[app] : undefined;
  if (!app || !secret) return { problem: 'unknown_app' };
  const expected = mac(secret, parts.timestamp, parts.nonce, method, path, rawBody);
  const given = Buffer.from(parts.signature, 'base64');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { problem: 'signature_invalid' };
  try {
    assertFresh(GATEWAY, parts.timestamp, now);
  } catch {
    return { problem: 'timestamp_stale' };
  }
  return { nonce: parts.nonce, app };
}
