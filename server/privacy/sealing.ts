import { createCipheriv, createDecipheriv, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { personalDataRing, type DerivedKey } from './keys.ts';

/**
 * Personal data at rest (密评: important data stored confidential and intact): SM4-CBC under the
 * ring's current key with a random IV, then HMAC-SM3 over key id, IV and ciphertext. A sealed
 * value reads `pd1:<key id>:<iv>:<ciphertext>:<tag>` (base64url): the key id tells which key of the
 * ring opens it, so keys rotate without rewriting every row at once (scripts/personal-data-reseal.ts
 * moves old rows to the current key).
 */
const PREFIX = 'pd1:';

export const isSealed = (stored: string): boolean => stored.startsWith(PREFIX);

/** Whether a stored value is sealed under the ring's current key (the re-seal pass skips those). */
export const sealedUnderCurrentKey = (stored: string): boolean => stored.startsWith(`${PREFIX}${personalDataRing().current.id}:`);

const tagOf = (key: DerivedKey, iv: Buffer, ciphertext: Buffer) =>
  createHmac('sm3', key.macKey).update(`${key.id}:`).update(iv).update(ciphertext).digest().subarray(0, 16);

export function seal(plain: string): string {
  const key = personalDataRing().current;
  const iv = randomBytes(16);
  const cipher = createCipheriv('sm4-cbc', key.cipherKey, iv);
  const ciphertext = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return [PREFIX + key.id, iv.toString('base64url'), ciphertext.toString('base64url'), tagOf(key, iv, ciphertext).toString('base64url')].join(':');
}

export class SealBrokenError extends Error {}

/**
 * The clear value of a stored one. A value written before sealing began (no prefix) reads as it
 * is, until the re-seal pass seals it. A changed value or one under a key the ring lacks throws:
 * it is never shown as if it were data.
 */
export function open(stored: string): string {
  if (!isSealed(stored)) return stored;
  const [, id, iv64, ct64, tag64] = stored.split(':');
  const key = personalDataRing().byId.get(id ?? '');
  if (!key || iv64 === undefined || ct64 === undefined || tag64 === undefined) throw new SealBrokenError(`personal data: no key "${id}" in the ring`);
  const iv = Buffer.from(iv64, 'base64url');
  const ciphertext = Buffer.from(ct64, 'base64url');
  const tag = Buffer.from(tag64, 'base64url');
  const expected = tagOf(key, iv, ciphertext);
  if (tag.length !== expected.length || !timingSafeEqual(tag, expected)) throw new SealBrokenError('personal data: a sealed value was changed');
  const decipher = createDecipheriv('sm4-cbc', key.cipherKey, iv);
  return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString('utf8');
}

/**
 * The keyed SM3 hash (HMAC-SM3 under the index key) a search finds a sealed value by: equal values
 * hash alike, and without the key nobody can test a guess of an ID number against the table.
 * ID numbers are compared as written in capitals (a final x is an X).
 */
export function lookupHash(value: string): string {
  return createHmac('sm3', personalDataRing().indexKey).update(value.trim().toUpperCase()).digest('hex');
}
