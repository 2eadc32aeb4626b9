import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { api, applicant, auth, decide, ITEM, submit, uploadRequired, validForm, waitForStatus, waitForTask } from '../support/api.ts';
import { approvedCase } from '../support/delivery.ts';
import { SIGNBOARD, signboardForm } from '../support/payment.ts';
import { submitRestaurantBundle } from '../support/restaurant-bundle.ts';
import { browserSuite, documentState, openInbox, screenshot, signIn, taskCard } from './support/browser.ts';
import { language } from './support/language.ts';

const texts = async (page: Page, selector: string) => (await page.locator(selector).allTextContents()).map((s) => s.trim());
const ASCII = /^[\x20-\x7E]+$/;

describe('results and what people read, in a browser (chromium): a rating, the fee, names not codes, 大字模式', function () {
  this.timeout(180_000);
  const { open } = browserSuite();

  it('a rating: the applicant finds the finished case by its name, reads its results by item, gives a 差评 with a reason in English, and reads it back in Chinese', async () => {
    const caseNo = await approvedCase();
    await waitForStatus('applicant', caseNo, 'delivered');
    const { page } = await open();
    await signIn(page, 'applicant', '/my', null);
    const row = page.locator(`[data-test=my-cases] li[data-case="${caseNo}"]`);
    await row.waitFor();
    expect(await row.locator('[data-test=case-item]').textContent()).to.equal('个体工商户设立登记');
    expect(await row.textContent()).to.contain('待评价');
    await language(page, 'English');
    await row.locator('[data-test=case-item]', { hasText: 'Registration of an individual business' }).waitFor();

    await row.locator('.case-no').click();
    await page.waitForURL(`**/my/cases/${caseNo}`);
    const documents = page.locator('[data-test=document-title]');
    await documents.first().waitFor();
    const titles = await texts(page, '[data-test=document-title]');
    for (const title of titles) expect(title, 'titles and names in English').to.match(ASCII);
    expect(titles).to.include('Decision to grant the administrative licence (Registration of an individual business)');
    expect(await page.locator('[data-test=payment]').textContent()).to.contain('Nothing to pay for this case');

    // 差评: the reasons are asked for; none ticked is refused before anything is sent
    const sent: string[] = [];
    page.on('request', (r) => void (r.method() === 'POST' && r.url().endsWith('/rating') && sent.push(r.url())));
    const rating = page.locator('[data-test=rating]');
    await rating.locator('[data-test=level-1]').click();
    await rating.locator('[data-test=reasons]').waitFor();
    await rating.locator('[data-test=send-rating]').click();
    await rating.locator('[data-test=reasons-item] .el-form-item__error').waitFor();
    expect(sent, 'nothing sent without a reason').to.deep.equal([]);
    await rating.locator('[data-test=reason-slow] .el-checkbox__label').click();
    await rating.locator('[data-test=rating-comment]').fill('Three visits to the window');
    await rating.locator('[data-test=send-rating]').click();
    const done = rating.locator('[data-test=rating-done]');
    await done.waitFor();
    expect(await done.textContent()).to.contain('Very dissatisfied');
    expect(await rating.textContent())
      .to.contain('It took too long')
      .and.contain('Three visits to the window');
    await rating.locator('[data-test=rectification]').waitFor();
    await screenshot(page, 'applicant-bad-rating-en');

    await language(page, '中文');
    await done.filter({ hasText: '非常不满意' }).waitFor();
    expect(await rating.textContent()).to.contain('办理时间过长');
    await page.locator('[data-test=document-title]', { hasText: '准予行政许可决定书（个体工商户设立登记）' }).waitFor();
    const stored = await api()
      .get(`/api/v1/cases/${caseNo}/rating`)
      .set(await auth('applicant'));
    expect(stored.body.rating, JSON.stringify(stored.body)).to.deep.include({ level: 1, comment: 'Three visits to the window' });
    expect(stored.body.rating.reasons.map((r: { code: string }) => r.code)).to.deep.equal(['slow']);
    expect(stored.body.rectification).to.include({ status: 'open' });
  });

  it('收费: the fee due after approval shows before the decision; the pay page brings the applicant back to the case, paid', async () => {
    const item = await api().get(`/api/v1/items/${SIGNBOARD}`);
    const materials = await uploadRequired('applicant', item.body.materials);
    const res = await submit('applicant', { itemCode: SIGNBOARD, applicant: applicant(), form: signboardForm(), materials });
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    const caseNo = res.body.caseNo as string;

    const { page } = await open();
    await signIn(page, 'applicant', '/my', null);
    await page.goto(`/my/cases/${caseNo}`);
    const payment = page.locator('[data-test=payment]');
    expect(await payment.locator('[data-test=due-on-approval]').textContent()).to.equal('准予后需缴费：200.00 元');
    expect(await payment.textContent()).not.to.contain('无需缴费');
    expect(await payment.locator('[data-test=fee-lines]').textContent()).to.equal('户外招牌设置审批规费（示例）：200.00 元');

    await decide('reviewer3', caseNo, 'review', 'approve');
    await decide('leader3', caseNo, 'decision', 'approve');
    await waitForStatus('applicant', caseNo, 'awaiting_payment');
    await page.reload();
    await payment.locator('[data-test=pay]').click();
    // the gateway's own page (the sandbox's), then straight back to 办件进度
    await page.getByRole('button', { name: '支付', exact: true }).click();
    await page.waitForURL(`**/my/cases/${caseNo}`);
    await payment.filter({ hasText: '已缴费' }).waitFor();
    await screenshot(page, 'applicant-paid');
    // the fee named in English on the English page
    await language(page, 'English');
    await payment.locator('[data-test=fee-lines]', { hasText: 'Outdoor signboard approval fee (sample): 200.00 yuan' }).waitFor();
  });

  it("names, not codes: the clerk's inbox names 开办餐饮店, the 窗口人工受理 task says why and by when, 办件查询 shows no process keys nor a leftover note", async () => {
    // no material at all (the application form is generated): the machine passes the incomplete case to the clerk
    const single = await submit('clerk', { itemCode: ITEM, applicant: applicant(), form: validForm(), materials: [] });
    const bundle = await submitRestaurantBundle('clerk', { materials: [] });
    expect([single.status, bundle.status], JSON.stringify([single.body, bundle.body])).to.deep.equal([201, 201]);
    const task = await waitForTask('clerk', single.body.caseNo, 'acceptance_review');
    await waitForTask('clerk', bundle.body.caseNo, 'acceptance_review');

    const { page } = await open();
    await signIn(page, 'clerk');
    await openInbox(page, { caseNo: bundle.body.caseNo });
    const card = taskCard(page, bundle.body.caseNo);
    expect((await card.locator('.task-card__title').textContent())!.trim()).to.equal('开办餐饮店 · 窗口人工受理');
    expect(await card.textContent()).not.to.contain('KBCYD');

    await page.goto(`/inbox/tasks/${task.id}`);
    const findings = page.locator('[data-test=acceptance-findings]');
    await findings.waitFor();
    expect(await texts(page, '[data-test=acceptance-findings] li')).to.deep.equal(['缺少申请材料：经营者身份证明', '缺少申请材料：经营场所使用证明']);
    const head = page.locator('.task-page__head');
    expect(await head.textContent())
      .to.contain('本环节时限')
      .and.not.contain('未计时');
    await screenshot(page, 'clerk-acceptance-findings');
    await language(page, 'English');
    await findings.filter({ hasText: 'The machine check found' }).waitFor();
    await findings
      .locator('li', { hasText: /^Missing material: / })
      .first()
      .waitFor();
    for (const finding of await texts(page, '[data-test=acceptance-findings] li')) expect(finding).to.match(/^Missing material: /);

    await page.goto(`/cases/${bundle.body.caseNo}`);
    const tabs = page.locator('.progress__choice .el-radio-button');
    await tabs.first().waitFor();
    for (const label of await tabs.allTextContents()) expect(label.trim(), 'a process by its name').not.to.match(/(^|\s)[a-z]+[_-][a-z_-]+/);
    expect(await page.locator('main').textContent()).not.to.match(/form-js|后续版本/);
  });

  it('大字模式 on the sign-in and the 办件查询 pages, in both languages', async () => {
    const { page } = await open();
    await page.goto('/login');
    const toggle = page.locator('[data-test=large-text]');
    expect(await page.locator('.large-text-switch').textContent()).to.contain('大字模式');
    await toggle.click();
    expect(await documentState(page)).to.include({ largeText: true, fontSize: '20px' });
    await screenshot(page, 'login-large-text');
    await page.locator('[data-test=to-track]').click();
    await page.waitForURL('**/track');
    expect(await documentState(page), 'remembered on the next page').to.include({ largeText: true });
    await language(page, 'English');
    expect(await page.locator('.large-text-switch').textContent()).to.contain('Large text');
    await toggle.click();
    expect(await documentState(page)).to.include({ largeText: false });
  });
});
