import { expect } from 'chai';
import { api, applicant, auth, completeMaterials, ITEM, submit, validForm, waitForStatus } from '../support/api.ts';
import { testEnv } from '../support/environment.ts';
import { registerChildOf } from '../support/registries.ts';
import { Case } from '../../server/cases/case.model.ts';
import { issueLicenseOnce } from '../../server/e-licenses/index.ts';
import { ProactiveOffer } from '../../server/proactive/proactive-offer.model.ts';
import { audit, describeViolations } from './support/accessibility.ts';
import { browserSuite, PHONE, screenshot, signIn } from './support/browser.ts';
import { language } from './support/language.ts';

/**
 * 秒批 and 免申即享 in chromium (issue 19), each from the page of the person it serves: the reviewer
 * reads why a case was referred to them; the applicant reads that theirs was approved instantly,
 * and takes up an offer raised by a birth registration with one click (then refuses another, in
 * English); a company's agent, signed in for the company, reads the company's 开办补贴 offer (in
 * English too) and takes it up in the company's name; the administrator reads the policies and runs
 * a round; the analyst reads a decision's hit counts and an item's 秒批 settings.
 */
describe('秒批 and 免申即享 in a browser (chromium)', function () {
  this.timeout(240_000);
  const { open } = browserSuite();

  const submitted = async (form: Record<string, unknown>) => {
    const res = await submit('applicant', { itemCode: ITEM, applicant: applicant(), form, materials: await completeMaterials('applicant') });
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    return res.body.caseNo as string;
  };

  it('shows the reviewer why the table referred a case, and the applicant that theirs was approved instantly', async () => {
    const referred = await submitted({ ...validForm(), organizationForm: 'family' });
    const approved = await submitted({ ...validForm(), businessScope: '日用百货零售' });
    await waitForStatus('applicant', approved, 'delivered');
    const { page } = await open();
    await signIn(page, 'reviewer');
    await page.goto(`/cases/${referred}`);
    const panel = page.locator('[data-test=panel-instant]');
    await panel.locator('[data-test=instant-outcome]', { hasText: '转人工审核' }).waitFor();
    expect(await panel.locator('[data-test=instant-reasons] li').allTextContents()).to.deep.equal([
      '家庭经营须核验参加经营的家庭成员',
      '经营范围含须取得许可的项目（餐饮、食品、药品、烟草等），须人工审核',
    ]);
    expect(await panel.locator('[data-test=instant-decision]').textContent()).to.contain('个体工商户设立登记（秒批）');
    const violations = await audit(page, 'instant-referred');
    expect(violations, describeViolations([{ page: 'instant-referred', violations }])).to.deep.equal([]);
    await screenshot(page, 'instant-referred');

    const phone = await open(PHONE);
    await signIn(phone.page, 'applicant', '/my', '[data-test=my-cases]');
    await phone.page.goto(`/my/cases/${approved}`);
    await phone.page.locator('[data-test=instant] [data-test=instant-outcome]', { hasText: '秒批准予' }).waitFor();
    await screenshot(phone.page, 'instant-approved-applicant');
  });

  it('lets the applicant take up 新生儿参保登记 with one click after a birth registration, and refuse another in English', async () => {
    const runRound = async () =>
      expect(
        (
          await api()
            .post('/api/v1/proactive/rounds')
            .set(await auth('admin'))
        ).status,
      ).to.equal(200);
    await runRound();
    const born = (name: string) => registerChildOf(applicant().idNo, name, 'female');
    await born('张小满');
    await born('张小雪');
    await runRound();

    const { page } = await open(PHONE);
    await signIn(page, 'applicant', '/my', '[data-test=offers]');

    const offer = (name: string, policy: string) => page.locator(`[data-test=offers] [data-policy="${policy}"][data-status=offered]`, { hasText: name });
    await offer('张小满', 'newborn-medical-insurance').waitFor();
    // the subsidy was granted directly: it shows with its case
    await page.locator('[data-test=offers] [data-policy="childcare-subsidy"][data-status=granted]', { hasText: '张小满' }).waitFor();
    const violations = await audit(page, 'proactive-offers');
    expect(violations, describeViolations([{ page: 'proactive-offers', violations }])).to.deep.equal([]);
    await screenshot(page, 'proactive-offers');
    await offer('张小满', 'newborn-medical-insurance').locator('[data-test=offer-accept]').click();
    await page.waitForURL('**/my/cases/**');
    await page.locator('[data-test=case-status]').waitFor({ state: 'attached' });

    await page.goto('/my');
    await language(page, 'English');
    const other = page.locator('[data-test=offers] [data-policy="newborn-medical-insurance"][data-status=offered]', {
      hasText: 'Newborn health insurance (proactive)',
    });
    await other.waitFor();
    expect(await other.textContent()).to.contain('张小雪');
    await other.locator('[data-test=offer-decline]').click();
    await page.locator('[data-test=decline-reason]').locator('xpath=descendant-or-self::textarea').first().fill('Insured through my employer');
    await page.locator('[data-test=decline-confirm]').click();
    await page
      .locator('[data-test=offers] [data-policy="newborn-medical-insurance"][data-status=declined]', { hasText: 'Insured through my employer' })
      .waitFor();
    await screenshot(page, 'proactive-declined-en');
  });

  it("shows a company's agent the company's 开办补贴 offer in both languages, taken up in the company's name", async () => {
    const FURONG = { name: '长沙芙蓉示范餐饮有限公司', creditCode: '91430100MA4L1A2B3F' };
    const runRound = async () =>
      expect(
        (
          await api()
            .post('/api/v1/proactive/rounds')
            .set(await auth('admin'))
        ).status,
      ).to.equal(200);
    // what the lane's earlier files issued this company is read and set aside: the grant is once a company
    await runRound();
    await ProactiveOffer.destroy({ where: { policyCode: 'company-startup-grant' } });
    const issuer = (await Case.findOne({ order: [['id', 'DESC']] }))!;
    await Case.sequelize!.transaction((transaction) =>
      issueLicenseOnce(
        {
          type: 'food-business-license',
          number: `JY1430100${String(Date.now()).slice(-6)}`,
          name: '食品经营许可证',
          holderIdNo: FURONG.creditCode,
          holderName: FURONG.name,
          data: { businessName: FURONG.name },
          validFrom: new Date(),
          validUntil: new Date(Date.now() + 5 * 365 * 86_400_000),
          issuedByCaseId: issuer.id,
        },
        transaction,
      ),
    );
    await runRound();

    // 王五 signs in for the company through the unified sign-in, as on the login page
    const { page } = await open(PHONE);
    await page.goto('/login');
    await page.locator('[data-test=unified-company]').click();
    await page.waitForURL(`${testEnv().identity.url}/interaction/**`);
    await page.locator('button[data-subject="lp-furong-catering~np-wangwu"]').click();
    await page.locator('[data-test=consent]').click();
    await page.waitForURL('**/my');

    const offer = page.locator('[data-test=offers] [data-policy="company-startup-grant"][data-status=offered]');
    await offer.waitFor();
    expect(await offer.textContent())
      .to.contain('小微企业开办补贴（免申即享）')
      .and.contain(FURONG.name)
      .and.contain('本企业');
    expect(await page.locator('[data-test=offers]').textContent()).to.contain('贵企业符合以下惠企政策');
    const violations = await audit(page, 'proactive-company-offer');
    expect(violations, describeViolations([{ page: 'proactive-company-offer', violations }])).to.deep.equal([]);
    await screenshot(page, 'proactive-company-offer');

    await language(page, 'English');
    const english = page.locator('[data-test=offers] [data-policy="company-startup-grant"][data-status=offered]', {
      hasText: 'Start-up grant for a small enterprise (proactive)',
    });
    await english.waitFor();
    expect(await english.textContent()).to.contain('your company');
    expect(await page.locator('[data-test=offers]').textContent()).to.contain('your company qualifies');
    // taken up in the company's name: the page asks for the case's contact (a company's account has no phone)
    await english.locator('[data-test=offer-accept]').click();
    const dialog = page.getByRole('dialog', { name: 'Take it up for the company' });
    await dialog.waitFor();
    expect(await dialog.textContent())
      .to.contain(FURONG.name)
      .and.contain('bank account');
    expect(await dialog.locator('[data-test=accept-confirm]').isDisabled()).to.equal(true);
    await dialog.locator('[data-test=accept-phone]').locator('xpath=descendant-or-self::input').first().fill('13700137002');
    const englishViolations = await audit(page, 'proactive-company-accept-en');
    expect(englishViolations, describeViolations([{ page: 'proactive-company-accept-en', violations: englishViolations }])).to.deep.equal([]);
    await screenshot(page, 'proactive-company-accept-en');
    await dialog.locator('[data-test=accept-confirm]').click();
    await page.waitForURL('**/my/cases/**');
    const caseNo = page.url().split('/my/cases/')[1]!.split(/[?#]/)[0]!;
    const opened = (await Case.findOne({ where: { caseNo } }))!;
    expect(opened).to.include({ channel: 'proactive', applicantName: FURONG.name, applicantIdType: 'credit_code', applicantPhone: '13700137002' });
    await page.locator('[data-test=case-status]').waitFor({ state: 'attached' });
    await screenshot(page, 'proactive-company-case-en');
  });

  it('shows the administrator the policies with their offers, runs a round, and the analyst a decision’s hit counts and an item’s 秒批', async () => {
    const { page } = await open();
    await signIn(page, 'admin');
    await page.goto('/proactive');
    const row = page.locator('[data-test=proactive-policies] tr[data-policy="newborn-medical-insurance"]');
    await row.waitFor();
    expect(Number(await row.locator('[data-count=accepted]').textContent())).to.be.at.least(1);
    expect(Number(await row.locator('[data-count=declined]').textContent())).to.be.at.least(1);
    // the 惠企 policy: to the company, once a company, its offer taken up above
    const company = page.locator('[data-test=proactive-policies] tr[data-policy="company-startup-grant"]');
    expect(await company.locator('[data-once-per=recipient]').textContent())
      .to.contain('企业（法人）')
      .and.contain('每家企业限享一次');
    expect(Number(await company.locator('[data-count=accepted]').textContent())).to.equal(1);
    await page.locator('[data-test=proactive-run]').click();
    await page.locator('.el-message--success', { hasText: '本轮' }).waitFor();
    const violations = await audit(page, 'proactive-policies');
    expect(violations, describeViolations([{ page: 'proactive-policies', violations }])).to.deep.equal([]);
    await screenshot(page, 'proactive-policies');

    const analyst = await open();
    await signIn(analyst.page, 'analyst', '/modeling', '[data-test=decision-list]');
    await analyst.page.goto('/modeling/decisions/individual_business_instant');
    const approveRule = analyst.page.locator('[data-test=decision-hits] tr[data-rule="rule_7"]');
    await approveRule.waitFor();
    expect(Number(await approveRule.getAttribute('data-hits'))).to.be.at.least(1);
    await screenshot(analyst.page, 'decision-hits');
    await analyst.page.goto('/modeling/items/SCJG-GT-001');
    const editor = analyst.page.locator('[data-test=instant-editor]');
    await editor.locator('[data-test=instant-reads] li[data-from=fact]').first().waitFor();
    expect(await editor.locator('[data-test=instant-reads] li[data-from=missing]').count()).to.equal(0);
    expect(await editor.locator('[data-test=instant-reads]').textContent()).to.contain('operatorAgeYears');
  });
});
