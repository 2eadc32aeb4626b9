import { expect } from 'chai';
import type { Page, Request } from 'playwright-core';
import { api, applicant, auth, completeMaterials, ITEM, submit, validForm, waitForStatus } from '../support/api.ts';
import { browserSuite, screenshot, signIn } from './support/browser.ts';
import { language } from './support/language.ts';

/** Submits the demo item online as the applicant, complete, and waits for the machine to accept it. */
async function acceptedCase(): Promise<string> {
  const res = await submit('applicant', { itemCode: ITEM, applicant: applicant(), form: validForm(), materials: await completeMaterials('applicant') });
  expect(res.status, JSON.stringify(res.body)).to.equal(201);
  const caseNo = res.body.caseNo as string;
  await waitForStatus('applicant', caseNo, 'accepted');
  return caseNo;
}

/** What the server answers to the same body: its 422's messages by field, in a language. */
async function serverSays(caseNo: string, body: unknown, language: 'zh-CN' | 'en'): Promise<Record<string, string>> {
  const res = await api()
    .put(`/api/v1/cases/${caseNo}/delivery`)
    .set(await auth('applicant'))
    .set('Accept-Language', language)
    .send(body as object);
  expect(res.status, JSON.stringify(res.body)).to.equal(422);
  return Object.fromEntries(res.body.error.details.map((d: { field: string; message: string }) => [d.field, d.message]));
}

/** Every request the page sends to choose the delivery. */
function watchChoices(page: Page): Request[] {
  const sent: Request[] = [];
  page.on('request', (request) => {
    if (request.method() === 'PUT' && /\/api\/v1\/cases\/[^/]+\/delivery$/.test(request.url())) sent.push(request);
  });
  return sent;
}

const errorAt = (page: Page, item: string) => page.locator(`[data-test=delivery-form] [data-test=${item}] .el-form-item__error`);

describe("a page checks its form with the server's own schema before it sends (contract/requests/)", function () {
  this.timeout(180_000);
  const { open } = browserSuite();

  it("申请人 送达方式: a bad phone, then an address without a province, are refused at their fields in the server's words, in Chinese and English, and nothing is sent until they are right", async () => {
    const caseNo = await acceptedCase();
    const { page } = await open();
    await signIn(page, 'applicant', '/my', null);
    const sent = watchChoices(page);
    await page.goto(`/my/cases/${caseNo}`);
    const form = page.locator('[data-test=delivery-form]');
    await form.waitFor();
    await form.locator('[data-test=method-logistics]').click();
    await form.locator('[data-test=recipient-name] input').fill('张三');
    await form.locator('[data-test=recipient-phone] input').fill('12345');
    await form.locator('[data-test=recipient-address] input').fill('北京路 100 号 3 栋 2 单元');
    await form.locator('[data-test=save-delivery]').click();

    // the schema: the phone is no mobile number (the address's rule is checked once the schema passes, as on the server)
    const badPhone = { method: 'logistics', recipient: { name: '张三', phone: '12345', address: '北京路 100 号 3 栋 2 单元' } };
    const zh = await serverSays(caseNo, badPhone, 'zh-CN');
    expect(zh).to.deep.equal({ 'recipient.phone': '收件人手机号码：不是有效的手机号码' });
    await errorAt(page, 'recipient-phone').filter({ hasText: zh['recipient.phone']! }).waitFor();
    expect(await errorAt(page, 'recipient-address').count()).to.equal(0);
    await screenshot(page, 'form-check-delivery-phone');

    // in English, the same problem in the server's English words
    await language(page, 'English');
    const en = await serverSays(caseNo, badPhone, 'en');
    await errorAt(page, 'recipient-phone').filter({ hasText: en['recipient.phone']! }).waitFor();
    expect(await errorAt(page, 'recipient-phone').textContent()).to.equal("Recipient's mobile phone: is not a valid mobile phone number");
    await form.locator('[data-test=save-delivery]').click();
    await errorAt(page, 'recipient-phone').filter({ hasText: en['recipient.phone']! }).waitFor();

    // the phone put right: the carrier's rule on the address, in English, then in Chinese
    await form.locator('[data-test=recipient-phone] input').fill('13800138000');
    await form.locator('[data-test=save-delivery]').click();
    const badAddress = { ...badPhone, recipient: { ...badPhone.recipient, phone: '13800138000' } };
    const addressEn = (await serverSays(caseNo, badAddress, 'en'))['recipient.address']!;
    expect(addressEn).to.equal('address: must be a Chinese address naming the province or city, district and street');
    await errorAt(page, 'recipient-address').filter({ hasText: addressEn }).waitFor();
    await errorAt(page, 'recipient-phone').waitFor({ state: 'detached' });
    await language(page, '中文');
    const addressZh = (await serverSays(caseNo, badAddress, 'zh-CN'))['recipient.address']!;
    await errorAt(page, 'recipient-address').filter({ hasText: addressZh }).waitFor();
    await screenshot(page, 'form-check-delivery-address');
    expect(sent, 'no choice sent while the form had problems').to.have.length(0);

    // right: sent once, and kept
    await form.locator('[data-test=recipient-address] input').fill('湖南省长沙市岳麓区麓山南路 932 号');
    await form.locator('[data-test=save-delivery]').click();
    await page.locator('.el-message--success').waitFor();
    expect(sent).to.have.length(1);
    await errorAt(page, 'recipient-address').waitFor({ state: 'detached' });
    const kept = await api()
      .get(`/api/v1/cases/${caseNo}/delivery`)
      .set(await auth('applicant'));
    expect(kept.body.method).to.equal('logistics');
  });
});
