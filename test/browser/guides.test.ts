import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import type { Locator, Page } from 'playwright-core';
import { browserSuite, screenshot, signIn } from './support/browser.ts';
import { pdfText } from '../unit/documents/helpers.ts';
import { language } from './support/language.ts';

/** Clicks a download link and returns the file's suggested name and its text. */
async function download(page: Page, link: Locator): Promise<{ name: string; text: string }> {
  const [file] = await Promise.all([page.waitForEvent('download'), link.click()]);
  return { name: file.suggestedFilename(), text: pdfText(readFileSync((await file.path())!)) };
}

const flowDrawn = (page: Page) => page.locator('[data-test=guide-flow][data-drawn=yes] svg[role=img]').waitFor();

describe('办事指南 in a browser (chromium): what an applicant reads before applying', function () {
  this.timeout(180_000);
  const { open } = browserSuite();

  it("an item's guide: the fee, 办件类型, the department, materials for some situations, the flow chart and the forms to download, in both languages", async () => {
    const { page } = await open();
    await signIn(page, 'applicant', '/my', null);

    // 户外招牌设置审批: charged 200.00 yuan, decided by the urban management bureau within promised days
    await page.goto('/guide/item/CSGL-ZP-001');
    const facts = page.locator('[data-test=guide-facts]');
    await facts.waitFor();
    expect((await page.locator('[data-test=fees]').textContent())?.trim()).to.contain('户外招牌设置审批规费（示例）：200.00 元');
    expect(await page.locator('[data-test=handling-kind]').textContent())
      .to.contain('承诺件')
      .and.contain('受理后 5 个工作日内办结');
    expect((await page.locator('[data-test=department]').textContent())?.trim()).to.equal('城市管理局');
    expect(await page.locator('[data-test=legal-basis]').textContent()).not.to.match(/true|false/);
    await flowDrawn(page);
    const sample = await download(page, page.locator('[data-test=form-sample]'));
    expect(sample.name).to.equal('户外招牌设置申请表（示例样表）.pdf');
    expect(sample.text).to.contain('户外招牌设置申请表').and.contain('示例样表');

    // 食品经营许可: the power of attorney only when someone applies for the operator
    await page.goto('/guide/item/SCJG-SP-002');
    const attorney = page.locator('[data-material=agent-authorization]');
    await attorney.waitFor();
    expect(await attorney.locator('[data-test=material-kind]').textContent()).to.contain('情形材料');
    expect(await attorney.locator('[data-test=material-situation]').textContent()).to.equal('适用情形：是否委托他人代为办理？是');
    expect(await page.locator('[data-material=premises-proof] [data-test=material-kind]').textContent()).to.contain('必交');
    expect(await page.locator('[data-test=fees]').textContent()).to.contain('不收费');

    await language(page, 'English');
    await page.locator('[data-test=handling-kind]', { hasText: 'Handled within promised days' }).waitFor();
    // the page's own words switch at once; the catalog's come with the guide asked again in English
    await page.locator('[data-test=department]', { hasText: 'Administration for Market Regulation' }).waitFor();
    expect(await attorney.locator('strong').textContent()).to.equal('Power of attorney for an agent');
    expect(await attorney.locator('[data-test=material-kind]').textContent()).to.contain('In some situations');
    expect(await attorney.locator('[data-test=material-situation]').textContent()).to.equal('Needed when: Is someone else applying on your behalf? yes');
    expect(await page.locator('[data-test=fees]').textContent()).to.contain('Free of charge');
    // the law as known in English, its text an unofficial translation with the Chinese original at hand
    const law = page.locator('[data-test=legal-basis] .basis').first();
    expect(await law.locator('strong').first().textContent()).to.equal("Food Safety Law of the People's Republic of China Article 35 (sample)");
    expect(await law.textContent())
      .to.contain('Unofficial translation')
      .and.contain('The State applies a licensing system');
    expect(await law.locator('details summary').textContent()).to.equal('Chinese original (the authoritative text)');
    expect(await page.locator('[data-test=guide-facts]').textContent()).to.contain('Market regulation window, 1st floor, City Government Service Centre');
    await screenshot(page, 'guide-item-en');
    await flowDrawn(page);
    const blank = await download(page, page.locator('[data-test=form-blank]'));
    expect(blank.name).to.equal('Food business licence application form.pdf');
    expect(blank.text).to.contain("Operator'sname(required)").and.contain('Blankform');
  });

  it("a bundle's guide: each item's department, the joint flow, and the application forms the one form replaces", async () => {
    const { page } = await open();
    await signIn(page, 'applicant', '/my', null);
    await page.goto('/guide/bundle/KBCYD');
    const items = page.locator('[data-test=bundle-items]');
    await items.waitFor();
    expect(await items.locator('[data-item=XF-JC-001] [data-test=item-department]').textContent()).to.equal('实施部门：消防救援支队');
    expect(await items.locator('[data-item=XF-JC-001]').textContent()).to.contain('餐饮经营场所的建筑面积是多少？300平方米及以上');
    expect(await items.locator('[data-item=CSGL-ZP-001] [data-test=item-fees]').textContent()).to.equal('收费：户外招牌设置审批规费（示例）：200.00 元');
    const generated = page.locator('[data-test=generated-materials]');
    expect(await generated.locator('li').count()).to.equal(4);
    expect(await generated.textContent())
      .to.contain('食品经营许可申请书')
      .and.contain('无需提交');
    expect(await page.locator('[data-test=guide-materials] .materials [data-material=food-licence-application]').count()).to.equal(0);
    await flowDrawn(page);

    await language(page, 'English');
    await items.locator('[data-item=XF-JC-001] [data-test=item-department]', { hasText: 'Department: Fire and Rescue Detachment' }).waitFor();
    expect(await items.locator('[data-item=CSGL-ZP-001] [data-test=item-fees]').textContent()).to.equal(
      'Fees: Outdoor signboard approval fee (sample): 200.00 yuan',
    );
    expect(await generated.textContent())
      .to.contain('Application form for a food business licence')
      .and.contain('not to be handed in');
    const form = await download(page, page.locator('[data-test=form-blank]'));
    expect(form.name).to.equal('One application form for Opening a restaurant.pdf');
    expect(form.text).to.contain('Sharedbytheitems').and.contain('Approvalofanoutdoorsignboard');
  });
});
