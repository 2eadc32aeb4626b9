import { expect } from 'chai';
import type { Result } from 'axe-core';
import type { Page } from 'playwright-core';
import { api, applicant, auth, completeMaterials, ITEM, submit, validForm, waitForStatus, waitForTask } from '../support/api.ts';
import { approvedCase } from '../support/delivery.ts';
import { audit, describeViolations } from './support/accessibility.ts';
import { browserSuite, documentState, openInbox, PHONE, screenshot, signIn, taskCard } from './support/browser.ts';

/**
 * The accessibility audit Lighthouse runs (axe-core, WCAG 2.0/2.1 A and AA) on every main page, as
 * each kind of user, at 1280×800 and some on a phone: no serious or critical violation.
 * The full answers are in test-artifacts/<lane>/accessibility/<page>.json.
 */

const newCase = async () => {
  const res = await submit('applicant', { itemCode: ITEM, applicant: applicant(), form: validForm(), materials: await completeMaterials('applicant') });
  expect(res.status, JSON.stringify(res.body)).to.equal(201);
  return res.body.caseNo as string;
};

/** Collects each page's serious and critical violations; `check()` fails listing them all. */
function auditor() {
  const found: { page: string; violations: Result[] }[] = [];
  return {
    async audit(page: Page, name: string) {
      // loaded data (Element Plus's fading dialogs are waited for by audit(): the page at rest)
      await page.waitForLoadState('networkidle');
      const violations = await audit(page, name);
      if (violations.length) {
        found.push({ page: name, violations });
        await screenshot(page, `accessibility-${name}`);
      }
    },
    check() {
      expect(found.length, `serious or critical accessibility violations:\n${describeViolations(found)}`).to.equal(0);
    },
  };
}

describe('accessibility (axe-core, WCAG 2 A/AA) of every main page in a browser (chromium)', function () {
  this.timeout(240_000);
  const { open } = browserSuite();

  it('the login page, on a desktop and a phone', async () => {
    const a = auditor();
    for (const [name, viewport] of [
      ['desktop', undefined],
      ['phone', PHONE],
    ] as const) {
      const { page } = await open(viewport);
      await page.goto('/login');
      await page.locator('#login-username').waitFor();
      await a.audit(page, `login-${name}`);
      // the form's error state too: nothing typed, said at the fields
      await page.getByRole('button', { name: /登录|Sign in/ }).click();
      await page.locator('.el-form-item__error').first().waitFor();
      await a.audit(page, `login-errors-${name}`);
    }
    a.check();
  });

  it('reviewer: 待办, a task, 办件查询, and 大字模式; 待办 and the task on a phone', async () => {
    const caseNo = await newCase();
    const task = await waitForTask('reviewer', caseNo, 'review');
    const { page } = await open();
    const a = auditor();
    await signIn(page, 'reviewer');
    // the first page of the whole inbox (the pager), then the case's own
    await a.audit(page, 'inbox-paged');
    await openInbox(page, { caseNo });
    await taskCard(page, caseNo).waitFor();
    await a.audit(page, 'inbox');

    await page.goto(`/inbox/tasks/${task.id}`);
    await page.locator('[data-test=form-viewer] input').first().waitFor();
    await page.locator('[data-test=progress-diagram] .djs-element.progress-current').first().waitFor();
    await a.audit(page, 'task');
    await page.locator('[data-test=claim]').click();
    await page.locator('[data-test=complete]').click();
    await page.getByRole('dialog').locator('textarea[data-test=opinion]').waitFor();
    await a.audit(page, 'task-complete-dialog');
    await page.keyboard.press('Escape');

    await page.goto(`/cases/${caseNo}`);
    await page.locator('[data-test=case-no]', { hasText: caseNo }).waitFor();
    await page.locator('[data-test=progress-diagram] .djs-element').first().waitFor();
    await a.audit(page, 'case-lookup');

    // 已办, 抄送我的, the notification drawer and the notifications page
    await page.goto('/inbox/done');
    await page.locator('[data-test=done-list], .el-empty').first().waitFor();
    await a.audit(page, 'inbox-done');
    await page.goto('/inbox/copies');
    await page.locator('[data-test=copies-list], .el-empty').first().waitFor();
    await a.audit(page, 'inbox-copies');
    await page.locator('[data-test=bell]').click();
    await page.getByRole('dialog').locator('[data-test=all-notifications]').waitFor();
    await a.audit(page, 'notification-drawer');
    await page.keyboard.press('Escape');
    await page.goto('/notifications');
    await page.locator('[data-test=notification-list], .el-empty').first().waitFor();
    await a.audit(page, 'notifications');

    await openInbox(page, { caseNo });
    await taskCard(page, caseNo).waitFor();
    await page.locator('[data-test=large-text]').click();
    expect(await documentState(page)).to.include({ largeText: true });
    await a.audit(page, 'inbox-large-text');
    await page.locator('[data-test=large-text]').click();

    const phone = (await open(PHONE)).page;
    await signIn(phone, 'reviewer');
    await openInbox(phone, { caseNo });
    await taskCard(phone, caseNo).waitFor();
    await a.audit(phone, 'inbox-phone');
    await phone.goto(`/inbox/tasks/${task.id}`);
    await phone.locator('[data-test=form-viewer] input').first().waitFor();
    await phone.locator('[data-test=progress-diagram] .djs-element.progress-current').first().waitFor();
    await a.audit(phone, 'task-phone');
    a.check();
  });

  it("leader and admin: 问题清单 (open, on a phone too) and the admin's 待办", async () => {
    const caseNo = await approvedCase();
    await waitForStatus('applicant', caseNo, 'delivered');
    const rated = await api()
      .post(`/api/v1/cases/${caseNo}/rating`)
      .set(await auth('applicant'))
      .send({ level: 1, reasons: ['slow'], comment: '等待太久' });
    expect(rated.status, JSON.stringify(rated.body)).to.equal(201);

    const a = auditor();
    for (const [name, viewport] of [
      ['desktop', undefined],
      ['phone', PHONE],
    ] as const) {
      const { page } = await open(viewport);
      await signIn(page, 'leader');
      await a.audit(page, `leader-inbox-${name}`);
      await page.goto('/problems');
      await page.locator(`[data-test=problem-list] li[data-case-no="${caseNo}"]`).waitFor();
      await a.audit(page, `problems-${name}`);
    }

    const { page } = await open();
    await signIn(page, 'admin');
    await a.audit(page, 'admin-inbox');
    await page.goto('/problems?status=closed');
    await page.locator('[data-test=problem-list], .el-empty').first().waitFor();
    await a.audit(page, 'problems-closed');
    a.check();
  });

  it('auditor: 审计日志 with a verification, on a desktop and a phone', async () => {
    const a = auditor();
    for (const [name, viewport] of [
      ['desktop', undefined],
      ['phone', PHONE],
    ] as const) {
      const { page } = await open(viewport);
      await signIn(page, 'auditor', '/', null);
      await page.goto('/audit');
      await page.locator('[data-test=audit-total]').waitFor();
      // a verification is itself recorded: the table has a row after it, whatever ran before
      await page.locator('[data-test=audit-verify]').click();
      await page.locator('[data-test=audit-verification]').waitFor();
      await page.locator('[data-test=audit-table] tbody tr').first().waitFor();
      await a.audit(page, `audit-${name}`);
    }
    a.check();
  });

  it('clerk: 综合窗口, the first step and the merged form', async () => {
    const { page } = await open();
    const a = auditor();
    await signIn(page, 'clerk');
    await page.locator('[data-test=nav-window]').click();
    await page.locator('[data-test=bundle-KBCYD]').waitFor();
    await a.audit(page, 'window-start');
    await page.locator('[data-test=bundle-KBCYD]').click();
    const questions = page.locator('[data-test=questionnaire]');
    await questions.waitFor();
    await a.audit(page, 'window-questionnaire');
    await questions.locator('[data-test=answer-needsBusinessRegistration-yes]').click();
    await questions.locator('[data-test=answer-premisesScale-small]').click();
    await questions.locator('[data-test=answer-needsSignboard-no]').click();
    await questions.locator('[data-test=answer-entrusted-no]').click();
    await page.locator('[data-test=make-plan]').click();
    await page.locator('[data-test=merged-form]').waitFor();
    await a.audit(page, 'window-merged-form');
    a.check();
  });

  it('analyst: 流程建模, the list and a draft in the editor', async () => {
    const { page } = await open();
    const a = auditor();
    await signIn(page, 'analyst', '/modeling', '[data-test=draft-list], .el-empty');
    await a.audit(page, 'modeling-list');

    await page.locator('[data-test=new-draft]').click();
    const dialog = page.getByRole('dialog');
    await dialog.locator('input[data-test=draft-key]').fill(`a11y_${Date.now()}`);
    await dialog.locator('input[data-test=draft-name]').fill('无障碍检查流程');
    await a.audit(page, 'modeling-new-draft-dialog');
    await dialog.locator('[data-test=create-draft]').click();
    await page.waitForURL('**/modeling/drafts/*');
    await page.locator('[data-test=canvas] .djs-element[data-element-id="review"]').waitFor();
    await page.locator('[data-test=lint-summary]').waitFor();
    await a.audit(page, 'modeling-draft-editor');
    a.check();
  });

  it('applicant: home, a guide, the apply page and a case, and home and the case on a phone', async () => {
    const caseNo = await newCase();
    const a = auditor();
    for (const [name, viewport] of [
      ['desktop', undefined],
      ['phone', PHONE],
    ] as const) {
      const { page } = await open(viewport);
      await signIn(page, 'applicant', '/my', '[data-test=my-cases], .el-empty');
      await a.audit(page, `applicant-home-${name}`);
      await page.goto(`/my/cases/${caseNo}`);
      await page.locator('[data-test=case-no]', { hasText: caseNo }).waitFor();
      await page.locator('[data-test=timeline]').waitFor();
      await a.audit(page, `applicant-case-${name}`);
      if (name === 'desktop') {
        await page.goto('/guide/bundle/KBCYD');
        await page.locator('[data-test=guide] h1').waitFor();
        await a.audit(page, 'applicant-guide-bundle');
        await page.goto(`/guide/item/${ITEM}`);
        await page.locator('[data-test=guide] h1').waitFor();
        await a.audit(page, 'applicant-guide-item');
        await page.goto(`/apply/${ITEM}`);
        await page.locator('[data-test=submit]').waitFor();
        await a.audit(page, 'applicant-apply');
      }
    }
    a.check();
  });
});
