import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { api, auth, ITEM, waitForStatus } from '../support/api.ts';
import { approvedCase } from '../support/delivery.ts';
import { eventually } from '../support/eventually.ts';
import { testEnv } from '../support/environment.ts';
import { projection } from '../../server/supervision/index.ts';
import { shanghaiDay } from '../../server/calendar/index.ts';
import { audit, describeViolations } from './support/accessibility.ts';
import { browserSuite, horizontalOverflow, PHONE, screenshot, signIn } from './support/browser.ts';
import { language } from './support/language.ts';

/**
 * 监管驾驶舱 in chromium: the 数据局's supervisor sees every department's tiles with the API's
 * figures, in Chinese and English, and a figure opens the cases behind it; a department's leader
 * sees their department only, on a phone, and goes from a ranking's figure to a case's page.
 */

const TILES = ['online_application_rate', 'once_rate', 'overdue_rate', 'satisfaction_rate', 'bad_rectified_rate', 'materials_exempted_rate'];
type Figure = { code: string; value: number | null; name: string };

/** The figures of the dashboard's default period (the last 30 days) as the API gives them. */
async function apiFigures(user: string): Promise<Figure[]> {
  const to = shanghaiDay(new Date());
  const from = new Date(Date.parse(`${to}T00:00:00Z`) - 29 * 86_400_000).toISOString().slice(0, 10);
  const res = await api()
    .get('/api/v1/supervision/indicators')
    .query({ from, to })
    .set(await auth(user));
  expect(res.status, JSON.stringify(res.body)).to.equal(200);
  return res.body.totals.indicators as Figure[];
}

/** Each tile's value is the API's figure. */
async function expectTilesOf(page: Page, user: string) {
  const figures = await apiFigures(user);
  for (const code of TILES) {
    const tile = page.locator(`[data-test=tile-${code}]`);
    const figure = figures.find((f) => f.code === code)!;
    expect(await tile.getAttribute('data-value'), code).to.equal(figure.value === null ? '' : String(figure.value));
  }
}

const scriptsLoaded = (page: Page) =>
  page.evaluate(() =>
    (performance as unknown as { getEntriesByType(t: string): { name: string }[] })
      .getEntriesByType('resource')
      .map((e) => new URL(e.name).pathname)
      .filter((p) => p.endsWith('.js')),
  );

describe('监管驾驶舱 in a browser (chromium)', function () {
  this.timeout(240_000);
  const { open } = browserSuite();
  let caseNo: string;

  before(async () => {
    // an online case, closed and badly rated: counted by 网上申办率, and a 差评
    caseNo = await approvedCase();
    await waitForStatus('applicant', caseNo, 'delivered');
    const rated = await api()
      .post(`/api/v1/cases/${caseNo}/rating`)
      .set(await auth('applicant'))
      .send({ level: 1, reasons: ['slow'] });
    expect(rated.status, JSON.stringify(rated.body)).to.equal(201);
    const live = projection(testEnv().server.ctx);
    await eventually('the read model to count the rating', async () => {
      await live.round();
      const bad = await api()
        .get('/api/v1/supervision/cases')
        .query({ measure: 'bad', pageSize: '200' })
        .set(await auth('supervisor'));
      return (bad.body.cases as { caseNo: string }[]).some((c) => c.caseNo === caseNo);
    });
  });

  it('the 数据局 sees every department: tiles equal to the API, in English too, and a figure opens its cases', async () => {
    const { page } = await open();
    await signIn(page, 'supervisor');
    // the inbox loads no chart library; the dashboard does
    expect((await scriptsLoaded(page)).filter((p) => p.includes('/charts-'))).to.deep.equal([]);
    await page.locator('[data-test=nav-supervision]').click();
    await page.waitForURL('**/supervision');
    await page.locator('[data-test=tile-online_application_rate]').waitFor();
    await page.locator('[data-test=ranking-table] tr[data-group="samr"]').waitFor();
    expect((await scriptsLoaded(page)).some((p) => p.includes('/charts-'))).to.equal(true);
    await expectTilesOf(page, 'supervisor');
    expect(await page.locator('[data-test=tile-online_application_rate] .tile__name').textContent()).to.equal('网上申办率');
    // 全程网办率 of the catalog opens the items by their depth (the fire inspection at level 3)
    expect(await page.locator('[data-test=tile-fully-online] .tile__name').textContent()).to.equal('全程网办率');
    await page.locator('[data-test=tile-fully-online]').click();
    await page.locator('[data-test=online-depth] tr[data-item="XF-JC-001"]').waitFor();
    await page.keyboard.press('Escape');
    await page.locator('[data-test=online-depth] tr[data-item="XF-JC-001"]').waitFor({ state: 'hidden' });
    // the 数据局 filters by department
    await page.locator('[data-test=filter-department]').waitFor();
    await page.waitForLoadState('networkidle');
    const violations = await audit(page, 'supervision-desktop');
    expect(violations, describeViolations([{ page: 'supervision', violations }])).to.deep.equal([]);
    await screenshot(page, 'supervision-dashboard');

    await language(page, 'English');
    await page.locator('[data-test=tile-online_application_rate] .tile__name', { hasText: 'Online application rate' }).waitFor();
    await page.locator('[data-test=tile-once_rate] .tile__name', { hasText: 'Done-in-one-visit rate' }).waitFor();

    // 好差评分析: the levels, and 差评数 opens the bad ratings' cases (this one among them)
    await page.getByRole('tab', { name: 'Ratings analysis' }).click();
    await page.locator('[data-test=rating-levels] tr[data-level="1"]').waitFor();
    expect(Number(await page.locator('[data-test=rating-levels] tr[data-level="1"] [data-test=level-count]').textContent())).to.be.at.least(1);
    await page.waitForLoadState('networkidle');
    const ratingViolations = await audit(page, 'supervision-ratings-en');
    expect(ratingViolations, describeViolations([{ page: 'supervision-ratings', violations: ratingViolations }])).to.deep.equal([]);
    // the level's count opens its rated cases, with the reason in English
    await page.locator('[data-test=rating-levels] tr[data-level="1"] [data-test=level-count] button').click();
    const rated = page.getByRole('dialog').locator(`tr[data-case-no="${caseNo}"]`);
    await rated.waitFor();
    expect(await rated.textContent()).to.contain('It took too long');
    await screenshot(page, 'supervision-rated-cases-en');
    await page.keyboard.press('Escape');
    await rated.waitFor({ state: 'hidden' });
    await page.locator('[data-test=rating-analysis] [data-test=tile-bad_ratings]').click();
    const dialog = page.getByRole('dialog');
    await dialog.locator(`tr[data-case-no="${caseNo}"]`).waitFor();
    expect(await dialog.locator('[data-test=drill-formula]').textContent()).to.contain('Bad ratings');
    await screenshot(page, 'supervision-drill-down-en');
    // the 数据局 opens the case behind the figure (统一监管: every department's cases, read only)
    await dialog.locator(`tr[data-case-no="${caseNo}"] a`).click();
    await page.waitForURL(`**/cases/${caseNo}`);
    await page.getByText(caseNo).first().waitFor();
  });

  it("a department's leader sees their department only, on a phone, and goes from a ranked item's figure to a case", async () => {
    const { page } = await open(PHONE);
    await signIn(page, 'leader');
    await page.goto('/supervision');
    await page.locator('[data-test=tile-online_application_rate]').waitFor();
    const row = page.locator(`[data-test=ranking-table] tr[data-group="${ITEM}"]`);
    await row.waitFor();
    expect(await page.locator('[data-test=filter-department]').count()).to.equal(0);
    await expectTilesOf(page, 'leader');
    // the items ranked are the market regulator's own
    const items = (await api().get('/api/v1/items')).body.items as { code: string; name: string; departmentCode: string }[];
    const ranked = await page.locator('[data-test=ranking-table] tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-group')));
    expect(ranked.length).to.be.above(0);
    for (const code of ranked) expect(items.find((i) => i.code === code)?.departmentCode, String(code)).to.equal('samr');
    expect(await horizontalOverflow(page)).to.equal(0);
    await page.waitForLoadState('networkidle');
    const violations = await audit(page, 'supervision-phone');
    expect(violations, describeViolations([{ page: 'supervision-phone', violations }])).to.deep.equal([]);
    await screenshot(page, 'supervision-leader-phone');

    // the grouping exported as the page shows it: the items, as CSV
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-test=ranking] [data-test=export-csv]').click()]);
    expect(download.suggestedFilename()).to.match(/^indicators-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}-item\.csv$/);
    const csv = readFileSync(await download.path(), 'utf8');
    expect(csv.split('\r\n')[0]).to.contain('事项').and.contain('网上申办率');
    expect(csv).to.contain(items.find((i) => i.code === ITEM)!.name);

    await row.locator('[data-test=ranking-value]').click();
    const dialog = page.getByRole('dialog');
    await dialog.locator(`tr[data-case-no="${caseNo}"] a`).click();
    await page.waitForURL(`**/cases/${caseNo}`);
    await page.locator('[data-test=case-no]', { hasText: caseNo }).waitFor();
  });
  it("按人员: a department's leader sees each of their people's work, opens a reviewer's tasks to the case, and reads it in English", async () => {
    const { page } = await open();
    await signIn(page, 'leader');
    await page.goto('/supervision?tab=staff');
    const reviewer = page.locator('[data-test=staff-table] tr[data-username="reviewer"]');
    await reviewer.waitFor();
    // the figures are the API's, the department's people only
    const to = shanghaiDay(new Date());
    const from = new Date(Date.parse(`${to}T00:00:00Z`) - 29 * 86_400_000).toISOString().slice(0, 10);
    const res = await api()
      .get('/api/v1/supervision/staff')
      .query({ from, to })
      .set(await auth('leader'));
    const row = (res.body.staff as { username: string; counts: Record<string, number> }[]).find((r) => r.username === 'reviewer')!;
    expect(Number(await reviewer.locator('[data-code=tasks_done]').textContent())).to.equal(row.counts.tasks_done);
    const departments = await page.locator('[data-test=staff-table] tbody tr td:nth-of-type(1)').allTextContents();
    expect(new Set(departments)).to.deep.equal(new Set(['市场监督管理局']));
    await page.waitForLoadState('networkidle');
    const violations = await audit(page, 'supervision-staff');
    expect(violations, describeViolations([{ page: 'supervision-staff', violations }])).to.deep.equal([]);
    await screenshot(page, 'supervision-staff');
    // the count opens the reviewer's tasks, the rated case among them, and the case from there
    await reviewer.locator('[data-code=tasks_done] button').click();
    const dialog = page.getByRole('dialog');
    const task = dialog.locator(`tr[data-case-no="${caseNo}"]`);
    await task.waitFor();
    expect(await task.textContent())
      .to.contain('同意')
      .and.contain('按时');
    // in English: the dialog closed, the language changed, opened again
    await page.keyboard.press('Escape');
    await task.waitFor({ state: 'hidden' });
    await language(page, 'English');
    await page.getByRole('heading', { name: 'Work by staff' }).waitFor();
    await reviewer.locator('[data-code=tasks_done] button').click();
    await dialog.locator(`tr[data-case-no="${caseNo}"]`, { hasText: 'In time' }).waitFor();
    expect(await dialog.locator('.el-dialog__title').textContent()).to.contain('Steps completed by');
    await screenshot(page, 'supervision-staff-tasks-en');
    await task.locator('a').click();
    await page.waitForURL(`**/cases/${caseNo}`);
    await page.locator('[data-test=case-no]', { hasText: caseNo }).waitFor();
    await page.goBack();
    await page.getByRole('heading', { name: 'Work by staff' }).waitFor();
    expect(await page.locator('[data-test=staff-table] caption').textContent()).to.contain('people');
  });
  it('预警规则: the 数据局 changes a rule in the page (a percentage), a department leader reads the rules without changing them', async () => {
    const { page } = await open();
    await signIn(page, 'supervisor');
    await page.goto('/supervision?tab=rules');
    const overdue = page.locator('[data-test=rules-table] tr[data-indicator="overdue_rate"]');
    await overdue.waitFor();
    expect(await overdue.locator('[data-test=rule-threshold]').textContent()).to.equal('10%');
    await page.waitForLoadState('networkidle');
    const violations = await audit(page, 'supervision-rules');
    expect(violations, describeViolations([{ page: 'supervision-rules', violations }])).to.deep.equal([]);
    try {
      await overdue.locator('[data-test=rule-edit]').click();
      const form = page.locator('[data-test=rule-form]');
      await form.waitFor();
      await form.locator('[data-test=rule-threshold-input] input').fill('15');
      await page.locator('[data-test=rule-save]').click();
      await overdue.locator('[data-test=rule-threshold]', { hasText: '15%' }).waitFor();
      expect(await overdue.textContent()).to.contain('supervisor');
      const rules = await api()
        .get('/api/v1/supervision/monitoring-rules')
        .set(await auth('supervisor'));
      expect(rules.body.rules.find((r: { indicatorCode: string }) => r.indicatorCode === 'overdue_rate').rule.threshold).to.equal(0.15);
      await language(page, 'English');
      await page.getByRole('heading', { name: 'Alert rules' }).waitFor();
      await screenshot(page, 'supervision-rules-en');
      // a department's leader: the same rules, no way to change them
      const leader = (await open()).page;
      await signIn(leader, 'leader');
      await leader.goto('/supervision?tab=rules');
      await leader.locator('[data-test=rules-table] tr[data-indicator="overdue_rate"] [data-test=rule-threshold]', { hasText: '15%' }).waitFor();
      expect(await leader.locator('[data-test=rule-edit]').count()).to.equal(0);
    } finally {
      const restored = await api()
        .put('/api/v1/supervision/monitoring-rules/overdue_rate')
        .set(await auth('supervisor'))
        .send({ threshold: 0.1, days: 30, minCases: 5, enabled: true });
      expect(restored.status).to.equal(200);
    }
  });
});
