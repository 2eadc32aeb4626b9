import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { api } from '../support/api.ts';
import { testEnv } from '../support/environment.ts';
import { issueTicket } from '../../server/queue/index.ts';
import { browserSuite, documentState, horizontalOverflow, PHONE, screenshot } from './support/browser.ts';
import { pickOption } from './support/select.ts';
import { language } from './support/language.ts';

/**
 * 政务服务数字地图 (/map) without signing in: the demo city's halls on the map the page draws, a
 * marker chosen shows its hall's card (services, queue), search and the region filter, English, a
 * phone (list and map in turn, the distance from the person), 大字模式 — and not one request leaves
 * the platform's origin.
 */
type MapHall = { id: number; nameZh: string; queue: { waiting: number; averageWaitMinutes: number | null } };

const origin = () => new URL(testEnv().url).origin;
/** every request the page makes that is not to the platform itself (data: and blob: are the page's own) */
function outsideRequests(page: Page): string[] {
  const outside: string[] = [];
  page.on('request', (r) => {
    const url = r.url();
    if (!url.startsWith(`${origin()}/`) && !/^(data|blob):/.test(url)) outside.push(url);
  });
  return outside;
}
const viewBoxWidth = async (page: Page) => Number((await page.locator('[data-test=hall-map-svg]').getAttribute('viewBox'))!.split(' ')[2]);
const listCard = (page: Page, id: number) => page.locator(`[data-test=hall-list] [data-hall="${id}"]`);

describe('政务服务数字地图, in a browser (chromium)', function () {
  this.timeout(180_000);
  const { open } = browserSuite();
  let halls: MapHall[];
  const demo = (name: string) => halls.find((h) => h.nameZh === name)!;

  before(async () => {
    // someone waiting at the city's centre today
    const all = (await api().get('/api/v1/hall-map')).body.halls as MapHall[];
    await issueTicket({ hallId: all.find((h) => h.nameZh === '长沙市政务服务中心')!.id, windowKind: 'general' }, { actor: null });
    halls = (await api().get('/api/v1/hall-map')).body.halls as MapHall[];
  });

  it('from the login page without signing in: the map with the demo halls, a marker shows its hall with services and queue; search, region, English', async () => {
    const { page } = await open();
    const outside = outsideRequests(page);
    await page.goto('/login');
    await page.locator('[data-test=to-hall-map]').click();
    await page.waitForURL('**/map');
    expect(await page.locator('h1').textContent()).to.equal('政务服务地图');
    await page.locator('[data-test=hall-map-svg]').waitFor();

    // a marker per placed demo hall, a button named for the hall and its kind
    const city = demo('长沙市政务服务中心');
    const station = demo('桃花岭社区便民服务站');
    for (const name of ['长沙市政务服务中心', '岳麓区政务服务中心', '岳麓街道便民服务中心', '桃花岭社区便民服务站'])
      await page.locator(`[data-hall-marker="${demo(name).id}"]`).waitFor();
    expect(await page.locator(`[data-hall-marker="${station.id}"]`).getAttribute('aria-label')).to.equal('桃花岭社区便民服务站（便民服务站）');
    expect(await page.locator(`[data-hall-marker="${city.id}"]`).getAttribute('role')).to.equal('button');

    // the city's centre chosen on the map: its card in the list is highlighted, with its services and today's queue
    await page.locator(`[data-hall-marker="${city.id}"]`).click();
    expect(await page.locator(`[data-hall-marker="${city.id}"]`).getAttribute('aria-pressed')).to.equal('true');
    const card = listCard(page, city.id);
    await page.locator(`[data-test=hall-list] [data-hall="${city.id}"].is-selected`).waitFor();
    expect(await card.locator('[data-test=hall-kind]').textContent()).to.contain('政务服务中心');
    expect(await card.locator('[data-test=hall-queue]').textContent()).to.contain(`等候 ${city.queue.waiting} 人`);
    // open now or not, by the Shanghai clock, the hall's periods and its district's calendar
    expect((await card.locator('[data-test=hall-open]').textContent())?.trim()).to.match(
      /^(正在办公，\d\d:\d\d 结束|今日 \d\d:\d\d 开始办公|今日办公已结束|今日不办公.*)$/,
    );
    expect(city.queue.waiting).to.be.greaterThan(0);
    await card.locator('[data-test=hall-more-items]').click();
    expect(await card.locator('[data-test=hall-items]').textContent()).to.contain('高龄津贴申领');
    expect(await card.locator('[data-item="MZ-GL-001"] a').getAttribute('href')).to.equal('/guide/item/MZ-GL-001');
    expect(await card.locator('[data-test=hall-phone]').getAttribute('href')).to.equal('tel:073112345');
    expect(await card.locator('[data-test=hall-geo]').getAttribute('href')).to.match(/^geo:28\.2095,112\.9018\?q=28\.2095,112\.9018\(/);
    await screenshot(page, 'hall-map-desktop');

    // by keyboard: a marker takes the focus and Enter chooses it; the list's name chooses it back
    await page.locator(`[data-hall-marker="${station.id}"]`).focus();
    await page.keyboard.press('Enter');
    await page.locator(`[data-test=hall-list] [data-hall="${station.id}"].is-selected`).waitFor();
    await listCard(page, city.id).locator('[data-test=hall-name]').click();
    expect(await page.locator(`[data-hall-marker="${city.id}"]`).getAttribute('aria-pressed')).to.equal('true');

    // zoom: the buttons and the wheel narrow the view; 显示全部 fits the halls again
    const fitted = await viewBoxWidth(page);
    await page.locator('[data-test=zoom-in]').click();
    expect(await viewBoxWidth(page)).to.be.closeTo(fitted / 1.5, fitted / 100);
    await page.locator('[data-test=hall-map-frame]').hover();
    await page.mouse.wheel(0, 300);
    expect(await viewBoxWidth(page)).to.be.greaterThan(fitted / 1.5);
    await page.locator('[data-test=zoom-reset]').click();
    expect(await viewBoxWidth(page)).to.be.closeTo(fitted, fitted / 100);

    // search by a service: the halls that handle it, not the station
    await page.locator('[data-test=hall-search]').fill('高龄津贴');
    await listCard(page, station.id).waitFor({ state: 'detached' });
    await listCard(page, demo('岳麓区政务服务中心').id).waitFor();
    expect(await page.locator(`[data-hall-marker="${station.id}"]`).count()).to.equal(0);
    // by name
    await page.locator('[data-test=hall-search]').fill('桃花岭');
    await listCard(page, station.id).waitFor();
    expect(await page.locator('[data-test=hall-list] > [data-hall]').count()).to.equal(1);
    expect(await page.locator('[data-hall-marker]').count()).to.equal(1);
    await page.locator('[data-test=hall-search]').fill('');
    // the region: 岳麓区 and what lies under it, not the city's own centre
    await pickOption(page, page.locator('[data-test=hall-region]'), '岳麓区');
    await listCard(page, city.id).waitFor({ state: 'detached' });
    await listCard(page, station.id).waitFor();

    // English: the page's words and the halls' names
    await language(page, 'English');
    expect(await page.locator('h1').textContent()).to.equal('Government service map');
    await listCard(page, station.id).getByText('Taohualing Community Service Station').waitFor();
    expect(await listCard(page, station.id).locator('[data-test=hall-kind]').textContent()).to.contain('Service station');
    expect(await page.locator(`[data-hall-marker="${station.id}"]`).getAttribute('aria-label')).to.equal(
      'Taohualing Community Service Station (Service station)',
    );
    await screenshot(page, 'hall-map-desktop-en');
    await language(page, '中文');

    // a service's guide opens without signing in (办事指南 are public), in the app's frame with a sign-in link
    await page.goto(`/map?hall=${city.id}`);
    await listCard(page, city.id).locator('[data-test=hall-more-items]').click();
    await listCard(page, city.id).locator('[data-item="MZ-GL-001"] a').click();
    await page.waitForURL('**/guide/item/MZ-GL-001');
    await page.locator('[data-test=guide] h1', { hasText: '高龄津贴申领' }).waitFor();
    expect(await page.locator('[data-test=user-name]').count(), 'nobody is signed in').to.equal(0);
    expect(await page.locator('[data-test=sign-in]').getAttribute('href')).to.equal('/login?next=/guide/item/MZ-GL-001');
    expect(outside, 'requests that left the platform').to.deep.equal([]);
  });

  it('on a phone: list and map in turn, a marker tapped shows its card, the distance from the person, 大字模式', async () => {
    const { page } = await open(PHONE);
    const outside = outsideRequests(page);
    await page.context().grantPermissions(['geolocation'], { origin: origin() });
    // standing at 岳麓区政务服务中心's door
    await page.context().setGeolocation({ latitude: 28.2318, longitude: 112.8869 });
    const city = demo('长沙市政务服务中心');
    const yuelu = demo('岳麓区政务服务中心');
    // a link to one hall opens on it
    await page.goto(`/map?hall=${city.id}`);
    await page.locator(`[data-test=hall-list] [data-hall="${city.id}"].is-selected`).waitFor();
    expect(await page.locator('[data-test=hall-map-svg]').isVisible(), 'the list first').to.equal(false);
    expect(await horizontalOverflow(page)).to.equal(0);

    await page.locator('[data-test=hall-locate]').click();
    await page.locator('[data-test=hall-locate-status]', { hasText: '已按与您的距离排序' }).waitFor();
    // nearest first: the hall at the door, some tens of metres
    expect(await page.locator('[data-test=hall-list] > [data-hall]').first().getAttribute('data-hall')).to.equal(String(yuelu.id));
    expect(await listCard(page, yuelu.id).locator('[data-test=hall-distance]').textContent()).to.equal('距您约 10 米');
    expect(await listCard(page, city.id).locator('[data-test=hall-distance]').textContent()).to.match(/^距您约 \d\.\d 公里$/);
    await screenshot(page, 'hall-map-phone-list');

    await page.locator('[data-test=view-map]').click();
    await page.locator('[data-test=hall-map-svg]').waitFor();
    expect(await listCard(page, city.id).isVisible(), 'the map instead of the list').to.equal(false);
    await page.locator('[data-test=you-marker]').waitFor();
    // a marker is large enough to tap (44 px or more)
    const marker = await page.locator(`[data-hall-marker="${city.id}"]`).boundingBox();
    expect(Math.min(marker!.width, marker!.height)).to.be.at.least(44);
    await page.locator(`[data-hall-marker="${city.id}"]`).click();
    const selected = page.locator('[data-test=map-selected]');
    await selected.locator(`[data-hall="${city.id}"]`).waitFor();
    expect(await selected.locator('[data-test=hall-queue]').textContent()).to.contain('等候');
    expect(await selected.locator('[data-test=hall-items] li').count()).to.be.greaterThan(0);
    expect(await horizontalOverflow(page)).to.equal(0);
    await screenshot(page, 'hall-map-phone-map');

    await page.locator('[data-test=large-text]').click();
    expect(await documentState(page)).to.include({ largeText: true });
    expect(await horizontalOverflow(page), '大字模式 fits the phone too').to.equal(0);
    const bigger = await page.locator(`[data-hall-marker="${city.id}"]`).boundingBox();
    expect(bigger!.height).to.be.greaterThan(marker!.height * 1.2);
    await language(page, 'English');
    await selected.getByText('Changsha Government Service Center').waitFor();
    expect(await horizontalOverflow(page)).to.equal(0);
    await screenshot(page, 'hall-map-phone-large-en');
    await page.locator('[data-test=large-text]').click();
    await language(page, '中文');
    expect(outside, 'requests that left the platform').to.deep.equal([]);
  });
});
