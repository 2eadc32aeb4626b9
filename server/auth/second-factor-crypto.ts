import { createHmac, getCiphers, getHashes, randomInt } from 'node:crypto';
import { encryptThenMac, verifyThenDecrypt, type Suite } from '../privacy/encrypt-then-mac.ts';

/**
 * The second factor's secrets at rest, under SECOND_FACTOR_KEY (密评: 重要数据存储机密性):
 * - a TOTP secret is encrypted with SM4-CBC (GB/T 32907) and authenticated with HMAC-SM3
 *   (GB/T 32905), encrypt-then-MAC, the MAC also covering the user id, so a secret copied onto
 *   another user's row is refused. Stored as `s1.` + base64url(iv | ciphertext | mac).
 * - a recovery code is kept as its HMAC-SM3 under the key: the database alone neither shows nor
 *   lets anyone try the codes.
 * Node's OpenSSL has SM4 and SM3 on the builds we run (checked with crypto.getCiphers()); where a
 * build lacks them, AES-128-CBC with HMAC-SHA256 is used instead (`a1.` rows, the same layout), and
 * a row of either kind is read by its prefix, so moving between builds loses nothing.
 */

const HAS_SM = getCiphers().includes('sm4-cbc') && getHashes().includes('sm3');
const SUITES = {
  s1: { cipher: 'sm4-cbc', hash: 'sm3' },
  a1: { cipher: 'aes-128-cbc', hash: 'sha256' },
} as const;
type SuiteName = keyof typeof SUITES;
const CURRENT: SuiteName = HAS_SM ? 's1' : 'a1';

/** Keys derived from SECOND_FACTOR_KEY for one purpose each (HMAC as the KDF). */
const derive = (key: string, hash: string, purpose: string, length: number) =>
  createHmac(hash, key).update(`approval-second-factor:${purpose}`).digest().subarray(0, length);

const suiteOf = (key: string, name: SuiteName): Suite => {
  const { cipher, hash } = SUITES[name];
  return { cipher, hash, cipherKey: derive(key, hash, 'encryption', 16), macKey: derive(key, hash, 'mac', 32) };
};

/** Encrypts a TOTP secret of the user for storage. */
export function sealSecret(key: string, userId: number, secret: Uint8Array): string {
  const { iv, body, mac } = encryptThenMac(suiteOf(key, CURRENT), Buffer.from(secret), `${CURRENT}|${userId}|`);
  return `${CURRENT}.${Buffer.concat([iv, body, mac]).toString('base64url')}`;
}

/** The TOTP secret of a stored row; throws if the row was changed, moved to another user, or sealed under another key. */
export function openSecret(key: string, userId: number, stored: string): Buffer {
  const [suite, data] = stored.split('.', 2) as [string, string | undefined];
  if (!(suite in SUITES) || !data) throw new Error('second factor secret: unknown format');
  const raw = Buffer.from(data, 'base64url');
  const macLength = 32; // SM3 and SHA-256 both
  const sealed = { iv: raw.subarray(0, 16), body: raw.subarray(16, raw.length - macLength), mac: raw.subarray(raw.length - macLength) };
  const secret = verifyThenDecrypt(suiteOf(key, suite as SuiteName), sealed, `${suite}|${userId}|`);
  if (!secret) throw new Error('second factor secret: authentication failed');
  return secret;
}

/** Recovery codes: 10 characters of an alphabet without 0/O, 1/I/L, shown as xxxxx-xxxxx (about 50 bits each). */
const CODE_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';
export const RECOVERY_CODE_COUNT = 10;

export function newRecoveryCode(): string {
  let code = '';
  for (let i = 0; i < 10; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return `${code.slice(0, 5)}-${code.slice(5)}`;
}

/** A recovery code as typed: case, spaces and hyphens do not matter. */
export const normalizeRecoveryCode = (text: string): string => text.toLowerCase().replace(/[\s-]/g, '');

/** Whether the text could be a recovery code (before any lookup). */
export const looksLikeRecoveryCode = (text: string): boolean => new RegExp(`^[${CODE_ALPHABET}]{10}$`).test(normalizeRecoveryCode(text));

/**
 * What is stored of a recovery code: its HMAC under the key (SM3, or SHA-256 where SM3 is missing),
 * hex. (Codes made on a build with SM3 are not found on one without: regenerate them there.)
 */
export function hashRecoveryCode(key: string, userId: number, code: string): string {
  const hash = SUITES[CURRENT].hash;
  return createHmac(hash, derive(key, hash, 'recovery', 32))
    .update(`${userId}|${normalizeRecoveryCode(code)}`)
    .digest('hex');
}

/** The algorithms in use, for the docs and the logs. */
export const SECOND_FACTOR_ALGORITHMS = HAS_SM ? 'SM4-CBC + HMAC-SM3' : 'AES-128-CBC + HMAC-SHA256 (this Node build has no SM4/SM3)';
