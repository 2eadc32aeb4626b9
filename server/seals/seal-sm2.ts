import { randomBytes } from 'node:crypto';
import type { Config } from '../config/schema.ts';
import { issueSandboxSm2Certificate, readSm2Identity, type Sm2Identity } from '../documents/index.ts';
import type { FieldProblem } from '../errors/app-error.ts';
import { governmentName, namesIssuer } from './issuer-name.ts';
import type { Seal } from './seal.model.ts';
import { codedProblem, documentProblem } from './seal-problems.ts';
import { decryptSecret, encryptSecret } from './seal-secrets.ts';

/** An SM2 certificate with its key and password, checked, ready to be stored with a seal. */
export interface Sm2Upload {
  certificatePem: string;
  keyPem: string;
  password: string;
  identity: Sm2Identity;
}

const PASSWORD_MAX = 128;

/**
 * The SM2 part of a new seal (optional): the files sm2Certificate (PEM X.509, SM2 key, signed with
 * SM2-with-SM3) and sm2Key (PEM PKCS#8, encrypted with the field sm2Password), both or neither;
 * checked as readSm2Identity does and issued to the department. Problems are added to `problems`.
 */
export function checkSm2Upload(
  fields: Record<string, unknown>,
  files: { sm2Certificate?: Buffer; sm2Key?: Buffer },
  issuer: string | undefined,
  problems: FieldProblem[],
): Sm2Upload | undefined {
  const password = typeof fields.sm2Password === 'string' ? fields.sm2Password : '';
  if (!files.sm2Certificate && !files.sm2Key) return undefined;
  if (!files.sm2Certificate || !files.sm2Key) {
    const missing = files.sm2Certificate ? 'sm2Key' : 'sm2Certificate';
    problems.push(codedProblem(missing, 'sm2_key_missing', 'SM2签章证书与SM2私钥须一同上传', 'upload the SM2 certificate and its private key together'));
    return undefined;
  }
  if (password.length > PASSWORD_MAX) {
    problems.push(codedProblem('sm2Password', 'too_long', `SM2私钥密码：最多${PASSWORD_MAX}个字符`, `sm2Password: at most ${PASSWORD_MAX} characters`));
    return undefined;
  }
  const certificatePem = files.sm2Certificate.toString('utf8');
  const keyPem = files.sm2Key.toString('utf8');
  const read = readSm2Identity(certificatePem, keyPem, password);
  if (!read.ok) {
    const fieldOf = (code: string) => (code === 'sm2_password' ? 'sm2Password' : /key/.test(code) ? 'sm2Key' : 'sm2Certificate');
    problems.push(...read.problems.map((p) => documentProblem(fieldOf(p.code), p)));
    return undefined;
  }
  if (issuer && !namesIssuer(read.info.subject, issuer)) {
    const holder = read.info.subject.commonName ?? read.info.subject.organization ?? '';
    problems.push(
      codedProblem(
        'sm2Certificate',
        'signer_not_issuer',
        `SM2签章证书属于“${holder}”，不是“${issuer}”的证书`,
        `the SM2 certificate belongs to "${holder}", not to "${issuer}"`,
      ),
    );
    return undefined;
  }
  return { certificatePem, keyPem, password, identity: read.info };
}

/** An SM2 certificate for the department that nothing trusts, for the demo seals and the sandbox CA's. */
export function sandboxSm2(config: Config, department: string): Sm2Upload {
  const password = randomBytes(18).toString('base64url');
  const { certificatePem, keyPem } = issueSandboxSm2Certificate({ department, organization: governmentName(config.regionCode), password });
  const read = readSm2Identity(certificatePem, keyPem, password);
  if (!read.ok) throw new Error(`the sandbox issued an unusable SM2 certificate for ${department}`);
  return { certificatePem, keyPem, password, identity: read.info };
}

/** The seal's SM2 columns: the key's password sealed (SM4 + HMAC-SM3) to the department and the SM2 certificate's serial. */
export function sm2Columns(sealKey: string, departmentCode: string, sm2: Sm2Upload | undefined) {
  if (!sm2) return {};
  const certificateSerial = sm2.identity.serialNumber;
  return {
    sm2Certificate: sm2.certificatePem,
    sm2PrivateKey: sm2.keyPem,
    sm2KeyPassword: encryptSecret(sealKey, sm2.password, { departmentCode, certificateSerial }),
    sm2CertificateSerial: certificateSerial,
  };
}

/** The seal's SM2 identity opened for signing, or null when the seal has none (or it is not in force at `at`). */
export function openSealSm2(sealKey: string, seal: Seal, at = new Date()): Sm2Identity | null {
  if (!seal.sm2Certificate || !seal.sm2PrivateKey || !seal.sm2KeyPassword || !seal.sm2CertificateSerial) return null;
  const password = decryptSecret(sealKey, seal.sm2KeyPassword, { departmentCode: seal.departmentCode, certificateSerial: seal.sm2CertificateSerial });
  const read = readSm2Identity(seal.sm2Certificate, seal.sm2PrivateKey, password, at);
  if (!read.ok) throw new Error(`seal #${seal.id}: its SM2 certificate cannot sign (${read.problems.map((p) => p.en).join('; ')})`);
  return read.info;
}
