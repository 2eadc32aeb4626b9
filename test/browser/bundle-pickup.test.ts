import { expect } from 'chai';
import { applicant, waitForStatus } from '../support/api.ts';
import { chooseDelivery, deliveryOf } from '../support/delivery.ts';
import { approveRestaurantItems, submitRestaurantBundle } from '../support/restaurant-bundle.ts';
import { Delivery } from '../../server/deliveries/delivery.model.ts';
import { browserSuite, screenshot, signIn } from './support/browser.ts';
import { language } from './support/language.ts';

const CJK = /[\u4e00-\u9fff]/;

/** A 一件事 case of the applicant with 窗口领取 chosen, both items approved: its results wait at the window. */
async function bundleAwaitingPickup(): Promise<string> {
  // 开办餐饮店 with a business registration and a food licence: two items, one package of results
  const res = await submitRestaurantBundle('applicant');
  expect(res.status, JSON.stringify(res.body)).to.equal(201);
  const caseNo = res.body.caseNo as string;
  expect((await chooseDelivery('applicant', caseNo, { method: 'pickup' })).status).to.equal(200);
  await approveRestaurantItems(caseNo);
  await waitForStatus('applicant', caseNo, 'delivering', 60_000);
  return caseNo;
}

describe('统一出件 at the window (chromium): a bundle’s results handed over at once', function () {
  this.timeout(300_000);
  const { open } = browserSuite();

  it('the clerk finds the bundle on /pickup, checks the ID and the code, and hands over every document; 张三 reads them delivered', async () => {
    const caseNo = await bundleAwaitingPickup();
    const delivery = await deliveryOf('applicant', caseNo);
    const code = delivery.pickup.code as string;
    // what 张三 reads (the notices among them) and the package the window hands over: the results of both items
    const listed = delivery.documents as { caseNo: string }[];
    expect(new Set(listed.map((d) => d.caseNo))).to.include.keys(`${caseNo}-01`, `${caseNo}-02`);
    const documents = (await Delivery.findOne({ where: { shipmentNo: `DLV-${caseNo}` } }))!.documents.length;
    expect(documents).to.be.greaterThan(1);

    const { page: clerk } = await open();
    await signIn(clerk, 'clerk', '/inbox');
    await clerk.locator('[data-test=nav-pickup]').click();
    await clerk.waitForURL('**/pickup');
    await clerk.locator('[data-test=pickup-search]').fill(caseNo);
    await clerk.locator('[data-test=pickup-find]').click();
    const row = clerk.locator(`[data-test=pickups] li[data-case="${caseNo}"]`);
    await row.waitFor();
    expect(await clerk.locator('[data-test=pickups] li').count(), 'the bundle once, not its items').to.equal(1);
    expect(await row.textContent())
      .to.contain('开办餐饮店')
      .and.contain(`${documents} 份文书`)
      .and.contain('窗口领取')
      .and.not.contain(code);
    await row.locator(`[data-test=hand-over-${caseNo}]`).click();
    const handover = clerk.locator('[data-test=handover-form]');
    expect(await handover.locator('h2').textContent()).to.equal(`交付办理结果：${caseNo}`);
    await handover.locator('[data-test=handover-code] input').fill(code);
    await handover.locator('[data-test=handover-id] input').fill(applicant().idNo);
    await handover.locator('[data-test=handover-checked]').click();
    await screenshot(clerk, 'bundle-pickup-handover');

    // the page's words in English: nothing in Chinese but the applicant's name
    await language(clerk, 'English');
    await clerk.locator('h1', { hasText: 'Results pickup at the window' }).waitFor();
    await row.locator('p', { hasText: 'Opening a restaurant' }).waitFor();
    expect(await row.textContent()).to.contain(`${documents} documents`);
    expect((await row.textContent())!.replaceAll('张三', ''), 'the row in English').not.to.match(CJK);
    expect(await handover.textContent(), 'the handover form in English').not.to.match(CJK);
    expect(await handover.locator('h2').textContent()).to.equal(`Hand over the results of ${caseNo}`);
    expect(await clerk.locator('.pickup-page > .hint').textContent()).not.to.match(CJK);
    await screenshot(clerk, 'bundle-pickup-handover-en');
    await language(clerk, '中文');
    await clerk.locator('h1', { hasText: '统一出件 · 窗口领取' }).waitFor();

    await handover.locator('[data-test=handover-confirm]').click();
    await clerk.locator('.el-message', { hasText: `已交付：${caseNo}，办件已送达` }).waitFor();
    await row.waitFor({ state: 'detached' });
    const delivered = await waitForStatus('applicant', caseNo, 'delivered');
    expect(delivered.timeline.filter((e: { type: string }) => e.type === 'delivery.started')).to.have.length(1);

    // 张三's page: delivered, collected at the window, every document of both items to download
    const { page } = await open();
    await signIn(page, 'applicant', '/my', null);
    await page.goto(`/my/cases/${caseNo}`);
    const card = page.locator('[data-test=delivery]');
    await card.locator('[data-test=tracking] li[data-event=handed_over]', { hasText: '已在窗口领取' }).waitFor();
    expect(await page.locator('[data-test=case-status]').getAttribute('data-status')).to.equal('delivered');
    const readable = (await deliveryOf('applicant', caseNo)).documents as unknown[];
    expect(readable.length).to.be.at.least(listed.length);
    expect(await card.locator('[data-test=documents] li').count()).to.equal(readable.length);
    expect(await card.locator('[data-test=pickup-code]').count(), 'no code once collected').to.equal(0);
    await screenshot(page, 'bundle-pickup-delivered');
    await language(page, 'English');
    await card.locator('[data-test=tracking] li[data-event=handed_over]', { hasText: 'Collected at the window' }).waitFor();
    expect(await card.textContent(), 'the delivered card in English').not.to.match(CJK);
    await screenshot(page, 'bundle-pickup-delivered-en');
  });
});
