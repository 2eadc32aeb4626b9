import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

/**
 * AWS Signature Version 4 as a service checks it (the sandbox object store's side, written from
 * AWS's specification, independently of the client's signer): the canonical request rebuilt from
 * what arrived, the string to sign, the key derived from the secret for the day, region and service.
 */
export interface SignedRequest {
  method: string;
  /** the path and query as received (`/bucket/key?list-type=2`) */
  url: string;
  headers: IncomingHttpHeaders;
}

export type SignatureCheck =
  | { ok: true; accessKeyId: string; payloadHash: string }
  | {
      ok: false;
      code: 'AccessDenied' | 'InvalidAccessKeyId' | 'SignatureDoesNotMatch' | 'RequestTimeTooSkewed' | 'AuthorizationHeaderMalformed';
      message: string;
    };

const AUTH =
  /^AWS4-HMAC-SHA256 Credential=([^/,\s]+)\/(\d{8})\/([^/,\s]+)\/([^/,\s]+)\/aws4_request,\s*SignedHeaders=([a-z0-9;-]+),\s*Signature=([0-9a-f]{64})$/;

/** RFC 3986 encoding as SigV4 wants it: everything but A-Z a-z 0-9 - _ . ~ */
export const uriEncode = (s: string) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

const hmac = (key: Buffer | string, data: string) => createHmac('sha256', key).update(data, 'utf8').digest();
const sha256 = (data: string) => createHash('sha256').update(data, 'utf8').digest('hex');

function canonicalQuery(query: string): string {
  if (!query) return '';
  return query
    .split('&')
    .filter(Boolean)
    .map((pair) => {
      const at = pair.indexOf('=');
      const [k, v] = at < 0 ? [pair, ''] : [pair.slice(0, at), pair.slice(at + 1)];
      const decode = (s: string) => decodeURIComponent(s.replace(/\+/g, '%20'));
      return [uriEncode(decode(k)), uriEncode(decode(v))] as const;
    })
    .sort(([a, av], [b, bv]) => (a < b ? -1 : a > b ? 1 : av < bv ? -1 : av > bv ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
}

/** S3's canonical URI: each segment of the decoded path encoded once, '/' kept. */
const canonicalPath = (path: string) =>
  path
    .split('/')
    .map((segment) => uriEncode(decodeURIComponent(segment)))
    .join('/');

export function checkSignature(request: SignedRequest, secretOf: (accessKeyId: string) => string | undefined, now = new Date()): SignatureCheck {
  const authorization = String(request.headers.authorization ?? '');
  if (!authorization) return { ok: false, code: 'AccessDenied', message: 'Anonymous access is not allowed' };
  const m = AUTH.exec(authorization);
  if (!m) return { ok: false, code: 'AuthorizationHeaderMalformed', message: 'The authorization header is malformed' };
  const [, accessKeyId, day, region, service, signedHeaderList, signature] = m as unknown as [string, string, string, string, string, string, string];
  const secret = secretOf(accessKeyId);
  if (secret === undefined) return { ok: false, code: 'InvalidAccessKeyId', message: 'The AWS Access Key Id you provided does not exist in our records.' };
  const amzDate = String(request.headers['x-amz-date'] ?? '');
  const payloadHash = String(request.headers['x-amz-content-sha256'] ?? '');
  const signed = signedHeaderList.split(';');
  if (!/^\d{8}T\d{6}Z$/.test(amzDate) || amzDate.slice(0, 8) !== day || !['host', 'x-amz-date', 'x-amz-content-sha256'].every((h) => signed.includes(h)))
    return {
      ok: false,
      code: 'AuthorizationHeaderMalformed',
      message: 'Host, X-Amz-Date and X-Amz-Content-Sha256 must be signed, and the date must be the credential scope day',
    };
  const at = Date.UTC(
    +amzDate.slice(0, 4),
    +amzDate.slice(4, 6) - 1,
    +amzDate.slice(6, 8),
    +amzDate.slice(9, 11),
    +amzDate.slice(11, 13),
    +amzDate.slice(13, 15),
  );
  if (Math.abs(now.getTime() - at) > 15 * 60_000)
    return { ok: false, code: 'RequestTimeTooSkewed', message: 'The difference between the request time and the current time is too large.' };
  const q = request.url.indexOf('?');
  const path = q < 0 ? request.url : request.url.slice(0, q);
  const query = q < 0 ? '' : request.url.slice(q + 1);
  const headerValue = (name: string) => {
    const v = request.headers[name];
    return (Array.isArray(v) ? v.join(',') : (v ?? '')).trim().replace(/\s+/g, ' ');
  };
  const canonical = [
    request.method,
    canonicalPath(path),
    canonicalQuery(query),
    signed.map((h) => `${h}:${headerValue(h)}\n`).join(''),
    signedHeaderList,
    payloadHash,
  ].join('\n');
  const scope = `${day}/${region}/${service}/aws4_request`;
  const toSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256(canonical)].join('\n');
  const key = hmac(hmac(hmac(hmac(`AWS4${secret}`, day), region), service), 'aws4_request');
  const expected = Buffer.from(hmac(key, toSign).toString('hex'));
  if (!timingSafeEqual(expected, Buffer.from(signature)))
    return { ok: false, code: 'SignatureDoesNotMatch', message: 'The request signature we calculated does not match the signature you provided.' };
  return { ok: true, accessKeyId, payloadHash };
}
