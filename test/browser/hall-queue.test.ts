import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { api, auth } from '../support/api.ts';
import { browserSuite, DESKTOP, horizontalOverflow, PHONE, screenshot, signIn } from './support/browser.ts';
import { pickOption } from './support/select.ts';
import { audit, describeViolations } from './support/accessibility.ts';
import { language } from './support/language.ts';

/** 智能排队叫号 in a browser: kiosk walk-in → the clerk calls → the hall display shows and says it → served → finished → the visit rated. */
const stamp = Date.now().toString(36).slice(-5);

async function testHall(): Promise<{ id: number; green: number }> {
  const post = async (path: string, body: object) =>
    api()
      .post(`/api/v1${path}`)
      .set(await auth('admin'))
      .send(body);
  const hall = await post('/halls', { regionCode: '430104', nameZh: `叫号大厅${stamp}`, nameEn: `Calling hall ${stamp}`, address: '测试路 2 号' });
  expect(hall.status, JSON.stringify(hall.body)).to.equal(201);
  await post(`/halls/${hall.body.id}/windows`, { number: '01', kind: 'general' });
  const withGreen = await post(`/halls/${hall.body.id}/windows`, { number: '09', kind: 'green' });
  return { id: hall.body.id, green: (withGreen.body.windows as { id: number; number: string }[]).find((w) => w.number === '09')!.id };
}

/** Every text the page asked the browser to say (window.speechSynthesis.speak hooked before the app loads). */
const spoken = (page: Page) => page.evaluate(() => (globalThis as unknown as { spoken: string[] }).spoken);

describe('智能排队叫号 in a browser (chromium): kiosk, calling panel, hall display with speech, the visit rated', function () {
  this.timeout(180_000);
  const { open } = browserSuite();

  it('a walk-in takes a 绿色通道 number on a phone, the clerk calls it, the display shows and says it (中文, English), the visit is finished and rated', async () => {
    const hall = await testHall();

    // the hall's screen, with its speech hooked
    const display = (await open(DESKTOP)).page;
    await display.addInitScript(() => {
      const g = globalThis as unknown as { spoken: string[]; speechSynthesis?: { speak: (u: { lang: string; text: string }) => void } };
      g.spoken = [];
      if (g.speechSynthesis) g.speechSynthesis.speak = (u) => void g.spoken.push(`${u.lang}|${u.text}`);
    });
    await display.goto(`/hall/${hall.id}/display`);
    await display.locator('[data-test=display-live]', { hasText: '实时' }).waitFor();
    await display.locator('[data-test=display-sound]').click();
    await display.locator('[data-test=display-sound]', { hasText: '语音播报已开启' }).waitFor();

    // the kiosk on a phone: 绿色通道 without its reason is refused at the field before anything is sent
    const kiosk = (await open(PHONE)).page;
    await kiosk.goto(`/hall/${hall.id}/kiosk`);
    expect(await kiosk.locator('h1').textContent()).to.equal('自助取号');
    await kiosk.locator('[data-test=kiosk-kind-general]').waitFor();
    const kioskViolations = await audit(kiosk, 'hall-queue-kiosk');
    expect(kioskViolations, describeViolations([{ page: 'kiosk', violations: kioskViolations }])).to.deep.equal([]);
    await kiosk.locator('[data-test=kiosk-kind-green]').click();
    await kiosk.locator('[data-test=kiosk-take]').click();
    await kiosk.locator('.el-form-item__error', { hasText: '绿色通道原因：请选择原因' }).waitFor();
    await kiosk.locator('[data-test=kiosk-priority-elderly]').click();
    await kiosk.locator('#kiosk-name').fill('王奶奶');
    await kiosk.locator('[data-test=kiosk-take]').click();
    const slip = kiosk.locator('[data-test=kiosk-slip]');
    await slip.waitFor();
    expect(await slip.getAttribute('data-number')).to.equal('G001');
    expect(await kiosk.locator('[data-test=kiosk-ahead]').textContent()).to.equal('前面没有人，请留意叫号');
    const link = (await kiosk.locator('[data-test=kiosk-link]').getAttribute('href'))!;
    expect(link).to.match(/^\/q\/[A-Za-z0-9_-]+$/);
    expect(await horizontalOverflow(kiosk), 'the kiosk fits a phone').to.equal(0);
    await screenshot(kiosk, 'hall-queue-kiosk-phone');

    // the clerk at the green window calls it
    const clerk = (await open(DESKTOP)).page;
    await signIn(clerk, 'clerk-yuelu');
    await clerk.locator('[data-test=nav-queue]').click();
    await clerk.waitForURL('**/queue');
    await pickOption(clerk, clerk.locator('[data-test=queue-window]'), `叫号大厅${stamp} · 09 绿色通道`);
    await clerk.locator('[data-test=queue-waiting] li[data-number=G001]').waitFor();
    await clerk.locator('[data-test=queue-call-next]').click();
    await clerk.locator('[data-test=queue-current][data-number=G001][data-status=called]').waitFor();

    // the display shows it at once (socket.io) and says it
    await display.locator('[data-test=display-now] [data-number=G001]', { hasText: '请 G001 号到 09 号窗口办理' }).waitFor();
    await display.waitForFunction(() => (globalThis as unknown as { spoken: string[] }).spoken.includes('zh-CN|请 G001 号到 09 号窗口办理'));
    const displayViolations = await audit(display, 'hall-queue-display');
    expect(displayViolations, describeViolations([{ page: 'display', violations: displayViolations }])).to.deep.equal([]);
    await screenshot(display, 'hall-queue-display');

    // in English the display says a re-call in English
    await language(display, 'English');
    await display.locator('[data-test=display-now]', { hasText: 'Number G001, please go to window 09' }).waitFor();
    await clerk.locator('[data-test=queue-recall]').click();
    await display.waitForFunction(() => (globalThis as unknown as { spoken: string[] }).spoken.includes('en-US|Number G001, please go to window 09'));
    expect(await spoken(display)).to.have.length.at.least(2);
    await screenshot(display, 'hall-queue-display-en');

    // the person's own page says where to go, on the phone
    await kiosk.goto(link);
    await kiosk.locator('[data-test=visit-called]', { hasText: '请到 09 号窗口办理' }).waitFor();

    // served: the window page opens with the ticket's person; then finished
    await clerk.locator('[data-test=queue-serve]').click();
    await clerk.locator('[data-test=queue-current][data-status=serving]').waitFor();
    await screenshot(clerk, 'hall-queue-panel');
    await clerk.locator('[data-test=queue-intake]').click();
    await clerk.waitForURL('**/window?ticket=*');
    await clerk.locator('[data-test=window-ticket]', { hasText: '排队号 G001 · 王奶奶' }).waitFor();
    await clerk.locator('[data-test=window-ticket-back]').click();
    await clerk.waitForURL('**/queue');
    await clerk.locator('[data-test=queue-finish]').click();
    await clerk.locator('[data-test=queue-current][data-number=""]').waitFor();

    // the visit rated in English, in 大字模式, on the phone
    await kiosk.reload();
    await language(kiosk, 'English');
    await kiosk.locator('[data-test=large-text]').click();
    await kiosk.locator('[data-test=visit-status]', { hasText: 'Finished' }).waitFor();
    await kiosk.locator('[data-test=visit-level-5]').click();
    await kiosk.locator('[data-test=visit-submit]').click();
    await kiosk.locator('[data-test=visit-rated]', { hasText: 'Your rating: Very satisfied' }).waitFor();
    expect(await horizontalOverflow(kiosk), 'the ticket page fits a phone in large text').to.equal(0);
    await screenshot(kiosk, 'hall-queue-visit-rated-en-large');
    // a waiting ticket given up on its page
    const other = await api().post(`/api/v1/halls/${hall.id}/queue/tickets`).send({ windowKind: 'general' });
    await kiosk.goto(`/q/${other.body.token}`);
    await kiosk.locator('[data-test=visit-cancel]').click();
    await kiosk.locator('[data-test=visit-status]', { hasText: 'Cancelled' }).waitFor();

    // 等候时长 on the supervision dashboard: the hall's one call, within 30 minutes
    const supervisor = (await open(DESKTOP)).page;
    await signIn(supervisor, 'supervisor');
    await supervisor.locator('[data-test=nav-supervision]').click();
    await supervisor.getByRole('tab', { name: '等候时长' }).click();
    const row = supervisor.locator('[data-test=hall-waits-table] .el-table__row', { hasText: `叫号大厅${stamp}` });
    await row.waitFor();
    const [hallName, called, averageMinutes, withinHalfHour] = (await row.locator('td').allTextContents()).map((c) => c.trim());
    expect([hallName, called, withinHalfHour]).to.deep.equal([`叫号大厅${stamp}`, '1', '100%']);
    // the average wait in minutes, to a tenth: the seconds between the kiosk and the call
    expect(averageMinutes).to.match(/^\d+(\.\d)?$/);
    expect(Number(averageMinutes)).to.be.below(30);
    await screenshot(supervisor, 'hall-queue-supervision-waits');
  });
});
