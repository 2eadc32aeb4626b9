import { expect } from 'chai';
import { Op } from 'sequelize';
import type { Page } from 'playwright-core';
import { api, auth } from '../support/api.ts';
import { testEnv } from '../support/environment.ts';
import { Seal } from '../../server/seals/seal.model.ts';
import { createSandboxCa, issueSigningCertificate, makeDemoSealImage } from '../../server/documents/index.ts';
import { governmentName, issuerName } from '../../server/seals/issuer-name.ts';
import { browserSuite, horizontalOverflow, imageShown, PHONE, screenshot, signIn } from './support/browser.ts';
import { box } from './support/fields.ts';
import { language } from './support/language.ts';

const PASSWORD = 'browser-seal-password';
const NAME_PREFIX = '浏览器测试专用章';

/** Waits until Element Plus's dialogs have finished fading in or out (for a screenshot of what a person sees). */
const dialogsSettled = (page: Page) => page.locator('.dialog-fade-enter-active, .dialog-fade-leave-active').waitFor({ state: 'detached' });

const sealRow = (page: Page, id: number) => page.locator(`[data-test=seals-table] tr.seal-${id}`);

interface SealBody {
  id: number;
  departmentCode: string;
  name: string;
  users: string[];
  active: boolean;
  certificate: { subject: string };
}

async function listSeals(): Promise<SealBody[]> {
  const res = await api()
    .get('/api/v1/seals')
    .set(await auth('admin'));
  expect(res.status).to.equal(200);
  return res.body.seals;
}

describe('电子印章 in a browser (chromium)', function () {
  this.timeout(240_000);
  const { open } = browserSuite();

  // left active by an interrupted run: retired, so the demo seals sign as before
  before(() => Seal.update({ active: false }, { where: { name: { [Op.startsWith]: NAME_PREFIX } } }));

  it('the system administrator sees every department’s seal, registers one for 税务局, changes its users, reads its uses and deactivates it (in English)', async () => {
    const region = testEnv().config.regionCode;
    const tax = issuerName(region, '税务局');
    const image = makeDemoSealImage(tax);
    const certificate = issueSigningCertificate(createSandboxCa(), { department: tax, organization: governmentName(region), password: PASSWORD }).p12;
    const name = `${NAME_PREFIX}${Date.now() % 100000}`;

    const departments = (
      await api()
        .get('/api/v1/departments')
        .set(await auth('admin'))
    ).body.departments as { code: string; name: string }[];
    const before = await listSeals();

    const { page } = await open();
    await signIn(page, 'admin');
    await page.locator('[data-test=nav-seals]').click();
    await page.waitForURL('**/seals');
    expect(await page.locator('h1').textContent()).to.equal('电子印章');

    // every department's demo seal, with its image
    for (const d of departments) {
      const demo = before.find((s) => s.departmentCode === d.code && s.active);
      expect(demo, `an active seal of ${d.code}`).to.not.equal(undefined);
      const row = sealRow(page, demo!.id);
      await row.waitFor();
      expect(await row.textContent())
        .to.contain(demo!.name)
        .and.contain(d.name)
        .and.contain('在用');
      const img = row.locator('img[data-test=seal-image]');
      await img.waitFor();
      expect(await img.getAttribute('src')).to.match(/^blob:/);
      expect(await imageShown(img), `the image of seal ${demo!.id}`).to.equal(true);
    }
    await screenshot(page, 'seals-list');

    // 印章备案: multipart, the files as the API test builds them
    await page.locator('[data-test=seal-register]').click();
    const dialog = page.locator('[data-test=seal-register-dialog]');
    // nothing chosen: said at the fields, nothing sent
    await dialog.locator('[data-test=seal-register-submit]').click();
    for (const problem of ['所属部门：为必填项', '印章名称：为必填项', '印章图片：请上传 PNG 格式的印章图片', '可使用人：请至少指定']) {
      await dialog.locator('.el-form-item__error', { hasText: problem }).waitFor();
    }
    await dialog.locator('[data-test=seal-department]').click();
    await page.locator('.seal-department__popper .el-select-dropdown__item[data-code=tax]').click();
    await box(dialog, 'seal-name').fill(name);
    await dialog.locator('[data-test=seal-image-file]').setInputFiles({ name: 'tax-seal.png', mimeType: 'image/png', buffer: image });
    await dialog.locator('[data-test=seal-certificate-file]').setInputFiles({ name: 'tax.p12', mimeType: 'application/x-pkcs12', buffer: certificate });
    await box(dialog, 'seal-password').fill(PASSWORD);
    await box(dialog, 'seal-users-input').fill('admin');
    await dialog.locator('.el-form-item__error').first().waitFor({ state: 'detached' });
    expect(await dialog.locator('[data-test=seal-image-name]').textContent()).to.equal('tax-seal.png');
    await dialogsSettled(page);
    await screenshot(page, 'seals-register');
    await dialog.locator('[data-test=seal-register-submit]').click();
    await page.locator('.el-message', { hasText: `已备案“${name}”` }).waitFor();

    const created = (await listSeals()).find((s) => s.name === name)!;
    expect(created).to.include({ departmentCode: 'tax', active: true });
    expect(created.users).to.deep.equal(['admin']);
    expect(created.certificate.subject).to.contain(`CN=${tax}`);
    const row = sealRow(page, created.id);
    await row.waitFor();
    expect(await row.textContent())
      .to.contain(name)
      .and.contain(`CN=${tax}`)
      .and.contain('admin');
    await row.locator('img[data-test=seal-image]').waitFor();
    expect(await imageShown(row.locator('img[data-test=seal-image]'))).to.equal(true);

    // 授权变更
    await row.locator('[data-test=seal-change-users]').click();
    const usersDialog = page.locator('[data-test=seal-users-dialog]');
    expect(await box(usersDialog, 'seal-users-edit').inputValue()).to.equal('admin');
    await box(usersDialog, 'seal-users-edit').fill('admin, analyst');
    await usersDialog.locator('[data-test=seal-users-save]').click();
    await page.locator('.el-message', { hasText: `已变更“${name}”的可使用人` }).waitFor();
    await row.locator('.el-tag', { hasText: 'analyst' }).waitFor();
    expect((await listSeals()).find((s) => s.id === created.id)!.users).to.deep.equal(['admin', 'analyst']);
    await dialogsSettled(page);
    await screenshot(page, 'seals-changed');

    // 使用记录: the registration and the change, newest first
    await row.locator('[data-test=seal-uses]').click();
    const uses = page.locator('[data-test=seal-uses-dialog]');
    await uses.locator('[data-test=seal-uses-total]', { hasText: '共 2 条记录' }).waitFor();
    const lines = await uses.locator('[data-test=seal-uses-table] tbody tr').allTextContents();
    expect(lines[0]).to.contain('授权变更：增加 analyst').and.contain('admin');
    expect(lines[1]).to.contain('启用').and.contain('admin');
    await dialogsSettled(page);
    await screenshot(page, 'seals-uses');
    await uses.locator('[data-test=seal-uses-close]').click();
    await uses.waitFor({ state: 'hidden' });

    // English: deactivated after a confirmation, with a reason
    await language(page, 'English');
    expect(await page.locator('h1').textContent()).to.equal('Electronic seals');
    await row.locator('.el-tag', { hasText: 'Active' }).waitFor();
    const taxName = departments.find((d) => d.code === 'tax')!;
    expect(taxName).to.not.equal(undefined);
    await row.locator('[data-test=seal-deactivate]').click();
    const messageBox = page.locator('.el-message-box');
    await messageBox.waitFor();
    expect(await messageBox.textContent()).to.contain(`Deactivate "${name}"`);
    await messageBox.locator('input').fill('browser test over');
    await screenshot(page, 'seals-deactivate-en');
    await messageBox.getByRole('button', { name: 'Deactivate' }).click();
    await messageBox.waitFor({ state: 'hidden' });
    await page.locator('.el-message', { hasText: `"${name}" deactivated` }).waitFor();
    await row.locator('[data-active=false]', { hasText: 'Deactivated' }).waitFor();
    expect(await row.locator('[data-test=seal-deactivate]').count()).to.equal(0);
    expect(await row.locator('[data-test=seal-change-users]').count()).to.equal(0);
    expect((await listSeals()).find((s) => s.id === created.id)!.active).to.equal(false);

    await row.locator('[data-test=seal-uses]').click();
    await uses.locator('[data-test=seal-uses-total]', { hasText: '3 entries' }).waitFor();
    expect(await uses.locator('[data-test=seal-uses-table] tbody tr').first().textContent()).to.contain('停用：browser test over');
    await dialogsSettled(page);
    await screenshot(page, 'seals-uses-en');
    await uses.locator('[data-test=seal-uses-close]').click();
    await uses.waitFor({ state: 'hidden' });
    await screenshot(page, 'seals-en');
  });

  it('fits a phone: the list, the registration and the use log', async () => {
    const { page } = await open(PHONE);
    await signIn(page, 'admin');
    await page.goto('/seals');
    const first = page.locator('[data-test=seals-table] tr.seal-row').first();
    await first.locator('img[data-test=seal-image]').waitFor();
    expect(await horizontalOverflow(page)).to.equal(0);
    // one column on a phone: the buttons in sight without scrolling the table sideways
    const uses = (await first.locator('[data-test=seal-uses]').boundingBox())!;
    expect(uses.x + uses.width).to.be.at.most(PHONE.width);
    await screenshot(page, 'seals-phone');

    await page.locator('[data-test=seal-register]').click();
    await page.locator('[data-test=seal-register-dialog]').waitFor();
    await dialogsSettled(page);
    expect(await horizontalOverflow(page)).to.equal(0);
    await screenshot(page, 'seals-register-phone');
    await page.locator('[data-test=seal-register-dialog]').getByRole('button', { name: '取消' }).click();
    await dialogsSettled(page);

    await first.locator('[data-test=seal-uses]').click();
    await page.locator('[data-test=seal-uses-dialog] [data-test=seal-uses-total]').waitFor();
    await dialogsSettled(page);
    expect(await horizontalOverflow(page)).to.equal(0);
    await screenshot(page, 'seals-uses-phone');
  });
});
