import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { decide, getCase, ITEM, waitForStatus, waitForTask } from '../support/api.ts';
import { samplePdf, samplePng } from '../support/files.ts';
import { browserSuite, openedPdf, openInbox, screenshot, signIn } from './support/browser.ts';
import { pickOption } from './support/select.js';
import { language } from './support/language.ts';

const ZHANG_SAN = { name: '张三', idNo: '430102199003071234', phone: '13800138000' };

/**
 * 综合窗口, a single item for a walk-in applicant: 个体工商户设立登记 (no situations to ask) for 张三,
 * 绿色通道 for an elderly person, results collected at the window; ends on the receipt.
 */
async function takeItemAtWindow(page: Page): Promise<string> {
  await page.locator('[data-test=nav-window]').click();
  await page.waitForURL('**/window');
  await page.locator('[data-test=intake-kind-item]').click();
  await page.locator(`[data-test=item-${ITEM}]`).click();
  const form = page.locator('[data-test=merged-form]');
  await form.waitFor();
  expect(await page.locator('[data-test=questionnaire]').count(), 'an item without 办理情形 asks nothing').to.equal(0);
  await page.locator('[data-test=applicant-name]').fill(ZHANG_SAN.name);
  await page.locator('[data-test=applicant-idNo]').fill(ZHANG_SAN.idNo);
  await page.locator('[data-test=applicant-phone]').fill(ZHANG_SAN.phone);

  await pickOption(page, form.locator('[data-test=priority-reason]'), '老年人');
  expect(await form.locator('[data-test=priority]').textContent()).to.contain('审批人员的待办中排在最前');
  await form.locator('[data-test=method-pickup]').click();
  expect(await form.locator('[data-test=intake-delivery]').textContent()).to.contain('取件码发送给申请人');

  const text = {
    businessName: '张三小吃店',
    operatorName: '张三',
    operatorIdNo: ZHANG_SAN.idNo,
    operatorPhone: ZHANG_SAN.phone,
    businessScope: '小吃服务',
    premisesAddress: '长沙市芙蓉区五一大道100号',
  };
  for (const [field, value] of Object.entries(text)) await form.locator(`#intake-${field}`).fill(value);
  await form.locator('#intake-employees').fill('3');
  await pickOption(page, form.locator('[data-field=organizationForm] .el-select'), '个人经营');

  // 申请表电子化: the application form is generated from the form, listed apart, never uploaded
  expect(await page.locator('[data-test=generated-materials] [data-material=application-form]').textContent()).to.contain('个体工商户登记（备案）申请书');
  expect(await page.locator('[data-test=upload-application-form]').count()).to.equal(0);
  const files: [string, { name: string; mimeType: string; buffer: Buffer }][] = [
    ['operator-id', { name: 'id.png', mimeType: 'image/png', buffer: samplePng() }],
    ['premises-proof', { name: '租赁合同.pdf', mimeType: 'application/pdf', buffer: samplePdf('租赁合同') }],
  ];
  for (const [code, file] of files) {
    await page.locator(`[data-test=upload-${code}]`).setInputFiles(file);
    await page.locator(`[data-test=materials] li[data-material="${code}"][data-given=file]`).waitFor();
  }
  expect(await page.locator('[data-test=missing]').count()).to.equal(0);
  await screenshot(page, 'window-item-intake');
  await page.locator('[data-test=submit]').click();
  await page.locator('[data-test=receipt]').waitFor({ timeout: 30_000 });
  expect(await page.locator('[data-test=receipt-priority]').textContent()).to.equal('老年人');
  expect(await page.locator('[data-test=receipt-delivery]').textContent()).to.equal('窗口领取');
  // the generated form, printed for the applicant to sign
  expect(await page.locator('[data-test=receipt-forms] [data-material=application-form]').textContent()).to.contain('请申请人核对后签字');
  const [printed] = await Promise.all([page.waitForEvent('popup'), page.locator('[data-test=receipt-forms] [data-test=print-form]').click()]);
  const opened = await openedPdf(printed);
  if ('downloaded' in opened) expect(opened.downloaded.subarray(0, 5).toString('latin1')).to.equal('%PDF-');
  await printed.close();
  return (await page.locator('[data-test=receipt-case-no]').textContent())!.trim();
}

describe('the window clerk takes a single item with 绿色通道 and pickup, and hands the results over (chromium)', function () {
  this.timeout(300_000);
  const { open } = browserSuite();

  it('clerk submits for a walk-in applicant → the reviewer sees it first and decides → the applicant sees the code → the clerk hands over → delivered', async () => {
    // 1. the clerk takes the item for 张三, who stands at the window
    const clerkPage = await open();
    const clerk = clerkPage.page;
    await signIn(clerk, 'clerk', '/inbox');
    const caseNo = await takeItemAtWindow(clerk);
    await language(clerk, 'English');
    expect(await clerk.locator('[data-test=receipt] dt', { hasText: 'Priority lane' }).count()).to.equal(1);
    expect(await clerk.locator('[data-test=receipt-priority]').textContent()).to.equal('Elderly person');
    expect(await clerk.locator('[data-test=receipt-delivery]').textContent()).to.equal('Pick up at the window');
    expect(await clerk.locator('[data-test=receipt-forms]').textContent()).to.contain('the applicant checks and signs it');
    await language(clerk, '中文');
    const stored = (await getCase('clerk', caseNo)).body;
    expect(stored).to.include({ kind: 'item', channel: 'window' });
    expect(stored.priority).to.deep.equal({ reason: 'elderly', label: '老年人' });

    // 2. the reviewer: in the default order, the priority task comes before every other; opened, it says so; approved
    const task = await waitForTask('reviewer', caseNo, 'review');
    const reviewer = (await open()).page;
    await signIn(reviewer, 'reviewer', '/inbox');
    await openInbox(reviewer);
    const cards = reviewer.locator('[data-test=task-list] li[data-task-id]');
    await reviewer.locator(`li[data-task-id="${task.id}"]`).waitFor();
    const order: { id: string | null; priority: boolean }[] = [];
    for (let i = 0; i < (await cards.count()); i++) {
      const card = cards.nth(i);
      order.push({ id: await card.getAttribute('data-task-id'), priority: (await card.locator('[data-test=priority-tag]').count()) > 0 });
    }
    const mine = order.findIndex((c) => c.id === task.id);
    const firstOrdinary = order.findIndex((c) => !c.priority);
    expect(order[mine]!.priority).to.equal(true);
    if (firstOrdinary >= 0) expect(mine, 'before every ordinary task').to.be.lessThan(firstOrdinary);
    expect(await reviewer.locator(`li[data-task-id="${task.id}"] [data-test=priority-tag]`).textContent()).to.contain('绿色通道 · 老年人');
    await screenshot(reviewer, 'window-priority-inbox');
    await reviewer.locator(`li[data-task-id="${task.id}"]`).getByRole('link').click();
    await reviewer.waitForURL(`**/inbox/tasks/${task.id}`);
    await reviewer.locator('.task-page__head [data-test=priority-tag]').waitFor();
    await reviewer.locator('[data-test=claim]').click();
    await reviewer.locator('[data-test=complete]').click();
    const dialog = reviewer.getByRole('dialog');
    await dialog.locator('textarea[data-test=opinion]').fill('材料齐全，同意（绿色通道）');
    await dialog.locator('[data-test=confirm-complete]').click();
    await reviewer.waitForURL('**/inbox');
    await decide('leader', caseNo, 'decision', 'approve');
    await waitForStatus('applicant', caseNo, 'delivering');

    // 3. 张三 signs in at home: the case taken in his name shows the pickup code, in both languages
    const applicant = (await open()).page;
    await signIn(applicant, 'applicant', '/my', '[data-test=my-cases]');
    await applicant.locator(`[data-test=my-cases] [data-case="${caseNo}"]`).waitFor();
    await applicant.goto(`/my/cases/${caseNo}`);
    const codeLine = applicant.locator('[data-test=pickup-code]');
    await codeLine.waitFor();
    const code = (await codeLine.textContent())!.match(/\d{6}/)![0];
    expect((await codeLine.textContent())!.trim()).to.equal(`取件码：${code}`);
    expect(await applicant.locator('[data-test=delivery]').textContent()).to.contain('请凭取件码和本人身份证件原件到政务服务中心窗口领取');
    await language(applicant, 'English');
    await applicant.locator('[data-test=pickup-code]', { hasText: `Pickup code: ${code}` }).waitFor();
    await screenshot(applicant, 'window-pickup-code');

    // 4. the clerk's 出件领取: a wrong code is refused in words; the right code and 张三's ID hand the results over
    await clerk.locator('[data-test=nav-pickup]').click();
    await clerk.waitForURL('**/pickup');
    expect(await clerk.locator('h1').textContent()).to.equal('统一出件 · 窗口领取');
    await clerk.locator('[data-test=pickup-search]').fill(caseNo);
    await clerk.locator('[data-test=pickup-find]').click();
    const row = clerk.locator(`[data-test=pickups] li[data-case="${caseNo}"]`);
    await row.waitFor();
    expect(await row.locator('[data-test=priority-tag]').textContent()).to.contain('绿色通道 · 老年人');
    expect(await row.textContent(), 'the code is never shown to the clerk').not.to.contain(code);
    await row.locator(`[data-test=hand-over-${caseNo}]`).click();
    const handover = clerk.locator('[data-test=handover-form]');
    await handover.locator('[data-test=handover-code] input').fill(code === '000000' ? '111111' : '000000');
    await handover.locator('[data-test=handover-id] input').fill(ZHANG_SAN.idNo);
    await handover.locator('[data-test=handover-checked]').click();
    await handover.locator('[data-test=handover-confirm]').click();
    await handover.locator('[data-test=handover-code] .el-form-item__error', { hasText: '取件码不正确' }).waitFor();
    // the browser logs the 422 it was asked to provoke
    const refusal = clerkPage.errors.findIndex((e) => /status of 422/.test(e));
    expect(refusal, 'the refused code').to.be.greaterThan(-1);
    clerkPage.errors.splice(refusal, 1);
    await language(clerk, 'English');
    expect(await clerk.locator('h1').textContent()).to.equal('Results pickup at the window');
    expect(await handover.locator('[data-test=handover-checked]').textContent()).to.contain("I checked the collector's original ID");
    await handover.locator('[data-test=handover-code] input').fill(code);
    await handover.locator('[data-test=handover-confirm]').click();
    await clerk.locator('.el-message', { hasText: `Handed over: ${caseNo} is delivered` }).waitFor();
    await row.waitFor({ state: 'detached' });
    await screenshot(clerk, 'window-pickup-handed-over');

    // 5. the case ends delivered, and 张三 reads how it reached him
    await waitForStatus('applicant', caseNo, 'delivered');
    await applicant.reload();
    await applicant.locator('[data-test=tracking] li[data-event=handed_over]', { hasText: 'Collected at the window' }).waitFor();
    expect(await applicant.locator('[data-test=pickup-code]').count(), 'no code once collected').to.equal(0);
  });
});
