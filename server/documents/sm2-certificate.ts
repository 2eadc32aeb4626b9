import { X509Certificate, createPrivateKey } from 'node:crypto';
import forge from 'node-forge';
import { sm2 } from 'sm-crypto-v2';
import { problem } from './problems.ts';
import type { Checked, DocumentProblem } from './problems.ts';
import type { Sm2KeyPair } from './sm2-signature.ts';
import type { NameFields } from './x509-names.ts';

/**
 * A seal's SM2 signing identity (GB/T 32918, GM/T 0015 certificate): an X.509 certificate in PEM
 * whose key is on the SM2 curve and which its CA signed with SM2-with-SM3, and the matching private
 * key as PEM PKCS#8 encrypted with a password (what the city CA hands over, or
 * `openssl pkcs8 -topk8 -v2 aes-256-cbc` makes). node-forge reads no SM2 key, so Node's OpenSSL
 * opens the key and the certificate and sm-crypto-v2 signs (./sm2-signature.ts).
 */
export interface Sm2Identity {
  certificatePem: string;
  /** lowercase hex, as the RSA certificate's serial is kept */
  serialNumber: string;
  subject: NameFields;
  validFrom: Date;
  validTo: Date;
  keys: Sm2KeyPair;
}

export const OID_SM2_CURVE = '1.2.156.10197.1.301';
export const OID_SM2_WITH_SM3 = '1.2.156.10197.1.501';

const unreadableCertificate = () =>
  problem(
    'sm2_certificate_unreadable',
    '无法读取SM2签章证书：不是有效的PEM格式X.509证书',
    'cannot read the SM2 certificate: not a valid X.509 certificate in PEM',
  );

/**
 * node-forge's DER parser with its BIT STRINGs kept as bytes: by default it also parses a BIT
 * STRING's content as DER when it can, and an SM2 point "04 3f …" (one in 256) reads as a whole
 * OCTET STRING. Its typings know only the older `strict` argument, not the options.
 */
const fromDerKeepingBits = (der: Buffer): forge.asn1.Asn1 =>
  (forge.asn1.fromDer as unknown as (bytes: forge.util.ByteStringBuffer, options: { decodeBitStrings: boolean }) => forge.asn1.Asn1)(
    forge.util.createBuffer(der.toString('binary')),
    { decodeBitStrings: false },
  );

/** The certificate alone, as verification needs it: its SM2 public key (hex 04‖x‖y), serial and dates. */
export function readSm2CertificateOnly(pem: Buffer | string): Checked<Omit<Sm2Identity, 'keys'> & { publicKey: string }> {
  let certificate: X509Certificate;
  try {
    certificate = new X509Certificate(pem);
  } catch {
    return { ok: false, problems: [unreadableCertificate()] };
  }
  const der = certificate.raw;
  const { curve, publicKey } = spkiOf(certificate.publicKey.export({ format: 'der', type: 'spki' }));
  const signatureAlgorithm = signatureAlgorithmOf(der);
  if (curve !== OID_SM2_CURVE || signatureAlgorithm !== OID_SM2_WITH_SM3) {
    return {
      ok: false,
      problems: [
        problem(
          'sm2_not_sm2',
          '该证书不是SM2证书：公钥须为SM2曲线，签名算法须为SM2-with-SM3',
          'not an SM2 certificate: the key must be on the SM2 curve and the certificate signed with SM2-with-SM3',
        ),
      ],
    };
  }
  return {
    ok: true,
    info: {
      certificatePem: certificate.toString(),
      serialNumber: certificate.serialNumber.toLowerCase(),
      subject: subjectOf(certificate.subject),
      validFrom: new Date(certificate.validFrom),
      validTo: new Date(certificate.validTo),
      publicKey,
    },
  };
}

/**
 * Opens an uploaded SM2 certificate and its encrypted key and refuses, with every reason, a pair
 * that cannot sign today: unreadable, not SM2, wrong password, a key of another certificate, not in force.
 */
export function readSm2Identity(certificatePem: Buffer | string, keyPem: Buffer | string, password: string, at = new Date()): Checked<Sm2Identity> {
  const problems: DocumentProblem[] = [];
  const read = readSm2CertificateOnly(certificatePem);
  if (!read.ok) problems.push(...read.problems);
  const key = privateScalarOf(keyPem, password);
  if (!key.ok) problems.push(...key.problems);
  if (!read.ok || !key.ok) return { ok: false, problems };

  const { publicKey, ...certificate } = read.info;
  const derived = sm2.getPublicKeyFromPrivateKey(key.info);
  if (derived.toLowerCase() !== publicKey.toLowerCase()) {
    problems.push(problem('sm2_key_mismatch', 'SM2私钥与SM2签章证书不匹配', 'the SM2 private key does not belong to the SM2 certificate'));
  }
  const day = (d: Date) => d.toISOString().slice(0, 10);
  if (at < certificate.validFrom) {
    problems.push(
      problem(
        'sm2_not_yet_valid',
        `SM2签章证书尚未生效（生效日期${day(certificate.validFrom)}）`,
        `the SM2 certificate is not valid until ${day(certificate.validFrom)}`,
      ),
    );
  }
  if (at > certificate.validTo) {
    problems.push(problem('sm2_expired', `SM2签章证书已于${day(certificate.validTo)}过期`, `the SM2 certificate expired on ${day(certificate.validTo)}`));
  }
  if (problems.length) return { ok: false, problems };
  return { ok: true, info: { ...certificate, keys: { privateKey: key.info, publicKey } } };
}

/** The private scalar (hex) of an SM2 PKCS#8 key, encrypted (ENCRYPTED PRIVATE KEY) or not. */
function privateScalarOf(keyPem: Buffer | string, password: string): Checked<string> {
  let der: Buffer;
  try {
    der = createPrivateKey({ key: keyPem, format: 'pem', passphrase: password }).export({ format: 'der', type: 'pkcs8' });
  } catch (error) {
    const wrongPassword = /bad decrypt|interrupted or cancelled|passphrase/i.test((error as Error).message) && /ENCRYPTED/.test(String(keyPem));
    return {
      ok: false,
      problems: [
        wrongPassword
          ? problem('sm2_password', 'SM2私钥密码错误', 'wrong password for the SM2 private key')
          : problem(
              'sm2_key_unreadable',
              '无法读取SM2私钥：须为PEM格式的PKCS#8私钥（可加密）',
              'cannot read the SM2 private key: it must be a PKCS#8 key in PEM (encrypted or not)',
            ),
      ],
    };
  }
  try {
    // PrivateKeyInfo ::= SEQUENCE { version, AlgorithmIdentifier { ecPublicKey, curve }, OCTET STRING ECPrivateKey }
    const info = fromDerKeepingBits(der);
    const algorithm = (info.value as forge.asn1.Asn1[])[1].value as forge.asn1.Asn1[];
    const curve = forge.asn1.derToOid(forge.util.createBuffer(algorithm[1].value as string));
    const ecKey = forge.asn1.fromDer(forge.util.createBuffer((info.value as forge.asn1.Asn1[])[2].value as string));
    const scalar = Buffer.from((ecKey.value as forge.asn1.Asn1[])[1].value as string, 'binary');
    if (curve !== OID_SM2_CURVE) {
      return { ok: false, problems: [problem('sm2_not_sm2', 'SM2私钥不是SM2曲线上的密钥', 'the private key is not on the SM2 curve')] };
    }
    return { ok: true, info: scalar.toString('hex').padStart(64, '0') };
  } catch {
    return { ok: false, problems: [problem('sm2_key_unreadable', '无法读取SM2私钥', 'cannot read the SM2 private key')] };
  }
}

/** The curve and the uncompressed point (hex) of a SubjectPublicKeyInfo. */
function spkiOf(der: Buffer): { curve?: string; publicKey: string } {
  try {
    const spki = fromDerKeepingBits(der).value as forge.asn1.Asn1[];
    const algorithm = spki[0].value as forge.asn1.Asn1[];
    const curve = algorithm[1] && typeof algorithm[1].value === 'string' ? forge.asn1.derToOid(forge.util.createBuffer(algorithm[1].value)) : undefined;
    const bits = Buffer.from(spki[1].value as string, 'binary');
    return { curve, publicKey: bits.subarray(1).toString('hex') };
  } catch {
    return { publicKey: '' };
  }
}

/** Certificate ::= SEQUENCE { tbsCertificate, signatureAlgorithm, signatureValue }: the algorithm's OID. */
function signatureAlgorithmOf(der: Buffer): string | undefined {
  try {
    const certificate = fromDerKeepingBits(der).value as forge.asn1.Asn1[];
    const algorithm = certificate[1].value as forge.asn1.Asn1[];
    return forge.asn1.derToOid(forge.util.createBuffer(algorithm[0].value as string));
  } catch {
    return undefined;
  }
}

/** Node's subject text ("CN=…\nO=…") as the fields the seals keep. */
function subjectOf(text: string): NameFields {
  const field = (name: string) =>
    text
      .split('\n')
      .find((line) => line.startsWith(`${name}=`))
      ?.slice(name.length + 1);
  return { commonName: field('CN'), organization: field('O'), organizationalUnit: field('OU'), country: field('C') };
}
