import { expect } from 'chai';
import { api, applicant, auth, completeMaterials, decide, ITEM, submit, validForm, waitForStatus, waitForTask } from '../support/api.ts';
import { SIGNBOARD, signboardForm } from '../support/payment.ts';
import { uploadRequired } from '../support/api.ts';
import { testEnv } from '../support/environment.ts';
import { submitRestaurantBundle } from '../support/restaurant-bundle.ts';

/** A GET in the given language (zh-CN unless told). */
const read = async (username: string, path: string, language = 'zh-CN') =>
  api()
    .get(`/api/v1${path}`)
    .set(await auth(username))
    .set('Accept-Language', language);

const ok = async (username: string, path: string, language?: string) => {
  const res = await read(username, path, language);
  expect(res.status, JSON.stringify(res.body)).to.equal(200);
  return res.body;
};

describe('收费: the fee before the decision, and the pay page back to the applicant', () => {
  it('tells the fee due after approval until the order exists, then the order; the pay page returns to 办件进度', async () => {
    const item = await api().get(`/api/v1/items/${SIGNBOARD}`);
    const materials = await uploadRequired('applicant', item.body.materials);
    const res = await submit('applicant', { itemCode: SIGNBOARD, applicant: applicant(), form: signboardForm(), materials });
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    const caseNo = res.body.caseNo as string;

    const before = await ok('applicant', `/cases/${caseNo}/payment`);
    expect(before).to.include({ required: false, amountFen: 0 });
    expect(before.dueOnApproval.amountFen, 'the item charges 200.00 yuan').to.equal(20000);
    expect(before.dueOnApproval.lines.map((l: { caseNo: string; itemCode: string }) => [l.caseNo, l.itemCode])).to.deep.equal([[caseNo, SIGNBOARD]]);
    expect(before.dueOnApproval.lines[0].name).to.equal('户外招牌设置审批规费（示例）');
    // the fee named in the caller's language
    const english = await ok('applicant', `/cases/${caseNo}/payment`, 'en');
    expect(english.dueOnApproval.lines[0]).to.include({ name: 'Outdoor signboard approval fee (sample)', amountFen: 20000 });
    expect(english.dueOnApproval.lines[0].basis).to.match(/^A sample fee/);

    await decide('reviewer3', caseNo, 'review', 'approve');
    await decide('leader3', caseNo, 'decision', 'approve');
    await waitForStatus('applicant', caseNo, 'awaiting_payment');
    const due = await ok('applicant', `/cases/${caseNo}/payment`);
    expect(due).to.include({ required: true, amountFen: 20000, status: 'unpaid' });
    expect(due).not.to.have.property('dueOnApproval');
    expect(due.lines[0].name).to.equal('户外招牌设置审批规费（示例）');
    expect((await ok('applicant', `/cases/${caseNo}/payment`, 'en')).lines[0].name, "the order's fee in English").to.equal(
      'Outdoor signboard approval fee (sample)',
    );

    // paying on the gateway's page sends the payer back to their own page of the case, not to staff's 办件查询
    const paid = await fetch(due.payUrl as string, { method: 'POST', redirect: 'manual' });
    expect(paid.status).to.equal(303);
    expect(paid.headers.get('location')).to.equal(`${testEnv().config.publicUrl}/my/cases/${caseNo}`);
  });

  it('announces no fee for an item that charges none', async () => {
    const res = await submit('applicant', { itemCode: ITEM, applicant: applicant(), form: validForm(), materials: await completeMaterials('applicant') });
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    const payment = await ok('applicant', `/cases/${res.body.caseNo}/payment`);
    expect(payment).to.deep.include({ required: false, amountFen: 0, lines: [], dueOnApproval: null });
  });
});

describe('窗口人工受理: the clerk reads why the machine passed the case on, and by when to decide', () => {
  it('shows the findings to staff in their language while the clerk decides, gives the step its legal due time, and tells the applicant nothing of it', async () => {
    const res = await submit('clerk', { itemCode: ITEM, applicant: applicant(), form: validForm(), materials: [] });
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    const caseNo = res.body.caseNo as string;
    const task = (await waitForTask('clerk', caseNo, 'acceptance_review')) as unknown as { created: string; stepDueAt: string | null; stepColour: string };
    // 《行政许可法》第三十二条: five working days, so at least a week of calendar days away
    expect(task.stepDueAt, 'the step has a due time').to.be.a('string');
    const days = (Date.parse(task.stepDueAt!) - Date.parse(task.created)) / 86_400_000;
    expect(days).to.be.within(5, 12);
    expect(task.stepColour).to.equal('green');

    const zh = await ok('clerk', `/cases/${caseNo}`);
    expect(zh.acceptanceFindings).to.deep.equal(['缺少申请材料：经营者身份证明', '缺少申请材料：经营场所使用证明']);
    const en = await ok('clerk', `/cases/${caseNo}`, 'en');
    expect(en.acceptanceFindings).to.have.length(2);
    for (const finding of en.acceptanceFindings) expect(finding).to.match(/^Missing material: [A-Za-z]/);
    expect((await ok('applicant', `/cases/${caseNo}`)).acceptanceFindings, 'staff only').to.equal(null);

    await decide('clerk', caseNo, 'acceptance_review', 'correction');
    await waitForStatus('clerk', caseNo, 'correction');
    expect((await ok('clerk', `/cases/${caseNo}`)).acceptanceFindings, 'decided: nothing pending').to.equal(null);
  });
});

describe("names, not codes: a bundle's own task, 我的办件 and the tracking in the caller's language", () => {
  let caseNo: string;

  before(async () => {
    // 开办餐饮店 taken at the window without its materials: the machine passes it to the 综合窗口's clerk
    const res = await submitRestaurantBundle('clerk', { materials: [] });
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    caseNo = res.body.caseNo as string;
    await waitForTask('clerk', caseNo, 'acceptance_review');
  });

  it("names the bundle's acceptance task by the bundle in the inbox and the item filter's counts", async () => {
    for (const [language, name] of [
      ['zh-CN', '开办餐饮店'],
      ['en', 'Opening a restaurant'],
    ] as const) {
      const inbox = await ok('clerk', `/tasks?caseNo=${caseNo}`, language);
      const task = inbox.tasks.find((t: { taskDefinitionKey: string }) => t.taskDefinitionKey === 'acceptance_review');
      expect(task, language).to.include({ itemCode: 'KBCYD', itemName: name, bundleCode: 'KBCYD', bundleName: name });
    }
  });

  it('lists the case in 我的办件 with its name, and names each tracked process by its case', async () => {
    for (const [language, name] of [
      ['zh-CN', '开办餐饮店'],
      ['en', 'Opening a restaurant'],
    ] as const) {
      const mine = await ok('applicant', '/ratings/my-cases', language);
      expect(
        mine.cases.find((c: { caseNo: string }) => c.caseNo === caseNo),
        language,
      ).to.include({ itemCode: 'KBCYD', itemName: name });
      const tracking = await ok('clerk', `/cases/${caseNo}/tracking`, language);
      expect(tracking.instances.length).to.be.greaterThan(0);
      for (const i of tracking.instances) expect(i.caseName, `${language} ${i.processDefinitionKey}`).to.equal(name);
      const view = await ok('applicant', `/cases/${caseNo}`, language);
      expect(view.item.name, 'the case page names the bundle in the language too').to.equal(name);
    }
  });
});
