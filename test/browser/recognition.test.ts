import { expect } from 'chai';
import { getCase } from '../support/api.ts';
import { COMPANY, documentImage, idCardHtml, licenceHtml, PERSON, VALID_CREDIT_CODE } from '../support/recognition-images.ts';
import { browserSuite, documentState, horizontalOverflow, PHONE, screenshot, signIn } from './support/browser.ts';
import { language } from './support/language.ts';

/** 王建华, 80 and over (高龄津贴), GB 11643 check character 2; the same number ending in 7 fails it. */
const ELDER = { ...PERSON, name: '王建华', birth: [1940, 3, 7] as [number, number, number], idNumber: '430104194003070012' };

describe('智能识别填单 in a browser (chromium): an applicant photographs an identity card on the apply page; a clerk scans a licence at the window', function () {
  this.timeout(300_000);
  const { open } = browserSuite();

  it('on a phone: a card with a wrong check digit is flagged and its number not filled; the right card fills the form, marked until checked; submitted', async () => {
    const { page } = await open(PHONE);
    const browser = page.context().browser()!;
    const wrongCard = await documentImage(browser, idCardHtml({ ...ELDER, idNumber: '430104194003070017' }));
    const card = await documentImage(browser, idCardHtml(ELDER), { type: 'jpeg' });

    await signIn(page, 'applicant', '/my', null);
    await page.goto('/apply/MZ-GL-001');
    const form = page.locator('[data-test=apply-form]');
    await form.waitFor();
    await form.locator('[data-test=recognise-open]', { hasText: '识别证照填单' }).click();
    const camera = form.locator('[data-test=recognise-camera]');
    expect(await camera.getAttribute('accept')).to.equal('image/*');
    expect(await camera.getAttribute('capture')).to.equal('environment');

    // a scan whose number fails GB 11643: said so, and never put in the form
    await form.locator('[data-test=recognise-file]').setInputFiles({ name: '身份证.png', mimeType: 'image/png', buffer: wrongCard });
    const result = form.locator('[data-test=recognise-result]');
    await result.locator('li[data-key=idNumber][data-status=check_failed]').waitFor({ timeout: 60_000 });
    expect(await result.locator('[data-test=recognise-problem]').textContent()).to.contain('校验码不符（GB 11643）：按前 17 位应为 2，图片上识别为 7');
    await form.locator('[data-test=recognise-apply]').click();
    expect(await form.locator('#apply-elderIdNo').inputValue()).to.equal('');
    expect(await form.locator('#apply-elderName').inputValue()).to.equal(ELDER.name);

    // the card itself, photographed
    await camera.setInputFiles({ name: 'photo.jpg', mimeType: 'image/jpeg', buffer: card });
    await result.locator('li[data-key=idNumber][data-status=recognised]').waitFor({ timeout: 60_000 });
    await form.locator('[data-test=recognise-apply]').click();
    await form.locator('[data-test=recognise-filled]', { hasText: '已填入 2 项，请逐项核对' }).waitFor();
    expect(await form.locator('#apply-elderIdNo').inputValue()).to.equal(ELDER.idNumber);
    expect(await form.locator('[data-test=note-elderName]').textContent()).to.equal('已识别，请核对');
    expect(await form.locator('[data-test=note-elderIdNo]').textContent()).to.equal('已识别，请核对');
    expect(await horizontalOverflow(page)).to.equal(0);
    await screenshot(page, 'recognition-apply-phone');

    // English, in 大字模式
    await page.locator('[data-test=large-text]').click();
    expect(await documentState(page)).to.include({ largeText: true });
    await language(page, 'English');
    await form.locator('[data-test=note-elderIdNo]', { hasText: 'Recognised — please check' }).waitFor();
    expect(await result.locator('li[data-key=idNumber] .label').textContent()).to.equal('Citizen ID number');
    expect(await form.locator('[data-test=recognise-marks] h3').textContent()).to.equal('Filled in from the document');
    expect(await form.locator('[data-test=recognise-confirm-all]').textContent()).to.contain('All checked');
    expect(await horizontalOverflow(page), '大字模式 fits the phone').to.equal(0);
    await screenshot(page, 'recognition-apply-phone-large-en');
    await page.locator('[data-test=large-text]').click();
    await language(page, '中文');

    // checked: the number confirmed, the name corrected by hand; no mark is left
    await form.locator('[data-test=recognise-confirm-elderIdNo]').click();
    await form.locator('[data-test=note-elderIdNo]').waitFor({ state: 'detached' });
    await form.locator('#apply-elderName').fill('王建平');
    await form.locator('[data-test=note-elderName]').waitFor({ state: 'detached' });
    expect(await form.locator('[data-test=recognise-marks]').count()).to.equal(0);

    await page.locator('[data-test=applicant-phone]').fill('13800138000');
    await page.locator('[data-test=submit]').click();
    await page.waitForURL('**/my/cases/**');
    const caseNo = decodeURIComponent(new URL(page.url()).pathname.split('/').pop()!);
    const stored = (await getCase('applicant', caseNo)).body;
    expect(stored.form.elderName).to.equal('王建平');
    expect(stored.form.elderIdNo).to.match(/^4301\*+0012$/);
  });

  it('at the window, in English: the clerk scans a business licence; the applicant and the item’s company fields are filled and marked', async () => {
    const { page } = await open();
    const scan = await documentImage(page.context().browser()!, licenceHtml(COMPANY));
    await signIn(page, 'clerk', '/inbox');
    await page.locator('[data-test=nav-window]').click();
    await page.waitForURL('**/window');
    await language(page, 'English');
    await page.locator('[data-test=intake-kind-item]').click();
    await page.locator('[data-test=item-SCJG-KB-001]').click();
    const form = page.locator('[data-test=merged-form]');
    await form.locator('[data-test=recognise-open]', { hasText: 'Fill in from a document' }).click();
    await form.locator('[data-test=recognise-kind-business_licence]').click();
    await form.locator('[data-test=recognise-file]').setInputFiles({ name: 'licence.png', mimeType: 'image/png', buffer: scan });
    const result = form.locator('[data-test=recognise-result][data-kind=business_licence]');
    await result.locator('li[data-key=creditCode][data-status=recognised]').waitFor({ timeout: 60_000 });
    expect(await result.locator('li[data-key=creditCode] .label').textContent()).to.equal('Unified social credit code');
    await form.locator('[data-test=recognise-apply]').click();
    expect(await form.locator('#intake-companyName').inputValue()).to.equal(COMPANY.name);
    expect(await form.locator('#intake-creditCode').inputValue()).to.equal(VALID_CREDIT_CODE);
    expect(await form.locator('[data-test=note-creditCode]').textContent()).to.equal('Recognised — please check');
    // the applicant not named yet: the licence's business
    expect(await page.locator('[data-test=applicant-name]').inputValue()).to.equal(COMPANY.name);
    expect(await page.locator('[data-test=applicant-idNo]').inputValue()).to.equal(VALID_CREDIT_CODE);
    expect(await page.locator('[data-test=applicant-idType]').textContent()).to.contain('Unified social credit code');
    expect(await page.locator('[data-test=note-applicant-idNo]').textContent()).to.equal('Recognised — please check');
    await screenshot(page, 'recognition-window-en');
    await form.locator('[data-test=recognise-confirm-all]').click();
    expect(await form.locator('[data-test=note-creditCode]').count()).to.equal(0);
    expect(await page.locator('[data-test=note-applicant-idNo]').count()).to.equal(0);
    await language(page, '中文');
    await form.locator('[data-test=recognise-open]', { hasText: '收起识别' }).waitFor();
  });
});
