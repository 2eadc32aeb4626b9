import { expect } from 'chai';
import { api, applicant, auth, completeMaterials, ITEM, submit, validForm, waitForStatus, waitForTask } from '../support/api.ts';
import { approvedCase } from '../support/delivery.ts';
import { testEnv } from '../support/environment.ts';
import { projection } from '../../server/supervision/index.ts';
import { browserSuite, focused, horizontalOverflow, PHONE, screenshot } from './support/browser.ts';
import { language } from './support/language.ts';

const newCase = async () => {
  const res = await submit('applicant', { itemCode: ITEM, applicant: applicant(), form: validForm(), materials: await completeMaterials('applicant') });
  expect(res.status, JSON.stringify(res.body)).to.equal(201);
  const caseNo = res.body.caseNo as string;
  await waitForTask('reviewer', caseNo, 'review');
  return caseNo;
};

describe('办件查询 without signing in, in a browser (chromium)', function () {
  this.timeout(180_000);
  const { open } = browserSuite();

  it('an anonymous visitor on a phone goes from the login page to /track, looks a case up by number and phone and sees where it stands', async () => {
    const caseNo = await newCase();
    const watched = await open(PHONE);
    const { page } = watched;
    let sentLookups = 0;
    page.on('request', (request) => void (request.url().endsWith('/api/v1/public/case-status') && sentLookups++));
    await page.goto('/login');
    await page.locator('[data-test=to-track]').click();
    await page.waitForURL('**/track');
    expect(await page.locator('h1').textContent()).to.equal('办件查询');
    expect(await horizontalOverflow(page), 'no horizontal scroll on a 390 px phone').to.equal(0);

    // nothing entered: said at the fields in the server's words (its schema, contract/requests/public-lookup.ts), the first to fill focused, nothing sent
    const errorAt = (item: string) => page.locator(`[data-test=${item}] .el-form-item__error`);
    await page.locator('[data-test=track-submit]').click();
    expect(await errorAt('track-case-no-item').textContent()).to.equal('办件编号：不能为空');
    expect(await errorAt('track-phone-item').textContent()).to.equal('手机号：不能为空');
    expect((await focused(page)).id).to.equal('track-case-no');
    // a number of the wrong shape: the shape in words, not a regular expression; put right as it is typed
    await page.getByLabel('办件编号').fill('4301#2026');
    await page.locator('[data-test=track-submit]').click();
    await errorAt('track-case-no-item').filter({ hasText: '办件编号：只能包含数字、字母、空格和短横线' }).waitFor();
    await language(page, 'English');
    await errorAt('track-case-no-item').filter({ hasText: 'Case number: may hold only digits, letters, spaces and dashes' }).waitFor();
    await screenshot(page, 'public-track-malformed-en');
    await language(page, '中文');
    expect(sentLookups, 'nothing sent while the form has problems').to.equal(0);

    // by keyboard: the labels name the fields, Tab moves on, Enter sends
    await page.getByLabel('办件编号').fill(caseNo);
    await errorAt('track-case-no-item').waitFor({ state: 'detached' });
    await page.keyboard.press('Tab');
    expect((await focused(page)).id).to.equal('track-phone');
    await page.keyboard.type('+86 138-0013-8000');
    await page.keyboard.press('Enter');

    const result = page.locator('[data-test=track-result]');
    await result.waitFor();
    expect(await result.getAttribute('data-case-no')).to.equal(caseNo);
    expect(await page.locator('[data-test=track-problem]').count(), 'the earlier problem is gone').to.equal(0);
    expect(await page.locator('[data-test=track-name]').textContent()).to.equal('个体工商户设立登记');
    expect((await page.locator('[data-test=track-status]').textContent())?.trim()).to.equal('受理');
    expect(await result.locator('.deadline').getAttribute('data-colour')).to.equal('green');
    expect(await result.locator('.deadline').textContent()).to.contain('办理时限：正常');
    expect(await page.locator('[data-test=track-current]').textContent()).to.contain('审核');
    expect(await page.locator('[data-test=track-timeline]').textContent())
      .to.contain('提交申请')
      .and.contain('受理');
    const text = (await result.textContent()) ?? '';
    expect(text).to.contain('张*').and.not.contain('张三').and.not.contain('430102199003071234');
    expect((await focused(page)).id, 'the result is announced: focus moves to it').to.equal('track-result-title');
    expect(await horizontalOverflow(page), 'the result fits the phone too').to.equal(0);
    await screenshot(page, 'public-track-phone');

    // in English the page asks again: the names and labels come from the server
    await language(page, 'English');
    await page.locator('[data-test=track-name]', { hasText: 'Registration of an individual business' }).waitFor();
    expect((await page.locator('[data-test=track-status]').textContent())?.trim()).to.equal('Accepted');
    expect(await horizontalOverflow(page)).to.equal(0);
    await screenshot(page, 'public-track-phone-en');
    await language(page, '中文');
    await page.locator('[data-test=track-name]', { hasText: '个体工商户设立登记' }).waitFor();

    // a wrong phone: the server's one message for any mismatch, and no result left standing
    await page.getByLabel('手机号').fill('13900139000');
    await page.locator('[data-test=track-submit]').click();
    await page.locator('[data-test=track-problem]').waitFor();
    expect(await page.locator('[data-test=track-problem]').textContent()).to.contain('办件编号或手机号不正确');
    expect(await page.locator('[data-test=track-result]').count()).to.equal(0);
    await screenshot(page, 'public-track-wrong-phone');

    // the refusal is the page's expected answer, which chromium logs as a failed resource: that one only
    const refusal = watched.errors.findIndex((e) => /status of 404/.test(e));
    expect(refusal, 'the 404 of the wrong phone').to.be.greaterThan(-1);
    watched.errors.splice(refusal, 1);
  });

  it('anyone reads the departments ranked by their good ratings (好差评 结果全公开), figures only, in both languages', async () => {
    // a case rated 5, and the read model caught up
    const caseNo = await approvedCase();
    await waitForStatus('applicant', caseNo, 'delivered');
    const rated = await api()
      .post(`/api/v1/cases/${caseNo}/rating`)
      .set(await auth('applicant'))
      .send({ level: 5 });
    expect(rated.status, JSON.stringify(rated.body)).to.equal(201);
    await projection(testEnv().server.ctx).round();

    const { page } = await open(PHONE);
    await page.goto('/login');
    await page.locator('[data-test=to-ratings-board]').click();
    await page.waitForURL('**/ratings-board');
    expect(await page.locator('h1').textContent()).to.equal('好差评结果公开');
    const row = page.locator('[data-test=board-table] tbody tr[data-department=samr]');
    await row.waitFor();
    expect(await row.locator('th').textContent()).to.equal('市场监督管理局');
    expect(await row.locator('[data-test=board-satisfaction]').textContent()).to.match(/^\d{1,3}\.\d%$/);
    expect(await page.locator('[data-test=board-table]').textContent(), 'no case number on the public board').not.to.contain(caseNo);
    expect(await horizontalOverflow(page), 'the table scrolls inside its box on a 390 px phone').to.equal(0);
    await screenshot(page, 'ratings-board');
    await language(page, 'English');
    await page.locator('h1', { hasText: 'Service ratings, made public' }).waitFor();
    await row.locator('th', { hasText: 'Market Regulation' }).waitFor();
    expect(await page.locator('caption').textContent()).to.contain('Departments ranked by the share of good ratings');
  });
});
