import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/**
 * A seal's certificate password at rest: AES-256-GCM under a key derived from SEAL_KEY, stored as
 * base64url(iv | tag | ciphertext). Whoever reads the database alone cannot use the seal.
 */
const keyOf = (sealKey: string) => createHash('sha256').update(`approval-seal:${sealKey}`).digest();

export function encryptSecret(sealKey: string, plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyOf(sealKey), iv);
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
}

export function decryptSecret(sealKey: string, stored: string): string {
  const raw = Buffer.from(stored, 'base64url');
  const decipher = createDecipheriv('aes-256-gcm', keyOf(sealKey), raw.subarray(0, 12));
  decipher.setAuthTag(raw.subarray(12, 28));
  return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
}
