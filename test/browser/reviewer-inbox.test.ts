import { expect } from 'chai';
import { eventually } from '../support/eventually.ts';
import { api, applicant, auth, completeMaterials, getCase, ITEM, submit, validForm, waitForTask } from '../support/api.ts';
import {
  browserSuite,
  DESKTOP,
  documentState,
  focused,
  horizontalOverflow,
  imageShown,
  markPage,
  openInbox,
  PHONE,
  screenshot,
  signIn,
  stillMarked,
  taskCard,
} from './support/browser.ts';
import { language } from './support/language.ts';

const newCase = async () => {
  const res = await submit('applicant', { itemCode: ITEM, applicant: applicant(), form: validForm(), materials: await completeMaterials('applicant') });
  expect(res.status, JSON.stringify(res.body)).to.equal(201);
  return res.body.caseNo as string;
};

describe("the reviewers' pages in a browser (chromium)", function () {
  this.timeout(180_000);
  const { open } = browserSuite();

  it('shows a new case arriving in the open inbox live; the reviewer reads it, claims it and approves it, and it leaves the list', async () => {
    const { page } = await open();
    await signIn(page, 'reviewer');
    expect(await page.locator('h1').textContent()).to.equal('待办');
    expect(await page.locator('[data-test=user-name]').textContent()).to.contain('市场监管局审核员');
    // 20 tasks a page, most urgent first: the newest first shows the one that arrives
    await openInbox(page, { sort: 'newest' });
    await markPage(page);
    const url = page.url();

    const caseNo = await newCase();
    const card = taskCard(page, caseNo);
    await card.waitFor({ timeout: 30_000 });
    expect(await stillMarked(page), 'no reload').to.equal(true);
    expect(page.url()).to.equal(url);
    expect(await card.textContent()).to.match(/正常|临期预警|已超期|未计时/);
    await screenshot(page, 'inbox-new-task');

    await card.getByRole('link').click();
    await page.waitForURL('**/inbox/tasks/**');
    // the case's form in the form-js viewer, read-only (test/browser/forms.test.ts has more)
    const field = page.locator('[data-test=form-viewer]').getByLabel(/^经营者姓名/);
    await field.waitFor();
    expect(await field.inputValue()).to.equal('张三');
    expect(await page.locator('[data-test=materials] > li').count()).to.equal(3);

    // materials open inline: the image, and the PDF
    const idCard = page.locator('[data-material=operator-id]');
    await idCard.getByRole('button', { name: '预览' }).click();
    await idCard.locator('img').waitFor();
    expect(await imageShown(idCard.locator('img'))).to.equal(true);
    const form = page.locator('[data-material=application-form]');
    await form.getByRole('button', { name: '预览' }).click();
    expect(await form.locator('iframe').getAttribute('src')).to.match(/^blob:/);

    // the progress diagram: the review step marked current, the steps before it finished, the watermark kept
    const diagram = page.locator('[data-test=progress-diagram]');
    await diagram.locator('.djs-element.progress-current[data-element-id="review"]').waitFor();
    expect(await diagram.locator('.djs-element.progress-finished').count()).to.be.greaterThan(0);
    expect(await diagram.locator('.bjs-powered-by').isVisible()).to.equal(true);
    await screenshot(page, 'task-view');

    await page.locator('[data-test=claim]').click();
    await page.locator('[data-test=complete]').click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    expect(await dialog.getByRole('radio', { name: '同意', exact: true }).isChecked()).to.equal(true);
    await dialog.locator('textarea[data-test=opinion]').fill('材料齐全，符合条件，同意。');
    await screenshot(page, 'task-complete-dialog');
    await dialog.locator('[data-test=confirm-complete]').click();

    await page.waitForURL('**/inbox');
    await card.waitFor({ state: 'detached', timeout: 15_000 });
    const view = await getCase('reviewer', caseNo);
    const opinions = view.body.opinions as { outcome: string; comment: string; by: string }[];
    expect(opinions.some((o) => o.outcome === 'approve' && o.comment === '材料齐全，符合条件，同意。' && o.by === '市场监管局审核员')).to.equal(true);
  });

  it('switches to English and back, Element Plus with it, and offers a large-text mode', async () => {
    const caseNo = await newCase();
    await waitForTask('reviewer', caseNo, 'review');
    const { page } = await open();
    await signIn(page, 'reviewer');
    await language(page, 'English');
    await page.locator('h1', { hasText: 'Inbox' }).waitFor();
    expect((await documentState(page)).lang).to.equal('en');
    await openInbox(page, { caseNo });
    expect(await taskCard(page, caseNo).textContent()).to.contain('Case no.');
    // Element Plus's own words follow: the date picker's month header
    await page.locator('.filters__dates .el-date-editor').click();
    const header = page.locator('.el-date-range-picker__header').first();
    await header.waitFor();
    expect(await header.textContent()).to.not.contain('年');
    await screenshot(page, 'inbox-english');
    await page.keyboard.press('Escape');

    await language(page, '中文');
    await page.locator('h1', { hasText: '待办' }).waitFor();
    await page.locator('.filters__dates .el-date-editor').click();
    await page.locator('.el-date-range-picker__header', { hasText: '年' }).first().waitFor();
    await page.keyboard.press('Escape');

    await page.locator('[data-test=large-text]').click();
    expect(await documentState(page)).to.include({ largeText: true, fontSize: '20px' });
    await screenshot(page, 'inbox-large-text');
  });

  it('works with the keyboard alone: signing in, and opening and claiming a task from the list, with the focus visible', async () => {
    const caseNo = await newCase();
    await waitForTask('reviewer', caseNo, 'review');
    const { page } = await open();
    await page.goto('/login');
    // the page focuses the user name once it has mounted
    await eventually('the user name has the focus', async () => (await focused(page)).id === 'login-username');
    await page.keyboard.type('reviewer');
    await page.keyboard.press('Tab');
    expect((await focused(page)).id).to.equal('login-password');
    await page.keyboard.type('demo');
    await page.keyboard.press('Enter');
    await page.waitForURL('**/inbox');
    // the case's own inbox link (20 tasks a page: other tests' may fill the first)
    await openInbox(page, { caseNo });
    await taskCard(page, caseNo).waitFor();

    // the header, the filters, then the card's link and button
    const stops = 40 + 3 * (await page.locator('li[data-case-no]').count());
    let tabs = 0;
    for (let f = await focused(page); f.caseNo !== caseNo || f.tag !== 'A'; f = await focused(page)) {
      expect(++tabs, 'Tab reaches the task').to.be.lessThan(stops);
      await page.keyboard.press('Tab');
    }
    const { outline } = await focused(page);
    expect(outline?.style, 'the focus is visible').to.not.equal('none');
    expect(outline?.width).to.be.at.least(2);
    await screenshot(page, 'inbox-keyboard-focus');
    await page.keyboard.press('Enter');
    await page.waitForURL('**/inbox/tasks/**');

    tabs = 0;
    while ((await focused(page)).dataTest !== 'claim') {
      expect(++tabs, 'Tab reaches 签收').to.be.lessThan(40);
      await page.keyboard.press('Tab');
    }
    await page.keyboard.press('Enter');
    await page.locator('[data-test=complete]').waitFor();
    const { body } = await api()
      .get('/api/v1/tasks')
      .query({ caseNo })
      .set(await auth('reviewer'));
    expect(body.tasks.find((t: { caseNo: string }) => t.caseNo === caseNo).assignee).to.equal('reviewer');
  });

  for (const [name, viewport] of [
    ['desktop', DESKTOP],
    ['phone', PHONE],
  ] as const) {
    it(`lays every page out without horizontal scrolling on a ${name} (${viewport.width}×${viewport.height})`, async () => {
      const caseNo = await newCase();
      const task = await waitForTask('reviewer', caseNo, 'review');
      const { page } = await open(viewport);
      const check = async (page_: string) => {
        expect(await horizontalOverflow(page), `${page_} scrolls sideways`).to.be.at.most(0);
        await screenshot(page, `${page_}-${name}`);
      };

      await page.goto('/login');
      await page.locator('#login-username').waitFor();
      await check('login');
      await signIn(page, 'reviewer');
      await check('inbox-paged');
      await openInbox(page, { caseNo });
      await taskCard(page, caseNo).waitFor();
      await check('inbox');
      await page.goto('/inbox/done');
      await page.locator('[data-test=done-list], .el-empty').first().waitFor();
      await check('inbox-done');
      await page.goto('/inbox/copies');
      await page.locator('[data-test=copies-list], .el-empty').first().waitFor();
      await check('inbox-copies');
      await page.goto('/notifications');
      await page.locator('[data-test=notification-list], .el-empty').first().waitFor();
      await check('notifications');
      await page.goto(`/inbox/tasks/${task.id}`);
      await page.locator('[data-test=progress-diagram] .djs-element.progress-current').first().waitFor();
      await check('task');
      await page.goto(`/cases/${caseNo}`);
      await page.locator('[data-test=case-no]', { hasText: caseNo }).waitFor();
      await page.locator('[data-test=progress-diagram] .djs-element').first().waitFor();
      await check('case-lookup');
    });
  }
});
