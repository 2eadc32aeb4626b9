import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface OpensslSm2 {
  certificatePem: string;
  /** PEM PKCS#8, encrypted with `password` (AES-256-CBC) */
  keyPem: string;
  password: string;
}

function openssl(dir: string, args: string[]): string {
  const run = spawnSync('openssl', args, { cwd: dir, encoding: 'utf8' });
  if ((run.error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT') throw new Error('openssl is not installed; run bash scripts/setup.sh');
  if (run.status !== 0) throw new Error(`openssl ${args.join(' ')}: ${run.stderr}`);
  return run.stdout;
}

/**
 * An SM2 seal certificate as the city CA issues them, made by Debian's OpenSSL 3 (not by the
 * platform's own code): an SM2 key, a self-signed X.509 signed with SM2-with-SM3 under GM/T 0009's
 * id, and the key as encrypted PKCS#8. `days` may be 1 for a short one.
 */
export function opensslSm2Certificate(subject: { commonName: string; organization?: string }, password = 'sm2-key-pw-2026', days = 365): OpensslSm2 {
  const dir = mkdtempSync(join(tmpdir(), 'sm2-openssl-'));
  try {
    openssl(dir, ['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:SM2', '-out', 'key.pem']);
    openssl(dir, ['pkcs8', '-topk8', '-v2', 'aes-256-cbc', '-in', 'key.pem', '-out', 'key-enc.pem', '-passout', `pass:${password}`]);
    const name = `/CN=${subject.commonName}${subject.organization ? `/O=${subject.organization}` : ''}/C=CN`;
    openssl(dir, [
      'req',
      '-x509',
      '-key',
      'key.pem',
      '-sm3',
      '-sigopt',
      'distid:1234567812345678',
      '-utf8',
      '-subj',
      name,
      '-days',
      String(days),
      '-addext',
      'keyUsage=critical,digitalSignature,nonRepudiation',
      '-out',
      'cert.pem',
    ]);
    return { certificatePem: readFileSync(join(dir, 'cert.pem'), 'utf8'), keyPem: readFileSync(join(dir, 'key-enc.pem'), 'utf8'), password };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Whether OpenSSL verifies an SM2-with-SM3 signature (DER) over `file` with the certificate's key, GM/T 0009's id. */
export function opensslVerifiesSm2(certificatePem: string, file: Buffer, signatureDer: Buffer): boolean {
  const dir = mkdtempSync(join(tmpdir(), 'sm2-openssl-'));
  try {
    writeFileSync(join(dir, 'cert.pem'), certificatePem);
    writeFileSync(join(dir, 'file'), file);
    writeFileSync(join(dir, 'sig.der'), signatureDer);
    writeFileSync(join(dir, 'pub.pem'), openssl(dir, ['x509', '-in', 'cert.pem', '-pubkey', '-noout']));
    const run = spawnSync(
      'openssl',
      [
        'pkeyutl',
        '-verify',
        '-pubin',
        '-inkey',
        'pub.pem',
        '-rawin',
        '-digest',
        'sm3',
        '-pkeyopt',
        'distid:1234567812345678',
        '-in',
        'file',
        '-sigfile',
        'sig.der',
      ],
      { cwd: dir, encoding: 'utf8' },
    );
    return run.status === 0 && /Signature Verified Successfully/.test(run.stdout);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
