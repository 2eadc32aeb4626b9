import { createDecipheriv, createHash } from 'node:crypto';
import { encryptThenMac, verifyThenDecrypt } from '../privacy/encrypt-then-mac.ts';
import { sm4Sm3Suite } from '../privacy/keys.ts';

/**
 * A seal's certificate password at rest (密评 重要数据存储机密性): SM4-CBC with a random IV under a
 * key derived from SEAL_KEY, then HMAC-SM3 over the seal it belongs to (department and certificate
 * serial), the IV and the ciphertext — the platform's encrypt-then-MAC (server/privacy). Stored as
 * `ss1.` + base64url(iv | ciphertext | mac). Whoever reads the database alone cannot use the seal,
 * and a password copied onto another seal's row is refused.
 *
 * Rows written before (AES-256-GCM under SHA-256 of SEAL_KEY, base64url(iv | tag | ciphertext),
 * no prefix) are still read; ./reseal-secrets.ts rewrites them in the SM4 form, at the server's
 * start and by `npm run seals:reseal`.
 */
const PREFIX = 'ss1.';
const IV = 16;
const MAC = 32;

/** What a sealed password is bound to: the seal row's department and certificate. */
export type SealBinding = { departmentCode: string; certificateSerial: string };

const suiteOf = (sealKey: string) => sm4Sm3Suite(sealKey, 'seal-secret');
const associated = (seal: SealBinding) => `${seal.departmentCode}|${seal.certificateSerial}`;

/** Whether a stored password is in the current (SM4 + HMAC-SM3) form. */
export const isCurrentForm = (stored: string): boolean => stored.startsWith(PREFIX);

export function encryptSecret(sealKey: string, plain: string, seal: SealBinding): string {
  const { iv, body, mac } = encryptThenMac(suiteOf(sealKey), Buffer.from(plain, 'utf8'), associated(seal));
  return PREFIX + Buffer.concat([iv, body, mac]).toString('base64url');
}

/** The clear password; throws when the value was changed, belongs to another seal, or SEAL_KEY is not the one it was sealed under. */
export function decryptSecret(sealKey: string, stored: string, seal: SealBinding): string {
  if (!isCurrentForm(stored)) return decryptLegacy(sealKey, stored);
  const raw = Buffer.from(stored.slice(PREFIX.length), 'base64url');
  if (raw.length < IV + 16 + MAC) throw new Error('seal secret: malformed');
  const sealed = { iv: raw.subarray(0, IV), body: raw.subarray(IV, raw.length - MAC), mac: raw.subarray(raw.length - MAC) };
  const plain = verifyThenDecrypt(suiteOf(sealKey), sealed, associated(seal));
  if (!plain) throw new Error('seal secret: authentication failed (changed, another seal, or another SEAL_KEY)');
  return plain.toString('utf8');
}

/** The form before SM4: AES-256-GCM under SHA-256("approval-seal:" + SEAL_KEY). Read only, until resealed. */
function decryptLegacy(sealKey: string, stored: string): string {
  const raw = Buffer.from(stored, 'base64url');
  const key = createHash('sha256').update(`approval-seal:${sealKey}`).digest();
  const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
  decipher.setAuthTag(raw.subarray(12, 28));
  return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
}
