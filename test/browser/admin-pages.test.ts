import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { api, auth } from '../support/api.ts';
import { ELicense } from '../../server/e-licenses/e-license.model.ts';
import { browserSuite, horizontalOverflow, PHONE, screenshot, signIn } from './support/browser.ts';
import { pickOption } from './support/select.js';
import { box } from './support/fields.ts';
import { language } from './support/language.ts';

/** 张三, the demo applicant (server/auth/demo-accounts.ts) */
const ID = '430102199003071234';
const ID_MASKED = '4301**********1234';
/** a day of a year the official calendar does not know yet: no running case counts it */
const DAY = '2030-04-16';

/** A day and time in Asia/Shanghai as the date pickers take it (YYYY-MM-DD HH:mm). */
function shanghai(at: Date): string {
  return new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
}

/** Waits until Element Plus's dialogs have finished fading in or out (for a screenshot of what a person sees). */
const dialogsSettled = (page: Page) => page.locator('.dialog-fade-enter-active, .dialog-fade-leave-active').waitFor({ state: 'detached' });

/** Confirms Element Plus's message box with the button of that name. */
async function confirm(page: Page, button: string): Promise<void> {
  const messageBox = page.locator('.el-message-box');
  await messageBox.waitFor();
  await messageBox.getByRole('button', { name: button }).click();
  await messageBox.waitFor({ state: 'hidden' });
}

describe('工作日历, 电子证照库 and 外出代理 in a browser (chromium)', function () {
  this.timeout(240_000);
  const { open } = browserSuite();

  it('the system administrator declares a holiday and removes it (zh-CN), and reads the calendar in English', async () => {
    const admin = await auth('admin');
    // left over by an interrupted run, or none (404)
    await api().delete(`/api/v1/calendar/overrides/${DAY}`).set(admin);

    const { page } = await open();
    await signIn(page, 'admin');
    await page.locator('[data-test=nav-calendar]').click();
    await page.waitForURL('**/calendar');
    expect(await page.locator('h1').textContent()).to.equal('工作日历');
    // this year's official calendar
    const holidays = page.locator('[data-test=calendar-holidays]');
    await holidays.locator('tbody tr', { hasText: '春节' }).waitFor();
    expect(await holidays.locator('tbody tr', { hasText: '春节' }).textContent()).to.contain('国家安排');
    expect(await page.locator('[data-test=calendar-workdays] tbody tr').count()).to.be.greaterThan(0);
    await screenshot(page, 'calendar-year');

    // a name is required: said at the field before anything is sent
    const form = page.locator('[data-test=override-form]');
    await form.locator('#override-day').fill(DAY);
    await form.locator('#override-day').press('Enter');
    await box(form, 'override-name').fill('   ');
    await page.locator('[data-test=override-save]').click();
    await form.locator('.el-form-item__error', { hasText: '名称：不能为空' }).waitFor();

    await box(form, 'override-name').fill('浏览器测试假日');
    await form.locator('.el-form-item__error').waitFor({ state: 'detached' });
    await page.locator('[data-test=override-save]').click();
    await page.locator('.el-message', { hasText: '已设为放假日：浏览器测试假日' }).waitFor();
    // the page moves to the day's year: not officially known yet, the platform's day marked as its own
    await page.locator('[data-test=calendar-provisional]', { hasText: '2030 年的国家放假安排尚未公布' }).waitFor();
    const override = page.locator('[data-test=calendar-overrides] tbody tr', { hasText: '浏览器测试假日' });
    await override.waitFor();
    expect(await override.textContent())
      .to.contain('4月16日')
      .and.contain('放假')
      .and.contain('全部地区');
    expect(await holidays.locator('tbody tr', { hasText: '浏览器测试假日' }).locator('[data-test=platform-mark]').textContent()).to.equal('本平台调整');
    const year = await api().get('/api/v1/calendar/2030');
    expect(year.body.holidays).to.deep.include({ day: DAY, workday: false, reason: 'override', name: '浏览器测试假日', provisional: true });
    await screenshot(page, 'calendar-declared');

    // removed after a confirmation
    await override.locator('[data-test=override-remove]').click();
    await confirm(page, '确定');
    await page.locator('.el-message', { hasText: '已撤销' }).waitFor();
    await override.waitFor({ state: 'detached' });
    expect((await api().get('/api/v1/calendar/2030')).body.holidays.map((d: { day: string }) => d.day)).not.to.include(DAY);

    // English: the official names too
    await language(page, 'English');
    expect(await page.locator('h1').textContent()).to.equal('Working calendar');
    const yearInput = box(page, 'calendar-year');
    await yearInput.fill('2026');
    await yearInput.press('Enter');
    // the number input takes its value on change: leave it, as a person tabs on
    await yearInput.blur();
    // 2026 is published: one Spring Festival period of nine days (a derived year has its 补假 rows too)
    await holidays.locator('tbody tr', { hasText: 'Spring Festival' }).filter({ hasText: '9 days' }).waitFor();
    expect(await holidays.locator('tbody tr', { hasText: 'Spring Festival' }).first().textContent())
      .to.contain('9 days')
      .and.contain('Official');
    expect(await page.locator('[data-test=calendar-overrides]').textContent()).to.contain('No adjustments this year');
    await screenshot(page, 'calendar-en');
  });

  it('the system administrator imports a year’s arrangement: a bad line said per line and nothing written, a dry run, the import, then undone (zh-CN, then English)', async () => {
    const admin = await auth('admin');
    // a year nobody has published: left over by an interrupted run, or none (404)
    await api().delete('/api/v1/calendar/arrangements/2031').set(admin);
    const { page } = await open();
    await signIn(page, 'admin');
    await page.goto('/calendar');
    const yearInput = box(page, 'calendar-year');
    await yearInput.fill('2031');
    await yearInput.press('Enter');
    await yearInput.blur();
    await page.locator('[data-test=calendar-source]', { hasText: '推定（法定节假日）' }).waitFor();

    const card = page.locator('[data-test=arrangement-import]');
    await card.locator('h2', { hasText: '2031' }).waitFor();
    const text = box(card, 'arrangement-text');
    await text.fill(['日期,类型,名称', '2031-01-01,放假,元旦', '2031-02-30,放假,春节', '2031-01-26,上班,春节'].join('\n'));
    await card.locator('[data-test=arrangement-check]').click();
    await card.locator('[data-test=arrangement-problems]', { hasText: '共 1 行有问题，未写入任何内容' }).waitFor();
    const lines = card.locator('[data-test=arrangement-lines] tbody tr');
    expect(await lines.nth(1).textContent()).to.contain('2031-02-30');
    expect(await card.locator('[data-test=arrangement-apply]').isDisabled(), 'nothing to import while a line is wrong').to.equal(true);
    const untouched = await api().get('/api/v1/calendar/arrangements/2031').set(admin);
    expect(untouched.body, 'nothing written').to.deep.include({ source: 'statutory', days: [] });

    await text.fill(['日期,类型,名称', '2031-01-01,放假,元旦', '2031-01-22,放假,春节', '2031-01-23,放假,春节', '2031-01-26,上班,春节'].join('\n'));
    await card.locator('[data-test=arrangement-check]').click();
    await card.locator('[data-test=arrangement-dry-run]', { hasText: '试运行' }).waitFor();
    expect(await card.locator('[data-test=arrangement-changes] tbody tr').count()).to.be.greaterThan(0);
    await card.locator('[data-test=arrangement-apply]').click();
    await confirm(page, '确定');
    await page.locator('.el-message', { hasText: '2031 年的安排已导入' }).waitFor();
    await page.locator('[data-test=calendar-source]', { hasText: '管理员导入的国务院安排' }).waitFor();
    const year = await api().get('/api/v1/calendar/2031');
    expect(year.body.holidays).to.deep.include({ day: '2031-01-22', workday: false, reason: 'holiday', name: '春节', source: 'imported', provisional: false });
    await screenshot(page, 'calendar-imported');

    // English: undone, the year estimated again
    await language(page, 'English');
    await card.locator('[data-test=arrangement-remove]').click();
    await confirm(page, 'Confirm');
    await page.locator('[data-test=calendar-source]', { hasText: 'Estimated (statutory holidays)' }).waitFor();
    await text.fill('2031-13-01,holiday,New Year');
    await card.locator('[data-test=arrangement-check]').click();
    await card.locator('[data-test=arrangement-lines] tbody tr', { hasText: '2031-13-01' }).waitFor();
    await card.locator('[data-test=arrangement-problems]', { hasText: 'Lines with problems: 1; nothing was written' }).waitFor();
    expect((await api().get('/api/v1/calendar/arrangements/2031').set(admin)).body).to.deep.include({ source: 'statutory', days: [] });
  });

  it('the system administrator finds 张三’s licences by ID number and revokes one, with a reason and a confirmation', async () => {
    const number = `BROWSER-FB-${Date.now()}`;
    const license = await ELicense.create({
      type: 'food-business-license',
      number,
      name: '食品经营许可证',
      holderIdNo: ID,
      holderName: '张三',
      data: { businessName: '张三小吃店' },
      validFrom: new Date('2025-01-01T00:00:00+08:00'),
      validUntil: new Date('2030-01-01T00:00:00+08:00'),
    });

    const { page } = await open();
    // 个人信息: the ID number never in a URL
    const urls: string[] = [];
    page.on('request', (r) => urls.push(r.url()));
    await signIn(page, 'admin');
    await page.locator('[data-test=nav-e-licenses]').click();
    await page.waitForURL('**/e-licenses');
    expect(await page.locator('h1').textContent()).to.equal('电子证照库');

    await box(page, 'elicense-holder').fill(ID);
    await pickOption(page, page.locator('[data-test=elicense-status]'), '有效');
    await page.locator('[data-test=elicense-search]').click();
    const row = page.locator('[data-test=elicenses-table] tbody tr', { hasText: number });
    await row.waitFor();
    expect(await row.textContent())
      .to.contain('食品经营许可证')
      .and.contain('张三')
      .and.contain(ID_MASKED)
      .and.contain('2025/01/01 至 2030/01/01');
    expect(await row.locator('[data-status]').getAttribute('data-status')).to.equal('in_force');
    const table = (await page.locator('[data-test=elicenses-table]').textContent())!;
    expect(table).not.to.contain(ID);
    // only 张三's: every row is theirs
    const holders = await page.locator('[data-test=elicenses-table] tbody tr').allTextContents();
    expect(holders.every((text) => text.includes(ID_MASKED))).to.equal(true);
    await screenshot(page, 'e-licenses-found');

    // a reason of one character is refused at the field before anything is sent
    await row.locator(`[data-test=revoke-${license.id}]`).click();
    const dialog = page.locator('[data-test=revoke-dialog]');
    await box(dialog, 'revoke-reason').fill('错');
    await dialog.locator('[data-test=revoke-submit]').click();
    await dialog.locator('.el-form-item__error', { hasText: '注销原因：不应少于 2 个字符' }).waitFor();
    await box(dialog, 'revoke-reason').fill('许可被依法撤销（浏览器测试）');
    await dialog.locator('.el-form-item__error').waitFor({ state: 'detached' });
    await dialogsSettled(page);
    await screenshot(page, 'e-licenses-revoke');
    await dialog.locator('[data-test=revoke-submit]').click();
    await confirm(page, '确定注销');
    await page.locator('.el-message', { hasText: `已注销“食品经营许可证”（编号 ${number}）` }).waitFor();

    // the list is searched again with the same filter: the licence is no longer in force
    await row.waitFor({ state: 'detached' });
    await license.reload();
    expect(license.revokedAt).to.be.instanceOf(Date);
    expect(license.revokedReason).to.equal('许可被依法撤销（浏览器测试）');
    expect(license.revokedBy).to.equal('admin');

    await pickOption(page, page.locator('[data-test=elicense-status]'), '已注销');
    await page.locator('[data-test=elicense-search]').click();
    await row.locator('[data-status=revoked]').waitFor();
    expect(await row.textContent())
      .to.contain('已注销')
      .and.contain('由 admin 注销：许可被依法撤销（浏览器测试）');
    expect(await row.locator(`[data-test=revoke-${license.id}]`).count()).to.equal(0);

    // English
    await language(page, 'English');
    expect(await page.locator('h1').textContent()).to.equal('E-licence registry');
    await row.locator('[data-status=revoked]', { hasText: 'Revoked' }).waitFor();
    expect(await row.textContent())
      .to.contain('Food business licence')
      .and.contain('by admin: 许可被依法撤销（浏览器测试）');
    await screenshot(page, 'e-licenses-en');
    expect(urls.filter((u) => u.includes(ID))).to.deep.equal([]);
  });

  it('a reviewer names reviewer4 as deputy and ends it (zh-CN, then English)', async () => {
    const reviewer = await auth('reviewer');
    expect((await api().delete('/api/v1/me/deputy').set(reviewer)).status).to.equal(200);

    const { page } = await open();
    await signIn(page, 'reviewer');
    await page.locator('[data-test=deputy]').click();
    const dialog = page.locator('[data-test=deputy-dialog]');
    await dialog.locator('[data-test=deputy-none]', { hasText: '未设置外出代理' }).waitFor();

    // nothing chosen: said at the fields, nothing sent
    await dialog.locator('[data-test=deputy-save]').click();
    for (const problem of ['代理人：为必填项', '结束时间：为必填项', '事由：不能为空']) {
      await dialog.locator('.el-form-item__error', { hasText: problem }).waitFor();
    }

    // only colleagues of the department in the reviewer's role
    await dialog.locator('[data-test=deputy-person]').click();
    const options = page.locator('.deputy-picker__popper .el-select-dropdown__item');
    await options.first().waitFor();
    const offered = await options.evaluateAll((items) => items.map((i) => i.getAttribute('data-username')));
    expect(offered).to.include('reviewer4').and.not.include.members(['reviewer', 'leader', 'reviewer2']);
    await page.locator('.deputy-picker__popper .el-select-dropdown__item[data-username=reviewer4]').click();

    // an end before the start is refused at the field (the period's rule, once the fields are filled in: as the server checks)
    await box(dialog, 'deputy-reason').fill('年休假');
    const ends = dialog.locator('#deputy-ends');
    await ends.fill(shanghai(new Date(Date.now() - 3 * 24 * 3600_000)));
    await ends.press('Enter');
    await dialog.locator('.el-form-item__error', { hasText: '结束时间：应晚于开始时间' }).waitFor();
    await ends.fill(shanghai(new Date(Date.now() + 7 * 24 * 3600_000)));
    await ends.press('Enter');
    await box(dialog, 'deputy-reason').fill('年休假');
    await dialog.locator('.el-form-item__error').first().waitFor({ state: 'detached' });
    await dialog.locator('[data-test=deputy-save]').click();
    await page.locator('.el-message', { hasText: '已指定 市场监管局审核员（二） 为您的代理人' }).waitFor();
    const current = dialog.locator('[data-test=deputy-current]');
    await current.waitFor();
    expect(await current.textContent())
      .to.contain('市场监管局审核员（二）（reviewer4）')
      .and.contain('代理中')
      .and.contain('年休假');
    await dialogsSettled(page);
    await screenshot(page, 'deputy-set');
    const standing = await api()
      .get('/api/v1/me/deputy')
      .set(await auth('reviewer4'));
    expect(standing.body.standingInFor).to.deep.include({ username: 'reviewer', displayName: '市场监管局审核员' });

    // English: the header is behind the dialog, so close it first
    await dialog.getByRole('button', { name: '关闭', exact: true }).click();
    await dialog.waitFor({ state: 'hidden' });
    await language(page, 'English');
    await page.locator('[data-test=deputy]', { hasText: 'Out of office' }).click();
    await current.locator('.el-tag', { hasText: 'In effect' }).waitFor();
    await dialogsSettled(page);
    await screenshot(page, 'deputy-en');
    await current.locator('[data-test=deputy-end]').click();
    await confirm(page, 'Confirm');
    await page.locator('.el-message', { hasText: 'Out of office ended' }).waitFor();
    await dialog.locator('[data-test=deputy-none]', { hasText: 'No deputy set' }).waitFor();
    expect((await api().get('/api/v1/me/deputy').set(reviewer)).body.deputy).to.equal(null);
  });

  it('fits a phone: the calendar, the registry and the deputy dialog', async () => {
    const { page } = await open(PHONE);
    await signIn(page, 'admin');
    await page.goto('/calendar');
    await page.locator('[data-test=calendar-holidays] tbody tr').first().waitFor();
    expect(await horizontalOverflow(page)).to.equal(0);
    await screenshot(page, 'calendar-phone');
    await page.goto('/e-licenses');
    await page.locator('[data-test=elicenses-table] tbody tr').first().waitFor();
    expect(await horizontalOverflow(page)).to.equal(0);
    // one column on a phone: the revoke button in sight without scrolling the table sideways
    const revoke = (await page.locator('[data-test=elicenses-table] [data-test^=revoke-]').first().boundingBox())!;
    expect(revoke.x + revoke.width).to.be.at.most(PHONE.width);
    await screenshot(page, 'e-licenses-phone');

    const { page: reviewerPage } = await open(PHONE);
    await signIn(reviewerPage, 'reviewer');
    await reviewerPage.locator('[data-test=deputy]').click();
    await reviewerPage.locator('[data-test=deputy-none], [data-test=deputy-current]').first().waitFor();
    expect(await horizontalOverflow(reviewerPage)).to.equal(0);
    await dialogsSettled(reviewerPage);
    await screenshot(reviewerPage, 'deputy-phone');
    // the administrator's pages are not the reviewer's: sent home
    await reviewerPage.goto('/calendar');
    await reviewerPage.waitForURL((url) => !url.pathname.startsWith('/calendar'));
    expect(await reviewerPage.locator('[data-test=nav-calendar], [data-test=nav-e-licenses]').count()).to.equal(0);
  });
});
