import { createHash, createHmac } from 'node:crypto';
import { createReadStream } from 'node:fs';
import type { Config } from '../../server/config/schema.ts';

export interface FileSums {
  size: number;
  sha256: string;
  /** GB/T 32905 */
  sm3: string;
}

/** SHA-256 and SM3 of a file, in one pass. */
export async function sumsOf(path: string): Promise<FileSums> {
  const sha256 = createHash('sha256');
  const sm3 = createHash('sm3');
  let size = 0;
  for await (const chunk of createReadStream(path)) {
    size += (chunk as Buffer).length;
    sha256.update(chunk as Buffer);
    sm3.update(chunk as Buffer);
  }
  return { size, sha256: sha256.digest('hex'), sm3: sm3.digest('hex') };
}

/**
 * The keys the backed-up data needs, named by a check value each (HMAC-SM3 of a fixed label under
 * the key, cut to 64 bits): the backup never holds a key, yet a restore can say which key is
 * missing or is not the one the data was written with.
 */
export function keyChecks(config: Config): Record<string, string> {
  const check = (secret: string) => createHmac('sm3', secret).update('approval-platform backup: key check').digest('hex').slice(0, 16);
  return {
    SEAL_KEY: check(config.sealKey),
    AUDIT_KEY: check(config.auditKey),
    SECOND_FACTOR_KEY: check(config.secondFactorKey),
    PERSONAL_DATA_INDEX_KEY: check(config.personalData.indexKey),
    ...Object.fromEntries(config.personalData.keys.map((k) => [`PERSONAL_DATA_KEYS:${k.id}`, check(k.secret)])),
  };
}

/** What each key protects, in the operator's words. */
export const KEY_PURPOSES: Record<string, string> = {
  SEAL_KEY: '电子印章证书口令 / the seals’ certificate passwords (no document can be sealed without it)',
  AUDIT_KEY: '审计日志链 / the audit trail’s chain (it will not verify without it)',
  SECOND_FACTOR_KEY: '双因素认证密钥 / the second factors’ secrets (everyone must enrol again without it)',
  PERSONAL_DATA_INDEX_KEY: '个人信息检索 / the personal data’s lookup hashes (searches by ID number find nothing without it)',
  PERSONAL_DATA_KEYS: '个人信息加密 / the personal data sealed at rest (unreadable without it)',
};
