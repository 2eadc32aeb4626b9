import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Secrets the embedded default generates at first start; never committed (data/ is ignored). */
export interface EmbeddedSecrets {
  engineUser: string;
  enginePassword: string;
  jwtSecret: string;
  /** added later: files from before them get them on first read */
  sealKey?: string;
  auditKey?: string;
  /** seals the second factor's TOTP secrets */
  secondFactorKey?: string;
  /** seals personal data at rest (SM4) and keys its lookup hashes */
  personalDataKey?: string;
  personalDataIndexKey?: string;
}

export function secretsFile(dataDir: string): string {
  return join(dataDir, 'secrets.json');
}

/**
 * Reads the embedded secrets, creating them once. The engine, the server and the workers all read
 * this one file, so they agree without anything being typed or committed.
 */
export function loadOrCreateEmbeddedSecrets(dataDir: string): EmbeddedSecrets {
  const file = secretsFile(dataDir);
  if (existsSync(file)) {
    const secrets = JSON.parse(readFileSync(file, 'utf8')) as EmbeddedSecrets;
    if (!secrets.sealKey || !secrets.auditKey || !secrets.secondFactorKey || !secrets.personalDataKey || !secrets.personalDataIndexKey) {
      secrets.sealKey ??= randomBytes(32).toString('base64url');
      secrets.auditKey ??= randomBytes(32).toString('base64url');
      secrets.secondFactorKey ??= randomBytes(32).toString('base64url');
      secrets.personalDataKey ??= randomBytes(32).toString('base64url');
      secrets.personalDataIndexKey ??= randomBytes(32).toString('base64url');
      writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
    }
    return secrets;
  }
  mkdirSync(dataDir, { recursive: true });
  const secrets: EmbeddedSecrets = {
    engineUser: 'approvalservice',
    enginePassword: randomBytes(24).toString('base64url'),
    jwtSecret: randomBytes(48).toString('base64url'),
    sealKey: randomBytes(32).toString('base64url'),
    auditKey: randomBytes(32).toString('base64url'),
    secondFactorKey: randomBytes(32).toString('base64url'),
    personalDataKey: randomBytes(32).toString('base64url'),
    personalDataIndexKey: randomBytes(32).toString('base64url'),
  };
  // 'wx' fails if another process created it in the meantime; then read theirs.
  try {
    writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600, flag: 'wx' });
    return secrets;
  } catch {
    return JSON.parse(readFileSync(file, 'utf8')) as EmbeddedSecrets;
  }
}

/** Values that must never protect a production system. */
export function isWeakSecret(value: string, dataDir: string): boolean {
  const known = ['demo', 'changeme', 'change-me', 'secret', 'password', 'admin', 'camunda', 'demo-secret'];
  if (value.length < 16 || known.includes(value.toLowerCase())) return true;
  const file = secretsFile(dataDir);
  if (existsSync(file)) {
    const embedded = JSON.parse(readFileSync(file, 'utf8')) as EmbeddedSecrets;
    if (value === embedded.enginePassword || value === embedded.jwtSecret || value === embedded.sealKey || value === embedded.auditKey) return true;
    if (value === embedded.secondFactorKey) return true;
    if (value === embedded.personalDataKey || value === embedded.personalDataIndexKey) return true;
  }
  return false;
}
