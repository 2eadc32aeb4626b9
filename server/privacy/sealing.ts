import { createHmac } from 'node:crypto';
import { personalDataRing, type DerivedKey } from './keys.ts';
import { encryptThenMac, verifyThenDecrypt, type Suite } from './encrypt-then-mac.ts';

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

const suiteOf = (key: DerivedKey): Suite => ({ cipher: 'sm4-cbc', hash: 'sm3', cipherKey: key.cipherKey, macKey: key.macKey });

export function seal(plain: string): string {
  const key = personalDataRing().current;
  const { iv, body, mac } = encryptThenMac(suiteOf(key), Buffer.from(plain, 'utf8'), `${key.id}:`);
  return [PREFIX + key.id, iv.toString('base64url'), body.toString('base64url'), mac.toString('base64url')].join(':');
}

export class SealBrokenError extends Error {}

/**
 * The clear value of a stored one. A value written before sealing began (no prefix) reads as it
 * is, until the re-seal pass seals it. A changed value or one under a key the ring lacks throws:
 * it is never shown as if it were data.
 */
export function open(stored: string): string {
  if (!isSealed(stored)) return stored;
  const [, id, iv, body, mac] = stored.split(':');
  const key = personalDataRing().byId.get(id ?? '');
  if (!key || iv === undefined || body === undefined || mac === undefined) throw new SealBrokenError(`personal data: no key "${id}" in the ring`);
  const b64 = (text: string) => Buffer.from(text, 'base64url');
  const plain = verifyThenDecrypt(suiteOf(key), { iv: b64(iv), body: b64(body), mac: b64(mac) }, `${key.id}:`);
  if (!plain) throw new SealBrokenError('personal data: a sealed value was changed');
  return plain.toString('utf8');
}

/**
 * The keyed SM3 hash (HMAC-SM3 under the index key) a search finds a sealed value by: equal values
 * hash alike, and without the key nobody can test a guess of an ID number against the table.
 * ID numbers are compared as written in capitals (a final x is an X).
 */
export function lookupHash(value: string): string {
  return createHmac('sm3', personalDataRing().indexKey).update(value.trim().toUpperCase()).digest('hex');
}
