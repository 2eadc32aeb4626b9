import { createPrivateKey, randomBytes } from 'node:crypto';
import forge from 'node-forge';
import { sm2 } from 'sm-crypto-v2';
import { OID_SM2_CURVE, OID_SM2_WITH_SM3 } from './sm2-certificate.ts';
import { SM2_DEFAULT_USER_ID } from './sm2-signature.ts';

export interface Sm2CertificateRequest {
  department: string;
  organization: string;
  /** printable ASCII: encrypts the PKCS#8 key */
  password: string;
  validFrom?: Date;
  validTo?: Date;
  /** hex, as sm-crypto-v2 makes them; a fresh pair when absent */
  keys?: { privateKey: string; publicKey: string };
}

const { asn1 } = forge;
const YEAR_MS = 365 * 24 * 3600 * 1000;
const OID_EC_PUBLIC_KEY = '1.2.840.10045.2.1';

const oid = (value: string) => asn1.create(asn1.Class.UNIVERSAL, asn1.Type.OID, false, asn1.oidToDer(value).getBytes());
const seq = (items: forge.asn1.Asn1[]) => asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, items);
const bytes = (type: number, value: Buffer) => asn1.create(asn1.Class.UNIVERSAL, type, false, value.toString('binary'));
const bitString = (value: Buffer) => bytes(asn1.Type.BITSTRING, Buffer.concat([Buffer.from([0]), value]));
const der = (node: forge.asn1.Asn1) => Buffer.from(asn1.toDer(node).getBytes(), 'binary');
const utcTime = (date: Date) => asn1.create(asn1.Class.UNIVERSAL, asn1.Type.UTCTIME, false, asn1.dateToUtcTime(date));

function name(fields: [string, string][]): forge.asn1.Asn1 {
  return seq(
    fields.map(([type, value]) =>
      asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SET, true, [seq([oid(type), bytes(asn1.Type.UTF8, Buffer.from(value, 'utf8'))])]),
    ),
  );
}

/**
 * A sandbox SM2 seal certificate for the demo seals and the tests, as the city CA issues them
 * (X.509 v3, SM2 key, signed with SM2-with-SM3 under GM/T 0009's default id, key usage
 * digitalSignature + nonRepudiation) but self-issued: nothing trusts it, as nothing trusts the
 * sandbox RSA CA. The key comes as PEM PKCS#8 encrypted with `password` (AES-256-CBC, PBKDF2),
 * the form an administrator uploads.
 */
export function issueSandboxSm2Certificate(request: Sm2CertificateRequest): { certificatePem: string; keyPem: string } {
  const { privateKey, publicKey } = request.keys ?? sm2.generateKeyPairHex();
  const point = Buffer.from(publicKey, 'hex');
  const serial = randomBytes(16);
  serial[0] &= 0x7f;
  const notBefore = request.validFrom ?? new Date(Date.now() - 24 * 3600 * 1000);
  const notAfter = request.validTo ?? new Date(notBefore.getTime() + 3 * YEAR_MS);
  const subject = name([
    ['2.5.4.6', 'CN'],
    ['2.5.4.10', request.organization],
    ['2.5.4.11', request.department],
    ['2.5.4.3', request.department],
  ]);
  const algorithm = seq([oid(OID_SM2_WITH_SM3)]);
  const keyUsage = seq([
    oid('2.5.29.15'),
    asn1.create(asn1.Class.UNIVERSAL, asn1.Type.BOOLEAN, false, String.fromCharCode(0xff)),
    // KeyUsage BIT STRING: digitalSignature (bit 0) and nonRepudiation (bit 1), 6 unused bits
    asn1.create(asn1.Class.UNIVERSAL, asn1.Type.OCTETSTRING, false, der(bytes(asn1.Type.BITSTRING, Buffer.from([0x06, 0xc0]))).toString('binary')),
  ]);
  const tbs = seq([
    asn1.create(asn1.Class.CONTEXT_SPECIFIC, 0, true, [asn1.create(asn1.Class.UNIVERSAL, asn1.Type.INTEGER, false, String.fromCharCode(2))]),
    bytes(asn1.Type.INTEGER, serial),
    algorithm,
    subject,
    seq([utcTime(notBefore), utcTime(notAfter)]),
    subject,
    seq([seq([oid(OID_EC_PUBLIC_KEY), oid(OID_SM2_CURVE)]), bitString(point)]),
    asn1.create(asn1.Class.CONTEXT_SPECIFIC, 3, true, [seq([keyUsage])]),
  ]);
  const signature = sm2.doSignature(new Uint8Array(der(tbs)), privateKey, { hash: true, der: true, publicKey, userId: SM2_DEFAULT_USER_ID });
  const certificate = der(seq([tbs, algorithm, bitString(Buffer.from(signature, 'hex'))]));

  // PrivateKeyInfo { 0, { ecPublicKey, SM2 }, ECPrivateKey { 1, d, [1] publicKey } }
  const ecPrivateKey = seq([
    asn1.create(asn1.Class.UNIVERSAL, asn1.Type.INTEGER, false, String.fromCharCode(1)),
    bytes(asn1.Type.OCTETSTRING, Buffer.from(privateKey.padStart(64, '0'), 'hex')),
    asn1.create(asn1.Class.CONTEXT_SPECIFIC, 1, true, [bitString(point)]),
  ]);
  const pkcs8 = der(
    seq([
      asn1.create(asn1.Class.UNIVERSAL, asn1.Type.INTEGER, false, String.fromCharCode(0)),
      seq([oid(OID_EC_PUBLIC_KEY), oid(OID_SM2_CURVE)]),
      bytes(asn1.Type.OCTETSTRING, der(ecPrivateKey)),
    ]),
  );
  const keyPem = createPrivateKey({ key: pkcs8, format: 'der', type: 'pkcs8' })
    .export({ format: 'pem', type: 'pkcs8', cipher: 'aes-256-cbc', passphrase: request.password })
    .toString();
  const base64 = certificate.toString('base64').replace(/.{64}/g, '$&\n');
  return { certificatePem: `-----BEGIN CERTIFICATE-----\n${base64.replace(/\n$/, '')}\n-----END CERTIFICATE-----\n`, keyPem };
}
