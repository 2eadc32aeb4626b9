import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Config } from '../config/schema.ts';
import { allDepartments, departmentByCode } from '../organization/index.ts';
import { Seal } from './seal.model.ts';
import { createSandboxCa, issueSigningCertificate, type SandboxCa } from '../documents/sandbox-ca.ts';
import { makeDemoSealImage } from '../documents/demo-seal.ts';
import { readP12 } from '../documents/signing-identity.ts';
import { encryptSecret } from './seal-secrets.ts';
import { governmentName, issuerName } from './issuer-name.ts';
import { sandboxSm2, sm2Columns } from './seal-sm2.ts';

/** The sandbox CA of this installation, created once and kept in DATA_DIR/sandboxes/ca.json. */
export function sandboxCa(dataDir: string): SandboxCa {
  const file = join(dataDir, 'sandboxes', 'ca.json');
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as SandboxCa;
  mkdirSync(join(dataDir, 'sandboxes'), { recursive: true });
  const ca = createSandboxCa();
  try {
    writeFileSync(file, JSON.stringify(ca), { mode: 0o600, flag: 'wx' });
    return ca;
  } catch {
    return JSON.parse(readFileSync(file, 'utf8')) as SandboxCa; // another process made it first
  }
}

/**
 * The embedded default (and the tests) give every department a working seal: a drawn seal image
 * that meets seed 001's rule, a certificate from the sandbox CA and a sandbox SM2 certificate, usable by the department's
 * leaders (签发) and by the seal worker. A city replaces them with its own through the seal API.
 * Demo seals made before seals held SM2 certificates get one here, once.
 */
export async function seedDemoSeals(config: Config): Promise<number> {
  await giveDemoSealsSm2(config);
  let created = 0;
  const departments = await allDepartments();
  const missing = [];
  for (const d of departments) if (!(await Seal.findOne({ where: { departmentCode: d.code, active: true } }))) missing.push(d);
  if (!missing.length) return 0;
  const ca = sandboxCa(config.dataDir);
  for (const d of missing) {
    const department = issuerName(config.regionCode, d.nameZh);
    const password = randomBytes(18).toString('base64url');
    const { p12 } = issueSigningCertificate(ca, { department, organization: governmentName(config.regionCode), password });
    const opened = readP12(p12, password);
    if (!opened.ok) throw new Error(`the sandbox CA issued an unusable certificate for ${d.code}`);
    await Seal.create({
      departmentCode: d.code,
      name: `${department}电子印章（演示）`,
      image: makeDemoSealImage(department),
      certificateP12: p12,
      p12Password: encryptSecret(config.sealKey, password, { departmentCode: d.code, certificateSerial: opened.info.serialNumber }),
      certificateSubject: department,
      certificateSerial: opened.info.serialNumber,
      validFrom: opened.info.validFrom,
      validUntil: opened.info.validTo,
      ...sm2Columns(config.sealKey, d.code, sandboxSm2(config, department)),
      users: [`${d.code}:leader`, 'system:seal'],
      createdBy: 'system:demo',
    });
    created++;
  }
  return created;
}

/** The active demo seals without an SM2 certificate (made before migration 0050) get a sandbox one. */
async function giveDemoSealsSm2(config: Config): Promise<void> {
  const seals = await Seal.findAll({ where: { createdBy: 'system:demo', active: true, sm2Certificate: null } });
  for (const seal of seals) {
    const department = await departmentByCode(seal.departmentCode);
    if (!department) continue;
    await seal.update(sm2Columns(config.sealKey, seal.departmentCode, sandboxSm2(config, issuerName(config.regionCode, department.nameZh))));
  }
}
