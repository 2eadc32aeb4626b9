import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { api, applicant as someone, auth, decide, getCase, submit, uploadRequired, waitForDecision, waitForStatus, waitForTask } from '../support/api.ts';
import { browserSuite, markPage, openInbox, screenshot, signIn, stillMarked } from './support/browser.ts';
import { choose, fillNewItem } from './support/catalog-form.ts';
import { applyTemplate, centre, dropTask, replaceWith, shape, signInAnalyst } from './support/modeler-canvas.ts';
import { takeRestaurantAtWindow } from './support/window-intake.ts';

/**
 * The task's card in the open inbox, once it has arrived (the inbox refetches on the live `task`
 * event). The inbox shows 20 tasks a page, most urgent first: opened newest first, the task that
 * just came is on top (an inbox already so opened is not reloaded).
 */
async function arrives(page: Page, username: string, caseNo: string, step: string): Promise<string> {
  const task = await waitForTask(username, caseNo, step);
  if (new URL(page.url()).searchParams.get('sort') !== 'newest') await openInbox(page, { sort: 'newest' });
  await page.locator(`li[data-task-id="${task.id}"]`).waitFor({ timeout: 30_000 });
  return task.id;
}

/** Opens a task from its card in the inbox. */
async function openTask(page: Page, taskId: string): Promise<void> {
  await page.locator(`li[data-task-id="${taskId}"]`).getByRole('link').click();
  await page.waitForURL(`**/inbox/tasks/${taskId}`);
  await page.locator('[data-test=progress-diagram] .djs-element').first().waitFor();
}

/** 办理 → 同意 with an opinion; back in the inbox. */
async function approve(page: Page, opinion: string): Promise<void> {
  await page.locator('[data-test=complete]').click();
  const dialog = page.getByRole('dialog');
  await dialog.locator('textarea[data-test=opinion]').fill(opinion);
  await dialog.locator('[data-test=confirm-complete]').click();
  await page.waitForURL('**/inbox');
}

describe("the issue's scenarios end to end in a browser (chromium)", function () {
  this.timeout(300_000);
  const { open } = browserSuite();

  it('an analyst copies the standard item process, adds a step from the templates, fixes its lint problem, deploys it and makes an item on it; a case runs on it', async () => {
    const suffix = Date.now().toString(36);
    const key = `item_scenario_${suffix}`;
    const code = `SCN-${suffix.toUpperCase()}`;
    const analyst = (await open()).page;
    await signInAnalyst(analyst);

    // a new draft from the platform's standard item process (受理 → 审核 → 签发 → 出件)
    await analyst.locator('[data-test=new-draft]').click();
    const dialog = analyst.getByRole('dialog');
    await dialog.locator('[data-test=from-starter]').click();
    await choose(analyst, dialog.locator('[data-test=starter]'), 'item_standard');
    await dialog.locator('input[data-test=draft-key]').fill(key);
    await dialog.locator('input[data-test=draft-name]').fill('个体工商户设立登记（复核版）');
    await screenshot(analyst, 'scenario-model-new-draft');
    await dialog.locator('[data-test=create-draft]').click();
    // the editor's chunks (bpmn-js, the properties panel: about 2 MB) load here; a CI machine whose
    // two cores are busy with three platforms took over 30 s once
    await analyst.waitForURL('**/modeling/drafts/*', { timeout: 60_000 });
    await shape(analyst, 'decision').waitFor();
    await analyst
      .locator('[data-test=lint-summary]')
      .filter({ hasText: /没有发现问题|0 个错误/ })
      .waitFor();

    // a second review between 审核 and 签发: a task dropped on the flow, made a user task — the lint
    // wants its candidate group — then given the case department's review from the templates
    const step = await dropTask(analyst, await centre(analyst, 'flow_to_decision'));
    await replaceWith(analyst, step, 'replace-with-user-task');
    const issue = analyst.locator(`[data-test=lint] li[data-element-id="${step}"][data-rule="approval/user-task-candidate-group"]`);
    await issue.waitFor();
    await screenshot(analyst, 'scenario-model-lint');
    await applyTemplate(analyst, step, '承办部门审核');
    await issue.waitFor({ state: 'detached' });
    await analyst
      .locator('[data-test=lint-summary]')
      .filter({ hasText: /没有发现问题|0 个错误/ })
      .waitFor();
    await analyst.locator('[data-test=save]').click();
    await analyst.locator('[data-test=revision]').filter({ hasText: '第 2 版草稿' }).waitFor();
    await analyst.locator('[data-test=deploy]').click();
    await analyst.locator('[data-test=deployed]').filter({ hasText: '流程版本 1' }).waitFor();
    await screenshot(analyst, 'scenario-model-deployed');

    // the item that uses it, made beside the diagram
    await analyst.locator('[data-test=bound-items] [data-test=new-bound-item]').click();
    await analyst.waitForURL(`**/modeling/items/new?processKey=${key}`);
    await fillNewItem(analyst, {
      code,
      name: '个体工商户设立登记（复核试点）',
      nameEn: 'Individual business registration (pilot)',
      department: '市场监督管理局',
      statutoryDays: 15,
      promisedDays: 5,
      reviewDays: 2,
    });
    await analyst.locator('[data-test=save-item]').click();
    await analyst.waitForURL(`**/modeling/items/${code}`);
    await analyst.locator('[data-test=saved]').filter({ hasText: '已保存为第 1 版' }).waitFor();
    await screenshot(analyst, 'scenario-model-item');

    // a case on the new item runs on the analyst's process: 审核, then the added step in the reviewer's inbox
    const reviewer = (await open()).page;
    await signIn(reviewer, 'reviewer');
    const materials = (await api().get(`/api/v1/items/${code}`)).body.materials;
    const res = await submit('applicant', {
      itemCode: code,
      applicant: someone(),
      form: { subject: '设立“张三便利店”个体工商户' },
      materials: await uploadRequired('applicant', materials),
    });
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    const caseNo = res.body.caseNo as string;
    await decide('reviewer', caseNo, 'review', 'approve');
    const added = await arrives(reviewer, 'reviewer', caseNo, step);
    await openTask(reviewer, added);
    const diagram = reviewer.locator('[data-test=progress-diagram]');
    await diagram.locator(`.djs-element.progress-current[data-element-id="${step}"]`).waitFor();
    await diagram.locator('.djs-element.progress-finished[data-element-id="review"]').waitFor();
    await screenshot(reviewer, 'scenario-model-case-step');
    await reviewer.locator('[data-test=claim]').click();
    await approve(reviewer, '复核无误。');
    await decide('leader', caseNo, 'decision', 'approve');
    await waitForStatus('applicant', caseNo, 'delivered');
    const tracking = await api()
      .get(`/api/v1/cases/${caseNo}/tracking`)
      .set(await auth('reviewer'));
    expect(tracking.status).to.equal(200);
    expect(tracking.body.instances.map((i: { processDefinitionKey: string }) => i.processDefinitionKey)).to.include.members([
      key,
      'case_acceptance',
      'case_results',
    ]);
  });

  it('a clerk takes 开办餐饮店 at the window; the reviewer gets it live, returns it once from the 会签, approves it; the applicant tracks and rates it', async () => {
    // the reviewer's inbox is open before the case exists
    const reviewer = (await open()).page;
    await signIn(reviewer, 'reviewer');
    await openInbox(reviewer, { sort: 'newest' });
    await markPage(reviewer);

    const clerk = (await open()).page;
    await signIn(clerk, 'clerk', '/inbox', null);
    const { caseNo } = await takeRestaurantAtWindow(clerk, 'scenario-window');
    const items = (await getCase('clerk', caseNo)).body.items as { caseNo: string; itemCode: string }[];
    const food = items.find((i) => i.itemCode === 'SCJG-SP-002')!.caseNo;
    const business = items.find((i) => i.itemCode === 'SCJG-GT-001')!.caseNo;

    // both items' reviews reach the open inbox without a reload
    const review = await arrives(reviewer, 'reviewer', food, 'review');
    await arrives(reviewer, 'reviewer', business, 'review');
    expect(await stillMarked(reviewer), 'no reload').to.equal(true);
    await screenshot(reviewer, 'scenario-inbox-live');

    // the food licence: reviewed, then returned from the on-site check (会签) to the review, once
    await openTask(reviewer, review);
    await reviewer.locator('[data-test=claim]').click();
    await approve(reviewer, '资料齐全，请现场核查。');
    const inspection = await arrives(reviewer, 'reviewer', food, 'site_inspection');
    await openTask(reviewer, inspection);
    await reviewer.getByRole('button', { name: '退回', exact: true }).click();
    const dialog = reviewer.getByRole('dialog');
    await dialog.getByRole('radio', { name: '资料审核' }).check();
    await dialog.locator('textarea').fill('现场平面图与申请不符，请重新审核。');
    await screenshot(reviewer, 'scenario-send-back');
    await dialog.getByRole('button', { name: '确定' }).click();
    await reviewer.waitForURL('**/inbox');

    // it comes back to the one who reviewed it, who approves it this time
    const again = await arrives(reviewer, 'reviewer', food, 'review');
    expect(again).not.to.equal(review);
    await openTask(reviewer, again);
    // the reason it came back is on the case
    await reviewer.getByText('现场平面图与申请不符，请重新审核。').first().waitFor();
    await screenshot(reviewer, 'scenario-returned-task');
    await approve(reviewer, '已核对平面图，同意。');
    const second = await arrives(reviewer, 'reviewer', food, 'site_inspection');
    await openTask(reviewer, second);
    await approve(reviewer, '现场核查合格。');

    // the rest of the departments' work through the API
    await decide('reviewer4', food, 'site_inspection', 'approve');
    await decide('leader', food, 'decision', 'approve');
    await decide('reviewer', business, 'review', 'approve');
    await decide('leader', business, 'decision', 'approve');
    await waitForDecision('clerk', caseNo, 'approved', 60_000);
    await waitForStatus('clerk', caseNo, 'delivered', 60_000);

    // 张三 follows his case at home: tracks it by its number and rates it
    const applicant = (await open()).page;
    await signIn(applicant, 'applicant', '/my', null);
    await applicant.locator(`[data-test=my-cases] [data-case="${caseNo}"]`).waitFor();
    await applicant.locator('[data-test=track-no]').fill(caseNo);
    await applicant.locator('[data-test=track]').click();
    await applicant.waitForURL(`**/my/cases/${caseNo}`);
    await applicant.locator('[data-test=case-status][data-status=delivered]').waitFor({ state: 'attached' });
    await applicant.locator('[data-test=documents] li').first().waitFor();
    await applicant.locator('[data-test=timeline]').waitFor();
    await screenshot(applicant, 'scenario-applicant-case');
    const rating = applicant.locator('[data-test=rating]');
    await rating.locator('[data-test=level-5]').click();
    await rating.locator('[data-test=rating-comment]').fill('一次办好，不用来回跑。');
    await rating.locator('[data-test=send-rating]').click();
    await rating.locator('[data-test=rating-done]').waitFor();
    await screenshot(applicant, 'scenario-applicant-rated');
    const rated = await api()
      .get(`/api/v1/cases/${caseNo}/rating`)
      .set(await auth('applicant'));
    expect(rated.body.rating, JSON.stringify(rated.body)).to.include({ level: 5, comment: '一次办好，不用来回跑。' });
  });
});
