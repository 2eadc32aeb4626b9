import { expect } from 'chai';
import { applicant, completeMaterials, decide, ITEM, submit, validForm, waitForStatus } from '../support/api.ts';
import { callbacksSettled, deliveryOf } from '../support/delivery.ts';
import { testEnv } from '../support/environment.ts';
import { DELIVERY_EVENT_LABELS } from '../../contract/delivery-events.ts';
import { browserSuite, expectNoErrors, screenshot, signIn } from './support/browser.ts';
import { language } from './support/language.ts';

describe('送达 of a case filed at the window (chromium): the applicant named on it chooses the courier and follows the parcel', function () {
  this.timeout(240_000);
  const { open } = browserSuite();

  it('张三 opens the case the clerk filed for him, chooses 邮寄 (the card stays), and reads the tracking in Chinese and English', async () => {
    const filed = await submit('clerk', {
      itemCode: ITEM,
      channel: 'window',
      applicant: applicant(),
      form: validForm(),
      materials: await completeMaterials('clerk'),
    });
    expect(filed.status, JSON.stringify(filed.body)).to.equal(201);
    const caseNo = filed.body.caseNo as string;

    const watched = await open();
    const { page } = watched;
    await signIn(page, 'applicant', '/my', null);
    await page.goto('/my/cases');
    await page.waitForURL('**/my');
    await page.locator(`[data-test=my-cases] [data-case="${caseNo}"]`).waitFor();
    await page.goto(`/my/cases/${caseNo}`);
    const card = page.locator('[data-test=delivery]');
    await card.locator('[data-test=delivery-form]').waitFor();
    await card.locator('[data-test=method-logistics]').click();
    await card.locator('[data-test=recipient-name] input').fill('张三');
    await card.locator('[data-test=recipient-phone] input').fill('13800138000');
    await card.locator('[data-test=recipient-address] input').fill('湖南省长沙市芙蓉区五一大道100号');
    await card.locator('[data-test=save-delivery]').click();
    await page.locator('.el-message', { hasText: '送达方式已保存' }).waitFor();
    // the card stays, with the choice in it (it used to vanish on a TypeError)
    await card.locator('p', { hasText: '送达方式：快递寄送' }).waitFor();
    expect(await card.locator('[data-test=method-logistics]').getAttribute('class')).to.contain('is-checked');
    expect(watched.errors, 'no page error on saving the choice').to.deep.equal([]);
    await screenshot(page, 'window-delivery-chosen');
    expect((await deliveryOf('applicant', caseNo)).method).to.equal('logistics');

    // approved, then the carrier's sandbox collects, carries and delivers the parcel (its tracking callbacks)
    await decide('reviewer', caseNo, 'review', 'approve');
    await decide('leader', caseNo, 'decision', 'approve');
    await waitForStatus('applicant', caseNo, 'delivering');
    const { waybillNo } = await deliveryOf('applicant', caseNo);
    testEnv().carrier.control.advance(waybillNo, 'delivered');
    await callbacksSettled(waybillNo);
    await waitForStatus('applicant', caseNo, 'delivered');

    await page.reload();
    const tracking = page.locator('[data-test=tracking]');
    await tracking.locator('li[data-event=delivered]').waitFor();
    const events = ['collected', 'in_transit', 'delivered'] as const;
    for (const e of events)
      expect(await tracking.locator(`li[data-event=${e}] [data-test=tracking-label]`).textContent(), e).to.equal(DELIVERY_EVENT_LABELS[e]['zh-CN']);
    expect(await card.textContent()).to.contain(waybillNo);
    await screenshot(page, 'window-delivery-tracking');
    await language(page, 'English');
    await tracking.locator('li[data-event=delivered] [data-test=tracking-label]', { hasText: DELIVERY_EVENT_LABELS.delivered.en }).waitFor();
    for (const e of events)
      expect(await tracking.locator(`li[data-event=${e}] [data-test=tracking-label]`).textContent(), e).to.equal(DELIVERY_EVENT_LABELS[e].en);
    // the platform's words in English on the card: no Chinese but the carrier's own notes
    let platformText = (await card.textContent())!;
    for (const note of await card.locator('[data-test=carrier-note]').allTextContents()) platformText = platformText.replace(note, '');
    expect(platformText, 'the delivery card in English').not.to.match(/[\u4e00-\u9fff]/);
    await screenshot(page, 'window-delivery-tracking-en');
    expectNoErrors(watched);
  });
});
