import { expect } from 'chai';
import forge from 'node-forge';
import { createSandboxCa, issueSigningCertificate, readP12 } from '../../../server/documents/index.ts';
import type { Checked, SigningIdentity } from '../../../server/documents/index.ts';
import { runTool } from './helpers.ts';

const department = '长沙市行政审批服务局';
const organization = '长沙市人民政府';

function codes(checked: Checked<SigningIdentity>): string[] {
  return checked.ok ? [] : checked.problems.map((p) => p.code);
}

describe('signing certificates: sandbox CA and PKCS#12', () => {
  const ca = createSandboxCa();
  const issued = issueSigningCertificate(ca, { department, organization, password: 'Correct-Horse-7' });

  it('issues a department certificate that opens with its password and names the department in Chinese', () => {
    const opened = readP12(issued.p12, 'Correct-Horse-7');
    expect(opened.ok).to.equal(true);
    if (!opened.ok) return;
    expect(opened.info.subject).to.include({ commonName: department, organization, country: 'CN' });
    expect(opened.info.issuer.commonName).to.equal('审批平台沙箱CA');
    expect(opened.info.keyBits).to.equal(2048);
    expect(opened.info.certificatesDer).to.have.length(2);
    const usage = opened.info.certificate.getExtension('keyUsage') as { digitalSignature: boolean; nonRepudiation: boolean; keyCertSign?: boolean };
    expect(usage).to.include({ digitalSignature: true, nonRepudiation: true });
    expect(usage.keyCertSign).to.not.equal(true);
  });

  it('issues certificates that OpenSSL verifies against the CA, with the names intact', () => {
    const run = runTool('openssl', ['verify', '-CAfile', { file: ca.certificatePem, name: 'ca.pem' }, { file: issued.certificatePem, name: 'cert.pem' }]);
    expect(run.stdout).to.contain(': OK');
    const subject = runTool('openssl', [
      'x509',
      '-noout',
      '-subject',
      '-issuer',
      '-nameopt',
      'utf8,sep_comma_plus',
      '-in',
      { file: issued.certificatePem, name: 'cert.pem' },
    ]);
    expect(subject.stdout).to.contain(`CN=${department}`);
    expect(subject.stdout).to.contain('issuer=CN=审批平台沙箱CA');
  });

  it('opens a PKCS#12 that OpenSSL 3 wrote (PBES2, AES-256, HMAC-SHA256), as a department would upload it', () => {
    const pem = runTool('openssl', ['pkcs12', '-in', { file: issued.p12, name: 'in.p12' }, '-nodes', '-passin', 'pass:Correct-Horse-7']);
    expect(pem.status, pem.stdout).to.equal(0);
    const exported = runTool('sh', [
      '-c',
      'openssl pkcs12 -export -in "$0" -passout pass:upload-pw 2>/dev/null | base64 -w0',
      { file: pem.stdout, name: 'all.pem' },
    ]);
    const opened = readP12(Buffer.from(exported.stdout, 'base64'), 'upload-pw');
    expect(codes(opened)).to.deep.equal([]);
    if (opened.ok) expect(opened.info.subject.commonName).to.equal(department);
  });

  it('issues only ASCII passwords, and says so when an uploaded file with a Chinese password does not open', () => {
    expect(() => issueSigningCertificate(ca, { department, organization, password: '正确的密码' })).to.throw('printable ASCII');
    const opened = readP12(issued.p12, '正确的密码');
    expect(codes(opened)).to.deep.equal(['signer_password']);
    if (!opened.ok) expect(opened.problems[0].message).to.contain('非ASCII');
  });

  it('refuses a wrong password', () => {
    const opened = readP12(issued.p12, 'wrong-password');
    expect(codes(opened)).to.deep.equal(['signer_password']);
    if (!opened.ok) expect(opened.problems[0].message).to.equal('签章证书密码错误');
  });

  it('refuses an expired certificate and one not yet valid', () => {
    const expired = issueSigningCertificate(ca, {
      department,
      organization,
      password: 'pw',
      validFrom: new Date('2020-01-01'),
      validTo: new Date('2021-01-01T00:00:00Z'),
    });
    const opened = readP12(expired.p12, 'pw');
    expect(codes(opened)).to.deep.equal(['signer_expired']);
    if (!opened.ok) expect(opened.problems[0].message).to.equal('签章证书已于2021-01-01过期');

    const future = issueSigningCertificate(ca, { department, organization, password: 'pw', validFrom: new Date(Date.now() + 30 * 86400_000) });
    expect(codes(readP12(future.p12, 'pw'))).to.deep.equal(['signer_not_yet_valid']);
    expect(codes(readP12(future.p12, 'pw', { at: new Date(Date.now() + 60 * 86400_000) }))).to.deep.equal([]);
  });

  it('refuses a key under 2048 bits', () => {
    const weak = issueSigningCertificate(ca, { department, organization, password: 'pw', keyBits: 1024 });
    const opened = readP12(weak.p12, 'pw');
    expect(codes(opened)).to.deep.equal(['signer_weak_key']);
    if (!opened.ok) expect(opened.problems[0].message).to.contain('1024位');
  });

  it('refuses a PKCS#12 without a private key, and a file that is not PKCS#12', () => {
    const certOnly = forge.pkcs12.toPkcs12Asn1(null, forge.pki.certificateFromPem(issued.certificatePem), 'pw');
    const p12 = Buffer.from(forge.asn1.toDer(certOnly).getBytes(), 'binary');
    expect(codes(readP12(p12, 'pw'))).to.deep.equal(['signer_no_private_key']);
    expect(codes(readP12(Buffer.from('-----BEGIN CERTIFICATE-----'), 'pw'))).to.deep.equal(['signer_unreadable']);
  });

  it('refuses a certificate whose key usage does not allow signing', () => {
    const cert = forge.pki.certificateFromPem(ca.certificatePem);
    const key = forge.pki.privateKeyFromPem(ca.privateKeyPem);
    const p12 = Buffer.from(forge.asn1.toDer(forge.pkcs12.toPkcs12Asn1(key, cert, 'pw')).getBytes(), 'binary');
    expect(codes(readP12(p12, 'pw'))).to.deep.equal(['signer_key_usage']);
  });
});
