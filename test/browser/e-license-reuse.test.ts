import { expect } from 'chai';
import { api, applicant, auth, completeMaterials, ITEM, submit, validForm, waitForStatus } from '../support/api.ts';
import { samplePdf } from '../support/files.ts';
import type { Locator } from 'playwright-core';
import { browserSuite, expectNoErrors, screenshot, signIn } from './support/browser.ts';
import { language } from './support/language.ts';

/** The demo applicant's 居民身份证电子证照, as the registry holds it (numbered on its own, not by the ID number). */
async function idCardLicense(): Promise<string> {
  const res = await api()
    .post('/api/v1/e-licenses/search')
    .send({ type: 'resident-id', status: 'in_force' })
    .set(await auth('applicant'));
  return res.body.licenses.find((l: { number: string }) => l.number.startsWith('DZZZ-SFZ-')).number as string;
}

/** The registry's own title of the licence (its data, as issued: it stays as the registry wrote it). */
const LICENSE_NAME = '居民身份证电子证照';
const CJK = /[\u4e00-\u9fff]/;
/** A part of the page as read in English, the licence's own title aside. */
const englishOnly = async (part: Locator) => (await part.textContent())!.replaceAll(LICENSE_NAME, '');

describe('电子证照免提交 online (chromium): the applicant gives an e-license instead of a scan', function () {
  this.timeout(240_000);
  const { open } = browserSuite();

  it('张三 chooses his ID card e-license for the operator ID online; his case page and the reviewer’s show it by number, in Chinese and English', async () => {
    // an earlier case gives the form its values (prefill), so the page asks only for the materials
    const earlier = await submit('applicant', { itemCode: ITEM, applicant: applicant(), form: validForm(), materials: await completeMaterials('applicant') });
    expect(earlier.status, JSON.stringify(earlier.body)).to.equal(201);
    const number = await idCardLicense();

    const watched = await open();
    const { page } = watched;
    await signIn(page, 'applicant', '/my', null);
    await page.goto(`/apply/${ITEM}`);
    const operatorId = page.locator('[data-test=apply-materials] [data-material=operator-id]');
    const useLicense = operatorId.locator('[data-test=use-license]');
    await useLicense.waitFor();
    expect(await useLicense.textContent()).to.contain('用电子证照：居民身份证电子证照');
    await language(page, 'English');
    await operatorId.locator('[data-test=use-license]', { hasText: 'Use the e-license:' }).waitFor();
    await language(page, '中文');
    await useLicense.click();
    expect((await operatorId.locator('[data-test=given]').textContent())!.trim()).to.equal(`✔ 电子证照 ${number}`);
    expect(await operatorId.getAttribute('data-given')).to.equal('license');
    await page.locator('[data-test=upload-premises-proof]').setInputFiles({ name: '租赁合同.pdf', mimeType: 'application/pdf', buffer: samplePdf('租赁合同') });
    await page.locator('[data-material=premises-proof][data-given=file]').waitFor();
    await page.locator('[data-test=applicant-phone]').fill('13800138000');
    expect(await page.locator('[data-test=missing]').count()).to.equal(0);
    await screenshot(page, 'e-license-apply');
    await page.locator('[data-test=submit]').click();
    await page.waitForURL('**/my/cases/*');
    const caseNo = decodeURIComponent(new URL(page.url()).pathname.split('/').pop()!);

    const accepted = await waitForStatus('applicant', caseNo, 'accepted');
    expect(accepted.materials.find((m: { code: string }) => m.code === 'operator-id').eLicense).to.include({ type: 'resident-id', number, valid: true });

    // his case page: the material supplied by the e-license, with its number, in both languages
    await page.reload();
    const supplied = page.locator('[data-test=materials] [data-material=operator-id] .material__license');
    await supplied.waitFor();
    expect(await supplied.textContent())
      .to.contain(`电子证照：居民身份证电子证照 ${number}`)
      .and.contain('有效');
    await language(page, 'English');
    const row = page.locator('[data-test=materials] [data-material=operator-id]');
    await row.locator('.material__name', { hasText: "Operator's identity document" }).waitFor();
    expect(await supplied.textContent())
      .to.contain(`E-license: ${LICENSE_NAME} ${number}`)
      .and.contain('(valid, ');
    expect(await englishOnly(page.locator('[data-test=case-materials]')), 'the materials card in English').not.to.match(CJK);
    await screenshot(page, 'e-license-case-en');

    // the reviewer's case page reads the same
    const staff = await open();
    await signIn(staff.page, 'reviewer', '/inbox');
    await staff.page.goto(`/cases/${caseNo}`);
    const seen = staff.page.locator('[data-test=materials] [data-material=operator-id] .material__license');
    await seen.waitFor();
    expect(await seen.textContent()).to.contain(`电子证照：居民身份证电子证照 ${number}`);
    await language(staff.page, 'English');
    await staff.page.locator('[data-test=materials] [data-material=operator-id] .material__name', { hasText: "Operator's identity document" }).waitFor();
    expect(await seen.textContent()).to.contain(`E-license: ${LICENSE_NAME} ${number}`);
    await screenshot(staff.page, 'e-license-reviewer-en');
    expectNoErrors(watched);
    expectNoErrors(staff);
  });
});
