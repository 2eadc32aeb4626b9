import { expect } from 'chai';
import { api, auth } from '../support/api.ts';
import { browserSuite, horizontalOverflow, PHONE, screenshot, signIn } from './support/browser.ts';
import { pickOption } from './support/select.js';
import { language } from './support/language.ts';

describe('审计日志 in a browser (chromium): the audit administrator', function () {
  this.timeout(180_000);
  const { open } = browserSuite();

  it('finds an administrator’s calendar change, verifies the chain and exports the filtered trail, in Chinese and in English', async () => {
    const day = '2032-03-04';
    expect(
      (
        await api()
          .put(`/api/v1/calendar/overrides/${day}`)
          .set(await auth('admin'))
          .send({ kind: 'holiday', name: '浏览器审计测试' })
      ).status,
    ).to.equal(200);

    const { page } = await open();
    await signIn(page, 'auditor', '/', null);
    await page.locator('[data-test=nav-audit]').click();
    await page.waitForURL('**/audit');
    expect(await page.locator('h1').textContent()).to.equal('审计日志');
    await page.locator('[data-test=audit-table] tbody tr').first().waitFor();

    // only the calendar's changes
    await pickOption(page, page.locator('[data-test=audit-action]'), '工作日历');
    await page.locator('[data-test=audit-search]').click();
    const row = page.locator('[data-test=audit-table] tbody tr', { hasText: `calendar:*:${day}` });
    await row.waitFor();
    expect(await row.textContent())
      .to.contain('admin')
      .and.contain('工作日历 · 设置节假日/调休')
      .and.contain('calendar.override_set')
      .and.contain('浏览器审计测试')
      .and.contain('成功');
    expect(
      await page
        .locator('[data-test=audit-table] tbody tr [data-action]')
        .evaluateAll((spans) => spans.every((s) => s.getAttribute('data-action')!.startsWith('calendar.'))),
    ).to.equal(true);

    // the chain verifies, and the database refuses changes
    await page.locator('[data-test=audit-verify]').click();
    const verdict = page.locator('[data-test=audit-verification]');
    await verdict.waitFor();
    expect(await verdict.textContent())
      .to.contain('校验通过')
      .and.contain('数据库已禁止修改和删除审计记录');
    await screenshot(page, 'audit-verified');

    // export what the filter finds
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-test=audit-export]').click()]);
    expect(download.suggestedFilename()).to.match(/^audit-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = await (await download.createReadStream()).toArray();
    const text = Buffer.concat(csv as Buffer[]).toString('utf8');
    expect(text).to.contain(`calendar:*:${day}`).and.not.contain('seal.managed');

    // English
    await language(page, 'English');
    await page.locator('h1', { hasText: 'Audit trail' }).waitFor();
    await page.locator('[data-test=audit-verify]').click();
    await page.locator('[data-test=audit-verification]', { hasText: 'Verified: the chain of' }).waitFor();
    expect(await page.locator('[data-test=audit-table]').textContent()).to.contain('Working calendar · Holiday or make-up day set');
  });

  it('shows and filters the exports of the supervision figures, in Chinese and in English', async () => {
    const exported = await api()
      .get('/api/v1/supervision/indicators')
      .query({ from: '2032-01-01', to: '2032-01-31', format: 'csv' })
      .set(await auth('supervisor'));
    expect(exported.status).to.equal(200);

    const { page } = await open();
    await signIn(page, 'auditor', '/', null);
    await page.goto('/audit');
    await page.locator('[data-test=audit-table] tbody tr').first().waitFor();
    await pickOption(page, page.locator('[data-test=audit-action]'), '监管数据导出');
    await page.locator('[data-test=audit-search]').click();
    const row = page.locator('[data-test=audit-table] tbody tr', { hasText: 'supervision:indicators' }).first();
    await row.waitFor();
    expect(await row.textContent())
      .to.contain('supervisor')
      .and.contain('监管数据导出 · 导出监管数据')
      .and.contain('2032-01-31')
      .and.contain('"format":"csv"');
    expect(
      await page
        .locator('[data-test=audit-table] tbody tr [data-action]')
        .evaluateAll((spans) => spans.every((s) => s.getAttribute('data-action') === 'supervision.exported')),
    ).to.equal(true);
    await screenshot(page, 'audit-supervision-exports');

    await language(page, 'English');
    await page.locator('h1', { hasText: 'Audit trail' }).waitFor();
    await page.locator('[data-test=audit-table]', { hasText: 'Supervision exports · Supervision data exported' }).waitFor();
    // the filter offers every domain the trail records, by name
    await page.locator('[data-test=audit-action]').click();
    for (const name of ['Deployments', 'E-licence management', 'Seal management', 'Operations', 'Supervision exports'])
      expect(await page.getByRole('option', { name, exact: true }).count(), name).to.equal(1);
    await screenshot(page, 'audit-supervision-exports-en');
  });

  it('fits a phone, and leaves the audit administrator no other page', async () => {
    const { page } = await open(PHONE);
    await signIn(page, 'auditor', '/', null);
    await page.goto('/audit');
    await page.locator('[data-test=audit-page]').waitFor();
    expect(await horizontalOverflow(page)).to.equal(0);
    expect(await page.locator('[data-test=nav-modeling], [data-test=nav-window], [data-test=nav-problems]').count()).to.equal(0);
    // the inbox is not theirs: sent home
    await page.goto('/inbox');
    await page.waitForURL((url) => !url.pathname.startsWith('/inbox'));
  });
});
