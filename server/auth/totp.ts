import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { ONE_TIME_CODE_DIGITS } from '../../contract/one-time-codes.ts';
import { sm3Otp } from './gm-otp.ts';

/**
 * The second factor's one-time codes, a 30 s step and 6 digits, on one of two algorithms, chosen
 * per deployment (SECOND_FACTOR_ALGORITHM) and kept per enrolment:
 * - `SHA1`, the default: TOTP (RFC 6238) on HOTP (RFC 4226), HMAC-SHA1 — what every authenticator
 *   app (Google/Microsoft Authenticator, FreeOTP, 腾讯身份验证器 …) reads from an otpauth:// URI;
 * - `SM3`: the dynamic password of GM/T 0021-2012 on SM3 (./gm-otp.ts), T the same 30 s step — for
 *   deployments whose 密评 asks for it; only tokens and apps that implement GM/T 0021 produce it.
 * Apart from the database and the clock (test/unit/totp.test.ts: RFC 6238 Appendix B, and known
 * answers of GM/T 0021 computed apart).
 */

export const OTP_ALGORITHMS = ['SHA1', 'SM3'] as const;
export type OtpAlgorithm = (typeof OTP_ALGORITHMS)[number];

export const STEP_SECONDS = 30;
export const DIGITS = ONE_TIME_CODE_DIGITS;
/** Codes of this many steps before and after now are accepted (a phone's clock a little off). */
export const WINDOW = 1;
/** RFC 4226 recommends at least 128 bits and 160 for SHA-1: 20 random bytes. */
export const SECRET_BYTES = 20;

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** RFC 4648 base32 without padding, how otpauth:// URIs carry the secret. */
export function base32Encode(bytes: Uint8Array): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += BASE32[(value << (5 - bits)) & 31];
  return out;
}

/** Reads base32, forgiving case, spaces, hyphens and padding (as a person copies it); null if it is not base32. */
export function base32Decode(text: string): Buffer | null {
  const clean = text.replace(/[\s-]/g, '').replace(/=+$/, '').toUpperCase();
  let bits = 0;
  let value = 0;
  const out: number[] = [];
  for (const char of clean) {
    const index = BASE32.indexOf(char);
    if (index < 0) return null;
    value = ((value << 5) | index) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

export const newSecret = (): Buffer => randomBytes(SECRET_BYTES);

/** The time step of an instant (ms since the epoch): T = floor(unix seconds / 30). */
export const stepAt = (nowMs: number): number => Math.floor(nowMs / 1000 / STEP_SECONDS);

/** HOTP (RFC 4226 §5.3) of a counter: dynamic truncation of HMAC-`algorithm`, `digits` decimal digits. */
export function hotp(secret: Uint8Array, counter: number, digits = DIGITS, algorithm: 'sha1' | 'sha256' | 'sha512' = 'sha1'): string {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac(algorithm, secret).update(message).digest();
  const offset = mac[mac.length - 1]! & 0x0f;
  const binary = ((mac[offset]! & 0x7f) << 24) | (mac[offset + 1]! << 16) | (mac[offset + 2]! << 8) | mac[offset + 3]!;
  return String(binary % 10 ** digits).padStart(digits, '0');
}

/** The 6-digit code of a time step under the enrolment's algorithm. */
export const codeAt = (algorithm: OtpAlgorithm, secret: Uint8Array, step: number): string =>
  algorithm === 'SM3' ? sm3Otp(secret, { time: step }, DIGITS) : hotp(secret, step);

/** The TOTP code at an instant (ms). */
export const totp = (secret: Uint8Array, nowMs: number, digits = DIGITS, algorithm: 'sha1' | 'sha256' | 'sha512' = 'sha1'): string =>
  hotp(secret, stepAt(nowMs), digits, algorithm);

/**
 * The time step whose code `code` is (under `algorithm`), within ±WINDOW steps of now and after
 * `lastStep` (the step last accepted for this secret: a code is good once, RFC 6238 §5.2), or null.
 * Compared in constant time; every step of the window is computed whatever matches.
 */
export function matchStep(secret: Uint8Array, code: string, nowMs: number, lastStep: number | null, algorithm: OtpAlgorithm = 'SHA1'): number | null {
  const given = Buffer.from(code.replace(/\s/g, ''));
  const now = stepAt(nowMs);
  let found: number | null = null;
  for (let step = now - WINDOW; step <= now + WINDOW; step++) {
    const expected = Buffer.from(codeAt(algorithm, secret, step));
    const same = given.length === expected.length && timingSafeEqual(given, expected);
    if (same && found === null && (lastStep === null || step > lastStep)) found = step;
  }
  return found;
}

/**
 * The otpauth:// URI an authenticator app reads from the QR code (Key Uri Format): the issuer and
 * the account as its label, the secret in base32, the algorithm (SHA1; SM3 for a GM/T 0021 token
 * app, which standard apps do not read), 6 digits, 30 s.
 */
export function otpauthUri(issuer: string, account: string, secret: Uint8Array, algorithm: OtpAlgorithm = 'SHA1'): string {
  const label = `${encodeURIComponent(issuer)}:${encodeURIComponent(account)}`;
  const query = new URLSearchParams({ secret: base32Encode(secret), issuer, algorithm, digits: String(DIGITS), period: String(STEP_SECONDS) });
  return `otpauth://totp/${label}?${query.toString().replace(/\+/g, '%20')}`;
}
