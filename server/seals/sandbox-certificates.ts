import { randomBytes } from 'node:crypto';
import type { Config } from '../config/schema.ts';
import { issueSigningCertificate } from '../documents/sandbox-ca.ts';
import { sandboxCa } from './demo-seals.ts';
import { governmentName } from './issuer-name.ts';

type Env = Record<string, string | undefined>;

/**
 * Whether the sandbox CA may issue a seal's certificate: in the embedded default, or where an
 * operator turned it on (SANDBOX_CA=true, a test or training installation). Nothing trusts its
 * certificates, so a production city uploads certificates from its real CA instead.
 */
export function sandboxCaEnabled(config: Config, env: Env = process.env): boolean {
  return config.mode === 'embedded' || /^(1|true|yes|on)$/i.test(env.SANDBOX_CA ?? '');
}

/** A signing certificate for the department from this installation's sandbox CA, with its password. */
export function issueSandboxCertificate(config: Config, department: string): { p12: Buffer; password: string } {
  const password = randomBytes(18).toString('base64url');
  const { p12 } = issueSigningCertificate(sandboxCa(config.dataDir), { department, organization: governmentName(config.regionCode), password });
  return { p12, password };
}
