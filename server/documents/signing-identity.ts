import { ContentMemo } from './content-memo.ts';
import forge from 'node-forge';
import { problem } from './problems.ts';
import type { Checked, DocumentProblem } from './problems.ts';
import { nameFields } from './x509-names.ts';
import type { NameFields } from './x509-names.ts';

/** What a department signs with: its key, its certificate and the chain, opened from a PKCS#12. */
export interface SigningIdentity {
  privateKey: forge.pki.rsa.PrivateKey;
  certificate: forge.pki.Certificate;
  /** DER of the signer's certificate first, then the other certificates of the file */
  certificatesDer: Buffer[];
  subject: NameFields;
  issuer: NameFields;
  serialNumber: string;
  validFrom: Date;
  validTo: Date;
  keyBits: number;
}

export interface ReadP12Options {
  /** when the certificate must be valid; now by default */
  at?: Date;
  /** 2048: RSA below it is no longer accepted for new signatures (NIST SP 800-131A, GB/T 35275 era CAs) */
  minKeyBits?: number;
}

const { oids } = forge.pki;

/** the identities opened, by file, password and key size: opening one is slow (forge decodes the password-based encryption in JavaScript) */
const opened = new ContentMemo<SigningIdentity>();

/**
 * readP12 for signing with a stored seal: a file opened before is not opened again while its
 * certificate is valid at `at` (once it is not, readP12 says why). The identity is kept in this
 * process's memory only, as it is while it signs.
 */
export function openSigningIdentity(p12: Buffer, password: string, options: ReadP12Options = {}): Checked<SigningIdentity> {
  const key = ContentMemo.keyOf(p12, password, String(options.minKeyBits ?? ''));
  const known = opened.get(key);
  const at = options.at ?? new Date();
  if (known && at.getTime() >= known.validFrom.getTime() && at.getTime() <= known.validTo.getTime()) return { ok: true, info: known };
  const result = readP12(p12, password, options);
  if (result.ok) opened.set(key, result.info);
  return result;
}

/** Opens an uploaded PKCS#12 (.p12/.pfx) and refuses, with reasons, one that cannot sign today. */
export function readP12(p12: Buffer, password: string, options: ReadP12Options = {}): Checked<SigningIdentity> {
  let pfx: forge.pkcs12.Pkcs12Pfx;
  try {
    pfx = forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(forge.util.createBuffer(p12.toString('binary'))), false, password);
  } catch (error) {
    return { ok: false, problems: [unreadable(error as Error, password)] };
  }
  const keys = [
    ...(pfx.getBags({ bagType: oids.pkcs8ShroudedKeyBag })[oids.pkcs8ShroudedKeyBag] ?? []),
    ...(pfx.getBags({ bagType: oids.keyBag })[oids.keyBag] ?? []),
  ]
    .map((bag) => bag.key as forge.pki.rsa.PrivateKey | undefined)
    .filter((key): key is forge.pki.rsa.PrivateKey => !!key);
  const certificates = (pfx.getBags({ bagType: oids.certBag })[oids.certBag] ?? []).map((bag) => bag.cert).filter((c): c is forge.pki.Certificate => !!c);
  if (keys.length === 0) {
    return {
      ok: false,
      problems: [
        problem(
          'signer_no_private_key',
          '签章证书文件中没有私钥，无法签章（请导出包含私钥的.p12/.pfx文件）',
          'the PKCS#12 holds no private key; export it with the key',
        ),
      ],
    };
  }
  if (certificates.length === 0) {
    return { ok: false, problems: [problem('signer_no_certificate', '签章证书文件中没有证书', 'the PKCS#12 holds no certificate')] };
  }
  const key = keys[0];
  const certificate = certificates.find((c) => {
    const pub = c.publicKey as forge.pki.rsa.PublicKey;
    return pub.n?.equals(key.n) && pub.e?.equals(key.e);
  });
  if (!certificate) {
    return {
      ok: false,
      problems: [problem('signer_key_mismatch', '签章证书文件中的私钥与证书不匹配', 'the private key in the PKCS#12 matches none of its certificates')],
    };
  }

  const problems = checkCertificate(certificate, options);
  if (problems.length) return { ok: false, problems };
  const der = (c: forge.pki.Certificate) => Buffer.from(forge.asn1.toDer(forge.pki.certificateToAsn1(c)).getBytes(), 'binary');
  return {
    ok: true,
    info: {
      privateKey: key,
      certificate,
      certificatesDer: [certificate, ...certificates.filter((c) => c !== certificate)].map(der),
      subject: nameFields(certificate.subject.attributes),
      issuer: nameFields(certificate.issuer.attributes),
      serialNumber: certificate.serialNumber,
      validFrom: certificate.validity.notBefore,
      validTo: certificate.validity.notAfter,
      keyBits: key.n.bitLength(),
    },
  };
}

function checkCertificate(certificate: forge.pki.Certificate, options: ReadP12Options): DocumentProblem[] {
  const problems: DocumentProblem[] = [];
  const at = options.at ?? new Date();
  const day = (d: Date) => d.toISOString().slice(0, 10);
  const { notBefore, notAfter } = certificate.validity;
  if (at < notBefore) {
    problems.push(
      problem('signer_not_yet_valid', `签章证书尚未生效（生效日期${day(notBefore)}）`, `the signing certificate is not valid until ${day(notBefore)}`),
    );
  }
  if (at > notAfter) {
    problems.push(problem('signer_expired', `签章证书已于${day(notAfter)}过期`, `the signing certificate expired on ${day(notAfter)}`));
  }
  const bits = (certificate.publicKey as forge.pki.rsa.PublicKey).n.bitLength();
  const minBits = options.minKeyBits ?? 2048;
  if (bits < minBits) {
    problems.push(
      problem('signer_weak_key', `签章证书密钥长度为${bits}位，须至少${minBits}位`, `the signing key has ${bits} bits; at least ${minBits} are required`),
    );
  }
  const usage = certificate.getExtension('keyUsage') as { digitalSignature?: boolean; nonRepudiation?: boolean } | undefined;
  if (usage && !usage.digitalSignature && !usage.nonRepudiation) {
    problems.push(
      problem(
        'signer_key_usage',
        '该证书不允许用于数字签名（密钥用法须含数字签名或不可否认）',
        'the certificate may not sign (key usage lacks digitalSignature and nonRepudiation)',
      ),
    );
  }
  return problems;
}

function unreadable(error: Error, password: string): DocumentProblem {
  if (!/^[\x20-\x7e]*$/.test(password)) {
    // node-forge keys PBES2 (OpenSSL 3's default) with the password's low bytes only
    return problem(
      'signer_password',
      '签章证书密码错误，或密码含中文等非ASCII字符（暂不支持，请以字母、数字密码重新导出证书）',
      'wrong password, or a password with non-ASCII characters (not supported: export the certificate again with a letters-and-digits password)',
    );
  }
  if (/password|MAC could not be verified|bad decrypt|Invalid padding/i.test(error.message)) {
    return problem('signer_password', '签章证书密码错误', 'wrong password for the signing certificate');
  }
  if (/not RSA|OID/i.test(error.message)) {
    return problem('signer_unreadable', '签章证书不受支持：目前仅支持RSA密钥的证书', 'unsupported signing certificate: only RSA keys are supported');
  }
  return problem(
    'signer_unreadable',
    '无法读取签章证书：不是有效的PKCS#12（.p12/.pfx）文件',
    'cannot read the signing certificate: not a valid PKCS#12 (.p12/.pfx) file',
  );
}
