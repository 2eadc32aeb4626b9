import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { api, getCase, waitForStatus, waitForTask } from '../support/api.ts';
import { AGENT_ID, AGENT_ID_MASKED } from '../support/agent.ts';
import { samplePdf } from '../support/files.ts';
import { browserSuite, horizontalOverflow, screenshot, signIn } from './support/browser.ts';
import { handIn } from './support/window-intake.ts';
import { pickOption } from './support/select.js';
import { language } from './support/language.ts';

const FOOD = 'SCJG-SP-002';
const ZHANG_SAN = { name: '张三', idNo: '430102199003071234', phone: '13800138000' };
/** 李四 came for 张三 with his own ID card and the authorisation 张三 signed */
const LI_SI = { name: '李四', idNo: AGENT_ID, phone: '13912340017' };

type Promised = { kind: string; materialCode: string; signer: string; text: string; dueAt?: string | null; fulfilledAt?: string | null };

const errorsAt = async (page: Page) => (await page.locator('[data-test=agent-fields] .el-form-item__error').allTextContents()).map((t) => t.trim());

/**
 * 综合窗口, 帮办代办: 李四 comes to the window for 张三's 食品经营许可. The clerk registers him as the
 * agent (name, ID number with its check digit, phone, relationship — checked before anything is
 * sent), which asks for the authorisation whatever the answers; takes the premises proof as a
 * signed 告知承诺 and the floor plan under 容缺; the receipt names the agent and both promises. The
 * case page and the reviewer read the agent and the promises; 张三 hands the floor plan in from
 * home. Both languages throughout.
 */
describe('the window clerk takes a case from an agent (帮办代办) with a 告知承诺 and a 容缺 material (chromium)', function () {
  this.timeout(300_000);
  const { open } = browserSuite();

  it('the agent, the commitment and the deferral at the window → receipt → case page and reviewer → 张三 supplies the deferred material', async () => {
    const guide = (await api().get(`/api/v1/items/${FOOD}`)).body as {
      materials: { code: string; formats: string[]; required: boolean; applicationForm?: boolean }[];
    };
    const clerk = (await open()).page;
    await signIn(clerk, 'clerk', '/inbox');
    await clerk.locator('[data-test=nav-window]').click();
    await clerk.waitForURL('**/window');
    await clerk.locator('[data-test=intake-kind-item]').click();
    await clerk.locator(`[data-test=item-${FOOD}]`).click();
    await clerk.locator('[data-test=questionnaire] [data-test=answer-entrusted-no]').click();
    await clerk.locator('[data-test=make-plan]').click();

    // 1. who came: 李四 for 张三 — the authorisation joins the required materials whatever the answer said
    const form = clerk.locator('[data-test=merged-form]');
    const authorisation = clerk.locator('[data-test=materials] li[data-material=agent-authorization]');
    expect(await authorisation.count(), 'the applicant in person: no authorisation').to.equal(0);
    await clerk.locator('[data-test=applicant-name]').fill(ZHANG_SAN.name);
    await clerk.locator('[data-test=applicant-idNo]').fill(ZHANG_SAN.idNo);
    await clerk.locator('[data-test=applicant-phone]').fill(ZHANG_SAN.phone);
    expect(await form.locator('[data-test=who-came]').textContent())
      .to.contain('申请人本人到场')
      .and.to.contain('代办人代为办理（帮办代办）');
    await form.locator('[data-test=who-agent]').click();
    expect(await form.locator('[data-test=agent]').textContent()).to.contain('授权委托书');
    await authorisation.waitFor();
    expect(await authorisation.textContent())
      .to.contain('委托代理人授权书')
      .and.to.contain('必交·未收');

    const text = {
      operatorName: '张三',
      operatorIdNo: ZHANG_SAN.idNo,
      operatorPhone: ZHANG_SAN.phone,
      premisesAddress: '长沙市芙蓉区五一大道100号',
      foodCategories: '热食类食品制售',
      foodSafetyManager: '张三',
    };
    for (const [field, value] of Object.entries(text)) await form.locator(`#intake-${field}`).fill(value);
    await form.locator('#intake-premisesArea').fill('80');
    await pickOption(clerk, form.locator('[data-field=businessFormat] .el-select'), '小吃店');

    // 2. 一套材料: the premises proof by a signed commitment, the floor plan later (容缺), the rest handed in
    const materials = clerk.locator('[data-test=materials]');
    await materials.locator('li[data-material=premises-proof] [data-test=commit]').click();
    await materials.locator('li[data-material=premises-layout] [data-test=defer]').click();
    expect(await materials.locator('li[data-material=premises-proof]').textContent())
      .to.contain('告知承诺')
      .and.to.contain('请申请人（或代办人）当场签署告知承诺书');
    expect(await materials.locator('li[data-material=premises-layout]').textContent())
      .to.contain('容缺后补')
      .and.to.contain('受理后在规定的工作日内补交');
    expect(await materials.locator('li[data-material=business-license] [data-test=commit]').count(), 'no commitment where the catalog allows none').to.equal(0);
    const promised = ['premises-proof', 'premises-layout'];
    // the authorisation among them (the catalog marks it required where asked)
    for (const m of guide.materials.filter((x) => x.required && !x.applicationForm && !promised.includes(x.code))) await handIn(clerk, m);
    expect(await clerk.locator('[data-test=missing]').count()).to.equal(0);

    // 3. the agent checked as the server checks it, before anything is sent: a wrong check digit, no relationship
    await form.locator('[data-test=agent-name]').fill(LI_SI.name);
    await form.locator('[data-test=agent-idNo]').fill('430102198505050018');
    await form.locator('[data-test=agent-phone]').fill(LI_SI.phone);
    await clerk.locator('[data-test=submit]').click();
    await form.locator('[data-test=agent-fields] .el-form-item__error').first().waitFor();
    expect(await errorsAt(clerk)).to.have.members(['代办人身份证号码：不是有效的居民身份证号码（请核对校验位和出生日期）', '代办人与申请人关系：为必填项']);
    expect(await clerk.locator('[data-test=receipt]').count(), 'nothing sent').to.equal(0);
    await language(clerk, 'English');
    await form.locator('[data-test=agent-fields]', { hasText: "Agent's relationship to the applicant" }).waitFor();
    expect(await errorsAt(clerk)).to.have.members([
      "Agent's resident ID number: is not a valid resident ID number (check digit or birth date is wrong)",
      "Agent's relationship to the applicant: is required",
    ]);
    expect(await form.locator('[data-test=who-came]').textContent()).to.contain('An agent for the applicant (assisted)');
    expect(await materials.locator('li[data-material=premises-proof]').textContent())
      .to.contain('Commitment')
      .and.to.contain('The applicant (or the agent) signs the commitment form here');
    expect(await materials.locator('li[data-material=premises-layout]').textContent()).to.contain('Deferred');
    expect(await authorisation.textContent()).to.contain('Power of attorney for an agent');
    await form.locator('[data-test=agent-relationship]').click();
    await clerk.locator('.el-select-dropdown__item:visible', { hasText: 'Close relative' }).waitFor();
    expect(await clerk.locator('.el-select-dropdown__item:visible').allTextContents()).to.include.members(['Close relative', 'Government assistance officer']);
    await clerk.keyboard.press('Escape');
    await language(clerk, '中文');
    await form.locator('[data-test=agent-fields]', { hasText: '代办人与申请人关系' }).waitFor();
    // put right, the problems go as it is typed
    await form.locator('[data-test=agent-idNo]').fill(LI_SI.idNo);
    await pickOption(clerk, form.locator('[data-test=agent-relationship]'), '近亲属');
    await form.locator('[data-test=agent-fields] .el-form-item__error').first().waitFor({ state: 'detached' });
    expect(await errorsAt(clerk)).to.deep.equal([]);
    expect(await horizontalOverflow(clerk)).to.equal(0);
    await screenshot(clerk, 'window-agent-intake');

    // 4. the receipt names the agent and what was promised, in both languages
    await clerk.locator('[data-test=submit]').click();
    await clerk.locator('[data-test=receipt]').waitFor({ timeout: 30_000 });
    const caseNo = (await clerk.locator('[data-test=receipt-case-no]').textContent())!.trim();
    expect(await clerk.locator('[data-test=receipt-agent]').textContent()).to.equal(`李四（近亲属），身份证 ${AGENT_ID_MASKED}`);
    const received = clerk.locator('[data-test=receipt-materials]');
    expect(await received.textContent())
      .to.contain('经营场所使用证明（告知承诺，以承诺代替材料）')
      .and.to.contain('委托代理人授权书')
      // the period, or the day once the machine accepted the case (it may be that quick)
      .and.to.match(/容缺后补，(自受理之日起 10 个工作日内补交|须于 .+ 前补交)/);
    await screenshot(clerk, 'window-agent-receipt');
    await language(clerk, 'English');
    await clerk.locator('[data-test=receipt-agent]', { hasText: `李四 (Close relative), ID ${AGENT_ID_MASKED}` }).waitFor();
    expect(await received.textContent())
      .to.contain('Signed commitment in place of the material')
      .and.to.match(/Deferred, (to be handed in within 10 working days of acceptance|due by )/);
    await screenshot(clerk, 'window-agent-receipt-en');
    await language(clerk, '中文');

    // the case as filed: assisted, the agent registered, the promises signed by him for 张三
    const accepted = await waitForStatus('clerk', caseNo, 'accepted', 60_000);
    expect(accepted).to.include({ channel: 'assisted' });
    expect(accepted.agent).to.deep.include({ name: '李四', idNo: AGENT_ID_MASKED, relationship: 'family', relationshipLabel: '近亲属' });
    const signed = accepted.commitments as Promised[];
    expect(signed.map((k) => `${k.kind}:${k.materialCode}:${k.signer}`).sort()).to.deep.equal([
      'deferral:premises-layout:李四',
      'replacement:premises-proof:李四',
    ]);
    expect(signed.find((k) => k.kind === 'replacement')!.text).to.contain('本人李四受张三委托代为申请办理');

    // 5. the case page: the agent beside the applicant, the promises beside the materials
    await clerk.goto(`/cases/${caseNo}`);
    const agentLine = clerk.locator('[data-test=case-agent]');
    await agentLine.waitFor();
    expect(await agentLine.textContent()).to.equal('李四（近亲属）');
    const promises = clerk.locator('[data-test=promised-materials]');
    expect(await promises.locator('li[data-material=premises-proof][data-kind=replacement]').textContent())
      .to.contain('告知承诺，以承诺代替材料')
      .and.to.contain('李四 签署于');
    expect(await promises.locator('li[data-material=premises-layout][data-kind=deferral]').textContent()).to.match(/容缺受理，后补材料（须于 .+ 前补交）/);
    await screenshot(clerk, 'window-agent-case-page');

    // 6. the reviewer reads the agent and the promises on the task, in both languages
    const task = await waitForTask('reviewer', caseNo, 'review');
    const reviewer = (await open()).page;
    await signIn(reviewer, 'reviewer', '/inbox');
    await reviewer.goto(`/inbox/tasks/${task.id}`);
    const reviewerAgent = reviewer.locator('[data-test=case-agent]');
    await reviewerAgent.waitFor();
    expect(await reviewerAgent.textContent()).to.equal('李四（近亲属）');
    expect(await reviewer.locator('.summary').textContent()).to.contain(AGENT_ID_MASKED);
    const reviewed = reviewer.locator('[data-test=promised-materials]');
    expect(await reviewed.locator('li').count()).to.equal(2);
    await reviewed.locator('li[data-material=premises-proof] summary').click();
    expect(await reviewed.locator('li[data-material=premises-proof] .text').textContent()).to.contain('承诺申请人已具备“经营场所使用证明”所证明的条件');
    await language(reviewer, 'English');
    await reviewer.locator('[data-test=case-agent]', { hasText: '李四 (Close relative)' }).waitFor();
    expect(await reviewer.locator('[data-test=panel-materials]').textContent())
      .to.contain('Commitments and deferred materials')
      .and.to.contain('Signed commitment in place of the material')
      .and.to.contain('Tolerated: handed in after acceptance (due by');
    await screenshot(reviewer, 'window-agent-reviewer-en');
    await language(reviewer, '中文');

    // 7. 张三 at home: the agent named on his case, and the floor plan handed in (容缺)
    const zhang = (await open()).page;
    await signIn(zhang, 'applicant', '/my', '[data-test=my-cases]');
    await zhang.goto(`/my/cases/${caseNo}`);
    const named = zhang.locator('[data-test=case-agent]');
    await named.waitFor();
    expect((await named.textContent())!.trim()).to.equal('代办人：李四（近亲属）');
    const owed = zhang.locator('[data-test=promised-materials] li[data-material=premises-layout]');
    expect(await owed.getAttribute('data-fulfilled')).to.equal('false');
    const supply = zhang.locator('[data-test=supply]');
    await supply
      .locator('[data-test=supply-upload-premises-layout]')
      .setInputFiles({ name: '平面图.pdf', mimeType: 'application/pdf', buffer: samplePdf('平面布置图') });
    await supply.locator('li', { hasText: '平面图.pdf' }).waitFor();
    await screenshot(zhang, 'window-agent-applicant-supply');
    await supply.locator('[data-test=supply-send]').click();
    await supply.waitFor({ state: 'detached' });
    await zhang.locator('[data-test=promised-materials] li[data-material=premises-layout][data-fulfilled=true]', { hasText: '已于' }).waitFor();
    await language(zhang, 'English');
    await zhang.locator('[data-test=case-agent]', { hasText: 'Agent: 李四 (Close relative)' }).waitFor();
    expect(await zhang.locator('[data-test=promised-materials] li[data-material=premises-layout]').textContent()).to.contain('handed in on');
    await screenshot(zhang, 'window-agent-applicant-en');

    const done = (await getCase('applicant', caseNo)).body;
    expect((done.commitments as Promised[]).find((k) => k.kind === 'deferral')!.fulfilledAt).to.be.a('string');
    expect(done.materials.map((m: { code: string }) => m.code)).to.include('premises-layout');
  });
});
