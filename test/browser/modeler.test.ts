import { expect } from 'chai';
import { api, auth } from '../support/api.ts';
import { eventually } from '../support/eventually.ts';
import { browserSuite, horizontalOverflow, PHONE, screenshot } from './support/browser.ts';
import { applyTemplate, canvas, centre, dropTask, replaceWith, shape, signInAnalyst } from './support/modeler-canvas.ts';
import { language } from './support/language.ts';

const scriptTaskBpmn = (key: string) => `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:di="http://www.omg.org/spec/DD/20100524/DI" id="defs" targetNamespace="http://bpmn.io/schema/bpmn">
  <bpmn:process id="${key}" name="看似无害的流程" isExecutable="true">
    <bpmn:startEvent id="start" name="开始"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:scriptTask id="evil_script" name="清理数据" scriptFormat="javascript"><bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing><bpmn:script>java.lang.Runtime.getRuntime().exec("rm -rf /")</bpmn:script></bpmn:scriptTask>
    <bpmn:endEvent id="end" name="结束"><bpmn:incoming>f2</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="evil_script" />
    <bpmn:sequenceFlow id="f2" sourceRef="evil_script" targetRef="end" />
  </bpmn:process>
  <bpmndi:BPMNDiagram id="d"><bpmndi:BPMNPlane id="p" bpmnElement="${key}">
    <bpmndi:BPMNShape id="start_di" bpmnElement="start"><dc:Bounds x="160" y="182" width="36" height="36" /></bpmndi:BPMNShape>
    <bpmndi:BPMNShape id="evil_script_di" bpmnElement="evil_script"><dc:Bounds x="280" y="160" width="100" height="80" /></bpmndi:BPMNShape>
    <bpmndi:BPMNShape id="end_di" bpmnElement="end"><dc:Bounds x="460" y="182" width="36" height="36" /></bpmndi:BPMNShape>
    <bpmndi:BPMNEdge id="f1_di" bpmnElement="f1"><di:waypoint x="196" y="200" /><di:waypoint x="280" y="200" /></bpmndi:BPMNEdge>
    <bpmndi:BPMNEdge id="f2_di" bpmnElement="f2"><di:waypoint x="380" y="200" /><di:waypoint x="460" y="200" /></bpmndi:BPMNEdge>
  </bpmndi:BPMNPlane></bpmndi:BPMNDiagram>
</bpmn:definitions>
`;

describe("the analysts' modeler in a browser (chromium)", function () {
  this.timeout(240_000);
  const { open } = browserSuite();

  it('an analyst draws a process from templates, sees a lint problem on the diagram, fixes it, saves and deploys version 1', async () => {
    const { page } = await open();
    await signInAnalyst(page);
    expect(await page.locator('h1').textContent()).to.equal('流程建模');
    await screenshot(page, 'modeling-list');

    const key = `browser_model_${Date.now()}`;
    await page.locator('[data-test=new-draft]').click();
    const dialog = page.getByRole('dialog');
    await dialog.locator('input[data-test=draft-key]').fill(key);
    await dialog.locator('input[data-test=draft-name]').fill('浏览器测试流程');
    await dialog.locator('[data-test=create-draft]').click();
    await page.waitForURL('**/modeling/drafts/*');

    // the template's diagram: start → 市场监督管理局审核 (a user-task template) → end, lint clean of errors
    await shape(page, 'review').waitFor();
    expect(await page.locator('.bjs-powered-by').isVisible(), 'the bpmn.io watermark').to.equal(true);
    await page.locator('.djs-palette [data-action="create.task"]').waitFor();
    expect(await page.locator('.djs-palette [data-action="create.task"]').getAttribute('aria-label')).to.equal('创建任务');
    await page
      .locator('[data-test=lint-summary]')
      .filter({ hasText: /没有发现问题|0 个错误/ })
      .waitFor();

    // a service task from the 电子印章 template: no topic typed
    const seal = await dropTask(page, await centre(page, 'flow_review_end'));
    await replaceWith(page, seal, 'replace-with-service-task');
    await applyTemplate(page, seal, '电子印章');
    await shape(page, seal).locator('text', { hasText: '电子印章' }).waitFor();

    // a user task without a candidate group, dropped on the flow from the seal to the end: the live lint marks it
    const [end, sealAt] = [await centre(page, 'end'), await centre(page, seal)];
    const step = await dropTask(page, { x: (end.x + sealAt.x) / 2, y: end.y });
    await replaceWith(page, step, 'replace-with-user-task');
    await shape(page, step).and(page.locator('.lint-error')).waitFor();
    const issue = page.locator(`[data-test=lint] li[data-element-id="${step}"][data-rule="approval/user-task-candidate-group"]`);
    await issue.waitFor();
    expect(await issue.textContent()).to.contain('候选组');
    await screenshot(page, 'modeling-lint-problem');

    // fixed by a user-task template; the mark goes
    await applyTemplate(page, step, '市场监督管理局签发');
    await issue.waitFor({ state: 'detached' });
    await canvas(page).locator('.lint-error').first().waitFor({ state: 'detached' });

    await page.locator('[data-test=save]').click();
    await page.locator('[data-test=revision]').filter({ hasText: '第 2 版草稿' }).waitFor();
    await page.locator('[data-test=deploy]').click();
    const deployed = page.locator('[data-test=deployed]');
    await deployed.waitFor();
    expect(await deployed.textContent()).to.contain('流程版本 1');
    const versions = page.locator('[data-test=versions]');
    await versions.locator('.el-table__row').first().waitFor();
    expect(await versions.locator('.el-table__row').first().locator('td').first().textContent()).to.equal('1');
    await versions.locator('[data-test=compare-1]').click();
    await page.locator('[data-test=comparison]').filter({ hasText: '没有差异' }).waitFor();
    await screenshot(page, 'modeling-deployed');

    // a later change, then the deployed version opened (from the engine) and loaded back: the change goes
    const below = await centre(page, 'review');
    const extra = await dropTask(page, { x: below.x, y: below.y + 140 });
    await versions.locator('[data-test=view-1]').click();
    const viewer = page.locator('[data-test=version-viewer]');
    await viewer.locator(`[data-test=version-diagram] .djs-element[data-element-id="${seal}"]`).waitFor();
    expect(await viewer.locator(`[data-test=version-diagram] .djs-element[data-element-id="${extra}"]`).count(), 'not deployed').to.equal(0);
    await screenshot(page, 'modeling-version-view');
    await viewer.locator('[data-test=version-restore]').click();
    await shape(page, extra).waitFor({ state: 'detached' });
    await shape(page, seal).waitFor();

    // the list says what is deployed
    await page.goto('/modeling');
    const row = page.locator(`[data-test=draft-list] li[data-process-key="${key}"]`);
    expect(await row.locator('[data-test=deployed-version]').textContent()).to.contain('流程版本 1');
  });

  it('refuses to deploy an imported BPMN with a script task and marks that element', async () => {
    const watched = await open();
    const { page } = watched;
    await signInAnalyst(page);
    const key = `browser_evil_${Date.now()}`;
    await page.locator('[data-test=new-draft]').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('导入 .bpmn 文件').click();
    await dialog
      .locator('[data-test=draft-file]')
      .setInputFiles({ name: 'harmless.bpmn', mimeType: 'application/xml', buffer: Buffer.from(scriptTaskBpmn(key)) });
    // the file is read asynchronously: its process id becomes the key
    await eventually('the key is the process id', async () => (await dialog.locator('input[data-test=draft-key]').inputValue()) === key);
    await dialog.locator('[data-test=create-draft]').click();
    await page.waitForURL('**/modeling/drafts/*');
    await shape(page, 'evil_script').waitFor();
    // the live lint already says no
    await page.locator('[data-test=lint] li[data-element-id="evil_script"][data-rule="approval/no-script-task"]').waitFor();

    await page.locator('[data-test=deploy]').click();
    await page.locator('[data-test=refused]').waitFor();
    await shape(page, 'evil_script').and(page.locator('.deploy-refused')).waitFor();
    const note = canvas(page).locator('.deploy-refused-note[data-element-id="evil_script"]');
    expect(await note.textContent()).to.contain('脚本');
    expect(await page.locator('[data-test=refused] li[data-element-id="evil_script"]').count()).to.equal(1);
    expect(await page.locator('[data-test=deployed]').count()).to.equal(0);
    await screenshot(page, 'modeling-deploy-refused');

    // the refusal is the page's expected answer, which chromium logs as a failed resource: that one only
    const refusal = watched.errors.findIndex((e) => /status of 422/.test(e));
    expect(refusal, 'the 422 of the refused deployment').to.be.greaterThan(-1);
    watched.errors.splice(refusal, 1);
  });

  it('tells the analyst when someone saved the draft in between, and loads the latest revision on request', async () => {
    const watched = await open();
    const { page } = watched;
    await signInAnalyst(page);
    const key = `browser_stale_${Date.now()}`;
    await page.locator('[data-test=new-draft]').click();
    const dialog = page.getByRole('dialog');
    await dialog.locator('input[data-test=draft-key]').fill(key);
    await dialog.locator('input[data-test=draft-name]').fill('并发保存测试');
    await dialog.locator('[data-test=create-draft]').click();
    await page.waitForURL('**/modeling/drafts/*');
    await shape(page, 'review').waitFor();
    const id = Number(/drafts\/(\d+)/.exec(page.url())![1]);

    // someone else saves revision 2 (renamed) while this page still edits revision 1
    const draft = await api()
      .get(`/api/v1/modeler/drafts/${id}`)
      .set(await auth('analyst'));
    const other = await api()
      .put(`/api/v1/modeler/drafts/${id}`)
      .set(await auth('analyst'))
      .send({ xml: draft.body.xml, baseRevision: 1, name: '并发保存测试（他人修改）' });
    expect(other.status, JSON.stringify(other.body)).to.equal(200);

    await dropTask(page, await centre(page, 'flow_review_end'));
    await page.locator('[data-test=save]').click();
    await page.locator('[data-test=stale]').waitFor();
    await screenshot(page, 'modeling-save-stale');
    await page.locator('[data-test=reload-latest]').click();
    await page.locator('[data-test=stale]').waitFor({ state: 'detached' });
    await page.locator('[data-test=revision]').filter({ hasText: '第 2 版草稿' }).waitFor();
    expect(await page.locator('h1').textContent()).to.equal('并发保存测试（他人修改）');
    expect(await canvas(page).locator('.djs-shape[data-element-id^="Activity_"]').count(), 'the unsaved task is gone').to.equal(0);

    // in English, the editor is made anew with English labels
    await language(page, 'English');
    await page.locator('.djs-palette [data-action="create.task"][aria-label="Create task"]').waitFor();
    await shape(page, 'review').waitFor();
    await page.locator('[data-test=lint-summary]').filter({ hasText: 'No problems found' }).waitFor();
    await screenshot(page, 'modeling-editor-en');
    await language(page, '中文');
    await page.locator('.djs-palette [data-action="create.task"][aria-label="创建任务"]').waitFor();

    // the stale save is the page's expected answer, which chromium logs as a failed resource: that one only
    const conflict = watched.errors.findIndex((e) => /status of 409/.test(e));
    expect(conflict, 'the 409 of the stale save').to.be.greaterThan(-1);
    watched.errors.splice(conflict, 1);
  });

  it('lays the list and the editor out without horizontal scrolling on a phone (390×844)', async () => {
    const { page } = await open(PHONE);
    await signInAnalyst(page);
    expect(await horizontalOverflow(page), 'list').to.equal(0);
    await page.locator('[data-test=draft-list] li a').first().click();
    await page.waitForURL('**/modeling/drafts/*');
    await canvas(page).locator('.djs-element').first().waitFor();
    expect(await horizontalOverflow(page), 'editor').to.equal(0);
    await screenshot(page, 'modeling-editor-phone');
  });
});
