import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { api, applicant, auth, completeMaterials, ITEM, submit, validForm, waitForTask } from '../support/api.ts';
import { testEnv } from '../support/environment.ts';
import { User } from '../../server/auth/user.model.ts';
import { browserSuite, screenshot, signIn, type WatchedPage } from './support/browser.ts';
import { choose } from './support/catalog-form.ts';
import { language } from './support/language.ts';

/**
 * 账号安全, the rest of staff administration in a browser (chromium): 批量导入 (a CSV with a BOM,
 * Chinese names and bad rows, then a good one, the passwords downloaded once) and moving a person
 * who holds a claimed task (the task handed to a colleague, then the change saved); in Chinese, and
 * once in English.
 */

const stamp = Date.now().toString(36);
const BOM = '\uFEFF';

/** Confirms Element Plus's message box with the button of that name. */
async function confirm(page: Page, button: string): Promise<void> {
  const messageBox = page.locator('.el-message-box');
  await messageBox.waitFor();
  await messageBox.getByRole('button', { name: button }).click();
  await messageBox.waitFor({ state: 'hidden' });
}

/** The 409 holds_open_tasks the dialog turns into the hand-over: the browser logs it, expected here. */
function expectedConflict(watched: WatchedPage): void {
  const at = watched.errors.findIndex((e) => /status of 409/.test(e));
  expect(at, watched.errors.join('\n')).to.be.at.least(0);
  watched.errors.splice(at, 1);
}

/** A new samr reviewer of the root region holding a claimed review task: its case number and task id. */
async function holderOfTask(username: string): Promise<{ caseNo: string; taskId: string }> {
  const created = await api()
    .post('/api/v1/admin/users')
    .set(await auth('security'))
    .send({ username, displayName: `调岗${stamp.slice(-3)}`, roles: ['reviewer'], departmentCode: 'samr' });
  expect(created.status, JSON.stringify(created.body)).to.equal(201);
  const login = await api().post('/api/v1/auth/login').send({ username, password: created.body.temporaryPassword, newPassword: 'Moved-Around-2026' });
  expect(login.status).to.equal(200);
  const res = await submit('applicant', { itemCode: ITEM, applicant: applicant(), form: validForm(), materials: await completeMaterials('applicant') });
  const caseNo = res.body.caseNo as string;
  const task = await waitForTask('reviewer', caseNo, 'review');
  const claimed = await api()
    .post(`/api/v1/tasks/${task.id}/claim`)
    .set({ Authorization: `Bearer ${login.body.token}` });
  expect(claimed.status).to.equal(200);
  return { caseNo, taskId: task.id };
}

async function openSecurity(page: Page): Promise<void> {
  await signIn(page, 'security', '/', null);
  await page.goto('/security');
  await page.locator('[data-test=security-accounts]').waitFor();
}

/** The page's search narrows the list to the one account (Enter in the search field submits it). */
async function findAccount(page: Page, username: string) {
  const search = page.locator('input[data-test=security-search], [data-test=security-search] input').first();
  await search.fill(username);
  await search.press('Enter');
  const rows = page.locator('[data-test=security-accounts] tbody tr');
  await page.locator('.total', { hasText: /^(共 1 个账号|Accounts: 1)$/ }).waitFor();
  expect(await rows.count()).to.equal(1);
  await rows.first().filter({ hasText: username }).waitFor();
  return rows.first();
}

describe('账号安全: staff import and moves in a browser (chromium)', function () {
  this.timeout(300_000);
  const { open } = browserSuite();
  const made: string[] = [];
  after(async () => void (await User.update({ active: false }, { where: { username: made } })));

  it('imports staff from a CSV: the bad rows said per row, then a good file made at once, the passwords downloaded once (zh-CN)', async () => {
    const { page } = await open();
    await openSecurity(page);
    await page.locator('[data-test=account-import]').click();
    const dialog = page.locator('[data-test=import-dialog]');
    await dialog.locator('text=批量导入人员').first().waitFor();

    const bad = [
      '用户名,姓名,角色,部门,区划',
      `imp-a-${stamp},王小明,审核员,samr,430104`,
      `imp-b-${stamp},李娜,pope,samr,`,
      `imp-a-${stamp},重复,clerk,center,`,
      `imp-c-${stamp},赵六,reviewer,nope,`,
    ].join('\r\n');
    await page.locator('[data-test=import-file]').setInputFiles({ name: '人员.csv', mimeType: 'text/csv', buffer: Buffer.from(BOM + bad) });
    await page.locator('[data-test=import-summary]', { hasText: '共 4 行：1 行无误，3 行有问题' }).waitFor();
    expect(await page.locator('[data-test=import-problems-3]').textContent()).to.match(/^角色：/);
    expect(await page.locator('[data-test=import-problems-4]').textContent()).to.contain('用户名：与第 2 行重复');
    expect(await page.locator('[data-test=import-problems-5]').textContent()).to.contain('部门：没有编码为“nope”的部门');
    expect(await page.locator('[data-test=import-run]').isDisabled()).to.equal(true);
    await screenshot(page, 'staff-import-problems');

    const good = ['用户名,姓名,角色,部门,区划', `imp-a-${stamp},王小明,审核员|科长,samr,430104`, `imp-d-${stamp},欧阳娜娜,clerk,center,`].join('\r\n');
    await page.locator('[data-test=import-file]').setInputFiles({ name: '人员.csv', mimeType: 'text/csv', buffer: Buffer.from(BOM + good) });
    await page.locator('[data-test=import-summary]', { hasText: '共 2 行：2 行无误，0 行有问题' }).waitFor();
    await page.locator('[data-test=import-run]').click();
    await confirm(page, '确定');
    await page.locator('[data-test=import-done]', { hasText: '已创建 2 个账号' }).waitFor();
    made.push(`imp-a-${stamp}`, `imp-d-${stamp}`);
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-test=import-passwords]').click()]);
    const csv = Buffer.concat(await (await download.createReadStream()).toArray())
      .toString('utf8')
      .replace(/^\uFEFF/, '');
    const lines = csv.trim().split('\r\n');
    expect(lines[0]).to.equal('username,temporaryPassword');
    expect(lines.slice(1).map((l) => l.split(',')[0])).to.deep.equal([`imp-a-${stamp}`, `imp-d-${stamp}`]);
    await page.locator('[data-test=import-close]').click();
    await dialog.waitFor({ state: 'hidden' });

    // the new account with its region, named
    const row = await findAccount(page, `imp-a-${stamp}`);
    expect(await row.locator(`[data-test=region-imp-a-${stamp}]`).textContent()).to.equal('岳麓区');
    expect(await row.textContent()).to.contain('王小明');
  });

  it('moves a reviewer who holds a claimed task to another department: the task handed to a colleague first (zh-CN)', async () => {
    // first in the list's order (the accounts search did not narrow the list in a full run: see the note of session 8)
    const username = `a-mover-${stamp}`;
    made.push(username);
    const { caseNo, taskId } = await holderOfTask(username);
    const watched = await open();
    const { page } = watched;
    await openSecurity(page);
    const row = await findAccount(page, username);
    await row.locator(`[data-test=edit-${username}]`).click();
    const form = page.locator('[data-test=account-form]');
    await form.waitFor();
    await choose(page, form.locator('[data-test=account-department]'), '消防救援支队');
    await page.locator('[data-test=account-save]').click();

    const handOver = page.locator('[data-test=hand-over]');
    await handOver.waitFor();
    expectedConflict(watched);
    const held = handOver.locator(`[data-test=held-${caseNo}]`);
    expect(await held.textContent()).to.contain('审核');
    expect(await page.locator('[data-test=account-save]').textContent()).to.contain('移交并保存');
    await choose(page, held.locator('[data-test=hand-to]'), 'reviewer4');
    await screenshot(page, 'staff-move-hand-over');
    await page.locator('[data-test=account-save]').click();
    await page.locator('.el-message', { hasText: '已移交 1 个任务' }).waitFor();
    expect((await testEnv().engine.task(taskId)).assignee).to.equal('reviewer4');
    expect((await User.findOne({ where: { username } }))!.departmentCode).to.equal('fire');
  });

  it('in English: the dry run says its problems in English, and a deactivation gives the task back to the group', async () => {
    const username = `a-leaver-${stamp}`;
    made.push(username);
    const { taskId } = await holderOfTask(username);
    const watched = await open();
    const { page } = watched;
    await openSecurity(page);
    await language(page, 'English');
    expect(await page.locator('h1').textContent()).to.equal('Account security');

    await page.locator('[data-test=account-import]').click();
    const csv = ['username,displayName,roles,departmentCode', `imp-e-${stamp},Li Na,reviewer,nope`].join('\n');
    await page.locator('[data-test=import-file]').setInputFiles({ name: 'staff.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.locator('[data-test=import-summary]', { hasText: 'Rows: 1; good: 0; with problems: 1' }).waitFor();
    expect(await page.locator('[data-test=import-problems-2]').textContent()).to.contain('Department: no department "nope"');
    await page.locator('[data-test=import-close]').click();

    const row = await findAccount(page, username);
    await row.locator(`[data-test=edit-${username}]`).click();
    await page.locator('[data-test=account-active]').click();
    await page.locator('[data-test=account-save]').click();
    const handOver = page.locator('[data-test=hand-over]');
    await handOver.locator('text=Hand over open tasks').waitFor();
    expectedConflict(watched);
    // back to the group is offered first
    expect(await handOver.locator('[data-test=hand-to]').textContent()).to.contain('Back to the group');
    await page.locator('[data-test=account-save]', { hasText: 'Hand over and save' }).click();
    await page.locator('.el-message', { hasText: '1 task handed over' }).waitFor();
    expect((await testEnv().engine.task(taskId)).assignee).to.equal(null);
    expect((await User.findOne({ where: { username } }))!.active).to.equal(false);
  });
});
