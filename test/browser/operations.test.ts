import { expect } from 'chai';
import { hostname } from 'node:os';
import type { Page } from 'playwright-core';
import { api, applicant, auth, completeMaterials, getCase, ITEM, submit, validForm, waitForStatus, waitForTask } from '../support/api.ts';
import { eventually } from '../support/eventually.ts';
import { testEnv } from '../support/environment.ts';
import { replaceProcessAtRest } from '../support/engine.ts';
import { browserSuite, screenshot, signIn } from './support/browser.ts';
import { outboxOf } from '../support/province.ts';
import { language } from './support/language.ts';

/** A process of this test only: a 告知 step whose notice comes from a process variable, then a user task. */
const TEST_PROCESS = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="ops-browser-test" targetNamespace="http://approval.test/operations">
  <bpmn:process id="ops_incident_browser_test" name="运维页面测试流程" isExecutable="true" camunda:historyTimeToLive="P1D">
    <bpmn:startEvent id="start" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="tell" />
    <bpmn:serviceTask id="tell" name="办结告知（页面测试）" camunda:type="external" camunda:topic="notify" />
    <bpmn:sequenceFlow id="f2" sourceRef="tell" targetRef="check" />
    <bpmn:userTask id="check" name="运维核对" camunda:candidateGroups="samr:reviewer" />
    <bpmn:sequenceFlow id="f3" sourceRef="check" targetRef="end" />
    <bpmn:endEvent id="end" />
  </bpmn:process>
</bpmn:definitions>`;

/** The same failing 告知 beside a reviewer's task (as a 一件事's branches run side by side): the case has work in an inbox while a step of it failed. */
const PARALLEL_PROCESS = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="ops-parallel-browser-test" targetNamespace="http://approval.test/operations">
  <bpmn:process id="ops_parallel_browser_test" name="运维页面测试并行流程" isExecutable="true" camunda:historyTimeToLive="P1D">
    <bpmn:startEvent id="start" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="split" />
    <bpmn:parallelGateway id="split" />
    <bpmn:sequenceFlow id="f2" sourceRef="split" targetRef="tell" />
    <bpmn:sequenceFlow id="f3" sourceRef="split" targetRef="check" />
    <bpmn:serviceTask id="tell" name="办结告知（页面测试）" camunda:type="external" camunda:topic="notify" />
    <bpmn:userTask id="check" name="运维核对" camunda:candidateGroups="samr:reviewer" />
    <bpmn:sequenceFlow id="f4" sourceRef="tell" targetRef="join" />
    <bpmn:sequenceFlow id="f5" sourceRef="check" targetRef="join" />
    <bpmn:parallelGateway id="join" />
    <bpmn:sequenceFlow id="f6" sourceRef="join" targetRef="end" />
    <bpmn:endEvent id="end" />
  </bpmn:process>
</bpmn:definitions>`;

/** A case in review whose process is replaced by a test process with a notice the 告知 worker does not know: an incident once its retries are spent. */
async function caseWithIncident(process = 'ops_incident_browser_test'): Promise<{ caseNo: string; incidentId: string }> {
  const res = await submit('applicant', { itemCode: ITEM, applicant: applicant(), form: validForm(), materials: await completeMaterials('applicant') });
  expect(res.status, JSON.stringify(res.body)).to.equal(201);
  const caseNo = res.body.caseNo as string;
  await replaceProcessAtRest(caseNo, process, {
    caseNo: { value: caseNo, type: 'String' },
    notice: { value: 'no_such_notice', type: 'String' },
  });
  const incidentId = await incidentIdOf(caseNo);
  return { caseNo, incidentId };
}

async function incidentIdOf(caseNo: string, not?: string): Promise<string> {
  return eventually(
    `an incident of ${caseNo}`,
    async () => {
      const list = await api()
        .get(`/api/v1/operations/incidents?item=${ITEM}&limit=200`)
        .set(await auth('admin'));
      return (list.body.incidents as { id: string; caseNo: string }[]).find((i) => i.caseNo === caseNo && i.id !== not)?.id;
    },
    30_000,
  );
}

const row = (page: Page, caseNo: string) => page.locator('[data-test=incident-table] .el-table__body tr', { hasText: caseNo });

describe('运维监控 in a browser (chromium)', function () {
  this.timeout(240_000);
  const { open } = browserSuite();

  before(async () => {
    await testEnv().engine.deploy('ops-incident-browser-test', [
      { name: 'ops-incident-browser-test.bpmn', content: TEST_PROCESS },
      { name: 'ops-parallel-browser-test.bpmn', content: PARALLEL_PROCESS },
    ]);
  });

  it('the administrator corrects the failed step’s variable and retries it from the page; the case goes on (zh-CN)', async () => {
    const { caseNo } = await caseWithIncident();
    const { page } = await open();
    await signIn(page, 'admin');
    await page.locator('[data-test=nav-operations]').click();
    await page.waitForURL('**/operations');
    expect(await page.locator('h1').textContent()).to.equal('运维监控');
    const incident = row(page, caseNo);
    await incident.waitFor();
    expect(await incident.locator('[data-test=incident-step]').textContent()).to.equal('办结告知（页面测试）');
    expect(await incident.locator('[data-test=incident-error]').textContent()).to.contain('has no valid "notice" input (got no_such_notice)');
    expect(await incident.textContent()).to.contain('个体工商户设立登记');
    await screenshot(page, 'operations-incidents');

    // retry with the notice corrected: checked before it is sent, then retried
    await incident.locator('[data-test=incident-retry-variables]').click();
    const dialog = page.locator('[data-test=retry-dialog]');
    await dialog.waitFor();
    await dialog.locator('[data-test=variable-value]').fill('approved');
    await screenshot(page, 'operations-retry-dialog');
    await dialog.locator('[data-test=retry-submit]').click();
    await page.locator('.el-message', { hasText: `已重试办件 ${caseNo} 的“办结告知（页面测试）”环节` }).waitFor();
    await waitForStatus('applicant', caseNo, 'approved');
    await row(page, caseNo).waitFor({ state: 'detached' });
  });

  it('retries a row and several selected rows, and cancels a case with a notice, in English', async () => {
    const first = await caseWithIncident();
    const second = await caseWithIncident();
    const { page } = await open();
    await signIn(page, 'admin');
    await page.goto('/operations');
    await language(page, 'English');
    await page.locator('h1', { hasText: 'Operations' }).waitFor();
    await row(page, first.caseNo).waitFor();

    // one row retried as it is: the cause is still there, so the step fails again (a new incident)
    await row(page, first.caseNo).locator('[data-test=incident-retry]').click();
    await page.locator('.el-message', { hasText: `The step "办结告知（页面测试）" of case ${first.caseNo} was retried` }).waitFor();
    const again = await incidentIdOf(first.caseNo, first.incidentId);

    // both selected and retried at once
    await page.locator('[data-test=incidents-refresh]').click();
    await row(page, first.caseNo).locator('.el-checkbox').click();
    await row(page, second.caseNo).locator('.el-checkbox').click();
    await page.locator('[data-test=retry-selected]', { hasText: 'Retry selected (2)' }).click();
    await page.locator('.el-message', { hasText: '2 retried, 0 could not be retried' }).waitFor();
    await incidentIdOf(first.caseNo, again);
    await incidentIdOf(second.caseNo, second.incidentId);

    // cancelled with a reason and a confirmation: the applicant is told
    await page.locator('[data-test=incidents-refresh]').click();
    await row(page, second.caseNo).locator('[data-test=incident-cancel]').click();
    const dialog = page.locator('[data-test=cancel-dialog]');
    await dialog.waitFor();
    await dialog.locator('[data-test=cancel-submit]').click();
    await dialog.locator('.el-form-item__error', { hasText: 'Reason for ending the case: must not be empty' }).waitFor();
    await dialog
      .locator('textarea[data-test=cancel-reason], [data-test=cancel-reason] textarea')
      .first()
      .fill('The process was misconfigured; please apply again');
    await dialog.locator('[data-test=cancel-submit]').click();
    const box = page.locator('.el-message-box');
    await box.waitFor();
    await box.getByRole('button', { name: 'Cancel the case' }).click();
    await page.locator('.el-message', { hasText: `Case ${second.caseNo} was cancelled; the applicant was told` }).waitFor();
    await waitForStatus('applicant', second.caseNo, 'terminated');
    await screenshot(page, 'operations-english');

    // the other case ends too, through the API (cleaning up)
    const cancelled = await api()
      .post(`/api/v1/operations/cases/${first.caseNo}/cancel`)
      .set(await auth('admin'))
      .send({ reason: '测试结束' });
    expect(cancelled.status).to.equal(200);
  });

  it('异常: the reviewer reads it on the inbox card and the case page, the applicant that staff are on it (zh-CN, then English)', async () => {
    const { caseNo } = await caseWithIncident('ops_parallel_browser_test');
    // the inbox learns of incidents from one look at the engine's, shared for a few seconds
    await eventually('the reviewer’s task marked 异常', async () => {
      const res = await api()
        .get('/api/v1/tasks')
        .query({ caseNo })
        .set(await auth('reviewer'));
      return (res.body.tasks as { taskDefinitionKey: string; incident: boolean }[]).find((t) => t.taskDefinitionKey === 'check')?.incident === true;
    });
    const healthy = await submit('applicant', { itemCode: ITEM, applicant: applicant(), form: validForm(), materials: await completeMaterials('applicant') });
    await waitForTask('reviewer', healthy.body.caseNo as string, 'review');

    const staff = await open();
    await signIn(staff.page, 'reviewer');
    await staff.page.goto(`/inbox?caseNo=${caseNo}`);
    const mark = staff.page.locator(`.task-card[data-case-no="${caseNo}"] [data-test=task-incident]`);
    await mark.waitFor();
    expect((await mark.textContent())?.trim()).to.equal('异常');
    expect(await mark.getAttribute('title')).to.equal('本办件有环节处理失败，运维人员正在处理');
    await screenshot(staff.page, 'incident-inbox-card');
    // a case whose steps all run has no mark
    await staff.page.goto(`/inbox?caseNo=${healthy.body.caseNo as string}`);
    const plain = staff.page.locator(`.task-card[data-case-no="${healthy.body.caseNo as string}"]`);
    await plain.waitFor();
    expect(await plain.locator('[data-test=task-incident]').count()).to.equal(0);

    await staff.page.goto(`/cases/${caseNo}`);
    const status = staff.page.locator('[data-test=case-status]');
    await status.filter({ hasText: '异常' }).waitFor();
    await screenshot(staff.page, 'incident-case-staff');

    const applicantPage = await open();
    await signIn(applicantPage.page, 'applicant', '/my', null);
    await applicantPage.page.goto(`/my/cases/${caseNo}`);
    const line = applicantPage.page.locator('p', { has: applicantPage.page.locator('[data-test=case-status]') });
    await line.filter({ hasText: '办理中，工作人员处理中' }).waitFor();
    expect(await line.textContent()).not.to.contain('异常');
    await screenshot(applicantPage.page, 'incident-case-applicant');

    // in English: the same marks in words
    await language(applicantPage.page, 'English');
    await line.filter({ hasText: 'In progress: our staff are handling it' }).waitFor();
    await language(staff.page, 'English');
    await status.filter({ hasText: 'Incident' }).waitFor();
    await staff.page.goto(`/inbox?caseNo=${caseNo}`);
    await mark.filter({ hasText: 'Failed step' }).waitFor();
    expect(await mark.getAttribute('title')).to.equal('A step of this case failed; the operators are on it');
    await screenshot(staff.page, 'incident-inbox-card-english');

    const cancelled = await api()
      .post(`/api/v1/operations/cases/${caseNo}/cancel`)
      .set(await auth('admin'))
      .send({ reason: '测试结束' });
    expect(cancelled.status).to.equal(200);
  });

  it('移到环节: the administrator moves a case whose step failed to another step of its process, with a reason; the case goes on there (English, then zh-CN)', async () => {
    const { caseNo } = await caseWithIncident();
    const { page } = await open();
    await signIn(page, 'admin');
    await page.goto('/operations');
    const dialog = page.locator('[data-test=move-dialog]');
    // in English first: the dialog in words, a missing reason said at its field; closed, nothing moved
    await language(page, 'English');
    await row(page, caseNo).locator('[data-test=incident-move]', { hasText: 'Move to step' }).click();
    await dialog.locator('[data-test=move-target]').waitFor();
    expect(await dialog.locator('.el-dialog__title').textContent()).to.equal(`Move case ${caseNo} to a step`);
    await dialog.locator('[data-test=move-current]', { hasText: 'End 办结告知（页面测试）' }).waitFor();
    await dialog.locator('[data-test=move-submit]').click();
    await dialog.locator('.el-form-item__error', { hasText: 'Reason' }).first().waitFor();
    // a step not chosen is said once, in words (no regular expression)
    expect(await dialog.locator('.el-form-item__error', { hasText: 'Target step' }).textContent()).to.equal('Target step: must not be empty');
    await screenshot(page, 'operations-move-dialog-english');
    await dialog.locator('.el-dialog__footer button', { hasText: 'Close' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await language(page, '中文');

    await row(page, caseNo).locator('[data-test=incident-move]', { hasText: '移到环节' }).click();
    await dialog.locator('[data-test=move-target]').waitFor();
    expect(await dialog.locator('.el-dialog__title').textContent()).to.equal(`把办件 ${caseNo} 移到环节`);
    // the failed step is at work: ended by default
    const current = dialog.locator('[data-test=move-current]', { hasText: '办结告知（页面测试）' });
    expect(await current.locator('input[type=checkbox]').isChecked()).to.equal(true);

    await dialog.locator('[data-test=move-target]').click();
    await page.locator('.el-select-dropdown__item', { hasText: '运维核对（check）' }).click();
    await dialog.locator('[data-test=move-submit]').click();
    // no reason: said at the field before anything is sent
    await dialog.locator('.el-form-item__error', { hasText: '理由' }).waitFor();
    await dialog.locator('textarea[data-test=move-reason], [data-test=move-reason] textarea').first().fill('告知环节配置错误，跳过后人工核对');
    await screenshot(page, 'operations-move-dialog');
    await dialog.locator('[data-test=move-submit]').click();
    await page.locator('.el-message', { hasText: `办件 ${caseNo} 已移到“运维核对”` }).waitFor();
    await row(page, caseNo).waitFor({ state: 'detached' });

    const task = await waitForTask('reviewer', caseNo, 'check');
    expect(task.name).to.equal('运维核对');
    const moved = ((await getCase('admin', caseNo)).body.timeline as { type: string; actor: string; detail: { reason?: string } }[]).find(
      (e) => e.type === 'case.moved',
    );
    expect(moved).to.deep.include({ actor: 'admin' });
    expect(moved?.detail.reason).to.equal('告知环节配置错误，跳过后人工核对');
  });

  it('停滞办件: a case whose process is gone is found on 重新检查 with its diagnosis in words, and moved in a dialog that says why it cannot be (English, then zh-CN)', async () => {
    const res = await submit('applicant', { itemCode: ITEM, applicant: applicant(), form: validForm(), materials: await completeMaterials('applicant') });
    const caseNo = res.body.caseNo as string;
    const accepted = await waitForStatus('applicant', caseNo, 'accepted');
    await waitForTask('reviewer', caseNo, 'review');
    await testEnv().engine.deleteProcessInstance(accepted.processInstanceId as string, 'test: a process lost');

    const watched = await open();
    const { page } = watched;
    await signIn(page, 'admin');
    await page.goto('/operations');
    await language(page, 'English');
    await page.getByRole('tab', { name: 'Stuck cases' }).click();
    await page.locator('[data-test=stuck-refresh]').click();
    const stuck = page.locator('[data-test=stuck-table] .el-table__body tr', { hasText: caseNo });
    await stuck.waitFor({ timeout: 60_000 });
    expect(await stuck.locator('[data-test=stuck-diagnosis]').textContent()).to.match(
      /^The process instance ended at \d{4}-\d{2}-\d{2} \d{2}:\d{2} \(terminated from outside\) while the case is still "Accepted": nothing will move it on$/,
    );
    // a mask leaving while the next comes (two loads in a row): wait until none is shown
    await eventually('the stuck cases loaded', async () => (await page.locator('[data-test=stuck-table] .el-loading-mask:visible').count()) === 0, 30_000);
    await screenshot(page, 'operations-stuck-english');

    // nothing left to move: the dialog says so in the server's words
    await stuck.locator('[data-test=stuck-move]').click();
    await page.locator('.el-message', { hasText: 'The case has no running process instance to move; cancel the case to end it' }).waitFor();
    await page.locator('[data-test=move-dialog]').waitFor({ state: 'hidden' });
    // that 409 is the page's expected answer, which chromium logs as a failed resource: that one only
    const refusal = watched.errors.findIndex((e) => /status of 409/.test(e));
    expect(refusal, 'the 409 of the steps asked for').to.be.greaterThan(-1);
    watched.errors.splice(refusal, 1);

    await language(page, '中文');
    await page.getByRole('tab', { name: '停滞办件' }).waitFor();
    await stuck
      .locator('[data-test=stuck-diagnosis]', {
        hasText: /^流程实例已于 \d{4}-\d{2}-\d{2} \d{2}:\d{2} 结束（被外部终止），办件却仍为“受理”：没有环节会再推进它$/,
      })
      .waitFor();
    await screenshot(page, 'operations-stuck');

    const cancelled = await api()
      .post(`/api/v1/operations/cases/${caseNo}/cancel`)
      .set(await auth('admin'))
      .send({ reason: '流程丢失，请重新申请' });
    expect(cancelled.status).to.equal(200);
  });

  it('省级汇聚: the administrator sees the outbox, reconciles a day and resends a dead letter (zh-CN, then English)', async () => {
    // a case whose 受理 the exchange refuses: a dead letter holding back the case
    const exchange = testEnv().province.control;
    exchange.setOutage(true);
    const res = await submit('applicant', { itemCode: ITEM, applicant: applicant(), form: validForm(), materials: await completeMaterials('applicant') });
    const caseNo = res.body.caseNo as string;
    await eventually('受理 queued', async () => (await outboxOf(caseNo)).some((r) => r.eventType === 'accept'));
    exchange.refuse({ count: 1, caseNo, eventType: 'accept' });
    exchange.setOutage(false);
    await eventually('a dead letter', async () => (await outboxOf(caseNo)).some((r) => r.state === 'dead'));

    const { page } = await open();
    await signIn(page, 'admin');
    await page.goto('/operations');
    await page.getByRole('tab', { name: '省级汇聚' }).click();
    const tab = page.locator('[data-test=province-tab]');
    await tab.locator('[data-test=province-exchange]', { hasText: '已连接' }).waitFor();
    expect(Number(await tab.locator('[data-test=province-count-dead] .count').textContent())).to.be.at.least(1);
    const letter = tab.locator('[data-test=province-dead-letters] .el-table__body tr', { hasText: caseNo });
    await letter.waitFor();
    expect(await letter.textContent()).to.contain('受理');
    expect(await letter.locator('[data-test=province-dead-error]').textContent()).to.match(/^malformed: /);

    await tab.locator('[data-test=province-reconcile]').click();
    await page.locator('.el-message', { hasText: '对账完成：一致' }).waitFor();
    await tab.locator('[data-test=province-reconciliation-result]', { hasText: '一致' }).waitFor();
    await screenshot(page, 'operations-province');

    await letter.locator('[data-test=province-resend]').click();
    await page.locator('.el-message', { hasText: '已重新排队，1 个事件将在下一轮报送' }).waitFor();
    await letter.waitFor({ state: 'detached' });
    await eventually(
      '受理 delivered after the resend',
      async () => (await outboxOf(caseNo)).every((r) => r.state !== 'dead') && exchange.events(caseNo).length >= 2,
    );

    await language(page, 'English');
    await page.getByRole('tab', { name: 'Province reporting' }).waitFor();
    await tab.locator('[data-test=province-refresh]').click();
    await tab.locator('[data-test=province-exchange]', { hasText: 'Connected' }).waitFor();
    await tab.locator('[data-test=province-count-sent] .label', { hasText: 'Reported' }).waitFor();
    await tab.getByRole('button', { name: 'Reconcile now' }).waitFor();
    await tab.locator('[data-test=province-reconciliation-result]', { hasText: 'Matched' }).waitFor();
  });

  it('系统状态: the administrator sees the server nodes (one 失联), which node runs each scheduler, the engine and the backups with their warning (zh-CN, then English)', async () => {
    const { sequelize, nodeId } = testEnv().server.ctx;
    // a node that stopped checking in two minutes ago (as one killed leaves its row), and no backup yet
    const gone = `gone-host:4343:${nodeId.split(':').at(-1)}`;
    const at = new Date(Date.now() - 2 * 60_000);
    await sequelize.query(
      "INSERT INTO platform_nodes (node_id, host_name, pid, version, started_at, last_seen_at) VALUES (:gone, 'gone-host', 4343, '0.1.0', :at, :at)",
      { replacements: { gone, at } },
    );
    await sequelize.query('DELETE FROM backup_runs');
    try {
      const { page } = await open();
      await signIn(page, 'admin');
      await page.goto('/operations');
      await page.getByRole('tab', { name: '系统状态' }).click();
      const tab = page.locator('[data-test=system-tab]');
      const self = tab.locator('[data-test=system-nodes] .el-table__body tr', { hasText: '本节点' });
      await self.locator('[data-test=system-node-state]', { hasText: '在线' }).waitFor();
      const lost = tab.locator('[data-test=system-nodes] .el-table__body tr', { hasText: 'gone-host' });
      await lost.locator('[data-test=system-node-state]', { hasText: '失联' }).waitFor();
      // the outbox's sender (every 200 ms in the tests) runs on this node
      const sender = tab.locator('[data-test=system-schedulers] .el-table__body tr', { hasText: '省级汇聚报送' });
      await sender.waitFor();
      expect(await sender.locator('[data-test=system-scheduler-holder]').textContent()).to.equal(`${hostname()} · ${process.pid}`);
      await tab.locator('[data-test=system-engine-state]', { hasText: '可连接' }).waitFor();
      expect(await tab.locator('[data-test=system-engine-url]').textContent()).to.equal(testEnv().config.engine.url);
      await tab.locator('[data-test=system-backup-warning]', { hasText: '尚无成功的备份' }).waitFor();
      await screenshot(page, 'operations-system');

      await language(page, 'English');
      await page.getByRole('tab', { name: 'System' }).waitFor();
      await lost.locator('[data-test=system-node-state]', { hasText: 'Unreachable' }).waitFor();
      await tab
        .locator('[data-test=system-nodes] .el-table__body tr', { hasText: 'this node' })
        .locator('[data-test=system-node-state]', { hasText: 'Online' })
        .waitFor();
      await tab.locator('[data-test=system-schedulers] .el-table__body tr', { hasText: 'Province reporting' }).waitFor();
      await tab.locator('[data-test=system-engine-state]', { hasText: 'Reachable' }).waitFor();
      await tab.locator('[data-test=system-backup-warning]', { hasText: 'No backup has succeeded yet' }).waitFor();
      await screenshot(page, 'operations-system-english');
    } finally {
      await sequelize.query('DELETE FROM platform_nodes WHERE node_id = :gone', { replacements: { gone } });
    }
  });
});
