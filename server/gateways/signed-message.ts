import { randomBytes } from 'node:crypto';
import { CallbackRejectedError } from './gateway-errors.ts';

/** Headers as node's IncomingMessage or fetch's Headers carry them. */
export type CallbackHeaders = Record<string, string | string[] | undefined> | Headers;

/** A signed callback older than this, or dated this far in the future, is refused (replay window). */
export const CLOCK_TOLERANCE_SECONDS = 5 * 60;

/** The header names one gateway uses for the three signed parts. */
export interface SignatureHeaderNames {
  timestamp: string;
  nonce: string;
  signature: string;
}

/**
 * The bytes both sandboxes sign: `<timestamp>\n<nonce>\n<raw body>\n`. The body is the exact bytes
 * on the wire, never a re-serialised object, so the receiver must verify before parsing JSON.
 * The same layout WeChat Pay v3 uses, which keeps a real adapter's code close to ours.
 */
export function signedContent(timestamp: string, nonce: string, rawBody: Buffer | string): Buffer {
  const body = typeof rawBody === 'string' ? Buffer.from(rawBody, 'utf8') : rawBody;
  return Buffer.concat([Buffer.from(`${timestamp}\n${nonce}\n`, 'utf8'), body, Buffer.from('\n', 'utf8')]);
}

/** A timestamp (unix seconds) and a random nonce for one outgoing callback. */
export function freshStamp(now: Date = new Date()): { timestamp: string; nonce: string } {
  return { timestamp: String(Math.floor(now.getTime() / 1000)), nonce: randomBytes(16).toString('hex') };
}

export function headerValue(headers: CallbackHeaders, name: string): string | undefined {
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() === wanted) return Array.isArray(value) ? value[0] : value;
  }
  return undefined;
}

/** The three signed parts of a callback, or signature_missing naming what is absent. */
export function readSignatureHeaders(
  gateway: string,
  headers: CallbackHeaders,
  names: SignatureHeaderNames,
): { timestamp: string; nonce: string; signature: string } {
  const timestamp = headerValue(headers, names.timestamp);
  const nonce = headerValue(headers, names.nonce);
  const signature = headerValue(headers, names.signature);
  const missing = Object.entries({ [names.timestamp]: timestamp, [names.nonce]: nonce, [names.signature]: signature })
    .filter(([, value]) => !value)
    .map(([name]) => name);
  if (missing.length) throw new CallbackRejectedError(gateway, 'signature_missing', `callback lacks ${missing.join(', ')}`);
  return { timestamp: timestamp!, nonce: nonce!, signature: signature! };
}

/** Refuses a signed timestamp outside the replay window, either side of our clock. */
export function assertFresh(gateway: string, timestamp: string, now: Date): void {
  if (!/^\d{1,12}$/.test(timestamp)) throw new CallbackRejectedError(gateway, 'malformed', `timestamp "${timestamp.slice(0, 20)}" is not unix seconds`);
  const skew = Math.abs(now.getTime() / 1000 - Number(timestamp));
  if (skew > CLOCK_TOLERANCE_SECONDS) {
    throw new CallbackRejectedError(
      gateway,
      'timestamp_stale',
      `callback timestamp is ${Math.round(skew)} s away from our clock (limit ${CLOCK_TOLERANCE_SECONDS} s)`,
    );
  }
}

/** Parses the verified body as a JSON object, or malformed. */
export function parseJsonObject(gateway: string, rawBody: Buffer | string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(typeof rawBody === 'string' ? rawBody : rawBody.toString('utf8'));
  } catch {
    throw new CallbackRejectedError(gateway, 'malformed', 'callback body is not JSON');
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed))
    throw new CallbackRejectedError(gateway, 'malformed', 'callback body is not a JSON object');
  return parsed as Record<string, unknown>;
}
