import { expect } from 'chai';
import type { Response } from 'supertest';
import { api, auth, waitForStatus } from '../support/api.ts';
import { approvedCase, eventually, otherApplicant } from '../support/delivery.ts';
import { testEnv } from '../support/environment.ts';
import { opensslSm2Certificate, opensslVerifiesSm2 } from '../support/sm2-openssl.ts';
import { Case } from '../../server/cases/case.model.ts';
import { ResultDocument } from '../../server/results/result-document.model.ts';
import { Seal } from '../../server/seals/seal.model.ts';
import { seedDemoSeals } from '../../server/seals/demo-seals.ts';
import { createSandboxCa, issueSigningCertificate, makeDemoSealImage } from '../../server/documents/index.ts';
import { governmentName, issuerName } from '../../server/seals/issuer-name.ts';

const REGION = '430100';
const SAMR = issuerName(REGION, '市场监督管理局');
const PASSWORD = 'seal-test-password';

const binary = (res: Response, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};
const codes = (res: Response) => (res.body.error?.details ?? []).map((d: { field?: string; code?: string }) => `${d.field}:${d.code}`);

describe('密评 不可否认性: sealed documents carry an SM2-with-SM3 signature by the seal’s SM2 certificate beside the RSA PAdES one', () => {
  const ca = createSandboxCa();
  const image = makeDemoSealImage(SAMR);
  const sm2 = opensslSm2Certificate({ commonName: SAMR, organization: governmentName(REGION) });
  const registered: number[] = [];
  // one RSA certificate for every registration: forge takes seconds to make a key
  const p12 = issueSigningCertificate(ca, { department: SAMR, organization: governmentName(REGION), password: PASSWORD }).p12;

  async function postSeal(files: { sm2Certificate?: string; sm2Key?: string; sm2Password?: string }, language = 'zh-CN') {
    let req = api()
      .post('/api/v1/seals')
      .set(await auth('admin'))
      .set('Accept-Language', language)
      .field('departmentCode', 'samr')
      .field('name', '长沙市市场监督管理局国密电子印章')
      .field('password', PASSWORD)
      .field('users', 'samr:leader,system:seal')
      .attach('image', image, 'seal.png')
      .attach('certificate', p12, 'seal.p12');
    if (files.sm2Password !== undefined) req = req.field('sm2Password', files.sm2Password);
    if (files.sm2Certificate) req = req.attach('sm2Certificate', Buffer.from(files.sm2Certificate), 'sm2.crt');
    if (files.sm2Key) req = req.attach('sm2Key', Buffer.from(files.sm2Key), 'sm2.key');
    const res = await req;
    if (res.status === 201) registered.push(res.body.id);
    return res;
  }

  async function decisionOf(caseNo: string) {
    await waitForStatus('applicant', caseNo, 'delivered');
    const c = await Case.findOne({ where: { caseNo } });
    return eventually(`the decision of ${caseNo}`, () => ResultDocument.findOne({ where: { caseId: c!.id, kind: 'decision_approved' } }));
  }

  async function verification(caseNo: string, id: number, copy?: Buffer, language = 'zh-CN') {
    let req = api()
      .post(`/api/v1/cases/${caseNo}/documents/${id}/verification`)
      .set(await auth('applicant'))
      .set('Accept-Language', language);
    if (copy) req = req.attach('file', copy, 'copy.pdf');
    return req;
  }

  async function retire(id: number) {
    const res = await api()
      .post(`/api/v1/seals/${id}/deactivate`)
      .set(await auth('admin'))
      .send({ reason: '国密测试结束' });
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
  }

  after(async () => {
    for (const id of registered) if ((await Seal.findByPk(id))?.active) await retire(id);
  });

  it('gives the demo seals SM2 certificates too', async () => {
    const demo = await Seal.findAll({ where: { createdBy: 'system:demo' } });
    expect(demo).to.not.have.length(0);
    for (const seal of demo) {
      expect(seal.sm2CertificateSerial, seal.name).to.match(/^[0-9a-f]+$/);
      expect(seal.sm2Certificate).to.contain('BEGIN CERTIFICATE');
      expect(seal.sm2KeyPassword).to.match(/^ss1\./);
    }
    // a demo seal made before seals held SM2 certificates gets one at the next start, once
    const old = demo.find((s) => s.active)!;
    await old.update({ sm2Certificate: null, sm2PrivateKey: null, sm2KeyPassword: null, sm2CertificateSerial: null });
    await seedDemoSeals(testEnv().config);
    await old.reload();
    expect(old.sm2CertificateSerial).to.match(/^[0-9a-f]+$/);
    expect(old.sm2Certificate).to.contain('BEGIN CERTIFICATE');
  });

  it('refuses at registration, in words and nothing written: another certificate’s key, a wrong password, a key alone, an RSA certificate', async () => {
    const before = await Seal.count();
    const other = opensslSm2Certificate({ commonName: SAMR });
    const mismatch = await postSeal({ sm2Certificate: sm2.certificatePem, sm2Key: other.keyPem, sm2Password: other.password });
    expect(mismatch.status).to.equal(422);
    expect(codes(mismatch)).to.deep.equal(['sm2Key:sm2_key_mismatch']);
    expect(mismatch.body.error.details[0].message).to.equal('SM2私钥与SM2签章证书不匹配');
    const english = await postSeal({ sm2Certificate: sm2.certificatePem, sm2Key: sm2.keyPem, sm2Password: 'wrong' }, 'en');
    expect(codes(english)).to.deep.equal(['sm2Password:sm2_password']);
    expect(english.body.error.details[0].message).to.equal('wrong password for the SM2 private key');
    expect(codes(await postSeal({ sm2Key: sm2.keyPem, sm2Password: sm2.password }))).to.deep.equal(['sm2Certificate:sm2_key_missing']);
    const rsa = issueSigningCertificate(ca, { department: SAMR, organization: governmentName(REGION), password: PASSWORD }).certificatePem;
    expect(codes(await postSeal({ sm2Certificate: rsa, sm2Key: sm2.keyPem, sm2Password: sm2.password }))).to.deep.equal(['sm2Certificate:sm2_not_sm2']);
    const stranger = opensslSm2Certificate({ commonName: '长沙市税务局' });
    const notOurs = await postSeal({ sm2Certificate: stranger.certificatePem, sm2Key: stranger.keyPem, sm2Password: stranger.password });
    expect(codes(notOurs)).to.deep.equal(['sm2Certificate:signer_not_issuer']);
    expect(await Seal.count()).to.equal(before);
  });

  it('seals a case end to end with both signatures; 验章 finds both valid, OpenSSL verifies the SM2 one, a changed byte fails both', async () => {
    const res = await postSeal({ sm2Certificate: sm2.certificatePem, sm2Key: sm2.keyPem, sm2Password: sm2.password });
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    expect(res.body.sm2Certificate.serial).to.match(/^[0-9a-f]+$/);
    const stored = await Seal.findByPk(res.body.id);
    expect(stored!.sm2KeyPassword).to.match(/^ss1\./);
    expect(stored!.sm2KeyPassword).to.not.contain(sm2.password);

    const caseNo = await approvedCase();
    const decision = await decisionOf(caseNo);
    expect(decision.sealId).to.equal(res.body.id);
    expect(decision.sm2CertificateSerial).to.equal(res.body.sm2Certificate.serial);
    expect(decision.sm2Signature).to.match(/^30[0-9a-f]+$/);

    const delivery = await api()
      .get(`/api/v1/cases/${caseNo}/delivery`)
      .set(await auth('applicant'));
    const listed = delivery.body.documents.find((d: { id: number }) => d.id === decision.id);
    expect(listed.sm2).to.deep.equal({ certificateSerial: decision.sm2CertificateSerial, signatureUrl: `${listed.url}/sm2-signature` });

    const pdf = (
      await api()
        .get(listed.url)
        .set(await auth('applicant'))
        .buffer(true)
        .parse(binary as never)
    ).body as Buffer;
    const signature = await api()
      .get(listed.sm2.signatureUrl)
      .set(await auth('applicant'))
      .buffer(true)
      .parse(binary as never);
    expect(signature.status).to.equal(200);
    expect(signature.headers['x-sm2-user-id']).to.equal('1234567812345678');
    expect(opensslVerifiesSm2(sm2.certificatePem, pdf, signature.body as Buffer)).to.equal(true);

    const stored1 = await verification(caseNo, decision.id);
    expect(stored1.status, JSON.stringify(stored1.body)).to.equal(200);
    expect(stored1.body).to.deep.include({ checked: 'stored', sha256Matches: true });
    expect(stored1.body.rsa).to.include({ status: 'valid', certificateSerial: stored!.certificateSerial });
    expect(stored1.body.sm2).to.deep.equal({ status: 'valid', certificateSerial: decision.sm2CertificateSerial, userId: '1234567812345678' });

    const copy = await verification(caseNo, decision.id, pdf);
    expect(copy.body).to.deep.include({ checked: 'uploaded', sha256Matches: true });
    expect([copy.body.rsa.status, copy.body.sm2.status]).to.deep.equal(['valid', 'valid']);

    const tampered = Buffer.from(pdf);
    tampered[600] ^= 0x01;
    const changed = await verification(caseNo, decision.id, tampered);
    expect(changed.status).to.equal(200);
    expect(changed.body.sha256Matches).to.equal(false);
    expect([changed.body.rsa.status, changed.body.sm2.status]).to.deep.equal(['tampered', 'tampered']);

    const notPdf = await verification(caseNo, decision.id, Buffer.from('hello'), 'en');
    expect(notPdf.status).to.equal(400);
    expect(notPdf.body.error.message).to.equal('The uploaded file is not a PDF; it cannot be verified');

    // another applicant learns nothing about the case
    const stranger = await api()
      .post(`/api/v1/cases/${caseNo}/documents/${decision.id}/verification`)
      .set(await auth(await otherApplicant()));
    expect(stranger.status).to.equal(404);
    await retire(res.body.id);
  });

  it('still seals with RSA only where the seal has no SM2 certificate, and says so', async () => {
    const res = await postSeal({});
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    expect(res.body.sm2Certificate).to.equal(null);
    const caseNo = await approvedCase();
    const decision = await decisionOf(caseNo);
    expect(decision.sealId).to.equal(res.body.id);
    expect(decision.sm2Signature).to.equal(null);

    const checked = await verification(caseNo, decision.id);
    expect(checked.body.rsa.status).to.equal('valid');
    expect(checked.body.sm2).to.deep.equal({ status: 'absent', certificateSerial: null, userId: null });
    const none = await api()
      .get(`/api/v1/cases/${caseNo}/documents/${decision.id}/sm2-signature`)
      .set(await auth('applicant'))
      .set('Accept-Language', 'zh-CN');
    expect(none.status).to.equal(404);
    expect(none.body.error.message).to.contain('仅有RSA（PAdES）签名');
    await retire(res.body.id);
  });
});
