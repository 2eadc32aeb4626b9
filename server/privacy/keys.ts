import { createHmac } from 'node:crypto';
import type { Suite } from './encrypt-then-mac.ts';

/** One key of the personal-data key ring: its id (kept with every value it sealed) and its secret. */
export interface PersonalDataKey {
  id: string;
  secret: string;
}

/** Configuration of personal-data protection: the ring (the first key seals, all open) and the lookup key. */
export interface PersonalDataKeys {
  keys: PersonalDataKey[];
  /** keys the lookup hashes (HMAC-SM3) of values a search needs: ID numbers */
  indexKey: string;
}

/** The derived keys of one ring entry: SM4 for confidentiality, HMAC-SM3 for integrity (encrypt-then-MAC). */
export interface DerivedKey {
  id: string;
  cipherKey: Buffer;
  macKey: Buffer;
}

/**
 * A key for one purpose, derived from a configured secret: HMAC-SM3(secret, label) cut to `bytes`.
 * The platform's one derivation of SM keys (personal data, seal secrets, token MACs), so that one
 * secret never keys two purposes alike.
 */
export const deriveKey = (secret: string | Uint8Array, label: string, bytes: number): Buffer =>
  createHmac('sm3', secret).update(label).digest().subarray(0, bytes);

/** The SM4-CBC + HMAC-SM3 suite (./encrypt-then-mac.ts) of a configured secret for one purpose: `<label>:sm4` and `<label>:mac`. */
export const sm4Sm3Suite = (secret: string, label: string): Suite => ({
  cipher: 'sm4-cbc',
  hash: 'sm3',
  cipherKey: deriveKey(secret, `${label}:sm4`, 16),
  macKey: deriveKey(secret, `${label}:mac`, 32),
});

const derive = (secret: string, purpose: string, bytes: number) => deriveKey(secret, `personal-data:${purpose}`, bytes);

let ring: { current: DerivedKey; byId: Map<string, DerivedKey>; indexKey: Buffer } | undefined;
let installed: PersonalDataKeys | undefined;

/** The configuration last installed (a test that installs its own puts it back). */
export const installedPersonalDataKeys = (): PersonalDataKeys | undefined => installed;

/**
 * Installs the key ring for this process (the server, the workers and the scripts each call it once
 * at start, with the configuration's keys). Models seal and open through it, so a value is never
 * written in clear by forgetting a call.
 */
export function usePersonalDataKeys(config: PersonalDataKeys): void {
  if (!config.keys.length) throw new Error('personal data: the key ring is empty');
  installed = config;
  const derived = config.keys.map((k) => ({ id: k.id, cipherKey: derive(k.secret, 'sm4', 16), macKey: derive(k.secret, 'mac', 32) }));
  ring = { current: derived[0]!, byId: new Map(derived.map((k) => [k.id, k])), indexKey: derive(config.indexKey, 'index', 32) };
}

export function personalDataRing() {
  if (!ring) throw new Error('personal data: no key ring installed (usePersonalDataKeys at start)');
  return ring;
}

/** Parses PERSONAL_DATA_KEYS: "k2:secret,k1:older-secret", newest first; ids of letters, digits, - and _. */
export function parseKeyRing(value: string): PersonalDataKey[] {
  return value
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry) => {
      const at = entry.indexOf(':');
      const id = at > 0 ? entry.slice(0, at) : '';
      if (!/^[A-Za-z0-9_-]{1,16}$/.test(id))
        throw new Error(`PERSONAL_DATA_KEYS: "${id || entry.slice(0, 8)}…" must be id:secret (id of 1–16 letters, digits, - or _)`);
      return { id, secret: entry.slice(at + 1) };
    });
}
