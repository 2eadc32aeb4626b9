import { expect } from 'chai';
import { api, applicant, auth, completeMaterials, ITEM, submit, validForm, waitForStatus } from '../support/api.ts';
import { samplePdf, samplePng } from '../support/files.ts';
import { Case } from '../../server/cases/case.model.ts';
import { User } from '../../server/auth/user.model.ts';
import { hashPassword } from '../../server/auth/passwords.ts';
import { browserSuite, screenshot, signIn } from './support/browser.ts';
import { pickOption } from './support/select.js';
import { language } from './support/language.ts';

describe('个人信息 and 三员分立 in a browser (chromium)', function () {
  this.timeout(240_000);
  const { open } = browserSuite();

  it('an applicant applies online with what the platform holds, shown masked, and the case keeps the whole values', async () => {
    // an earlier case at the window gives the platform 张三's form values
    const earlier = await submit('clerk', { itemCode: ITEM, applicant: applicant(), form: validForm(), materials: await completeMaterials('clerk') });
    expect(earlier.status).to.equal(201);
    await waitForStatus('clerk', earlier.body.caseNo, 'accepted');

    const { page } = await open();
    await signIn(page, 'applicant', '/my', null);
    await page.goto(`/apply/${ITEM}`);
    await page.locator('[data-test=masked-hint]').waitFor();
    expect(await page.locator('.apply').textContent()).to.contain('张三 · 4301**********1234');
    expect(await page.locator('#apply-operatorIdNo').inputValue()).to.equal('4301**********1234');
    expect(await page.locator('#apply-operatorPhone').inputValue()).to.equal('138****8000');
    expect(await page.content(), 'no whole ID number anywhere in the page').not.to.contain('430102199003071234');
    await page.locator('[data-test=applicant-phone]').fill('13800138000');
    const item = (await api().get(`/api/v1/items/${ITEM}`)).body as {
      materials: { code: string; formats: string[]; required: boolean; applicationForm?: boolean }[];
    };
    // the application form is generated from the form (一表申请), never uploaded
    for (const m of item.materials.filter((x) => x.required && !x.applicationForm)) {
      const file = m.formats.includes('pdf')
        ? { name: `${m.code}.pdf`, mimeType: 'application/pdf', buffer: samplePdf(m.code) }
        : { name: `${m.code}.png`, mimeType: 'image/png', buffer: samplePng() };
      await page.locator(`[data-test=upload-${m.code}]`).setInputFiles(file);
      await page.locator(`li[data-material="${m.code}"] .given`).waitFor();
    }
    await screenshot(page, 'personal-data-apply');
    await page.locator('[data-test=submit]').click();
    await page.waitForURL('**/my/cases/*');
    const caseNo = page.url().split('/').pop()!;
    const stored = (await Case.findOne({ where: { caseNo } }))!;
    expect(stored.applicantIdNo).to.equal('430102199003071234');
    expect(stored.form.operatorIdNo).to.equal('430102199003071234');
    expect(stored.form.operatorPhone).to.equal('13800138000');
  });

  it('the security administrator finds a locked account and unlocks it, and resets a second factor, in Chinese and in English', async () => {
    const username = `locked-${Date.now()}`;
    await User.create({
      username,
      displayName: '被锁定的审核员',
      roles: ['reviewer'],
      departmentCode: 'samr',
      idNo: null,
      phone: null,
      passwordHash: await hashPassword('Right-Pass-2026'),
    });
    for (let i = 0; i < 5; i++) await api().post('/api/v1/auth/login').set('X-Forwarded-For', '192.0.2.77').send({ username, password: 'Wrong-Pass-1' });

    const { page } = await open();
    await signIn(page, 'security', '/', null);
    await page.locator('[data-test=nav-security]').click();
    await page.waitForURL('**/security');
    expect(await page.locator('h1').textContent()).to.equal('账号安全');
    await page.locator('[data-test=security-locked-only]').click();
    const lock = page.locator(`[data-test=lock-${username}]`);
    await lock.waitFor();
    expect(await lock.textContent())
      .to.contain('5 次失败')
      .and.contain('192.0.2.77');
    await screenshot(page, 'security-locked');
    await page.locator(`[data-test=unlock-${username}]`).click();
    await page.locator('.el-message', { hasText: '已解锁 被锁定的审核员' }).waitFor();
    await lock.waitFor({ state: 'detached' });
    expect((await api().post('/api/v1/auth/login').send({ username, password: 'Right-Pass-2026' })).status).to.equal(200);

    // English: the analyst lost their phone
    await language(page, 'English');
    expect(await page.locator('h1').textContent()).to.equal('Account security');
    await page.locator('[data-test=security-locked-only]').click();
    await page.locator('[data-test=security-search]').fill('analyst');
    await page.locator('[data-test=security-search]').press('Enter');
    await page.locator('[data-test=reset-analyst]').click();
    await page.getByRole('button', { name: 'Confirm' }).click();
    await page.locator('.el-message', { hasText: 'second factor reset' }).waitFor();
    const res = await api()
      .get('/api/v1/admin/accounts')
      .query({ q: 'analyst' })
      .set(await auth('security'));
    expect(res.body.accounts.find((a: { username: string }) => a.username === 'analyst').secondFactor).to.include({ enrolled: false, required: true });
    await screenshot(page, 'security-reset-en');
  });

  it('the security administrator creates an account, sees its temporary password once, and deactivates it (zh-CN, then English)', async () => {
    const username = `pw-${Date.now().toString(36)}`;
    const { page } = await open();
    await signIn(page, 'security', '/', null);
    await page.goto('/security');
    await page.locator('[data-test=account-new]').click();
    const form = page.locator('[data-test=account-form]');
    await form.locator('[data-test=account-username]').fill(username);
    await form.locator('[data-test=account-name]').fill('李新');
    // 三员分立: two administrator roles are refused, in the server's words at the field
    await form.locator('[data-test=role-admin]').click();
    await form.locator('[data-test=role-auditor]').click();
    await page.locator('[data-test=account-save]').click();
    await form.locator('.el-form-item__error', { hasText: '三员分立' }).waitFor();
    await form.locator('[data-test=role-admin]').click();
    await form.locator('[data-test=role-auditor]').click();
    await form.locator('[data-test=role-clerk]').click();
    await pickOption(page, form.locator('[data-test=account-department]'), '政务服务中心');
    await page.locator('[data-test=account-save]').click();
    const shown = page.locator('[data-test=temporary-password]');
    await shown.waitFor();
    const password = (await shown.textContent())!.trim();
    expect(password).to.have.length(14);
    await screenshot(page, 'security-new-account');
    await page.locator('[data-test=temporary-close]').click();
    expect((await User.findOne({ where: { username } }))!.passwordMustChange).to.equal(true);

    await language(page, 'English');
    await page.locator('[data-test=security-search]').fill(username);
    await page.locator('[data-test=security-search]').press('Enter');
    await page.locator(`[data-test=edit-${username}]`).click();
    await page.locator('[data-test=account-active]').click();
    await page.locator('[data-test=account-save]').click();
    await page.locator('.el-message', { hasText: 'account saved' }).waitFor();
    expect((await User.findOne({ where: { username } }))!.active).to.equal(false);
  });

  it('an analyst marks a form field as personal data in the catalog editor', async () => {
    const { page } = await open();
    await signIn(page, 'analyst', '/modeling', null);
    await page.goto(`/modeling/items/${ITEM}`);
    const panel = page.locator('[data-test=personal-fields]');
    await panel.waitFor();
    expect(await panel.locator('[data-test=personal-operatorIdNo]').textContent()).to.contain('证件号码（按格式自动认定）');
    await pickOption(page, panel.locator('[data-test=personal-premisesAddress]'), '住址');
    expect(await page.locator('[data-test=field-formSchema] textarea').inputValue()).to.match(/"premisesAddress": \{[^}]*"x-personal": "address"/);
  });
});
