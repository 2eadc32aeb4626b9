import { expect } from 'chai';
import { api, applicant, auth, completeMaterials, ITEM, submit, validForm } from '../support/api.ts';
import { testEnv } from '../support/environment.ts';
import { replaceProcessAtRest } from '../support/engine.ts';
import { browserSuite, screenshot, signIn } from './support/browser.ts';
import { language } from './support/language.ts';

/**
 * 迁移运行中的办件 in a browser (chromium): a process drafted and deployed twice from the modeler,
 * two cases on version 1 (one at a step version 2 replaced); the administrator opens the versions'
 * migration, reads the plan (the mapping, the step without a counterpart, the case that would
 * fail and why), migrates the other case with a reason and watches the batch to its end (zh-CN);
 * the dialog speaks English too.
 */

const KEY = 'ops_migration_browser_test';
/** A straight process start → the user tasks → end, with its diagram (the modeler's deployment checks want one and every flow's ends). */
function bpmn(tasks: { id: string; name: string; group: string }[]): string {
  const nodes = [
    { id: 'start', name: '开始', kind: 'startEvent' },
    ...tasks.map((t) => ({ ...t, kind: 'userTask' })),
    { id: 'end', name: '结束', kind: 'endEvent' },
  ];
  const flows = nodes.slice(1).map((n, i) => ({ id: `f${i + 1}`, from: nodes[i]!.id, to: n.id }));
  const xml = nodes
    .map((n) => {
      const into = flows.filter((f) => f.to === n.id).map((f) => `<bpmn:incoming>${f.id}</bpmn:incoming>`);
      const out = flows.filter((f) => f.from === n.id).map((f) => `<bpmn:outgoing>${f.id}</bpmn:outgoing>`);
      const group = 'group' in n ? ` camunda:candidateGroups="${n.group}"` : '';
      return `    <bpmn:${n.kind} id="${n.id}" name="${n.name}"${group}>${[...into, ...out].join('')}</bpmn:${n.kind}>`;
    })
    .join('\n');
  const x = (i: number) => 100 + i * 160;
  const size = (kind: string) => (kind === 'userTask' ? { w: 100, h: 80 } : { w: 36, h: 36 });
  const shapes = nodes
    .map((n, i) => {
      const { w, h } = size(n.kind);
      return `      <bpmndi:BPMNShape id="${n.id}_di" bpmnElement="${n.id}"><dc:Bounds x="${x(i)}" y="${120 - h / 2}" width="${w}" height="${h}" /></bpmndi:BPMNShape>`;
    })
    .join('\n');
  const edges = flows
    .map((f, i) => {
      const from = x(i) + size(nodes[i]!.kind).w;
      return `      <bpmndi:BPMNEdge id="${f.id}_di" bpmnElement="${f.id}"><di:waypoint x="${from}" y="120" /><di:waypoint x="${x(i + 1)}" y="120" /></bpmndi:BPMNEdge>`;
    })
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:di="http://www.omg.org/spec/DD/20100524/DI" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="mig-browser-test" targetNamespace="http://approval.test/migration">
  <bpmn:process id="${KEY}" name="迁移页面测试流程" isExecutable="true" camunda:historyTimeToLive="P1D">
${xml}
${flows.map((f) => `    <bpmn:sequenceFlow id="${f.id}" sourceRef="${f.from}" targetRef="${f.to}" />`).join('\n')}
  </bpmn:process>
  <bpmndi:BPMNDiagram id="diagram">
    <bpmndi:BPMNPlane id="plane" bpmnElement="${KEY}">
${shapes}
${edges}
    </bpmndi:BPMNPlane>
  </bpmndi:BPMNDiagram>
</bpmn:definitions>`;
}
/** Version 1: 审查 then 签批; version 2: 审查 renamed 实质审查, 签批 replaced by 决定 (another id). */
const V1 = bpmn([
  { id: 'review', name: '审查', group: 'samr:reviewer' },
  { id: 'sign', name: '签批', group: 'samr:leader' },
]);
const V2 = bpmn([
  { id: 'review', name: '实质审查', group: 'samr:reviewer' },
  { id: 'decide', name: '决定', group: 'samr:leader' },
]);

const asAdmin = async () => auth('admin');

/** A case whose process is replaced by the newest version of the test process, under its number. */
async function caseOnTestProcess(): Promise<{ caseNo: string; instanceId: string }> {
  const res = await submit('applicant', { itemCode: ITEM, applicant: applicant(), form: validForm(), materials: await completeMaterials('applicant') });
  expect(res.status, JSON.stringify(res.body)).to.equal(201);
  const caseNo = res.body.caseNo as string;
  return { caseNo, instanceId: (await replaceProcessAtRest(caseNo, KEY)).instanceId };
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
    await dialog.locator('[data-test=migration-source]').filter({ hasText: '版本 1（运行中 2 件）' }).waitFor();
    await dialog.locator('[data-test=migration-target]').filter({ hasText: '版本 2（运行中 0 件）' }).waitFor();
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
    await dialog.locator('textarea[data-test=migration-reason]').fill('审查环节更名');
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

    // in English (the language is chosen in the page's header, behind the dialog): the dialog again, its labels and the server's words
    await dialog.getByRole('button', { name: '关闭', exact: true }).click();
    await dialog.waitFor({ state: 'hidden' });
    await language(page, 'English');
    await page.locator('[data-test=open-migration]').filter({ hasText: 'Migrate running cases' }).click();
    await dialog
      .locator('.el-dialog__title')
      .filter({ hasText: `Migrate running cases: ${KEY}` })
      .waitFor();
    await dialog.locator('[data-test=migration-source]').filter({ hasText: 'Version 1 (1 running)' }).waitFor();
    await dialog.locator('[data-test=migration-check]').filter({ hasText: 'Generate the plan' }).click();
    await dialog.locator('[data-test=migration-summary]').filter({ hasText: 'Version 1 runs 1 case(s): 0 can migrate, 1 cannot' }).waitFor();
    expect(await dialog.textContent())
      .to.contain('Step mapping')
      .and.to.contain('Steps not mapped')
      .and.to.contain('签批 (1 case(s) at it)')
      .and.to.contain('Running cases')
      .and.to.contain('Cannot migrate')
      .and.to.contain('Reason for the migration');
    expect(await dialog.locator(`[data-test=would-fail-${cases[1]!.caseNo}]`).textContent()).to.equal(
      'The case is at "签批", which has no counterpart in version 2 (the plan does not map that step)',
    );
    expect(await dialog.locator('[data-test=migration-start]').isDisabled(), 'nothing can migrate').to.equal(true);
    await screenshot(page, 'migration-plan-en');
  });
});
