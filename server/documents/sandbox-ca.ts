import { randomBytes } from 'node:crypto';
import forge from 'node-forge';
import { decodedAttributes } from './x509-names.ts';

/**
 * A certificate authority for the embedded default and the tests: it issues each department a
 * signing certificate as a password-protected PKCS#12, the form a real CA (or the provincial e-seal
 * platform) hands out. Nothing trusts it; a production city uploads certificates from its real CA.
 */
export interface SandboxCa {
  certificatePem: string;
  privateKeyPem: string;
}

export interface SandboxCaOptions {
  commonName?: string;
  validFrom?: Date;
  validTo?: Date;
}

export interface SigningCertificateRequest {
  /** the department, as the seal reads: 长沙市行政审批服务局 */
  department: string;
  /** the body it belongs to: 长沙市人民政府 */
  organization: string;
  /** printable ASCII: see issueSigningCertificate */
  password: string;
  validFrom?: Date;
  validTo?: Date;
  /** 2048 unless a test wants a weak key to be refused */
  keyBits?: number;
}

export interface IssuedSigningCertificate {
  p12: Buffer;
  certificatePem: string;
}

const YEAR_MS = 365 * 24 * 3600 * 1000;

export function createSandboxCa(options: SandboxCaOptions = {}): SandboxCa {
  const keys = forge.pki.rsa.generateKeyPair({ bits: 2048 });
  const cert = forge.pki.createCertificate();
  const name = [
    ...chineseName('commonName', options.commonName ?? '审批平台沙箱CA'),
    ...chineseName('organizationName', '审批平台（沙箱）'),
    { name: 'countryName', value: 'CN' },
  ];
  cert.publicKey = keys.publicKey;
  cert.serialNumber = serialNumber();
  cert.validity.notBefore = options.validFrom ?? new Date(Date.now() - 24 * 3600 * 1000);
  cert.validity.notAfter = options.validTo ?? new Date(cert.validity.notBefore.getTime() + 20 * YEAR_MS);
  cert.setSubject(name);
  cert.setIssuer(name);
  cert.setExtensions([
    { name: 'basicConstraints', cA: true, critical: true },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  cert.sign(keys.privateKey, forge.md.sha256.create());
  return { certificatePem: forge.pki.certificateToPem(cert), privateKeyPem: forge.pki.privateKeyToPem(keys.privateKey) };
}

/** A department's signing certificate (digitalSignature + nonRepudiation), with the CA's, in a PKCS#12. */
export function issueSigningCertificate(ca: SandboxCa, request: SigningCertificateRequest): IssuedSigningCertificate {
  if (!/^[\x20-\x7e]*$/.test(request.password)) {
    // forge derives PBES2 keys from the password's low bytes only, so OpenSSL could not open the file
    throw new Error('a PKCS#12 password must be printable ASCII');
  }
  const caCert = forge.pki.certificateFromPem(ca.certificatePem);
  const caKey = forge.pki.privateKeyFromPem(ca.privateKeyPem);
  const keys = forge.pki.rsa.generateKeyPair({ bits: request.keyBits ?? 2048 });
  const cert = forge.pki.createCertificate();
  cert.publicKey = keys.publicKey;
  cert.serialNumber = serialNumber();
  cert.validity.notBefore = request.validFrom ?? new Date(Date.now() - 24 * 3600 * 1000);
  cert.validity.notAfter = request.validTo ?? new Date(cert.validity.notBefore.getTime() + 3 * YEAR_MS);
  cert.setSubject([
    ...chineseName('commonName', request.department),
    ...chineseName('organizationalUnitName', request.department),
    ...chineseName('organizationName', request.organization),
    { name: 'countryName', value: 'CN' },
  ]);
  cert.setIssuer(decodedAttributes(caCert.subject.attributes));
  cert.setExtensions([
    { name: 'basicConstraints', cA: false },
    { name: 'keyUsage', digitalSignature: true, nonRepudiation: true, critical: true },
    { name: 'subjectKeyIdentifier' },
    { name: 'authorityKeyIdentifier', keyIdentifier: caCert.generateSubjectKeyIdentifier().getBytes() },
  ]);
  cert.sign(caKey, forge.md.sha256.create());
  const p12 = forge.pkcs12.toPkcs12Asn1(keys.privateKey, [cert, caCert], request.password, {
    algorithm: 'aes256',
    // forge writes the friendly name's BMPString as given, so it is given as UTF-16BE bytes
    friendlyName: Buffer.from(request.department, 'utf16le').swap16().toString('binary'),
  });
  return {
    p12: Buffer.from(forge.asn1.toDer(p12).getBytes(), 'binary'),
    certificatePem: forge.pki.certificateToPem(cert),
  };
}

/** A name attribute as UTF8String: forge writes PrintableString by default, which cannot hold Chinese. */
function chineseName(name: string, value: string): forge.pki.CertificateField[] {
  return [{ name, value, valueTagClass: forge.asn1.Type.UTF8 as unknown as forge.asn1.Class }];
}

/** A positive 128-bit serial, as RFC 5280 asks (at most 20 octets, non-negative). */
function serialNumber(): string {
  const bytes = randomBytes(16);
  bytes[0] &= 0x7f;
  return bytes.toString('hex');
}
