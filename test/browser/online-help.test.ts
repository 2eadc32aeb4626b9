import { expect } from 'chai';
import { ITEM } from '../support/api.ts';
import { browserSuite, horizontalOverflow, PHONE, screenshot, signIn } from './support/browser.ts';
import { pickOption } from './support/select.ts';
import { audit, describeViolations } from './support/accessibility.ts';
import { language } from './support/language.ts';

/**
 * 线上帮办 in two browsers (issue 21 part 4): 张三 on a phone asks for help on the apply page, the
 * centre's clerk joins from the help desk, they talk, 张三 lets the clerk fill fields and the filled
 * field appears in his form marked 帮办员填写 until he confirms it; the clerk ends the help as solved,
 * 张三 rates it; the figures tab counts it. Chinese and English both, 大字模式 on the phone.
 */
describe('线上帮办 in a browser (chromium): the applicant and the helper, live', function () {
  this.timeout(120_000);
  const { open } = browserSuite();

  it('张三 asks on the apply page, the clerk joins, they talk, the clerk fills a consented field, it is confirmed, closed and rated', async () => {
    const { page: me } = await open(PHONE);
    await signIn(me, 'applicant', '/my', null);
    await me.goto(`/apply/${ITEM}`);
    await me.locator('[data-test=submit]').waitFor();
    await me.locator('#apply-businessName').fill('张三小吃');
    await me.locator('[data-test=online-help-open]').click();
    const panel = me.locator('.el-drawer');
    await panel.locator('[data-test=help-question]').fill('经营范围怎么写？');
    await panel.locator('[data-test=help-ask]').click();
    const state = panel.locator('[data-test=online-help-state]');
    await panel.locator('[data-test=online-help-state][data-state=waiting]').waitFor();
    expect(await state.textContent()).to.equal('等待帮办员接入…');
    await screenshot(me, 'online-help-applicant-waiting');

    // the clerk, at the help desk: the request in the queue, joined, the form seen as 张三 typed it
    const { page: desk } = await open();
    await signIn(desk, 'clerk');
    // told by a notification, which leads to the help desk
    await desk.goto('/notifications');
    await desk.locator('[data-kind=online_help] [data-test=notification-online-help]').first().click();
    await desk.waitForURL('**/online-help');
    const item = desk.locator('[data-test=help-queue-waiting] [data-test=help-queue-item]', { hasText: '张三' }).last();
    await item.click();
    await desk.locator('[data-test=help-join]').click();
    await desk.locator('[data-test=help-desk-state][data-state=joined]').waitFor();
    await desk.locator('[data-test=help-live-form] dd[data-field=businessName]', { hasText: '张三小吃' }).waitFor();
    expect(await desk.locator('[data-test=help-entries]').textContent()).to.contain('经营范围怎么写？');

    // 张三 sees who joined; they talk
    await panel.locator('[data-test=online-help-state][data-state=joined]').waitFor();
    expect(await state.textContent()).to.equal('帮办员 综合窗口受理员 正在为您服务');
    await desk.locator('[data-test=help-message]').fill('您好，可以授权我帮您填写经营范围。');
    await desk.locator('[data-test=help-send]').click();
    await panel.locator('[data-test=help-entry]', { hasText: '可以授权我帮您填写经营范围' }).waitFor();
    await panel.locator('[data-test=help-message]').fill('好的，谢谢');
    await panel.locator('[data-test=help-send]').click();
    await desk.locator('[data-test=help-entry]', { hasText: '好的，谢谢' }).waitFor();
    // what 张三 types goes on reaching the clerk, his phone masked
    await me.locator('#apply-operatorPhone').fill('13912345678');
    await desk.locator('[data-test=help-live-form] dd[data-field=operatorPhone]', { hasText: '139****5678' }).waitFor();

    // without consent the clerk cannot fill; 张三 consents
    expect(await desk.locator('[data-test=help-fill-consent]').getAttribute('data-consent')).to.equal('false');
    await panel.locator('[data-test=help-consent]').click();
    await desk.locator('[data-test=help-fill-consent][data-consent=true]').waitFor();
    await pickOption(desk, desk.locator('[data-test=help-fill] .el-select').first(), '经营范围');
    await desk.locator('#help-fill-businessScope').fill('小吃服务；预包装食品销售');
    await desk.locator('[data-test=help-fill-send]').click();

    // the value lands in 张三's form, marked, until he confirms it
    await me.locator('[data-test=note-businessScope]').waitFor();
    expect(await me.locator('#apply-businessScope').inputValue()).to.equal('小吃服务；预包装食品销售');
    expect(await me.locator('[data-test=note-businessScope]').textContent()).to.equal('帮办员填写（综合窗口受理员），请核对后确认');
    await screenshot(me, 'online-help-applicant-filled');
    await screenshot(desk, 'online-help-desk');
    const found = [
      { page: 'online-help-applicant', violations: await audit(me, 'online-help-applicant') },
      { page: 'online-help-desk', violations: await audit(desk, 'online-help-desk') },
    ];
    expect(
      found.flatMap((f) => f.violations),
      describeViolations(found),
    ).to.deep.equal([]);
    await panel.locator('[data-test=help-confirm-businessScope]').click();
    await me.locator('[data-test=note-businessScope]').waitFor({ state: 'detached' });
    await desk.locator('[data-test=help-entry][data-kind=confirmed]').waitFor();

    // in English on both sides
    await language(desk, 'English');
    await desk.getByRole('tab', { name: 'Help queue' }).waitFor();
    await desk.locator('h3', { hasText: 'The applicant’s form (live)' }).waitFor();
    expect(await desk.locator('[data-test=help-entry][data-kind=confirmed]').textContent()).to.match(/^张三 confirmed “Business scope”/);
    await me.keyboard.press('Escape');
    await language(me, 'English');
    await me.locator('[data-test=online-help-open]', { hasText: 'Online help · Being helped' }).waitFor();
    await me.locator('[data-test=online-help-open]').click();
    expect(await state.textContent()).to.equal('Helper 综合窗口受理员 is helping you');

    // the clerk ends it as solved; 张三 rates it
    await desk.locator('[data-test=help-desk-close]').click();
    await desk.locator('[data-test=help-desk-note]').fill('已指导填写');
    await desk.locator('[data-test=help-desk-close-confirm]').click();
    await panel.locator('[data-test=online-help-state][data-state=closed]').waitFor();
    expect(await state.textContent()).to.equal('This help session is closed');
    await panel.locator('[data-test=help-level-5]').click();
    await panel.locator('[data-test=help-rate]').click();
    await panel.locator('[data-test=help-rated]').waitFor();
    expect(await panel.locator('[data-test=help-rated]').textContent()).to.contain('Very satisfied');

    // 大字模式 on the phone: the panel still fits
    await me.keyboard.press('Escape');
    await language(me, '中文');
    await me.locator('[data-test=large-text]').click();
    await me.locator('[data-test=online-help-open]').click();
    await panel.locator('[data-test=help-rated]', { hasText: '非常满意' }).waitFor();
    expect(await horizontalOverflow(me)).to.equal(0);
    await screenshot(me, 'online-help-applicant-large-text');

    // the figures: the centre's tab counts it
    await desk.getByRole('tab', { name: 'Figures' }).click();
    await desk.locator('[data-test=help-response-rate] .big').waitFor();
    expect(await desk.locator('[data-test=help-resolution-rate] .big').textContent()).to.match(/%$/);
    await screenshot(desk, 'online-help-figures');

    // and the 数据局's leader reads them on the supervision dashboard, over the dashboard's period
    const { page: supervisor } = await open();
    await signIn(supervisor, 'supervisor');
    await supervisor.locator('[data-test=nav-supervision]').click();
    await supervisor.getByRole('tab', { name: '线上帮办' }).click();
    const rate = supervisor.locator('[data-test=tab-online-help] [data-test=help-response-rate] .big');
    await rate.waitFor();
    expect(await rate.textContent()).to.match(/%$/);
    expect(await supervisor.locator('[data-test=tab-online-help] [data-test=help-figures-from]').count()).to.equal(0);
  });
});
