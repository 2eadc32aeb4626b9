import { expect } from 'chai';
import { api, applicant, auth, completeMaterials, getCase, ITEM, submit, validForm, waitForTask } from '../support/api.ts';
import { testEnv } from '../support/environment.ts';
import { browserSuite, screenshot, signIn } from './support/browser.ts';

/**
 * 迁移运行中的办件 in a browser (chromium): a process drafted and deployed twice from the modeler,
 * two cases on version 1 (one at a step version 2 replaced); the administrator opens the versions'
 * migration, reads the plan (the mapping, the step without a counterpart, the case that would
 * fail and why), migrates the other case with a reason and watches the batch to its end (zh-CN);
 * the dialog speaks English too.
 */

const KEY = 'ops_migration_browser_test';
const bpmn = (body: string) => `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="mig-browser-test" targetNamespace="http://approval.test/migration">
  <bpmn:process id="${KEY}" name="迁移页面测试流程" isExecutable="true" camunda:historyTimeToLive="P1D">
${body}
  </bpmn:process>
</bpmn:definitions>`;
const V1 = bpmn(`    <bpmn:startEvent id="start" name="开始" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="review" />
    <bpmn:userTask id="review" name="审查" camunda:candidateGroups="samr:reviewer" />
    <bpmn:sequenceFlow id="f2" sourceRef="review" targetRef="sign" />
    <bpmn:userTask id="sign" name="签批" camunda:candidateGroups="samr:leader" />
    <bpmn:sequenceFlow id="f3" sourceRef="sign" targetRef="end" />
    <bpmn:endEvent id="end" name="结束" />`);
const V2 = bpmn(`    <bpmn:startEvent id="start" name="开始" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="review" />
    <bpmn:userTask id="review" name="实质审查" camunda:candidateGroups="samr:reviewer" />
    <bpmn:sequenceFlow id="f2" sourceRef="review" targetRef="decide" />
    <bpmn:userTask id="decide" name="决定" camunda:candidateGroups="samr:leader" />
    <bpmn:sequenceFlow id="f3" sourceRef="decide" targetRef="end" />
    <bpmn:endEvent id="end" name="结束" />`);

const asAdmin = async () => auth('admin');

/** A case whose process is replaced by the newest version of the test process, under its number. */
async function caseOnTestProcess(): Promise<{ caseNo: string; instanceId: string }> {
  const { engine } = testEnv();
  const res = await submit('applicant', { itemCode: ITEM, applicant: applicant(), form: validForm(), materials: await completeMaterials('applicant') });
  expect(res.status, JSON.stringify(res.body)).to.equal(201);
  const caseNo = res.body.caseNo as string;
  // the case at rest in its review (no step moving it while its instance is replaced)
  await waitForTask('reviewer', caseNo, 'review');
  const accepted = (await getCase('applicant', caseNo)).body as { processInstanceId: string };
  await engine.deleteProcessInstance(accepted.processInstanceId, 'test: replaced by ops_migration_browser_test');
  return { caseNo, instanceId: (await engine.startProcess(KEY, caseNo, {})).id };
}

describe('迁移运行中的办件 in a browser (chromium)', function () {
  this.timeout(240_000);
  const { open } = browserSuite();
  let draftId = 0;
  const cases: { caseNo: string; instanceId: string }[] = [];

  before(async () => {
    const created = await api()
      .post('/api/v1/modeler/drafts')
      .set(await asAdmin())
      .send({ processKey: KEY, name: '迁移页面测试流程', xml: V1 });
    expect(created.status, JSON.stringify(created.body)).to.equal(201);
    draftId = created.body.id as number;
    const first = await api()
      .post(`/api/v1/modeler/drafts/${draftId}/deploy`)
      .set(await asAdmin())
      .send({});
    expect(first.status, JSON.stringify(first.body)).to.equal(201);
    cases.push(await caseOnTestProcess(), await caseOnTestProcess());
    const { engine } = testEnv();
    const [task] = await engine.tasks({ processInstanceId: cases[1]!.instanceId });
    await engine.completeTask(task!.id, {});
    const saved = await api()
      .put(`/api/v1/modeler/drafts/${draftId}`)
      .set(await asAdmin())
      .send({ xml: V2, baseRevision: 1 });
    expect(saved.status, JSON.stringify(saved.body)).to.equal(200);
    const second = await api()
      .post(`/api/v1/modeler/drafts/${draftId}/deploy`)
      .set(await asAdmin())
      .send({});
    expect(second.status, JSON.stringify(second.body)).to.equal(201);
  });

  it('the administrator checks the plan and migrates the cases that can go, watching the batch (zh-CN); the dialog in English', async () => {
    const { engine } = testEnv();
    const { page } = await open();
    await signIn(page, 'admin');
    await page.goto(`/modeling/drafts/${draftId}`);
    await page.locator('[data-test=versions] .el-table__body tr').nth(1).waitFor();
    await page.locator('[data-test=open-migration]').click();
    const dialog = page.locator('[data-test=migration-dialog]');
    await dialog.waitFor();
    expect(await dialog.locator('.el-dialog__title').textContent()).to.equal(`迁移运行中的办件：${KEY}`);
    // the choices: from the oldest version running cases to the newest
    expect(await dialog.locator('[data-test=migration-source]').textContent()).to.contain('版本 1（运行中 2 件）');
    expect(await dialog.locator('[data-test=migration-target]').textContent()).to.contain('版本 2（运行中 0 件）');
    await dialog.locator('[data-test=migration-check]').click();
    await dialog.locator('[data-test=migration-summary]').filter({ hasText: '版本 1 运行中 2 件：可迁移 1 件，无法迁移 1 件' }).waitFor();
    const mapping = await dialog.locator('[data-test=migration-mapping]').textContent();
    expect(mapping).to.contain('审查').and.to.contain('实质审查');
    expect(await dialog.locator('[data-test=migration-unmapped] .occupied').textContent()).to.contain('签批（1 件在此环节）');
    expect(await dialog.locator(`[data-test=would-fail-${cases[1]!.caseNo}]`).textContent()).to.equal(
      '办件停留在“签批”，版本 2 中没有对应的环节（迁移计划未映射该环节）',
    );
    expect(await dialog.locator(`[data-test=migration-choose-${cases[1]!.caseNo}] input`).isDisabled()).to.equal(true);
    await screenshot(page, 'migration-plan');

    // no reason: said at the field, nothing sent
    const start = dialog.locator('[data-test=migration-start]');
    expect(await start.textContent()).to.contain('迁移所选办件（1）');
    await start.click();
    await dialog.getByText('迁移理由：请填写 2 到 500 个字符').waitFor();
    await dialog.locator('[data-test=migration-reason] textarea').fill('审查环节更名');
    await start.click();
    await page.getByRole('dialog', { name: '确认迁移' }).getByRole('button', { name: '迁移' }).click();
    await dialog.locator('[data-test=migration-finished]').filter({ hasText: '迁移完成：1 个办件已在版本 2 上' }).waitFor({ timeout: 120_000 });
    expect(await dialog.locator('[data-test=migration-counts]').textContent()).to.equal('共 1 件，已完成 1 件，失败 0 件');
    expect(await dialog.locator('[data-test=migration-results] [data-state=migrated]').textContent()).to.contain('已迁移');
    await screenshot(page, 'migration-done');
    const [v2] = await engine.processDefinitionVersions(KEY);
    expect((await engine.processInstances([cases[0]!.instanceId]))[0]!.definitionId).to.equal(v2!.id);
    // the versions' running counts are read again
    await page.locator('[data-test=versions] .el-table__body tr', { hasText: '1' }).first().waitFor();

    // in English: the labels of the dialog
    await page.getByRole('button', { name: 'English' }).click();
    await dialog
      .locator('.el-dialog__title')
      .filter({ hasText: `Migrate running cases: ${KEY}` })
      .waitFor();
    expect(await dialog.locator('[data-test=migration-counts]').textContent()).to.equal('1 in all, 1 done, 0 failed');
    expect(await dialog.locator('[data-test=migration-finished]').textContent()).to.contain('Migration done: 1 case(s) are on version 2');
    await dialog.locator('[data-test=migration-again]').click();
    await dialog.locator('[data-test=migration-summary]').waitFor();
    expect(await dialog.textContent())
      .to.contain('Step mapping')
      .and.to.contain('Steps not mapped')
      .and.to.contain('Running cases')
      .and.to.contain('Reason for the migration');
    expect(await dialog.locator('[data-test=migration-check]').textContent()).to.contain('Generate the plan');
    await screenshot(page, 'migration-plan-en');
  });
});
