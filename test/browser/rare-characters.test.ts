import { expect } from 'chai';
import { approvedPastResults, NAME_WITHOUT_FONT } from '../support/rare-characters.ts';
import { browserSuite, screenshot, signIn } from './support/browser.ts';
import { language } from './support/language.ts';

/**
 * Issue 16 item 7 on the pages: a decision drawn with a character no installed font has (U+30041)
 * reaches people. The system administrator reads it among the notifications, follows it to the
 * staff case page and reads on its timeline which character the document shows as its code point
 * (zh-CN, then English).
 */
describe('a document drawn with a character no font has, on the pages (chromium)', function () {
  this.timeout(240_000);
  const { open } = browserSuite();

  it('the administrator is told, follows the notification to the case and reads the note on its timeline (zh-CN, then English)', async () => {
    const caseNo = await approvedPastResults(NAME_WITHOUT_FONT);
    const { page } = await open();
    await signIn(page, 'admin');
    await page.goto('/notifications');
    const notice = page.locator('[data-kind=document_glyph_unavailable]', { hasText: caseNo }).filter({ hasText: '决定书' });
    await notice.waitFor();
    expect(await notice.textContent())
      .to.contain('U+30041')
      .and.contain('请确认备用字体已安装');
    await screenshot(page, 'glyph-unavailable-notification');

    await notice.locator('[data-test=notification-case]').click();
    await page.waitForURL(`**/cases/${caseNo}`);
    const sealed = page.locator('[data-test=panel-timeline] .el-timeline-item', { hasText: '电子印章签章' });
    const note = sealed.locator('[data-test=timeline-note]').first();
    await note.waitFor();
    expect((await note.textContent())?.trim()).to.equal('已安装的字体均无以下字符，文书中以其编码代替：\u{30041}（U+30041）');
    await note.scrollIntoViewIfNeeded();
    await screenshot(page, 'glyph-unavailable-timeline');

    await language(page, 'English');
    const english = page
      .locator('[data-test=panel-timeline] .el-timeline-item', { hasText: 'Document sealed and signed' })
      .locator('[data-test=timeline-note]', { hasText: 'no installed font has these characters' })
      .first();
    await english.waitFor();
    expect((await english.textContent())?.trim()).to.equal('no installed font has these characters; the document shows their code points instead: U+30041');
    await screenshot(page, 'glyph-unavailable-timeline-english');
  });
});
