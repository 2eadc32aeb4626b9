import { expect } from 'chai';
import type { Locator, Page } from 'playwright-core';
import { eventually } from '../support/eventually.ts';
import { api, applicant, auth, completeMaterials, ITEM, submit, validForm, waitForTask } from '../support/api.ts';
import { browserSuite, horizontalOverflow, PHONE, screenshot, signIn } from './support/browser.ts';
import { choose } from './support/catalog-form.ts';
import { User } from '../../server/auth/user.model.ts';
import { hashPassword } from '../../server/auth/passwords.ts';
import { DEMO_PASSWORD } from '../../server/auth/demo-accounts.ts';
import { notify } from '../../server/notifications/index.ts';
import { language } from './support/language.ts';

/**
 * 待办 a page at a time (20 by default, the exact total, sorted on the server, found by case number,
 * all kept in the URL), 已办, 抄送我的 and the notification centre (the header's bell, its drawer,
 * 全部标为已读, the full page a page at a time with 标为已读 on each), in Chinese and in English.
 */

type Task = { id: string; caseNo: string; taskDefinitionKey: string; created: string };

const newCase = async () => {
  const res = await submit('applicant', { itemCode: ITEM, applicant: applicant(), form: validForm(), materials: await completeMaterials('applicant') });
  expect(res.status, JSON.stringify(res.body)).to.equal(201);
  return res.body.caseNo as string;
};

/** The reviewer's inbox as the API answers it (the page's truth). */
async function inbox(username: string, query: Record<string, string> = {}): Promise<{ total: number; tasks: Task[] }> {
  const res = await api()
    .get('/api/v1/tasks')
    .query(query)
    .set(await auth(username));
  expect(res.status, JSON.stringify(res.body)).to.equal(200);
  return res.body;
}

const post = async (username: string, path: string, body: object = {}) => {
  const res = await api()
    .post(`/api/v1${path}`)
    .set(await auth(username))
    .send(body);
  expect(res.status, `${path}: ${JSON.stringify(res.body)}`).to.equal(200);
  return res.body;
};

/** A case at the review step, claimed by the reviewer. */
async function claimedReview(): Promise<{ caseNo: string; task: Task }> {
  const caseNo = await newCase();
  const task = (await waitForTask('reviewer', caseNo, 'review')) as unknown as Task;
  await post('reviewer', `/tasks/${task.id}/claim`);
  return { caseNo, task };
}

const cards = (page: Page) => page.locator('[data-test=task-list] > li');
const cardIds = (page: Page) => cards(page).evaluateAll((lis) => lis.map((li) => (li as unknown as { dataset: { taskId: string } }).dataset.taskId));

/** Waits until the list shows exactly these tasks, in this order. */
async function showsTasks(page: Page, ids: string[], what: string): Promise<void> {
  let seen: string[] = [];
  await eventually(
    what,
    async () => {
      seen = await cardIds(page);
      return JSON.stringify(seen) === JSON.stringify(ids);
    },
    15_000,
    { last: () => seen },
  );
}

const query = (page: Page) => Object.fromEntries(new URL(page.url()).searchParams);
const badge = (page: Page) => page.locator('[data-test=bell-badge] .el-badge__content');
const bell = (page: Page) => page.locator('[data-test=bell]');

/** The badge shows `n` unread (hidden at 0), and the bell's name says so for screen readers. */
async function unreadShown(page: Page, n: number, name: RegExp): Promise<void> {
  if (n === 0) await badge(page).waitFor({ state: 'hidden' });
  else await page.locator('[data-test=bell-badge] .el-badge__content', { hasText: new RegExp(`^\\s*${n}\\s*$`) }).waitFor();
  await eventually(`the bell is named ${name}`, async () => name.test((await bell(page).getAttribute('aria-label')) ?? ''));
}

async function pickFrom(page: Page, select: Locator, text: string): Promise<void> {
  await choose(page, select, text);
  await page.locator('.el-select-dropdown:visible').waitFor({ state: 'hidden' });
}

describe('待办 paged, sorted and searched; 已办; 抄送我的; the notification bell, in a browser (chromium)', function () {
  this.timeout(300_000);
  const { open } = browserSuite();

  it('pages the inbox 20 a task at a time with the exact total, sorts it on the server and finds a case by its number, all in the URL', async () => {
    // more than 20 tasks for the reviewer, whatever the other tests left
    const mine: string[] = [];
    const missing = Math.max(3, 23 - (await inbox('reviewer')).total);
    for (let i = 0; i < missing; i += 4) mine.push(...(await Promise.all(Array.from({ length: Math.min(4, missing - i) }, newCase))));
    for (const caseNo of mine) await waitForTask('reviewer', caseNo, 'review');
    const all = await inbox('reviewer', { limit: '100' });
    const total = all.total;
    expect(total).to.be.greaterThan(20);

    const { page } = await open();
    await signIn(page, 'reviewer');
    await page.locator('[data-test=inbox-count]', { hasText: `共 ${total} 件` }).waitFor();
    // the first page: the 20 most urgent, as the API orders them
    await showsTasks(
      page,
      all.tasks.slice(0, 20).map((t) => t.id),
      'the first 20 by urgency',
    );
    expect(await page.locator('[data-test=pager-range]').textContent()).to.equal('第 1–20 件');
    await screenshot(page, 'inbox-paged');

    // page 2: the rest (up to 20), and a reload keeps it
    await page.locator('[data-test=pager] .el-pager li', { hasText: /^2$/ }).click();
    await page.waitForURL((url) => url.searchParams.get('page') === '2');
    const second = all.tasks.slice(20, 40).map((t) => t.id);
    await showsTasks(page, second, 'page 2');
    expect(await page.locator('[data-test=pager-range]').textContent()).to.equal(`第 21–${Math.min(40, total)} 件`);
    await page.reload();
    await showsTasks(page, second, 'page 2 after a reload');
    expect(await page.locator('[data-test=inbox-count]').textContent()).to.equal(`共 ${total} 件`);

    // 50 a page: every task on one page (up to 50)
    await pickFrom(page, page.locator('[data-test=page-size]'), '每页 50 条');
    await page.waitForURL((url) => url.searchParams.get('size') === '50' && !url.searchParams.has('page'));
    await showsTasks(
      page,
      all.tasks.slice(0, 50).map((t) => t.id),
      '50 a page',
    );
    await pickFrom(page, page.locator('[data-test=page-size]'), '每页 20 条');
    await page.waitForURL((url) => !url.searchParams.has('size'));

    // 最新收到: the last case submitted comes first; 最早收到: as the API says
    await pickFrom(page, page.locator('[data-test=sort]'), '最新收到');
    await page.waitForURL((url) => url.searchParams.get('sort') === 'newest');
    const newest = await inbox('reviewer', { sort: 'newest', limit: '20' });
    // the cases were submitted four at once: one of the last four is the newest task
    expect(mine.slice(-4)).to.include(newest.tasks[0]!.caseNo);
    const created = newest.tasks.map((t) => t.created);
    expect(created, 'newest first').to.deep.equal([...created].sort().reverse());
    await showsTasks(
      page,
      newest.tasks.map((t) => t.id),
      'newest first',
    );
    await pickFrom(page, page.locator('[data-test=sort]'), '最早收到');
    await page.waitForURL((url) => url.searchParams.get('sort') === 'oldest');
    const oldest = await inbox('reviewer', { sort: 'oldest', limit: '20' });
    await showsTasks(
      page,
      oldest.tasks.map((t) => t.id),
      'oldest first',
    );
    await page.reload();
    expect(await page.locator('[data-test=sort] .el-select__selected-item:not(.is-hidden)').first().textContent()).to.contain('最早收到');

    // 办件编码: the one case, the number kept in the URL; clearing the filters brings the rest back, sorted as before
    const wanted = mine[0]!;
    await page.locator('input[data-test=case-no-search]').fill(wanted);
    await page.locator('input[data-test=case-no-search]').press('Enter');
    await page.waitForURL((url) => url.searchParams.get('caseNo') === wanted);
    await page.locator('[data-test=inbox-count]', { hasText: '共 1 件' }).waitFor();
    expect(await cards(page).count()).to.equal(1);
    expect(await cards(page).first().getAttribute('data-case-no')).to.equal(wanted);
    await page.reload();
    await page.locator(`[data-test=task-list] > li[data-case-no="${wanted}"]`).waitFor();
    expect(await page.locator('input[data-test=case-no-search]').inputValue()).to.equal(wanted);
    await screenshot(page, 'inbox-case-no');
    await page.getByRole('button', { name: '清除筛选' }).click();
    await page.waitForURL((url) => !url.searchParams.has('caseNo'));
    expect(query(page)).to.deep.equal({ sort: 'oldest' });
    await page.locator('[data-test=inbox-count]', { hasText: `共 ${total} 件` }).waitFor();

    // a phone: the filters and the pager wrap, nothing scrolls sideways
    const phone = (await open(PHONE)).page;
    await signIn(phone, 'reviewer');
    await phone.locator('[data-test=pager]').waitFor();
    expect(await horizontalOverflow(phone), 'the inbox scrolls sideways on a phone').to.be.at.most(0);
    await screenshot(phone, 'inbox-paged-phone');
  });

  it('已办 lists what the reviewer completed with the opinion; 抄送我的 lists a copy; the bell counts it live and 全部标为已读 clears it', async () => {
    const { caseNo, task } = await claimedReview();
    // 消防支队's reviewer, of another department: the copy is how they may read the case; nothing unread to begin with
    await post('reviewer2', '/notifications/read');
    const watcher = (await open()).page;
    await signIn(watcher, 'reviewer2');
    await unreadShown(watcher, 0, /没有未读/);

    // 抄送: the bell counts it without a reload, the drawer lists it
    await post('reviewer', `/tasks/${task.id}/copy`, { to: ['reviewer2'], note: '请知悉：经营场所待核实' });
    await unreadShown(watcher, 1, /1 条未读/);
    await bell(watcher).click();
    const drawer = watcher.getByRole('dialog');
    await drawer.locator('[data-test=notification-list] li', { hasText: caseNo }).waitFor();
    const notice = drawer.locator('[data-test=notification-list] li').first();
    expect(await notice.getAttribute('data-read')).to.equal('false');
    expect(await notice.locator('[data-test=notification-case]').getAttribute('href')).to.equal(`/cases/${caseNo}`);
    await screenshot(watcher, 'notification-drawer');
    await drawer.locator('[data-test=mark-all-read]').click();
    await unreadShown(watcher, 0, /没有未读/);
    expect(await notice.getAttribute('data-read')).to.equal('true');
    const unread = await api()
      .get('/api/v1/notifications')
      .set(await auth('reviewer2'));
    expect(unread.body.unread).to.equal(0);

    // the full list, from the drawer
    await drawer.locator('[data-test=all-notifications]').click();
    await watcher.waitForURL('**/notifications');
    await watcher.locator('h1', { hasText: '消息通知' }).waitFor();
    await watcher.locator('[data-test=notification-list] li', { hasText: caseNo }).first().waitFor();

    // 抄送我的: who copied it, the note, unread until the case is opened
    await watcher.goto('/inbox');
    await watcher.locator('[data-test=tab-copies]').click();
    await watcher.waitForURL('**/inbox/copies');
    const copy = watcher.locator(`[data-test=copies-list] > li[data-case-no="${caseNo}"]`);
    await copy.waitFor();
    expect(await copy.locator('[data-test=copy-from]').textContent()).to.equal('市场监管局审核员');
    expect(await copy.locator('[data-test=copy-note]').textContent()).to.contain('请知悉：经营场所待核实');
    expect((await copy.locator('[data-test=copy-read]').textContent())?.trim()).to.equal('未读');
    expect(await watcher.locator('[data-test=tab-copies]').getAttribute('aria-current')).to.equal('page');
    await screenshot(watcher, 'inbox-copies');
    await copy.locator('[data-test=copy-case]').click();
    await watcher.waitForURL(`**/cases/${caseNo}`);
    await watcher.locator('[data-test=case-no]', { hasText: caseNo }).waitFor();
    await watcher.goBack();
    await copy.waitFor();
    await eventually('the copy reads as read', async () => (await copy.getAttribute('data-read')) === 'true');

    // 已办: the reviewer completes the task; it is listed first with the opinion, the outcome and the case's status in words
    const opinion = `材料齐全，同意（${caseNo.slice(-6)}）。`;
    await post('reviewer', `/tasks/${task.id}/complete`, { outcome: 'approve', opinion });
    const { page } = await open();
    await signIn(page, 'reviewer');
    await page.locator('[data-test=tab-done]').click();
    await page.waitForURL('**/inbox/done');
    const done = page.locator(`[data-test=done-list] > li[data-task-id="${task.id}"]`);
    await done.waitFor();
    expect(await page.locator('[data-test=done-list] > li').first().getAttribute('data-task-id')).to.equal(task.id);
    expect(await done.locator('[data-test=done-opinion]').textContent()).to.contain(opinion);
    expect((await done.locator('[data-test=done-outcome]').textContent())?.trim()).to.equal('同意');
    expect((await done.locator('[data-test=done-status]').textContent())?.trim()).to.match(/^(审批中|办结·准予|待缴费|待送达|已送达|受理)$/);
    expect(await done.locator('[data-test=done-case]').getAttribute('href')).to.equal(`/cases/${caseNo}`);
    expect(await page.locator('[data-test=done-count]').textContent()).to.match(/^共 \d+ 件$/);
    await screenshot(page, 'inbox-done');
    // found by its number, kept in the URL
    await page.locator('#done-case-no').fill(caseNo);
    await page.locator('[data-test=done-search]').click();
    await page.waitForURL((url) => url.searchParams.get('caseNo') === caseNo);
    await page.locator('[data-test=done-count]', { hasText: '共 1 件' }).waitFor();
    expect(await page.locator('[data-test=done-list] > li').count()).to.equal(1);
  });

  it('in English: a transfer rings the bell; the drawer, 已办, 抄送我的 and the sort in English', async () => {
    const { caseNo, task } = await claimedReview();
    await post('reviewer4', '/notifications/read');
    const { page } = await open();
    await signIn(page, 'reviewer4');
    await language(page, 'English');
    await page.locator('h1', { hasText: 'Inbox' }).waitFor();
    await unreadShown(page, 0, /^Notifications, none unread$/);

    await post('reviewer', `/tasks/${task.id}/transfer`, { to: 'reviewer4', reason: '本人出差，转同组审核员办理' });
    await unreadShown(page, 1, /^Notifications, 1 unread$/);
    await bell(page).click();
    const drawer = page.getByRole('dialog', { name: 'Notifications' });
    const notice = drawer.locator('[data-test=notification-list] li', { hasText: caseNo }).first();
    await notice.waitFor();
    // a transfer names the task: the link opens it
    expect(await notice.locator('[data-test=notification-task]').textContent()).to.contain('Open the task');
    expect(await notice.textContent()).to.contain(`transferred a task to you: ${caseNo}`);
    expect(await notice.locator('[data-test=notification-task]').getAttribute('href')).to.equal(`/inbox/tasks/${task.id}`);
    await drawer.getByRole('button', { name: 'Mark all as read' }).click();
    await unreadShown(page, 0, /^Notifications, none unread$/);
    await screenshot(page, 'notification-drawer-english');
    await page.keyboard.press('Escape');

    // the inbox's own words, and the transferred task found by its number
    expect(await page.locator('[data-test=tab-todo]').textContent()).to.contain('To do');
    await pickFrom(page, page.locator('[data-test=sort]'), 'Newest received');
    await page.waitForURL((url) => url.searchParams.get('sort') === 'newest');
    await page.locator('input[data-test=case-no-search]').fill(caseNo);
    await page.locator('[data-test=case-no-submit]').click();
    await page.waitForURL((url) => url.searchParams.get('caseNo') === caseNo);
    await page.locator('[data-test=inbox-count]', { hasText: /^1 task$/ }).waitFor();
    expect(await cardIds(page)).to.deep.equal([task.id]);

    // 已办 and 抄送我的 in English
    await post('reviewer4', `/tasks/${task.id}/complete`, { outcome: 'reject', opinion: 'Premises not as declared.' });
    await page.locator('[data-test=tab-done]').click();
    await page.locator('h1', { hasText: 'Done' }).waitFor();
    const done = page.locator(`[data-test=done-list] > li[data-task-id="${task.id}"]`);
    await done.waitFor();
    expect((await done.locator('[data-test=done-outcome]').textContent())?.trim()).to.equal('Rejected');
    expect(await done.locator('[data-test=done-opinion]').textContent()).to.equal('Opinion: Premises not as declared.');
    await screenshot(page, 'inbox-done-english');
    await page.locator('[data-test=tab-copies]').click();
    await page.locator('h1', { hasText: 'Copied to me' }).waitFor();
    await page.locator('[data-test=copies-list], .el-empty').first().waitFor();
  });

  it('pages the notification centre 20 at a time with the exact unread count past 200, and marks one read, in Chinese and in English', async () => {
    // a person of our own, with more notifications than a page or the old list of 200 held
    const person = await User.create({
      username: `bell${Date.now().toString(36)}`,
      displayName: '通知分页审核员',
      passwordHash: await hashPassword(DEMO_PASSWORD),
      roles: ['reviewer'],
      departmentCode: 'samr',
      passwordChangedAt: new Date(),
    });
    const COUNT = 205;
    for (let i = 1; i <= COUNT; i++) await notify([person.id], 'urged', { 'zh-CN': `第 ${i} 条通知`, en: `Notification no. ${i}` }, null, null);
    // a notification by its whole text (no. 1 is not no. 10)
    const item = (page: Page, text: string) =>
      page.locator('[data-test=notification-list] > li', {
        has: page.locator('[data-test=notification-text]', { hasText: new RegExp(`^\\s*${text.replace('.', '\\.')}\\s*$`) }),
      });
    const texts = (page: Page) =>
      page.locator('[data-test=notification-list] [data-test=notification-text]').evaluateAll((spans) => spans.map((s) => (s.textContent ?? '').trim()));

    const { page } = await open();
    await signIn(page, person.username);
    await eventually('the bell counts all 205', async () => (await bell(page).getAttribute('aria-label')) === `通知，${COUNT} 条未读`);
    await page.goto('/notifications');
    await page.locator('[data-test=notifications-count]', { hasText: `共 ${COUNT} 条，${COUNT} 条未读` }).waitFor();
    await item(page, '第 205 条通知').waitFor();
    expect(await texts(page)).to.deep.equal(Array.from({ length: 20 }, (_, i) => `第 ${COUNT - i} 条通知`));

    // the second page, kept in the URL
    const pages = page.locator('[data-test=notification-pages]');
    await pages.locator('.el-pager li', { hasText: /^2$/ }).click();
    await page.waitForURL((url) => url.searchParams.get('page') === '2');
    await item(page, '第 185 条通知').waitFor();
    expect(await texts(page)).to.deep.equal(Array.from({ length: 20 }, (_, i) => `第 ${COUNT - 20 - i} 条通知`));

    // 标为已读 on one: it reads as read, the page and the bell count one fewer
    const chosen = item(page, '第 180 条通知');
    await chosen.getByRole('button', { name: '标为已读' }).click();
    await eventually('marked read', async () => (await chosen.getAttribute('data-read')) === 'true');
    await page.locator('[data-test=notifications-count]', { hasText: `共 ${COUNT} 条，${COUNT - 1} 条未读` }).waitFor();
    await eventually('the bell counts one fewer', async () => (await bell(page).getAttribute('aria-label')) === `通知，${COUNT - 1} 条未读`);
    expect(await chosen.getByRole('button', { name: '标为已读' }).count()).to.equal(0);
    const told = await api()
      .get('/api/v1/notifications')
      .set(await auth(person.username));
    expect(told.body).to.include({ total: COUNT, unread: COUNT - 1 });
    await screenshot(page, 'notifications-paged');
    await page.reload();
    await item(page, '第 180 条通知').waitFor();
    expect(await item(page, '第 180 条通知').getAttribute('data-read')).to.equal('true');

    // in English: the texts, the count and the pages in English; the last page, one more marked read
    await language(page, 'English');
    await page.locator('h1', { hasText: 'Notifications' }).waitFor();
    await item(page, 'Notification no. 185').waitFor();
    await page.locator('[data-test=notifications-count]', { hasText: `${COUNT} in all, ${COUNT - 1} unread` }).waitFor();
    await pages.locator('.el-pager li', { hasText: /^11$/ }).click();
    await page.waitForURL((url) => url.searchParams.get('page') === '11');
    await item(page, 'Notification no. 5').waitFor();
    expect(await texts(page)).to.deep.equal(['Notification no. 5', 'Notification no. 4', 'Notification no. 3', 'Notification no. 2', 'Notification no. 1']);
    const last = item(page, 'Notification no. 1');
    await last.getByRole('button', { name: 'Mark as read' }).click();
    await eventually('marked read', async () => (await last.getAttribute('data-read')) === 'true');
    await page.locator('[data-test=notifications-count]', { hasText: `${COUNT} in all, ${COUNT - 2} unread` }).waitFor();
    await eventually('the bell counts one fewer', async () => (await bell(page).getAttribute('aria-label')) === `Notifications, ${COUNT - 2} unread`);
    await screenshot(page, 'notifications-paged-english');
  });
});
