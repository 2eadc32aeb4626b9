import { createCipheriv, createDecipheriv, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Encrypt-then-MAC, the one construction behind every secret the platform stores (personal data in
 * ./sealing.ts, the second factor's secrets in server/auth/second-factor-crypto.ts): a block cipher
 * in CBC mode with a random IV, then an HMAC over the associated data, the IV and the ciphertext.
 * SM4 and SM3 (密评) where Node's OpenSSL has them; the callers choose the suite.
 */
export interface Suite {
  cipher: 'sm4-cbc' | 'aes-128-cbc';
  hash: 'sm3' | 'sha256';
  /** 16 bytes */
  cipherKey: Buffer;
  macKey: Buffer;
}

export interface Sealed {
  iv: Buffer;
  body: Buffer;
  mac: Buffer;
}

const macOf = (suite: Suite, associated: string, iv: Buffer, body: Buffer) =>
  createHmac(suite.hash, suite.macKey).update(associated).update(iv).update(body).digest();

/** Encrypts `plain`; the MAC binds `associated` (who or what the value belongs to) as well. */
export function encryptThenMac(suite: Suite, plain: Buffer, associated: string): Sealed {
  const iv = randomBytes(16);
  const cipher = createCipheriv(suite.cipher, suite.cipherKey, iv);
  const body = Buffer.concat([cipher.update(plain), cipher.final()]);
  return { iv, body, mac: macOf(suite, associated, iv, body) };
}

/** The plain value, or undefined when the MAC does not hold (changed, moved, or another key). */
export function verifyThenDecrypt(suite: Suite, sealed: Sealed, associated: string): Buffer | undefined {
  const expected = macOf(suite, associated, sealed.iv, sealed.body);
  if (sealed.mac.length !== expected.length || !timingSafeEqual(sealed.mac, expected)) return undefined;
  const decipher = createDecipheriv(suite.cipher, suite.cipherKey, sealed.iv);
  return Buffer.concat([decipher.update(sealed.body), decipher.final()]);
}
