import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { api, applicant, auth, completeMaterials, decide, getCase, ITEM, submit, validForm, waitForStatus, waitForTask } from '../support/api.ts';
import { approvedCase } from '../support/delivery.ts';
import { samplePdf, samplePng } from '../support/files.ts';
import { browserSuite, horizontalOverflow, PHONE, screenshot, signIn, type WatchedPage } from './support/browser.ts';
import { pickOption } from './support/select.js';
import { language } from './support/language.ts';

/** Submits the demo item online as the applicant with only the materials named (by code). */
async function applyOnline(codes?: string[], extra: Record<string, unknown> = {}) {
  const materials = (await completeMaterials('applicant')).filter((m) => !codes || codes.includes(m.code));
  const res = await submit('applicant', { itemCode: ITEM, applicant: applicant(), form: validForm(), materials, ...extra });
  expect(res.status, JSON.stringify(res.body)).to.equal(201);
  return res.body.caseNo as string;
}

const openCase = async (page: Page, caseNo: string) => {
  await signIn(page, 'applicant', '/my', null);
  await page.goto(`/my/cases/${caseNo}`);
  await page.locator('[data-test=case-no]').waitFor();
};

/** Drops exactly one failed-resource console error of the status the test provoked on purpose. */
function expectedFailure(watched: WatchedPage, status: number) {
  const at = watched.errors.findIndex((e) => new RegExp(`status of ${status}`).test(e));
  expect(at, `the ${status} the page was asked to provoke`).to.be.greaterThan(-1);
  watched.errors.splice(at, 1);
}

/**
 * Cuts a page's live updates (socket.io), as a lost connection would: what happened meanwhile the
 * page learns from its next request. The aborted polls are the only console errors that makes.
 */
async function withoutLiveUpdates(watched: WatchedPage) {
  await watched.page.route('**/api/v1/socket.io/**', (route) => route.abort());
  const errors = watched.errors;
  watched.page.on('close', () => {
    for (let at = errors.length - 1; at >= 0; at--) if (/net::ERR_FAILED/.test(errors[at]!)) errors.splice(at, 1);
  });
}

describe("the applicant's and staff's case actions in a browser (chromium): 补正, 催办, 撤回, member pickers, 收回, 问题闭环", function () {
  this.timeout(180_000);
  const { open } = browserSuite();

  it("申请人 补正: reads the notice's problems on a phone, uploads the two missing materials, hands the application in again, and the case is accepted", async () => {
    const caseNo = await applyOnline([]);
    await waitForStatus('applicant', caseNo, 'correction');
    const { page } = await open(PHONE);
    await openCase(page, caseNo);
    const panel = page.locator('[data-test=correction]');
    await panel.waitFor();
    expect(await panel.locator('[data-test=correction-reasons] li').allTextContents()).to.deep.equal([
      '缺少申请材料：经营者身份证明',
      '缺少申请材料：经营场所使用证明',
    ]);
    // the notice's materials come first, marked; the application form is the platform's, never asked for
    expect(await panel.locator('.materials li').first().getAttribute('data-material')).to.be.oneOf(['operator-id', 'premises-proof']);
    expect(await panel.locator('[data-material=operator-id]').textContent())
      .to.contain('需补正')
      .and.contain('尚未提交');
    expect(await panel.locator('[data-material=application-form]').count()).to.equal(0);
    expect(await panel.locator('[data-field=operatorName] input').inputValue()).to.equal('张三');
    expect(await page.locator('[data-test=withdraw]').isVisible()).to.equal(true);
    expect(await horizontalOverflow(page)).to.equal(0);
    await screenshot(page, 'applicant-correction');

    await panel.locator('[data-test=correction-upload-operator-id]').setInputFiles({ name: '身份证.png', mimeType: 'image/png', buffer: samplePng() });
    await panel.locator('[data-test=correction-state-operator-id]', { hasText: '身份证.png' }).waitFor();
    await panel
      .locator('[data-test=correction-upload-premises-proof]')
      .setInputFiles({ name: '租赁合同.pdf', mimeType: 'application/pdf', buffer: samplePdf('租赁合同') });
    await panel.locator('[data-test=correction-state-premises-proof]', { hasText: '租赁合同.pdf' }).waitFor();
    await panel.locator('[data-test=resubmit]').click();
    await page.locator('.el-message--success', { hasText: '已重新提交' }).waitFor();
    // the machine acceptance takes it; the page looks again and shows it accepted
    await page.locator('[data-test=case-status][data-status=accepted]').waitFor({ state: 'attached', timeout: 30_000 });
    expect(await panel.count()).to.equal(0);
    await screenshot(page, 'applicant-correction-accepted');
    const view = (await getCase('applicant', caseNo)).body;
    expect(view.materials.map((m: { code: string }) => m.code)).to.have.members(['application-form', 'operator-id', 'premises-proof']);
    // (the notices' sealed PDFs come in between; 秒批 may already have sent the case on to its reviewer)
    expect(view.timeline.map((e: { type: string }) => e.type).filter((type: string) => type !== 'result.sealed' && !type.startsWith('instant.'))).to.deep.equal(
      ['case.submitted', 'acceptance.correction', 'case.resubmitted', 'acceptance.accepted'],
    );
  });

  it('申请人 容缺: hands in the deferred material the acceptance notice asked for, and owes nothing more', async () => {
    const caseNo = await applyOnline(['operator-id'], { deferrals: [{ materialCode: 'premises-proof' }] });
    await waitForStatus('applicant', caseNo, 'accepted');
    const { page } = await open(PHONE);
    await openCase(page, caseNo);
    const panel = page.locator('[data-test=supply]');
    await panel.waitFor();
    expect(await panel.locator('li').count()).to.equal(1);
    expect(await panel.locator('li[data-material=premises-proof]').textContent())
      .to.contain('经营场所使用证明')
      .and.match(/\d{4}\/\d{2}\/\d{2} 前/);
    expect(await panel.locator('[data-test=supply-send]').isDisabled()).to.equal(true);
    await panel
      .locator('[data-test=supply-upload-premises-proof]')
      .setInputFiles({ name: '租赁合同.pdf', mimeType: 'application/pdf', buffer: samplePdf('租赁合同') });
    await panel.locator('li', { hasText: '租赁合同.pdf' }).waitFor();
    expect(await horizontalOverflow(page)).to.equal(0);
    await screenshot(page, 'applicant-supply');
    await panel.locator('[data-test=supply-send]').click();
    await page.locator('.el-message--success', { hasText: '容缺材料已全部补齐' }).waitFor();
    await panel.waitFor({ state: 'detached' });
    const view = (await getCase('applicant', caseNo)).body;
    expect(view.commitments.find((k: { kind: string }) => k.kind === 'deferral').fulfilledAt).to.be.a('string');
    expect(view.materials.map((m: { code: string }) => m.code)).to.include('premises-proof');
    expect(view.actions.supply).to.equal(false);
  });

  it("申请人 催办 once (a second urge within ten minutes shows the server's message) and 撤回 a case waiting for correction, after confirming", async () => {
    const caseNo = await applyOnline();
    await waitForTask('reviewer', caseNo, 'review');
    const watched = await open();
    const { page } = watched;
    await openCase(page, caseNo);
    expect(await page.locator('[data-test=withdraw]').count(), 'accepted: no 撤回').to.equal(0);
    await page.locator('[data-test=urge]').click();
    await page.locator('.el-message--success', { hasText: '已催办' }).waitFor();
    await page.locator('[data-test=urge-later]').waitFor();
    const notices = await api()
      .get('/api/v1/notifications')
      .query({ limit: '100' })
      .set(await auth('reviewer'));
    expect(notices.body.notifications.some((n: { text: string }) => n.text.includes(`催办：${caseNo}`))).to.equal(true);
    await page.locator('[data-test=urge]').click();
    const refusal = page.locator('.el-message--error', { hasText: '同一办件每 10 分钟只能催办一次' });
    await refusal.waitFor();
    expect(await refusal.textContent()).to.match(/请 \d+ 分钟后再试/);
    await screenshot(page, 'applicant-urge-refused');
    expectedFailure(watched, 429);

    const waiting = await applyOnline([]);
    await waitForStatus('applicant', waiting, 'correction');
    await page.goto(`/my/cases/${waiting}`);
    await page.locator('[data-test=withdraw]').click();
    const box = page.locator('.el-message-box');
    await box.waitFor();
    expect(await box.textContent()).to.contain(waiting);
    await box.getByRole('button', { name: '撤回申请' }).click();
    // the server's own schema (contract/requests/case-actions.ts), in its words, before anything is sent
    await box.locator('.el-message-box__errormsg', { hasText: '理由：不能为空' }).waitFor();
    await box.locator('input').fill('信息填错，重新申请');
    await screenshot(page, 'applicant-withdraw-confirm');
    await box.getByRole('button', { name: '撤回申请' }).click();
    await page.locator('[data-test=case-status][data-status=withdrawn]').waitFor({ state: 'attached' });
    expect(await page.locator('[data-test=withdraw]').count()).to.equal(0);
    expect(await page.locator('[data-test=correction]').count()).to.equal(0);
    const withdrawn = (await getCase('applicant', waiting)).body;
    expect(withdrawn.timeline.find((e: { type: string }) => e.type === 'case.withdrawn').detail.reason).to.equal('信息填错，重新申请');
  });

  it("审核员 转办: picks the colleague from the department's reviewers (searchable), and the task is theirs", async () => {
    const caseNo = await applyOnline();
    const task = await waitForTask('reviewer', caseNo, 'review');
    const { page } = await open();
    await signIn(page, 'reviewer');
    await page.goto(`/inbox/tasks/${task.id}`);
    await page.locator('[data-test=claim]').click();
    await page.locator('[data-test=transfer]').click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    await dialog.locator('[data-test=person-picker]').click();
    const options = page.locator('.person-picker__popper .el-select-dropdown__item');
    await options.first().waitFor();
    // the caller's department and role: not themselves, not the leader, not another department's reviewers
    const offered = await options.evaluateAll((items) => items.map((i) => i.getAttribute('data-username')));
    expect(offered).to.include('reviewer4');
    for (const other of ['reviewer', 'leader', 'reviewer2', 'clerk', 'reviewer-yuelu']) expect(offered, other).not.to.include(other);
    await page.keyboard.type('reviewer4');
    await page.locator('.person-picker__popper .el-select-dropdown__item[data-username=reviewer4]').waitFor();
    expect(await options.count()).to.equal(1);
    await screenshot(page, 'task-transfer-picker');
    await options.first().click();
    await dialog.locator('textarea').fill('本人出差，转同组审核员办理');
    await dialog.getByRole('button', { name: '确定' }).click();
    await page.waitForURL('**/inbox');
    const inbox = await api()
      .get('/api/v1/tasks')
      .query({ caseNo })
      .set(await auth('reviewer4'));
    expect(inbox.body.tasks.find((x: { id: string }) => x.id === task.id)).to.include({ assignee: 'reviewer4' });
  });

  it('审核员 收回 in 办件查询: the step they just completed, while the leader has not claimed the next', async () => {
    const caseNo = await applyOnline();
    await decide('reviewer', caseNo, 'review', 'approve');
    await waitForTask('leader', caseNo, 'decision');
    const { page } = await open();
    await signIn(page, 'reviewer');
    await page.goto(`/cases/${caseNo}`);
    await page.locator('[data-test=take-back]').click();
    const box = page.locator('.el-message-box');
    await box.locator('input').fill('意见写错，需修改');
    await screenshot(page, 'lookup-take-back');
    await box.getByRole('button', { name: '收回' }).click();
    await page.locator('.el-message--success', { hasText: '已收回' }).waitFor();
    await page.locator('[data-test=take-back]').waitFor({ state: 'detached' });
    const back = await waitForTask('reviewer', caseNo, 'review');
    expect(back.assignee).to.equal('reviewer');
    expect(
      (
        await api()
          .get('/api/v1/tasks')
          .set(await auth('leader'))
      ).body.tasks.some((x: { caseNo: string }) => x.caseNo === caseNo),
    ).to.equal(false);
  });

  it('a task that closed while its page was open (live updates lost): the 409 says who did what and when, and the page goes back to the inbox (zh-CN: 收回; English: completed in another tab)', async () => {
    const caseNo = await applyOnline();
    const review = await decide('reviewer', caseNo, 'review', 'approve');
    const decision = await waitForTask('leader', caseNo, 'decision');

    const leader = await open();
    await withoutLiveUpdates(leader);
    await signIn(leader.page, 'leader');
    await leader.page.goto(`/inbox/tasks/${decision.id}`);
    await leader.page.locator('[data-test=claim]').waitFor();
    // the page at rest (its form read) before the task goes: what it does next is the person's
    await leader.page.locator('[data-test=form-viewer] input').first().waitFor();
    const taken = await api()
      .post(`/api/v1/cases/${caseNo}/take-back`)
      .set(await auth('reviewer'))
      .send({ reason: '意见写错，需修改' });
    expect(taken.status, JSON.stringify(taken.body)).to.equal(200);
    await leader.page.locator('[data-test=claim]').click();
    const said = new RegExp(
      `^市场监管局审核员已于 \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2} 收回其办理的“${review.name}”（意见写错，需修改），“${decision.name}”已撤销，本次操作未执行$`,
    );
    await leader.page.locator('.el-message--error', { hasText: said }).waitFor();
    await leader.page.waitForURL('**/inbox');
    await screenshot(leader.page, 'task-closed-taken-back');
    expectedFailure(leader, 409);

    // the reviewer has the step again; completed in another tab, then 办理 here in English
    const again = await waitForTask('reviewer', caseNo, 'review');
    const reviewer = await open();
    await withoutLiveUpdates(reviewer);
    await signIn(reviewer.page, 'reviewer');
    await reviewer.page.goto(`/inbox/tasks/${again.id}`);
    await language(reviewer.page, 'English');
    await reviewer.page.locator('[data-test=complete]').waitFor();
    await reviewer.page.locator('[data-test=form-viewer] input').first().waitFor();
    const elsewhere = await api()
      .post(`/api/v1/tasks/${again.id}/complete`)
      .set(await auth('reviewer'))
      .send({ outcome: 'approve', opinion: '同意（改正后）' });
    expect(elsewhere.status, JSON.stringify(elsewhere.body)).to.equal(200);
    await reviewer.page.locator('[data-test=complete]').click();
    const dialog = reviewer.page.getByRole('dialog');
    await dialog.locator('textarea[data-test=opinion]').fill('Approved');
    await dialog.locator('[data-test=confirm-complete]').click();
    await reviewer.page
      .locator('.el-message--error', {
        hasText: new RegExp(`^You completed "${again.name}" at \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2} \\(approved\\); nothing was done$`),
      })
      .waitFor();
    await reviewer.page.waitForURL('**/inbox');
    await dialog.waitFor({ state: 'hidden' });
    expectedFailure(reviewer, 409);
  });

  it('问题闭环: the 科长 rectifies a 差评 with the 回访 on a phone (Chinese); the 数据局 closes it (销号) in English', async () => {
    const caseNo = await approvedCase();
    await waitForStatus('applicant', caseNo, 'delivered');
    const rated = await api()
      .post(`/api/v1/cases/${caseNo}/rating`)
      .set(await auth('applicant'))
      .send({ level: 1, reasons: ['slow', 'attitude'], comment: '窗口态度生硬' });
    expect(rated.status, JSON.stringify(rated.body)).to.equal(201);

    const { page } = await open(PHONE);
    await signIn(page, 'leader');
    await page.locator('[data-test=nav-problems]').click();
    await page.waitForURL('**/problems');
    const card = page.locator(`[data-test=problem-list] li[data-case-no="${caseNo}"]`);
    await card.waitFor();
    expect(await card.locator('[data-test=problem-reasons]').textContent()).to.equal('办理时间过长、服务态度差');
    expect(await card.textContent())
      .to.contain('窗口态度生硬')
      .and.contain('待整改')
      .and.contain('15 个工作日');
    expect(await horizontalOverflow(page)).to.equal(0);
    await screenshot(page, 'problems-open');

    await card.locator('[data-test=rectify]').click();
    const dialog = page.getByRole('dialog');
    const sent: string[] = [];
    page.on('request', (r) => void (r.method() === 'POST' && r.url().endsWith('/rectify') && sent.push(r.url())));
    // nothing filled in: refused at the fields before anything is sent, in the server's words (contract/requests/problems.ts)
    await dialog.locator('[data-test=confirm-rectify]').click();
    await dialog.locator('[data-test=rectification-item] .el-form-item__error', { hasText: '整改情况' }).waitFor();
    await dialog.locator('[data-test=visit-method-item] .el-form-item__error', { hasText: '回访方式' }).waitFor();
    expect(sent).to.deep.equal([]);
    await dialog.locator('[data-test=rectification-text]').fill('已约谈窗口人员，调整为限时办结');
    await dialog.locator('[data-test=visit-method]').click();
    await page.locator('[data-test=visit-method-phone]:visible').click();
    await dialog.locator('[data-test=visit-feedback]').fill('申请人认可整改结果');
    await dialog.locator('[data-test=confirm-rectify]').click();
    await page.locator('.el-message--success', { hasText: '已提交整改，待数据局审核' }).waitFor();
    // the 待整改 list no longer holds it; 待审核 does, with the 回访
    await card.waitFor({ state: 'detached' });
    await page.locator('[data-test=filter-rectified]').click();
    await card.locator('[data-test=problem-visit]').waitFor();
    expect(await card.locator('[data-test=problem-visit]').textContent())
      .to.contain('电话回访')
      .and.contain('申请人认可整改结果');
    expect(sent).to.have.length(1);
    await screenshot(page, 'problems-rectified');

    // the 数据局, in English: reviews and closes it
    const supervisor = (await open()).page;
    await signIn(supervisor, 'supervisor');
    await language(supervisor, 'English');
    // the notice of the rectification leads to the list of those to review
    await supervisor.locator('[data-test=bell]').click();
    const notice = supervisor.getByRole('dialog').locator('[data-test=notification-list] li[data-kind=problem_rectified]', { hasText: caseNo });
    await notice.locator('[data-test=notification-problems]', { hasText: 'Open the problem list' }).click();
    await supervisor.waitForURL('**/problems?status=rectified');
    const toReview = supervisor.locator(`[data-test=problem-list] li[data-case-no="${caseNo}"]`);
    await toReview.locator('[data-test=problem-status]', { hasText: 'To review' }).waitFor();
    expect(await toReview.locator('[data-test=problem-visit]').textContent()).to.contain('Phone call');
    await toReview.locator('[data-test=review]').click();
    const review = supervisor.getByRole('dialog');
    await review.locator('[data-test=decision-send-back]').click();
    await review.locator('[data-test=confirm-review]').click();
    await review.locator('[data-test=reason-item] .el-form-item__error', { hasText: 'say why it is sent back' }).waitFor();
    await review.locator('[data-test=decision-accept]').click();
    await review.locator('[data-test=confirm-review]').click();
    await supervisor.locator('.el-message--success', { hasText: 'Closed' }).waitFor();
    await toReview.waitFor({ state: 'detached' });
    await supervisor.locator('[data-test=filter-closed]').click();
    await toReview.locator('[data-test=problem-status]', { hasText: 'Closed' }).waitFor();
    await screenshot(supervisor, 'problems-closed-en');
    const stored = await api()
      .get(`/api/v1/cases/${caseNo}/rating`)
      .set(await auth('applicant'));
    expect(stored.body.rectification).to.include({ status: 'closed' });

    // a 走流程 finding of the 数据局 for the fire department, placed in a district
    const title = `Walk-through ${Date.now()}: no queue numbers at the Yuelu hall`;
    await supervisor.locator('[data-test=raise]').click();
    const raise = supervisor.getByRole('dialog');
    await pickOption(supervisor, raise.locator('[data-test=raise-department]'), 'Fire and Rescue Detachment');
    await pickOption(supervisor, raise.locator('[data-test=raise-region]'), 'Yuelu District');
    await raise.locator('[data-test=raise-title]').locator('xpath=descendant-or-self::input').first().fill(title);
    await raise
      .locator('[data-test=raise-description]')
      .locator('xpath=descendant-or-self::textarea')
      .first()
      .fill('Applicants queue without numbers; the window calls by name.');
    await raise.locator('[data-test=confirm-raise]').click();
    // the message of the 销号 above may still be shown: wait for this one's
    await supervisor.locator('.el-message--success', { hasText: 'Recorded; the department has been told' }).last().waitFor();
    const raised = await api()
      .get('/api/v1/problems?source=walkthrough')
      .set(await auth('supervisor'));
    expect((raised.body.problems as { title: string; departmentCode: string; regionCode: string }[]).find((p) => p.title === title)).to.include({
      departmentCode: 'fire',
      regionCode: '430104',
    });
  });
});
