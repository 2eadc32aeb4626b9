import { expect } from 'chai';
import { sm2 } from 'sm-crypto-v2';
import {
  createSandboxCa,
  issueSandboxSm2Certificate,
  issueSignedDocument,
  issueSigningCertificate,
  makeDemoSealImage,
  readSm2CertificateOnly,
  readSm2Identity,
  signSm2,
  verifyPades,
  verifySm2,
} from '../../../server/documents/index.ts';
import { opensslSm2Certificate, opensslVerifiesSm2 } from '../../support/sm2-openssl.ts';
import { runTool, sampleDecision } from './helpers.ts';

const department = '长沙市行政审批服务局';
const codes = (checked: { ok: boolean; problems?: { code: string }[] }) => (checked.ok ? [] : checked.problems!.map((p) => p.code));

describe('SM2 seal certificates (GM/T 0015) and the SM2-with-SM3 signature of sealed documents', () => {
  const made = opensslSm2Certificate({ commonName: department, organization: '长沙市人民政府' });
  const file = Buffer.from('%PDF-1.7\n准予行政许可决定书\n%%EOF\n');

  it('opens an OpenSSL-made SM2 certificate and its encrypted key, and signs what OpenSSL verifies', () => {
    const read = readSm2Identity(made.certificatePem, made.keyPem, made.password);
    if (!read.ok) throw new Error(JSON.stringify(read.problems));
    expect(read.info.subject).to.include({ commonName: department, organization: '长沙市人民政府' });
    expect(read.info.serialNumber).to.match(/^[0-9a-f]+$/);
    expect(read.info.validTo.getTime()).to.be.greaterThan(Date.now());
    const signature = signSm2(file, read.info.keys);
    expect(opensslVerifiesSm2(made.certificatePem, file, Buffer.from(signature.signature, 'hex'))).to.equal(true);
    const changed = Buffer.from(file);
    changed[3] ^= 1;
    expect(opensslVerifiesSm2(made.certificatePem, changed, Buffer.from(signature.signature, 'hex'))).to.equal(false);
    const onlyCertificate = readSm2CertificateOnly(made.certificatePem);
    expect(onlyCertificate.ok && verifySm2(file, signature, onlyCertificate.info.publicKey)).to.equal(true);
  });

  it('reads a key whose point also parses as DER (x starting 0x3f): node-forge must not decode the BIT STRING', () => {
    // "04 3f …" is a whole OCTET STRING of the 63 bytes left; one key in 256 looks like that
    let keys = sm2.generateKeyPairHex();
    while (!keys.publicKey.startsWith('043f')) keys = sm2.generateKeyPairHex();
    const issued = issueSandboxSm2Certificate({ department, organization: '长沙市人民政府', password: 'pw-043f', keys });
    const read = readSm2Identity(issued.certificatePem, issued.keyPem, 'pw-043f');
    expect(codes(read)).to.deep.equal([]);
    const only = readSm2CertificateOnly(issued.certificatePem);
    expect(only.ok && only.info.publicKey).to.equal(keys.publicKey);
  });

  it('refuses a wrong password, another certificate’s key, a certificate that is not SM2, and text that is no PEM', () => {
    expect(codes(readSm2Identity(made.certificatePem, made.keyPem, 'not-the-password'))).to.deep.equal(['sm2_password']);
    const other = opensslSm2Certificate({ commonName: department });
    expect(codes(readSm2Identity(made.certificatePem, other.keyPem, other.password))).to.deep.equal(['sm2_key_mismatch']);
    const rsa = issueSigningCertificate(createSandboxCa(), { department, organization: '长沙市人民政府', password: 'pw' });
    expect(codes(readSm2Identity(rsa.certificatePem, made.keyPem, made.password))).to.deep.equal(['sm2_not_sm2']);
    expect(codes(readSm2Identity('not a certificate', 'not a key', ''))).to.deep.equal(['sm2_certificate_unreadable', 'sm2_key_unreadable']);
  });

  it('refuses an SM2 certificate out of force', () => {
    const expired = issueSandboxSm2Certificate({
      department,
      organization: '长沙市人民政府',
      password: 'pw-2026',
      validFrom: new Date('2020-01-01T00:00:00Z'),
      validTo: new Date('2021-01-01T00:00:00Z'),
    });
    const read = readSm2Identity(expired.certificatePem, expired.keyPem, 'pw-2026');
    expect(codes(read)).to.deep.equal(['sm2_expired']);
    expect(!read.ok && read.problems[0].message).to.contain('2021-01-01');
  });

  it('issues sandbox SM2 certificates OpenSSL reads and verifies (SM2-with-SM3, digitalSignature + nonRepudiation)', () => {
    const issued = issueSandboxSm2Certificate({ department, organization: '长沙市人民政府', password: 'pw-2026' });
    const text = runTool('openssl', ['x509', '-in', { file: issued.certificatePem, name: 'c.pem' }, '-noout', '-text']).stdout;
    expect(text).to.contain('Signature Algorithm: SM2-with-SM3');
    expect(text).to.match(/Digital Signature, Non Repudiation/);
    const verified = runTool('openssl', [
      'verify',
      '-vfyopt',
      'distid:1234567812345678',
      '-CAfile',
      { file: issued.certificatePem, name: 'ca.pem' },
      { file: issued.certificatePem, name: 'c.pem' },
    ]);
    expect(verified.stdout).to.contain(': OK');
    const key = runTool('openssl', ['pkey', '-in', { file: issued.keyPem, name: 'k.pem' }, '-passin', 'pass:pw-2026', '-noout', '-text']).stdout;
    expect(key).to.contain('SM2');
    const read = readSm2Identity(issued.certificatePem, issued.keyPem, 'pw-2026');
    expect(read.ok && read.info.keys.publicKey).to.equal(read.ok && sm2.getPublicKeyFromPrivateKey(read.info.keys.privateKey));
  });

  it('verifies a sealed PDF’s PAdES signature and finds a changed byte (SM2 fails on it too)', async () => {
    const signer = { p12: issueSigningCertificate(createSandboxCa(), { department, organization: '长沙市人民政府', password: 'pw' }).p12, password: 'pw' };
    const issued = await issueSignedDocument({ document: sampleDecision(), seal: { png: makeDemoSealImage(department) }, signer });
    const pades = verifyPades(issued.pdf);
    expect(pades).to.include({ status: 'valid', signerSerial: issued.signer.serialNumber, coversWholeFile: true });
    const read = readSm2Identity(made.certificatePem, made.keyPem, made.password);
    if (!read.ok) throw new Error('unreadable');
    const signature = signSm2(issued.pdf, read.info.keys);
    const tampered = Buffer.from(issued.pdf);
    tampered[400] ^= 0x01;
    expect(verifyPades(tampered)).to.include({ status: 'invalid', reason: 'digest_mismatch' });
    expect(verifySm2(tampered, signature, read.info.keys.publicKey)).to.equal(false);
    expect(verifySm2(issued.pdf, signature, read.info.keys.publicKey)).to.equal(true);
    expect(verifyPades(Buffer.from('%PDF-1.7\n%%EOF\n'))).to.deep.equal({ status: 'absent' });
  });
});
