import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { api, applicant, auth, completeMaterials, ITEM, submit, validForm, waitForStatus } from '../support/api.ts';
import { eventually } from '../support/eventually.ts';
import { testEnv } from '../support/environment.ts';
import { replaceProcessAtRest } from '../support/engine.ts';
import { browserSuite, screenshot, signIn } from './support/browser.ts';
import { outboxOf } from '../support/province.ts';

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

/** A case in review whose process is replaced by the test process with a notice the 告知 worker does not know: an incident once its retries are spent. */
async function caseWithIncident(): Promise<{ caseNo: string; incidentId: string }> {
  const res = await submit('applicant', { itemCode: ITEM, applicant: applicant(), form: validForm(), materials: await completeMaterials('applicant') });
  expect(res.status, JSON.stringify(res.body)).to.equal(201);
  const caseNo = res.body.caseNo as string;
  await replaceProcessAtRest(caseNo, 'ops_incident_browser_test', {
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
    await testEnv().engine.deploy('ops-incident-browser-test', [{ name: 'ops-incident-browser-test.bpmn', content: TEST_PROCESS }]);
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
    await page.getByRole('button', { name: 'English' }).click();
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

    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('tab', { name: 'Province reporting' }).waitFor();
    await tab.locator('[data-test=province-refresh]').click();
    await tab.locator('[data-test=province-exchange]', { hasText: 'Connected' }).waitFor();
    await tab.locator('[data-test=province-count-sent] .label', { hasText: 'Reported' }).waitFor();
    await tab.getByRole('button', { name: 'Reconcile now' }).waitFor();
    await tab.locator('[data-test=province-reconciliation-result]', { hasText: 'Matched' }).waitFor();
  });
});
