import { expect } from 'chai';
import { api, applicant, submit, uploadRequired, waitForStatus, waitForTask } from '../support/api.ts';
import { samplePdf } from '../support/files.ts';
import { browserSuite, screenshot, signIn } from './support/browser.ts';
import { language } from './support/language.ts';

/** 户外招牌设置审批: a decimal width (min 0.1), a select of mounting types, a switch */
const SIGNBOARD = 'CSGL-ZP-001';
const signboardForm = () => ({
  businessName: '张三小吃店',
  operatorName: '张三',
  operatorPhone: '13800138000',
  premisesAddress: '长沙市芙蓉区五一大道100号',
  signboardText: '张三小吃',
  signboardWidthM: 2.5,
  signboardHeightM: 0.8,
  signboardMountType: 'flat_wall',
  signboardIlluminated: false,
});

describe('a 补正 round trip with whole numbers, options shown by their labels (chromium)', function () {
  this.timeout(240_000);
  const { open } = browserSuite();

  it('the applicant types a whole number into a decimal field and hands the application in again; the clerk and the reviewer read labels, not codes, in Chinese and English', async () => {
    // online, without the design drawing: the machine acceptance sends one 补正 notice
    const item = (await api().get(`/api/v1/items/${SIGNBOARD}`)).body as { materials: { code: string; formats: string[]; required: boolean }[] };
    const materials = await uploadRequired(
      'applicant',
      item.materials.filter((m) => m.code !== 'signboard-design'),
    );
    const submitted = await submit('applicant', { itemCode: SIGNBOARD, applicant: applicant(), form: signboardForm(), materials });
    expect(submitted.status, JSON.stringify(submitted.body)).to.equal(201);
    const caseNo = submitted.body.caseNo as string;
    await waitForStatus('applicant', caseNo, 'correction');

    // 申请人: the form as handed in, the option by its label, the switch off
    const { page } = await open();
    await signIn(page, 'applicant', '/my', null);
    await page.goto(`/my/cases/${caseNo}`);
    const panel = page.locator('[data-test=correction]');
    await panel.waitFor();
    const width = panel.locator('#correction-signboardWidthM');
    expect(await width.inputValue()).to.equal('2.5');
    expect(await panel.locator('[data-field=signboardMountType] .el-select').textContent())
      .to.contain('平行于墙面')
      .and.not.contain('flat_wall');
    expect(await panel.locator('[data-field=signboardIlluminated] .el-switch').getAttribute('class')).not.to.contain('is-checked');
    expect(await width.getAttribute('placeholder')).to.equal('数字，可含小数 0.1–50');
    await panel.locator('[data-field=signboardMountType] .el-select').click();
    await page.locator('.el-select-dropdown__item:visible').first().waitFor();
    expect(await page.locator('.el-select-dropdown__item:visible').allTextContents()).to.deep.equal(['平行于墙面', '垂直于墙面（侧招）', '雨篷上方']);
    await page.keyboard.press('Escape');
    await language(page, 'English');
    await panel.locator('[data-field=signboardMountType] .el-select', { hasText: 'Flat against the wall' }).waitFor();
    expect(await panel.locator('[data-field=signboardWidthM] label').textContent()).to.contain('Signboard width (m)');
    expect(await width.getAttribute('placeholder')).to.equal('Number, decimals allowed 0.1–50');
    await panel.locator('[data-test=correction-reasons] li', { hasText: 'Design drawing of the signboard' }).waitFor();
    await language(page, '中文');
    await panel.locator('[data-test=correction-reasons] li', { hasText: '招牌设计效果图' }).waitFor();

    // a whole number where the field starts at 0.1: the page takes it as a person types it
    await width.fill('3');
    await panel
      .locator('[data-test=correction-upload-signboard-design]')
      .setInputFiles({ name: '设计效果图.pdf', mimeType: 'application/pdf', buffer: samplePdf('招牌设计效果图') });
    await panel.locator('[data-test=correction-state-signboard-design]', { hasText: '设计效果图.pdf' }).waitFor();
    await screenshot(page, 'correction-whole-number');
    await panel.locator('[data-test=resubmit]').click();
    await page.locator('.el-message--success', { hasText: '已重新提交' }).waitFor();
    const view = await waitForStatus('applicant', caseNo, 'accepted');
    await page.locator('[data-test=case-status][data-status=accepted]').waitFor({ state: 'attached' });
    expect(view.form).to.include({ signboardWidthM: 3, signboardMountType: 'flat_wall', signboardIlluminated: false });

    // 窗口 (办件查询): the case's form as a list, labels and 否, not codes and false
    const clerk = (await open()).page;
    await signIn(clerk, 'clerk');
    await clerk.goto(`/cases/${caseNo}`);
    const fields = clerk.locator('[data-test=form-fields]');
    await fields.waitFor();
    expect(await fields.locator('[data-field=signboardMountType] dd').textContent()).to.equal('平行于墙面');
    expect(await fields.locator('[data-field=signboardIlluminated] dd').textContent()).to.equal('否');
    expect(await fields.locator('[data-field=signboardWidthM] dd').textContent()).to.equal('3');
    await language(clerk, 'English');
    await fields.locator('[data-field=signboardMountType] dd', { hasText: 'Flat against the wall' }).waitFor();
    expect(await fields.locator('[data-field=signboardMountType] dt').textContent()).to.equal('Mounting type');
    expect(await fields.locator('[data-field=signboardIlluminated] dd').textContent()).to.equal('No');

    // 审核 (the task's form-js form): the option's label, in either language
    const task = await waitForTask('reviewer3', caseNo, 'review');
    const reviewer = (await open()).page;
    await signIn(reviewer, 'reviewer3');
    await reviewer.goto(`/inbox/tasks/${task.id}`);
    const viewer = reviewer.locator('[data-test=form-viewer]');
    await viewer.getByLabel(/^招牌长度/).waitFor();
    expect(await viewer.getByLabel(/^招牌长度/).inputValue()).to.equal('3');
    expect(await viewer.locator('.fjs-select-display').textContent()).to.equal('平行于墙面');
    await screenshot(reviewer, 'correction-reviewer-labels');
    await language(reviewer, 'English');
    await viewer.locator('.fjs-select-display', { hasText: 'Flat against the wall' }).waitFor();
    expect(await viewer.getByLabel(/^Signboard width/).inputValue()).to.equal('3');
  });
});
