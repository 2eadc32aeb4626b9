import { expect } from 'chai';
import type { Locator, Page } from 'playwright-core';
import { api, applicant, auth, completeMaterials, decide, getCase, ITEM, submit, validForm, waitForDecision, waitForStatus } from '../support/api.ts';
import { deliveryOf } from '../support/delivery.ts';
import { agentApplicant } from '../support/agent.ts';
import { samplePdf, samplePng } from '../support/files.ts';
import { testEnv } from '../support/environment.ts';
import { browserSuite, horizontalOverflow, screenshot, signIn } from './support/browser.ts';
import { audit, describeViolations } from './support/accessibility.ts';
import { pickOption } from './support/select.js';
import { language } from './support/language.ts';

/** Uploads a sample file of an allowed format for the material. */
async function upload(page: Page, m: { code: string; formats: string[] }) {
  const file = m.formats.includes('pdf')
    ? { name: `${m.code}.pdf`, mimeType: 'application/pdf', buffer: samplePdf(m.code) }
    : { name: `${m.code}.png`, mimeType: 'image/png', buffer: samplePng() };
  await page.locator(`[data-test=upload-${m.code}]`).setInputFiles(file);
  await page.locator(`[data-material="${m.code}"][data-given=file]`).waitFor();
}

/** Fills text and number fields of the application form (#apply-<field>). */
async function fill(form: Locator, values: Record<string, string>) {
  for (const [field, value] of Object.entries(values)) await form.locator(`#apply-${field}`).fill(value);
}

/** Chooses an option of a select field by the label a person reads. */
async function pick(page: Page, form: Locator, field: string, label: string) {
  await pickOption(page, form.locator(`[data-field=${field}] .el-select`), label);
}

/** Chinese characters: none may be left where the page speaks English (data typed in Chinese aside). */
const CJK = /[\u4e00-\u9fff]/;

/** The text of a part of the page in English, without the carrier's notes (its own words, as sent). */
async function englishText(part: Locator): Promise<string> {
  let text = (await part.textContent())!;
  for (const note of await part.locator('[data-test=carrier-note]').allTextContents()) text = text.replace(note, '');
  return text;
}

const FOOD_FIELDS = {
  operatorName: '张三',
  operatorIdNo: '430102199003071234',
  operatorPhone: '13800138000',
  premisesAddress: '长沙市芙蓉区五一大道100号',
  premisesArea: '80',
  foodCategories: '热食类食品制售',
  foodSafetyManager: '张三',
};

describe('网上申报 in a browser (chromium): 一件事 with 容缺 and 告知承诺 to the delivered result; an agent applying for someone else', function () {
  this.timeout(300_000);
  const { open } = browserSuite();

  it('张三 applies online for 开办餐饮店: answers, the merged form, a reused file, a commitment, a deferral, mail delivery; pays on the gateway page; the parcel is delivered', async () => {
    // an earlier case of his, whose files the platform offers again (复用)
    const earlier = await submit('applicant', { itemCode: ITEM, applicant: applicant(), form: validForm(), materials: await completeMaterials('applicant') });
    expect(earlier.status, JSON.stringify(earlier.body)).to.equal(201);
    const answers = { needsBusinessRegistration: false, premisesScale: 'small', needsSignboard: true, entrusted: false };
    const plan = (await api().post('/api/v1/bundles/KBCYD/plan').send({ answers })).body as {
      materials: { code: string; formats: string[]; required: boolean; commitment: boolean; tolerable: boolean }[];
    };

    const { page } = await open();
    await signIn(page, 'applicant', '/my', null);
    await page.goto('/guide/bundle/KBCYD');
    await page.locator('[data-test=apply]').click();
    await page.waitForURL('**/apply/bundle/KBCYD');
    const h1 = page.locator('h1');
    await page.locator('[data-test=apply-questions]').waitFor();
    expect(await h1.textContent()).to.equal('一件事网上申报：开办餐饮店');
    await language(page, 'English');
    await page.locator('h1', { hasText: 'Apply online for a bundle: Opening a restaurant' }).waitFor();
    expect(await page.locator('[data-test=apply-questions] h2').textContent()).to.equal('Step 1: a few questions');
    await language(page, '中文');
    await page.locator('h1', { hasText: '一件事网上申报' }).waitFor();

    // 情形问答 → the items that apply
    await page.locator('[data-test=answer-needsBusinessRegistration-no]').click();
    await page.locator('[data-test=answer-premisesScale-small]').click();
    await page.locator('[data-test=answer-needsSignboard-yes]').click();
    await page.locator('[data-test=answer-entrusted-no]').click();
    await page.locator('[data-test=confirm-answers]').click();
    expect(await page.locator('[data-test=planned-items]').textContent()).to.equal('需要办理的事项：食品经营许可（餐饮服务）、户外招牌设置审批');

    // 一表申请
    const form = page.locator('[data-test=apply-form]');
    await fill(form, { ...FOOD_FIELDS, businessName: '张三小吃店', signboardText: '张三小吃', signboardWidthM: '4', signboardHeightM: '0.8' });
    await pick(page, form, 'businessFormat', '小吃店');
    await pick(page, form, 'signboardMountType', '平行于墙面');
    await form.locator('[data-field=signboardIlluminated] .el-switch').click();

    // 一套材料: his earlier identity document again, a commitment for the premises proof, the floor plan later
    const materials = page.locator('[data-test=apply-materials]');
    await materials.locator('[data-material=operator-id] [data-test=reuse]').click();
    expect(await materials.locator('[data-material=operator-id] [data-test=given]').textContent()).to.contain(earlier.body.caseNo);
    await materials.locator('[data-material=premises-proof] [data-test=commit]').click();
    await materials.locator('[data-material=premises-layout] [data-test=defer]').click();
    const handled = ['operator-id', 'premises-proof', 'premises-layout'];
    for (const m of plan.materials.filter((x) => x.required && !handled.includes(x.code))) await upload(page, m);
    expect(await page.locator('[data-test=missing]').count()).to.equal(0);
    await language(page, 'English');
    await materials.locator('[data-material=premises-layout] strong', { hasText: 'Floor plan of the premises' }).waitFor();
    await materials.locator('[data-material=premises-layout] [data-test=given]', { hasText: 'Tolerated' }).waitFor();
    expect(await englishText(materials), 'the materials list in English').not.to.match(CJK);
    await language(page, '中文');
    await materials.locator('[data-material=premises-layout] strong', { hasText: '经营场所平面布置图' }).waitFor();

    await page.locator('[data-test=applicant-phone]').fill('13800138000');
    await page.locator('[data-test=method-logistics]').click();
    await page.locator('[data-test=recipient-name] input').fill('张三');
    await page.locator('[data-test=recipient-phone] input').fill('13800138000');
    await page.locator('[data-test=recipient-address] input').fill('湖南省长沙市芙蓉区五一大道100号');
    expect(await horizontalOverflow(page)).to.equal(0);
    const violations = await audit(page, 'applicant-apply-bundle');
    expect(violations, describeViolations([{ page: 'applicant-apply-bundle', violations }])).to.deep.equal([]);
    await screenshot(page, 'apply-bundle-online');
    await page.locator('[data-test=submit]').click();
    await page.waitForURL('**/my/cases/**');
    const caseNo = decodeURIComponent(new URL(page.url()).pathname.split('/').pop()!);

    // the bundle case and its item cases
    const items = page.locator('[data-test=item-cases] li');
    await items.nth(1).waitFor();
    expect(await items.first().textContent()).to.contain(`食品经营许可（餐饮服务）（${caseNo}-01）`);
    await language(page, 'English');
    await page.getByRole('heading', { name: 'Items of the bundle' }).waitFor();
    expect(await items.first().textContent()).to.contain(`(${caseNo}-01)`);
    await language(page, '中文');
    const accepted = await waitForStatus('applicant', caseNo, 'accepted', 60_000);
    expect(accepted.commitments.map((c: { materialCode: string; kind: string }) => `${c.kind}:${c.materialCode}`).sort()).to.deep.equal([
      'deferral:premises-layout',
      'replacement:premises-proof',
    ]);
    expect(accepted.materials.find((m: { code: string }) => m.code === 'operator-id')).to.be.an('object');

    // 容缺: the floor plan handed in on the case page
    await page.reload();
    const supply = page.locator('[data-test=supply]');
    await supply.waitFor();
    await language(page, 'English');
    await supply.locator('[data-material=premises-layout] strong', { hasText: 'Floor plan of the premises' }).waitFor();
    expect(await englishText(supply), 'the 容缺 panel in English').not.to.match(CJK);
    await screenshot(page, 'apply-bundle-supply-en');
    await language(page, '中文');
    await supply.locator('[data-material=premises-layout] strong', { hasText: '经营场所平面布置图' }).waitFor();
    await supply
      .locator('[data-test=supply-upload-premises-layout]')
      .setInputFiles({ name: '平面图.pdf', mimeType: 'application/pdf', buffer: samplePdf('平面布置图') });
    await supply.locator('li', { hasText: '平面图.pdf' }).waitFor();
    await supply.locator('[data-test=supply-send]').click();
    await supply.waitFor({ state: 'detached' });

    // the departments decide
    await Promise.all([
      (async () => {
        await decide('reviewer', `${caseNo}-01`, 'review', 'approve');
        await Promise.all([
          decide('reviewer', `${caseNo}-01`, 'site_inspection', 'approve'),
          decide('reviewer4', `${caseNo}-01`, 'site_inspection', 'approve'),
        ]);
        await decide('leader', `${caseNo}-01`, 'decision', 'approve');
      })(),
      (async () => {
        await decide('reviewer3', `${caseNo}-02`, 'review', 'approve');
        await decide('leader3', `${caseNo}-02`, 'decision', 'approve');
      })(),
    ]);
    await waitForDecision('applicant', caseNo, 'approved', 60_000);
    await waitForStatus('applicant', caseNo, 'awaiting_payment', 60_000);

    // 缴费 on the payment gateway's own page
    await page.reload();
    await page.locator('[data-test=pay]').click();
    await page.getByRole('button', { name: '支付', exact: true }).click();
    await waitForStatus('applicant', caseNo, 'delivering', 60_000);
    const delivery = await deliveryOf('applicant', caseNo);
    expect(delivery).to.include({ method: 'logistics' });
    testEnv().carrier.control.advance(delivery.waybillNo, 'delivered');
    await waitForStatus('applicant', caseNo, 'delivered', 60_000);
    await page.goto(`/my/cases/${caseNo}`);
    await page.locator('[data-test=case-status][data-status=delivered]').waitFor({ state: 'attached' });
    await page.locator('[data-test=documents] li').first().waitFor();
    await screenshot(page, 'apply-bundle-delivered');
    await language(page, 'English');
    const card = page.locator('[data-test=delivery]');
    await card.locator('[data-test=tracking] li[data-event=delivered] [data-test=tracking-label]', { hasText: 'Delivered' }).waitFor();
    expect(await englishText(card), 'the delivered card and its tracking in English').not.to.match(CJK);
    await screenshot(page, 'apply-bundle-delivered-en');
  });

  it('李四 applies for 张三 as his agent: the authorisation is asked of him whatever he answered; 张三 follows the case', async () => {
    const lisi = await agentApplicant();
    const item = (await api().get('/api/v1/items/SCJG-SP-002')).body as {
      materials: { code: string; formats: string[]; required: boolean; when?: object | null; applicationForm?: boolean }[];
    };
    const { page } = await open();
    await signIn(page, lisi, '/my', null);
    await page.goto('/guide/item/SCJG-SP-002');
    await page.locator('[data-test=apply]').click();
    await page.waitForURL('**/apply/SCJG-SP-002');

    // 办理情形 first: the form and the materials follow the answer
    const questions = page.locator('[data-test=apply-questions]');
    await questions.waitFor();
    expect(await questions.locator('legend').textContent()).to.equal('是否委托他人代为办理？');
    expect(await page.locator('[data-test=apply-form]').count()).to.equal(0);
    await language(page, 'English');
    await questions.locator('legend', { hasText: 'Is someone else applying on your behalf?' }).waitFor();
    await language(page, '中文');
    await questions.locator('legend', { hasText: '是否委托他人代为办理？' }).waitFor();
    // answered "no": nobody is entrusted, and no authorisation is asked for
    await page.locator('[data-test=answer-entrusted-no]').click();
    await page.locator('[data-test=confirm-answers]').click();
    const materials = page.locator('[data-test=apply-materials]');
    await materials.locator('[data-material=premises-proof]').waitFor();
    expect(await materials.locator('[data-material=agent-authorization]').count()).to.equal(0);

    // for someone else: the authorisation is asked for all the same, and his own files and licences are not offered
    await page.locator('[data-test=for-someone]').click();
    const authorisation = materials.locator('[data-material=agent-authorization]');
    expect(await authorisation.textContent()).to.contain('必交');
    await page.locator('[data-test=principal-name]').fill('张三');
    await page.locator('[data-test=principal-idNo]').fill(applicant().idNo);
    await page.locator('[data-test=principal-phone]').fill('13800138000');
    await page.locator('[data-test=agent-phone]').fill('13700137000');
    expect(await page.locator('[data-test=agent-self]').textContent()).to.contain('李四');
    await language(page, 'English');
    await page.locator('[data-test=apply-who] h2', { hasText: 'Step 4: who applies' }).waitFor();
    expect(await page.locator('[data-test=agent-self]').textContent()).to.contain('Agent (you): 李四');
    await language(page, '中文');
    expect(await materials.locator('[data-test=reuse], [data-test=use-license]').count()).to.equal(0);

    const form = page.locator('[data-test=apply-form]');
    await fill(form, FOOD_FIELDS);
    await pick(page, form, 'businessFormat', '小吃店');
    // 申请表电子化: the application form is the platform's, generated from the form; his sign-in signs it
    expect(await page.locator('[data-test=generated-materials] [data-material=food-licence-application]').textContent()).to.contain('食品经营许可申请书');
    expect(await page.locator('[data-test=upload-food-licence-application]').count()).to.equal(0);
    for (const m of item.materials.filter((x) => x.required && !x.applicationForm)) await upload(page, m);
    expect(item.materials.find((m) => m.code === 'agent-authorization')?.required, 'required in the catalog only when entrusted').to.equal(true);
    await page.locator('[data-test=method-pickup]').click();
    await screenshot(page, 'apply-agent');
    await page.locator('[data-test=submit]').click();
    await page.waitForURL('**/my/cases/**');
    const caseNo = decodeURIComponent(new URL(page.url()).pathname.split('/').pop()!);

    const view = (await getCase(lisi, caseNo)).body;
    expect(view.applicant.name).to.equal('张三');
    expect(view.agent).to.include({ name: '李四' });
    expect(view.materials.map((m: { code: string }) => m.code)).to.include('agent-authorization');
    const his = await api()
      .get(`/api/v1/cases/${caseNo}`)
      .set(await auth('applicant'));
    expect(his.status).to.equal(200);
    expect((await deliveryOf(lisi, caseNo)).method).to.equal('pickup');
  });
});
