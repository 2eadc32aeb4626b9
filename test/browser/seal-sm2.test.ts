import { expect } from 'chai';
import { Op } from 'sequelize';
import type { Page } from 'playwright-core';
import { api, auth, waitForStatus } from '../support/api.ts';
import { approvedCase, eventually } from '../support/delivery.ts';
import { testEnv } from '../support/environment.ts';
import { opensslSm2Certificate } from '../support/sm2-openssl.ts';
import { Case } from '../../server/cases/case.model.ts';
import { ResultDocument } from '../../server/results/result-document.model.ts';
import { Seal } from '../../server/seals/seal.model.ts';
import { createSandboxCa, issueSigningCertificate, makeDemoSealImage } from '../../server/documents/index.ts';
import { governmentName, issuerName } from '../../server/seals/issuer-name.ts';
import { browserSuite, screenshot, signIn } from './support/browser.ts';
import { box } from './support/fields.ts';
import { language } from './support/language.ts';

const PASSWORD = 'browser-sm2-seal-password';
const NAME_PREFIX = '浏览器国密测试章';

const dialogsSettled = (page: Page) => page.locator('.dialog-fade-enter-active, .dialog-fade-leave-active').waitFor({ state: 'detached' });

describe('国密 seals in a browser (chromium): an SM2 certificate registered on the seal page, both signatures on the 验章 page', function () {
  this.timeout(300_000);
  const { open } = browserSuite();

  before(() => Seal.update({ active: false }, { where: { name: { [Op.startsWith]: NAME_PREFIX } } }));

  it('the administrator registers a seal with an SM2 certificate: a key of another certificate refused at its field, then stored and its serial shown (Chinese, then English)', async () => {
    const region = testEnv().config.regionCode;
    const tax = issuerName(region, '税务局');
    const certificate = issueSigningCertificate(createSandboxCa(), { department: tax, organization: governmentName(region), password: PASSWORD }).p12;
    const sm2 = opensslSm2Certificate({ commonName: tax, organization: governmentName(region) });
    const other = opensslSm2Certificate({ commonName: tax });
    const name = `${NAME_PREFIX}${Date.now() % 100000}`;

    const watched = await open();
    const { page } = watched;
    await signIn(page, 'admin');
    await page.goto('/seals');
    await page.locator('[data-test=seal-register]').click();
    const dialog = page.locator('[data-test=seal-register-dialog]');
    await dialog.locator('[data-test=seal-department]').click();
    await page.locator('.seal-department__popper .el-select-dropdown__item[data-code=tax]').click();
    await box(dialog, 'seal-name').fill(name);
    await dialog.locator('[data-test=seal-image-file]').setInputFiles({ name: 'tax-seal.png', mimeType: 'image/png', buffer: makeDemoSealImage(tax) });
    await dialog.locator('[data-test=seal-certificate-file]').setInputFiles({ name: 'tax.p12', mimeType: 'application/x-pkcs12', buffer: certificate });
    await box(dialog, 'seal-password').fill(PASSWORD);
    await box(dialog, 'seal-users-input').fill('tax:leader');
    // the SM2 certificate without its key: said at the key's field, nothing sent
    await dialog
      .locator('[data-test=seal-sm2-certificate-file]')
      .setInputFiles({ name: 'tax-sm2.crt', mimeType: 'application/x-pem-file', buffer: Buffer.from(sm2.certificatePem) });
    await dialog.locator('[data-test=seal-register-submit]').click();
    await dialog.locator('.el-form-item__error', { hasText: 'SM2私钥：请与SM2签章证书一同上传' }).waitFor();
    // another certificate's key: the server refuses it at the key's field
    await dialog
      .locator('[data-test=seal-sm2-key-file]')
      .setInputFiles({ name: 'other.key', mimeType: 'application/x-pem-file', buffer: Buffer.from(other.keyPem) });
    await box(dialog, 'seal-sm2-password').fill(other.password);
    await dialog.locator('[data-test=seal-register-submit]').click();
    await dialog.locator('.el-form-item__error', { hasText: 'SM2私钥与SM2签章证书不匹配' }).waitFor();
    expect(await Seal.count({ where: { name } })).to.equal(0);
    // the browser logs the refusal it was meant to get; nothing else
    const refusal = watched.errors.findIndex((e) => e.includes('status of 422'));
    expect(refusal).to.be.at.least(0);
    watched.errors.splice(refusal, 1);
    await dialogsSettled(page);
    await screenshot(page, 'seal-sm2-refused');

    await dialog
      .locator('[data-test=seal-sm2-key-file]')
      .setInputFiles({ name: 'tax-sm2.key', mimeType: 'application/x-pem-file', buffer: Buffer.from(sm2.keyPem) });
    await box(dialog, 'seal-sm2-password').fill(sm2.password);
    expect(await dialog.locator('[data-test=seal-sm2-key-name]').textContent()).to.equal('tax-sm2.key');
    await dialog.locator('[data-test=seal-register-submit]').click();
    await page.locator('.el-message', { hasText: `已备案“${name}”` }).waitFor();

    const stored = await Seal.findOne({ where: { name } });
    expect(stored!.sm2CertificateSerial).to.match(/^[0-9a-f]+$/);
    const row = page.locator(`[data-test=seals-table] tr.seal-${stored!.id}`);
    await row.locator('[data-test=seal-sm2-serial]', { hasText: `SM2证书序列号 ${stored!.sm2CertificateSerial}` }).waitFor();
    await screenshot(page, 'seal-sm2-registered');

    await language(page, 'English');
    await row.locator('[data-test=seal-sm2-serial]', { hasText: `SM2 certificate serial ${stored!.sm2CertificateSerial}` }).waitFor();
    await page.locator('[data-test=seal-register]').click();
    await dialog.locator('fieldset[data-test=seal-sm2] legend', { hasText: 'SM2 signing certificate (national algorithms, optional)' }).waitFor();
    await dialogsSettled(page);
    await screenshot(page, 'seal-sm2-register-en');
    await dialog.getByRole('button', { name: 'Cancel' }).click();

    const off = await api()
      .post(`/api/v1/seals/${stored!.id}/deactivate`)
      .set(await auth('admin'))
      .send({ reason: 'browser test over' });
    expect(off.status).to.equal(200);
  });

  it('the applicant verifies a delivered decision: both signatures valid, a changed copy invalid for both (Chinese, then English)', async () => {
    const caseNo = await approvedCase();
    await waitForStatus('applicant', caseNo, 'delivered');
    const c = await Case.findOne({ where: { caseNo } });
    const decision = await eventually('the decision', () => ResultDocument.findOne({ where: { caseId: c!.id, kind: 'decision_approved' } }));
    expect(decision.sm2Signature, 'the demo seal signs with SM2 too').to.match(/^30/);
    const pdf = (
      await api()
        .get(`/api/v1/cases/${caseNo}/documents/${decision.id}`)
        .set(await auth('applicant'))
        .buffer(true)
        .parse((res, cb) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => cb(null, Buffer.concat(chunks)));
        })
    ).body as Buffer;

    const { page } = await open();
    await signIn(page, 'applicant', '/my', null);
    await page.goto(`/my/cases/${caseNo}`);
    await page.locator(`[data-test=verify-${decision.id}]`).click();
    await page.waitForURL(`**/cases/${caseNo}/documents/${decision.id}/verify`);
    const rsa = page.locator('[data-test=verify-rsa]');
    const sm2 = page.locator('[data-test=verify-sm2]');
    await page.locator('[data-test=verify-checked]', { hasText: '已核验平台存档的文件：与盖章时的文件完全一致。' }).waitFor();
    await rsa.locator('dd', { hasText: '签名有效，覆盖整个文件，由该印章的签章证书签署。' }).waitFor();
    await sm2.locator('dd', { hasText: '签名有效：用该印章的SM2证书核验通过' }).waitFor();
    expect(await sm2.textContent()).to.contain(decision.sm2CertificateSerial!);
    expect(await page.locator('[data-test=verify-document-title]').textContent()).to.equal(decision.title);
    await screenshot(page, 'verify-valid');

    const tampered = Buffer.from(pdf);
    // a byte of the binary comment on the second line: still a PDF, no longer the one sealed
    tampered[12] ^= 0x01;
    await page.locator('[data-test=verify-copy-file]').setInputFiles({ name: 'copy.pdf', mimeType: 'application/pdf', buffer: tampered });
    await page.locator('[data-test=verify-copy-submit]').click();
    await page.locator('[data-test=verify-checked]', { hasText: '已核验上传的副本：与盖章时的文件不一致。' }).waitFor();
    expect(await rsa.getAttribute('data-status')).to.equal('tampered');
    expect(await sm2.getAttribute('data-status')).to.equal('tampered');
    expect(await rsa.textContent()).to.contain('签名无效：文件在盖章后被改动过。');
    expect(await sm2.textContent()).to.contain('签名无效：文件在盖章后被改动过。');
    await screenshot(page, 'verify-tampered');

    await language(page, 'English');
    await sm2.locator('dd', { hasText: 'Invalid: the file was changed after it was sealed.' }).waitFor();
    await page.locator('[data-test=verify-stored]').click();
    await page.locator('[data-test=verify-checked]', { hasText: 'Checked the file the platform keeps: it is byte for byte the file sealed.' }).waitFor();
    await rsa.locator('dd', { hasText: "Valid over the whole file, signed with the seal's certificate." }).waitFor();
    await sm2.locator('dd', { hasText: "Valid: verified with the seal's SM2 certificate" }).waitFor();
    expect(await page.locator('h1').textContent()).to.equal('Verify a sealed document');
    const download = page.waitForEvent('download');
    await page.locator('[data-test=verify-sm2-download]').click();
    expect((await download).suggestedFilename()).to.match(/\.pdf\.sig$/);
    await screenshot(page, 'verify-valid-en');
  });
});
