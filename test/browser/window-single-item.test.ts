import { expect } from 'chai';
import { api, getCase } from '../support/api.ts';
import { deliveryOf, recipient } from '../support/delivery.ts';
import { browserSuite, screenshot, signIn } from './support/browser.ts';
import { handIn } from './support/window-intake.ts';
import { pickOption } from './support/select.js';
import { language } from './support/language.ts';

const FOOD = 'SCJG-SP-002';
const AUTHORISATION = 'agent-authorization';

/**
 * 综合窗口, a single item with 办理情形: 食品经营许可 for 张三, whose results are sent by courier. The
 * clerk answers 是否委托他人代为办理 (the 委托代理人授权书 is asked for on yes only, at once, and what
 * was handed in stays), leaves the 网络经营 switch off (an answer, not a missing field), switches to
 * English and back halfway, and submits; the case holds the answer, false and the recipient.
 */
describe('the window clerk takes a single item with 办理情形, a switch left off and courier delivery (chromium)', function () {
  this.timeout(180_000);
  const { open } = browserSuite();

  it('yes asks for the authorisation, no drops it; the switch stays false; the recipient is on the receipt and the case', async () => {
    const guide = (await api().get(`/api/v1/items/${FOOD}`)).body as {
      materials: { code: string; formats: string[]; required: boolean; applicationForm?: boolean }[];
    };
    const { page } = await open();
    await signIn(page, 'clerk', '/inbox');
    await page.locator('[data-test=nav-window]').click();
    await page.waitForURL('**/window');
    await page.locator('[data-test=intake-kind-item]').click();
    await page.locator(`[data-test=item-${FOOD}]`).click();

    // 1. 办理情形: asked before the form; yes asks for the authorisation, no takes it off the list at once
    const questions = page.locator('[data-test=questionnaire]');
    expect(await questions.locator('[data-question=entrusted] legend').textContent()).to.equal('是否委托他人代为办理？');
    expect(await page.locator('[data-test=make-plan]').isDisabled(), 'not answered yet').to.equal(true);
    await questions.locator('[data-test=answer-entrusted-yes]').click();
    await page.locator('[data-test=make-plan]').click();
    const authorisation = page.locator(`[data-test=materials] li[data-material=${AUTHORISATION}]`);
    expect(await authorisation.textContent())
      .to.contain('委托代理人授权书')
      .and.to.contain('必交·未收');
    await questions.locator('[data-test=answer-entrusted-no]').click();
    await authorisation.waitFor({ state: 'detached' });

    // 2. the applicant, the form with 网络经营 left off, the results by courier to 李四
    const form = page.locator('[data-test=merged-form]');
    await page.locator('[data-test=applicant-name]').fill('张三');
    await page.locator('[data-test=applicant-idNo]').fill('430102199003071234');
    await page.locator('[data-test=applicant-phone]').fill('13800138000');
    const text = {
      operatorName: '张三',
      operatorIdNo: '430102199003071234',
      operatorPhone: '13800138000',
      premisesAddress: '长沙市芙蓉区五一大道100号',
      foodCategories: '热食类食品制售',
      foodSafetyManager: '张三',
    };
    for (const [field, value] of Object.entries(text)) await form.locator(`#intake-${field}`).fill(value);
    await form.locator('#intake-premisesArea').fill('80');
    await pickOption(page, form.locator('[data-field=businessFormat] .el-select'), '小吃店');
    const onlineSales = form.locator('[data-field=onlineSales]');
    expect(await onlineSales.locator('label').textContent()).to.contain('是否通过网络经营');
    expect(await onlineSales.locator('[role=switch]').getAttribute('aria-checked'), 'shown off').to.equal('false');
    await form.locator('[data-test=method-logistics]').click();
    const to = recipient();
    await form.locator('[data-test=recipient-name] input').fill(to.name);
    await form.locator('[data-test=recipient-phone] input').fill(to.phone);
    await form.locator('[data-test=recipient-address] input').fill(to.address);
    // the application form is generated from the form, never handed in at the window either
    const asked = guide.materials.filter((m) => m.required && !m.applicationForm && m.code !== AUTHORISATION);
    for (const m of asked) await handIn(page, m);
    expect(await page.locator('[data-test=missing]').count()).to.equal(0);

    // 3. in English: the question, the switch, the materials and the delivery; yes again adds the authorisation, the files handed in stay
    await language(page, 'English');
    await questions.locator('[data-question=entrusted] legend', { hasText: 'Is someone else applying on your behalf?' }).waitFor();
    await page.locator('[data-test=materials] li[data-material=operator-id]', { hasText: "Operator's identity document" }).waitFor();
    expect(await onlineSales.locator('label').textContent()).to.contain('Sells food online (including delivery platforms)');
    expect(await form.locator('[data-test=intake-delivery]').textContent())
      .to.contain('How the results reach the applicant')
      .and.to.contain('By courier');
    expect(await form.locator('[data-test=recipient-address]').textContent()).to.contain('Address');
    await questions.locator('[data-test=answer-entrusted-yes]').click();
    expect(await authorisation.textContent())
      .to.contain('Power of attorney for an agent')
      .and.to.contain('Required · missing');
    for (const m of asked) expect(await page.locator(`li[data-material="${m.code}"][data-given=file]`).count(), `${m.code} still received`).to.equal(1);
    expect(await page.locator('[data-test=missing]').textContent()).to.contain('Power of attorney for an agent');
    await handIn(
      page,
      guide.materials.find((m) => m.code === AUTHORISATION)!,
    );
    await language(page, '中文');
    await authorisation.filter({ hasText: '委托代理人授权书' }).waitFor();
    await screenshot(page, 'window-single-item-intake');

    // 4. submitted: the receipt says where the results go, in both languages
    await page.locator('[data-test=submit]').click();
    await page.locator('[data-test=receipt]').waitFor({ timeout: 30_000 });
    expect(await page.locator('[data-test=receipt-delivery]').textContent()).to.equal('快递寄送');
    expect(await page.locator('[data-test=receipt-recipient]').textContent()).to.equal(`${to.name}（${to.phone}），${to.address}`);
    expect(await page.locator('[data-test=receipt-items]').count(), 'a single item is named once').to.equal(0);
    const caseNo = (await page.locator('[data-test=receipt-case-no]').textContent())!.trim();
    await language(page, 'English');
    await page.locator('[data-test=receipt-delivery]', { hasText: 'By courier' }).waitFor();
    expect(await page.locator('[data-test=receipt] dt', { hasText: 'Sent to' }).count()).to.equal(1);
    expect(await page.locator('[data-test=receipt-recipient]').textContent()).to.equal(`${to.name} (${to.phone}), ${to.address}`);
    await page.locator('[data-test=receipt-materials]', { hasText: 'Power of attorney for an agent' }).waitFor();
    await screenshot(page, 'window-single-item-receipt');

    // 5. the case holds the answer, the switch as false, the authorisation, and the courier delivery to 李四
    const stored = (await getCase('clerk', caseNo)).body;
    expect(stored).to.include({ kind: 'item', channel: 'window' });
    expect(stored.answers).to.deep.equal({ entrusted: true });
    expect(stored.form.onlineSales, 'a switch left off is false, not missing').to.equal(false);
    expect(stored.materials.map((m: { code: string }) => m.code)).to.include(AUTHORISATION);
    const delivery = await deliveryOf('applicant', caseNo);
    expect(delivery.method).to.equal('logistics');
    // the applicant reads the whole address; the phone is masked for everyone
    expect(delivery.recipient).to.deep.equal({ ...to, phone: `${to.phone.slice(0, 3)}****${to.phone.slice(-4)}` });
  });
});
