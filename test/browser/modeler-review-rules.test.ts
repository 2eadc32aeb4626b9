import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { api, applicant, auth, completeMaterials, decide, getCase, ITEM, submit, validForm, waitForTask } from '../support/api.ts';
import { eventually } from '../support/eventually.ts';
import { testEnv } from '../support/environment.ts';
import { browserSuite, screenshot } from './support/browser.ts';
import { applyTemplate, canvas, centre, dropTask, replaceWith, shape, signInAnalyst } from './support/modeler-canvas.ts';
import { language } from './support/language.ts';

const panel = (page: Page) => page.locator('[data-test=properties-panel]');
/** A template's list in the properties panel, by its label (in the template's group 自定义属性, opened when closed). */
async function templateList(page: Page, label: string) {
  const list = panel(page)
    .locator('.bio-properties-panel-entry', { has: page.locator('label', { hasText: label }) })
    .locator('select');
  if (!(await list.isVisible())) await panel(page).locator('.bio-properties-panel-group-header', { hasText: '自定义属性' }).click();
  await list.waitFor();
  return list;
}

describe('多人审批 in the modeler: 会签 and 依次 chosen from a template (chromium)', function () {
  this.timeout(240_000);
  const { open } = browserSuite();

  it('an analyst modelling 会签 and 依次 without typing an expression', async () => {
    const { page } = await open();
    await signInAnalyst(page);
    const key = `browser_review_${Date.now()}`;
    await page.locator('[data-test=new-draft]').click();
    const dialog = page.getByRole('dialog');
    await dialog.locator('input[data-test=draft-key]').fill(key);
    await dialog.locator('input[data-test=draft-name]').fill('多人审批测试流程');
    await dialog.locator('[data-test=create-draft]').click();
    await page.waitForURL('**/modeling/drafts/*');
    await shape(page, 'review').waitFor();
    // the palette's tools say what they do on hover
    expect(await page.locator('.djs-palette [data-action="create.task"]').getAttribute('title')).to.equal('创建任务');

    // a user task after 审核, made a review by several people: the rule and the group chosen, nothing typed
    const step = await dropTask(page, await centre(page, 'flow_review_end'));
    await replaceWith(page, step, 'replace-with-user-task');
    await applyTemplate(page, step, '多人审批（会签/或签/依次）');
    const assign = canvas(page).locator('.djs-shape', { hasText: '确定会签人员' });
    const tally = canvas(page).locator('.djs-shape', { hasText: '会签结果汇总' });
    await assign.waitFor();
    await tally.waitFor();
    await shape(page, step).locator('text', { hasText: '会签' }).waitFor();
    expect(await (await templateList(page, '审批规则')).inputValue()).to.equal('countersign');
    await (await templateList(page, '审批人员')).selectOption('samr:reviewer');
    // the panel speaks Chinese: its groups and the template's fields
    const panelText = (await panel(page).textContent())!;
    expect(panelText).to.contain('常规').and.contain('审批规则').and.contain('审批人员');
    expect(panelText).not.to.match(/\b(General|Template|Documentation|Inputs|Multi-instance)\b/);
    await page
      .locator('[data-test=lint-summary]')
      .filter({ hasText: /没有发现问题|0 个错误/ })
      .waitFor();
    await screenshot(page, 'modeling-review-countersign');

    // 依次 instead: the whole step follows
    await (await templateList(page, '审批规则')).selectOption('sequential');
    await canvas(page).locator('.djs-shape', { hasText: '依次审批结果汇总' }).waitFor();
    await canvas(page).locator('.djs-shape', { hasText: '确定依次审批人员' }).waitFor();
    await shape(page, step).locator('text', { hasText: '依次审批' }).waitFor();
    expect(await canvas(page).locator('.djs-shape', { hasText: '会签结果汇总' }).count(), 'no 会签 left').to.equal(0);
    await page
      .locator('[data-test=lint-summary]')
      .filter({ hasText: /没有发现问题|0 个错误/ })
      .waitFor();

    // in English the same panel and palette are in English
    await language(page, 'English');
    await page.locator('.djs-palette [data-action="create.task"][title="Create task"]').waitFor();
    await page.locator('[data-test=lint-summary]').filter({ hasText: 'No problems found' }).waitFor();
    await shape(page, step).click();
    await panel(page).locator('.bio-properties-panel-header', { hasText: 'Review by several people' }).waitFor();
    expect(await panel(page).locator('.bio-properties-panel-group-header').allTextContents()).to.include.members([
      'General',
      'Multi-instance',
      'Custom properties',
    ]);
    await panel(page).locator('.bio-properties-panel-group-header', { hasText: 'Custom properties' }).click();
    expect(await panel(page).locator('select option:checked').first().textContent()).to.equal('Sequential (one after the other; the first rejection ends it)');
    await language(page, '中文');
    await page.locator('.djs-palette [data-action="create.task"][title="创建任务"]').waitFor();

    await page.locator('[data-test=deploy]').click();
    await page.locator('[data-test=deployed]').waitFor();
    await screenshot(page, 'modeling-review-sequential');

    // what was written: the assignee, the loop and the two machine steps, as the workers expect
    const id = Number(/drafts\/(\d+)/.exec(page.url())![1]);
    const { xml } = (
      await api()
        .get(`/api/v1/modeler/drafts/${id}`)
        .set(await auth('analyst'))
    ).body as { xml: string };
    expect(xml).to.contain(`camunda:assignee="\${${step}Reviewers.split(&#39;,&#39;)[loopCounter]}"`);
    expect(xml).to.match(/isSequential="true"/);
    expect(xml).to.contain(`<camunda:inputParameter name="step">${step}</camunda:inputParameter>`);
    expect(xml).to.contain('<camunda:inputParameter name="reviewGroup">samr:reviewer</camunda:inputParameter>');

    // the deployed process runs the review: 审核, then samr's two reviewers one after the other, then the tally
    const submitted = await submit('applicant', { itemCode: ITEM, applicant: applicant(), form: validForm(), materials: await completeMaterials('applicant') });
    const caseNo = submitted.body.caseNo as string;
    const region = (await getCase('applicant', caseNo)).body.region as { code: string };
    const instance = await testEnv().engine.startProcess(key, caseNo, {
      caseNo: { value: caseNo, type: 'String' },
      departmentCode: { value: 'samr', type: 'String' },
      regionCode: { value: region.code, type: 'String' },
    });
    // its 审核 shares the item process's step id: completed on the engine, by this instance
    const [first] = await eventually('审核 of the drafted process', async () => {
      const open = await testEnv().engine.tasks({ processInstanceId: instance.id, taskDefinitionKey: 'review' });
      return open.length ? open : undefined;
    });
    await testEnv().engine.completeTask(first!.id, { reviewOutcome: { value: 'approve', type: 'String' } });
    await waitForTask('reviewer', caseNo, step);
    expect((await testEnv().engine.tasks({ processInstanceId: instance.id, taskDefinitionKey: step })).map((t) => t.assignee)).to.deep.equal(['reviewer']);
    await decide('reviewer', caseNo, step, 'approve');
    await decide('reviewer4', caseNo, step, 'approve');
    const decided = await eventually('the tally on the timeline', async () => {
      const timeline = (await getCase('admin', caseNo)).body.timeline as { type: string; detail: Record<string, unknown> }[];
      return timeline.find((e) => e.type === 'review.rule_decided')?.detail;
    });
    expect(decided).to.include({ step, rule: 'sequential', approvals: 2, rejections: 0, result: 'approve' });
  });
});
