import { expect } from 'chai';
import forge from 'node-forge';
import {
  DocumentProblemError,
  createSandboxCa,
  issueSignedDocument,
  issueSigningCertificate,
  makeDemoSealImage,
  readP12,
  renderPdf,
  sha256Hex,
  signPdf,
} from '../../../server/documents/index.ts';
import type { IssueRequest } from '../../../server/documents/index.ts';
import { pdfText, runTool, sampleDecision } from './helpers.ts';

const department = '长沙市行政审批服务局';
const ca = createSandboxCa();
const signer = { p12: issueSigningCertificate(ca, { department, organization: '长沙市人民政府', password: 'seal-pw-2026' }).p12, password: 'seal-pw-2026' };
const seal = makeDemoSealImage(department, { bottomText: '行政审批专用章' });

const request = (overrides: Partial<IssueRequest> = {}): IssueRequest => ({
  document: sampleDecision(),
  seal: { png: seal },
  signer,
  signature: { location: '长沙市' },
  ...overrides,
});

function pdfsig(pdf: Buffer): string {
  return runTool('pdfsig', [{ file: pdf, name: 'signed.pdf' }]).stdout;
}

/** The byte ranges the signature covers: [start1, length1, start2, length2]. */
function byteRange(pdf: Buffer): number[] {
  const match = pdf.toString('latin1').match(/\/ByteRange \[(\d+) (\d+) (\d+) (\d+)\]/);
  if (!match) throw new Error('no /ByteRange');
  return match.slice(1).map(Number);
}

/** The CMS SignedData from /Contents, without the zero padding after its DER. */
function cms(pdf: Buffer): Buffer {
  const [, end1, start2] = byteRange(pdf);
  const der = Buffer.from(pdf.toString('latin1', end1 + 1, start2 - 1), 'hex');
  const lengthBytes = der[1] & 0x7f;
  const length = der[1] < 0x80 ? der[1] : der.readUIntBE(2, lengthBytes);
  return der.subarray(0, 2 + (der[1] < 0x80 ? 0 : lengthBytes) + length);
}

describe('signed result documents (PAdES-B-B with the department seal)', () => {
  let issued: Awaited<ReturnType<typeof issueSignedDocument>>;
  before(async () => {
    issued = await issueSignedDocument(request());
  });

  it('is a signature pdfsig finds valid, over the whole document, by the department', () => {
    const report = pdfsig(issued.pdf);
    expect(report).to.contain('Signature Validation: Signature is Valid.');
    expect(report).to.contain(`Signer Certificate Common Name: ${department}`);
    expect(report).to.contain('Signature Type: ETSI.CAdES.detached');
    expect(report).to.contain('Signing Hash Algorithm: SHA-256');
    expect(report).to.contain('Total document signed');
    // the sandbox CA is in no trust store; a real CA's certificate would be trusted
    expect(report).to.contain("Certificate Validation: Certificate issuer isn't Trusted.");
    expect(runTool('pdfsig', ['-nocert', { file: issued.pdf, name: 'signed.pdf' }]).stdout).to.contain('Signature Validation: Signature is Valid.');
  });

  it('keeps the document readable and sound after signing', () => {
    expect(pdfText(issued.pdf)).to.contain('准予行政许可决定书');
    expect(pdfText(issued.pdf)).to.contain('长沙市芙蓉区张记餐饮店');
    const check = runTool('qpdf', ['--check', { file: issued.pdf, name: 'signed.pdf' }]);
    expect(check.status, check.stdout).to.equal(0);
  });

  it('carries a CAdES signature OpenSSL verifies against the CA, with signing-certificate-v2 and no signing-time', () => {
    const signature = cms(issued.pdf);
    const [start1, length1, start2, length2] = byteRange(issued.pdf);
    const signed = Buffer.concat([issued.pdf.subarray(start1, start1 + length1), issued.pdf.subarray(start2, start2 + length2)]);
    const verify = runTool('openssl', [
      'cms',
      '-verify',
      '-binary',
      '-inform',
      'DER',
      '-purpose',
      'any',
      '-in',
      { file: signature, name: 'sig.der' },
      '-content',
      { file: signed, name: 'signed.bin' },
      '-CAfile',
      { file: ca.certificatePem, name: 'ca.pem' },
      '-out',
      '/dev/null',
    ]);
    expect(verify.stdout).to.contain('Verification successful');
    const printed = runTool('openssl', ['cms', '-cmsout', '-print', '-inform', 'DER', '-in', { file: signature, name: 'sig.der' }]).stdout;
    expect(printed).to.contain('id-smime-aa-signingCertificateV2');
    expect(printed).to.contain('messageDigest');
    expect(printed).to.not.contain('signingTime');
  });

  it('binds the signer certificate by its SHA-256 in signing-certificate-v2 (which neither pdfsig nor OpenSSL checks)', () => {
    const contentInfo = forge.asn1.fromDer(forge.util.createBuffer(cms(issued.pdf).toString('binary')));
    const signedData = ((contentInfo.value as forge.asn1.Asn1[])[1].value as forge.asn1.Asn1[])[0].value as forge.asn1.Asn1[];
    const signerInfo = (signedData.at(-1)!.value as forge.asn1.Asn1[])[0].value as forge.asn1.Asn1[];
    const attributes = signerInfo[3].value as forge.asn1.Asn1[];
    const essAttribute = attributes.find((a) => forge.asn1.derToOid((a.value as forge.asn1.Asn1[])[0].value as string) === '1.2.840.113549.1.9.16.2.47');
    expect(essAttribute, 'signing-certificate-v2 attribute').to.exist;
    // Attribute { type, SET { SigningCertificateV2 { SEQUENCE OF ESSCertIDv2 { certHash, issuerSerial } } } }
    const essCertId = (
      (((essAttribute!.value as forge.asn1.Asn1[])[1].value as forge.asn1.Asn1[])[0].value as forge.asn1.Asn1[])[0].value as forge.asn1.Asn1[]
    )[0].value as forge.asn1.Asn1[];
    const certHash = Buffer.from(essCertId[0].value as string, 'binary').toString('hex');
    const opened = readP12(signer.p12, signer.password);
    if (!opened.ok) throw new Error('sandbox certificate did not open');
    expect(certHash).to.equal(sha256Hex(opened.info.certificatesDer[0]));
  });

  it('fails verification when one byte inside the signed range changes', () => {
    const [, , start2] = byteRange(issued.pdf);
    // the first stream after the signature: page content or font data, inside the second signed range
    const streamAt = issued.pdf.indexOf('stream\n', start2) + 'stream\n'.length + 20;
    const tampered = Buffer.from(issued.pdf);
    tampered[streamAt] ^= 0x01;
    const report = pdfsig(tampered);
    expect(report).to.not.contain('Signature is Valid');
    expect(report).to.contain('Signature Validation: Digest Mismatch.');

    const inHeader = Buffer.from(issued.pdf);
    inHeader[issued.pdf.indexOf('/Title')] ^= 0x01;
    expect(pdfsig(inHeader)).to.contain('Digest Mismatch');
  });

  it('produces the same bytes when a worker retries, and reports their SHA-256', async () => {
    const again = await issueSignedDocument(request());
    expect(again.pdf.equals(issued.pdf)).to.equal(true);
    expect(again.sha256)
      .to.equal(issued.sha256)
      .and.to.equal(sha256Hex(issued.pdf))
      .and.to.match(/^[0-9a-f]{64}$/);
    expect(issued.signedAt.toISOString()).to.equal('2026-11-23T02:00:00.000Z');
    expect(issued.signer.commonName).to.equal(department);
  });

  it('signs an e-license the same way', async () => {
    const license = await issueSignedDocument(
      request({ document: sampleDecision({ layout: 'license', title: '食品经营许可证', documentNo: 'JY14301020012345', paragraphs: [] }) }),
    );
    expect(pdfsig(license.pdf)).to.contain('Signature Validation: Signature is Valid.');
    expect(pdfText(license.pdf)).to.contain('食品经营许可证');
  });

  it('refuses a certificate of another department, and reports every problem of the inputs at once', async () => {
    const other = {
      p12: issueSigningCertificate(ca, { department: '长沙市民政局', organization: '长沙市人民政府', password: 'pw-other' }).p12,
      password: 'pw-other',
    };
    try {
      await issueSignedDocument(request({ signer: other }));
      expect.fail('signed with another department certificate');
    } catch (error) {
      expect(error).to.be.instanceOf(DocumentProblemError);
      expect((error as DocumentProblemError).problems.map((p) => p.code)).to.deep.equal(['signer_not_issuer']);
    }
    try {
      await issueSignedDocument(request({ seal: { png: Buffer.from('GIF89a') }, signer: { ...signer, password: 'wrong' } }));
      expect.fail('signed with bad inputs');
    } catch (error) {
      expect((error as DocumentProblemError).problems.map((p) => p.code)).to.deep.equal(['seal_not_png', 'signer_password']);
    }
  });

  it('will not sign a PDF rendered without a signature reservation', async () => {
    const plain = await renderPdf(sampleDecision());
    const opened = readP12(signer.p12, signer.password);
    if (!opened.ok) throw new Error('sandbox certificate did not open');
    try {
      await signPdf(plain, opened.info);
      expect.fail('signed a PDF without a placeholder');
    } catch (error) {
      expect((error as Error).message).to.contain('no signature placeholder');
    }
  });
});
