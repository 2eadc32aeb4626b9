import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Compact JWS (RFC 7515 §7.1) with one algorithm, `HS-SM3`: HMAC (RFC 2104) on SM3 (GB/T 32905)
 * over ASCII(BASE64URL(header) "." BASE64URL(payload)), the tag base64url (32 bytes). The
 * platform's session tokens and sign-in challenges are signed so (密评: the MAC of identification
 * data on a national algorithm); jose has no SM3, and a verifier that knows one algorithm leaves
 * nothing to choose: `none`, `HS256` and any other `alg` are refused before a MAC is computed, as
 * is a header with `crit` (no extension is understood), a `typ` other than the one expected, and
 * anything not exactly three base64url parts. Claims (issuer, expiry …) are the caller's to check.
 */
export const JWS_ALG = 'HS-SM3';
/** Longer than any token we issue by far; a longer one is refused unread. */
const MAX_LENGTH = 4096;
const MAC_BYTES = 32;
const BASE64URL = /^[A-Za-z0-9_-]+$/;

export type JwsHeader = { alg: typeof JWS_ALG; typ: string };
export type Verified = { ok: true; header: JwsHeader; payload: Record<string, unknown> } | { ok: false; reason: string };

const encode = (value: object) => Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
const macOf = (key: Uint8Array, signingInput: string) => createHmac('sm3', key).update(signingInput, 'ascii').digest();

/** The compact serialization of `payload` under `key` (header `{"alg":"HS-SM3","typ":typ}`). */
export function signJws(key: Uint8Array, typ: string, payload: Record<string, unknown>): string {
  const signingInput = `${encode({ alg: JWS_ALG, typ })}.${encode(payload)}`;
  return `${signingInput}.${macOf(key, signingInput).toString('base64url')}`;
}

/** Parses one base64url part as a JSON object; undefined if it is not one. */
function jsonObject(part: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** The header and payload of a token signed under `key` with HS-SM3 and of type `typ`, or why not. */
export function verifyJws(key: Uint8Array, token: unknown, typ: string): Verified {
  if (typeof token !== 'string' || token.length > MAX_LENGTH) return { ok: false, reason: 'malformed' };
  const parts = token.split('.');
  if (parts.length !== 3 || !parts.every((p) => BASE64URL.test(p))) return { ok: false, reason: 'malformed' };
  const [protectedHeader, body, tag] = parts as [string, string, string];
  const header = jsonObject(protectedHeader);
  if (!header) return { ok: false, reason: 'malformed header' };
  if (header.alg !== JWS_ALG) return { ok: false, reason: `alg ${JSON.stringify(header.alg)} not accepted` };
  if ('crit' in header) return { ok: false, reason: 'crit not understood' };
  if (header.typ !== typ) return { ok: false, reason: `typ ${JSON.stringify(header.typ)} not accepted` };
  const given = Buffer.from(tag, 'base64url');
  const expected = macOf(key, `${protectedHeader}.${body}`);
  // the tag as we write it, byte for byte: no second spelling of the same bytes passes
  if (given.length !== MAC_BYTES || given.toString('base64url') !== tag || !timingSafeEqual(given, expected)) return { ok: false, reason: 'signature' };
  const payload = jsonObject(body);
  if (!payload) return { ok: false, reason: 'malformed payload' };
  return { ok: true, header: { alg: JWS_ALG, typ }, payload };
}
