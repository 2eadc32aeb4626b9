import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { api, auth, getCase, waitForStatus } from '../support/api.ts';
import { approvedCase } from '../support/delivery.ts';
import { browserSuite, horizontalOverflow, PHONE, screenshot, signIn } from './support/browser.ts';
import { takeRestaurantAtWindow } from './support/window-intake.ts';

/** Signs in through the login form and waits for the page the person lands on. */
const signInAs = (page: Page, username: string, landing: string) => signIn(page, username, landing, null);

describe('the window and applicant pages in a browser (chromium)', function () {
  this.timeout(240_000);
  const { open } = browserSuite();

  it('综合窗口: a clerk takes a 开办餐饮店 application (answers, merged form, uploads) and prints the receipt with its case number', async () => {
    const { page } = await open();
    await signInAs(page, 'clerk', '/inbox');
    const { caseNo, required } = await takeRestaurantAtWindow(page);
    const receipt = page.locator('[data-test=receipt]');
    expect(await receipt.locator('h2').textContent()).to.equal('受理回执');
    expect(await page.locator('[data-test=receipt-materials] li').count()).to.equal(required.length);
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.app-header').isVisible()).to.equal(false);
    expect(await receipt.isVisible()).to.equal(true);
    await page.emulateMedia({ media: 'screen' });

    const stored = await getCase('clerk', caseNo);
    expect(stored.status).to.equal(200);
    expect(stored.body).to.include({ kind: 'bundle', channel: 'window' });
    expect(stored.body.items.length).to.equal(2);
  });

  it('申请人: tracks a finished case on a phone, rates it 2 with a reason, and the department gets a rectification', async () => {
    const caseNo = await approvedCase();
    await waitForStatus('applicant', caseNo, 'delivered');
    const { page } = await open(PHONE);
    await signInAs(page, 'applicant', '/my');
    await page.locator(`[data-test=my-cases] [data-case="${caseNo}"]`).waitFor();
    expect(await horizontalOverflow(page)).to.equal(0);
    await screenshot(page, 'applicant-my-cases');

    await page.locator('[data-test=track-no]').fill(caseNo);
    await page.locator('[data-test=track]').click();
    await page.waitForURL(`**/my/cases/${caseNo}`);
    await page.locator('[data-test=case-status][data-status=delivered]').waitFor({ state: 'attached' });
    expect(await page.locator('[data-test=case-no]').textContent()).to.equal(caseNo);
    await page.locator('[data-test=documents] li').first().waitFor();
    await page.locator('[data-test=timeline]').waitFor();

    const rating = page.locator('[data-test=rating]');
    const ratingsSent: string[] = [];
    page.on('request', (r) => void (r.method() === 'POST' && r.url().endsWith(`/cases/${caseNo}/rating`) && ratingsSent.push(r.url())));
    await rating.locator('[data-test=level-2]').click();
    await rating.locator('[data-test=reasons]').waitFor();
    // a 差评 without a reason: refused at the reasons before anything is sent, in the server's words (contract/requests/ratings.ts)
    await rating.locator('[data-test=send-rating]').click();
    await rating.locator('[data-test=reasons-item] .el-form-item__error', { hasText: '不满意原因：差评（1–2 级）请至少选择一项原因' }).waitFor();
    expect(ratingsSent).to.deep.equal([]);
    await rating.locator('[data-test=reason-slow]').click();
    await rating.locator('[data-test=rating-comment]').fill('来回跑了两次');
    expect(await horizontalOverflow(page)).to.equal(0);
    await screenshot(page, 'applicant-rating');
    await rating.locator('[data-test=send-rating]').click();
    await rating.locator('[data-test=rating-done]').waitFor();
    expect(ratingsSent).to.have.length(1);
    expect(await rating.locator('[data-test=rectification]').textContent()).to.equal('已转交承办部门整改');

    const list = await api()
      .get(`/api/v1/problems?status=open&source=bad_rating&caseNo=${caseNo}`)
      .set(await auth('leader'));
    const mine = list.body.problems.find((r: { caseNo: string }) => r.caseNo === caseNo);
    expect(mine, JSON.stringify(list.body)).to.include({ status: 'open', dueDays: 15 });
    expect(mine.rating).to.include({ level: 2, comment: '来回跑了两次' });
    expect(mine.rating.reasons).to.deep.equal(['办理时间过长']);

    // the guide (一次告知) of the bundle fits the phone too
    await page.goto('/guide/bundle/KBCYD');
    await page.locator('[data-test=guide] h1').waitFor();
    expect(await horizontalOverflow(page)).to.equal(0);
    await screenshot(page, 'applicant-guide');
  });
});
