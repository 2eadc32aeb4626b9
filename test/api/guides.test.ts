import { expect } from 'chai';
import type { Response } from 'supertest';
import { api, applicant, auth, completeMaterials, getCase, ITEM, submit, uploadOk, uploadRequired, validForm, waitForStatus } from '../support/api.ts';
import { samplePdf } from '../support/files.ts';
import { restaurantWithSignboardForm } from '../../processes/bundle-open-restaurant/restaurant-form.ts';
import { pdfText } from '../unit/documents/helpers.ts';
import { Case } from '../../server/cases/case.model.ts';

const binary = (res: Response, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};
const pdf = (url: string, headers: Record<string, string> = {}) =>
  api()
    .get(url)
    .set(headers)
    .buffer(true)
    .parse(binary as never);

// 开办餐饮店 with all four items: registration, food licence, fire inspection, signboard
const ANSWERS = { needsBusinessRegistration: true, premisesScale: 'large', needsSignboard: true, entrusted: false };
const APPLICATION_FORMS = ['application-form', 'food-licence-application', 'fire-inspection-application', 'signboard-application'];
type Material = { code: string; name: string; attachmentId?: string };

describe('办事指南 (guides) and 一表申请 (the one form is the application)', () => {
  it("an item's guide names its department and its kind of case (办件类型), in the caller's language", async () => {
    const zh = await api().get('/api/v1/items/CSGL-ZP-001');
    expect(zh.status).to.equal(200);
    expect(zh.body.department).to.deep.equal({ code: 'urban', name: '城市管理局' });
    expect(zh.body.handlingKind).to.equal('promised');
    expect(zh.body.fees.map((f: { amountCents: number }) => f.amountCents)).to.deep.equal([20000]);
    const en = await api().get('/api/v1/items/CSGL-ZP-001').set('Accept-Language', 'en');
    expect(en.body.department).to.deep.equal({ code: 'urban', name: 'Urban Management Bureau' });
    // the fee, the legal basis, the conditions and the place in the caller's language
    expect(zh.body.fees[0]).to.include({ name: '户外招牌设置审批规费（示例）', amountCents: 20000 });
    expect(en.body.fees[0]).to.include({ name: 'Outdoor signboard approval fee (sample)', amountCents: 20000 });
    expect(en.body.fees[0].basis).to.match(/^A sample fee to show unified payment/);
    expect(zh.body.legalBasis[0]).to.include({ title: '《城市市容和环境卫生管理条例》', article: '第十一条（示例）', translated: false, original: null });
    // English: the law as known in English, an unofficial rendering of its text, the Chinese wording beside it
    const law = en.body.legalBasis[0];
    expect(law).to.include({
      title: 'Regulations on the Administration of City Appearance and Environmental Sanitation',
      article: 'Article 11 (sample)',
      translated: true,
    });
    expect(law.text).to.match(/^Outdoor advertisements/);
    expect(law.original).to.include({ title: '《城市市容和环境卫生管理条例》', article: '第十一条（示例）' });
    expect(law.original.text).to.match(/^在城市中设置户外广告/);
    expect(zh.body.conditions[0]).to.equal('申请人为经营场所的合法使用人');
    expect(en.body.conditions).to.have.length(zh.body.conditions.length);
    expect(en.body.conditions[0]).to.equal('The applicant is the lawful user of the business premises');
    expect([zh.body.place, en.body.place]).to.deep.equal([
      '市政务服务中心二楼 城市管理窗口',
      'City management window, 2nd floor, City Government Service Centre',
    ]);
    expect(en.body, 'each text once, in the language').not.to.have.any.keys('conditionsEn', 'placeEn');
    const places = await api().get('/api/v1/items/CSGL-ZP-001/places').set('Accept-Language', 'en');
    expect(places.body.place).to.equal(en.body.place);
    // a bundle's guide lists its items' fees and basis in the caller's language too
    const bundle = await api().get('/api/v1/bundles/KBCYD').set('Accept-Language', 'en');
    expect(bundle.body.description).to.match(/^Registration of an individual business, the food business licence/);
    expect((await api().get('/api/v1/bundles/KBCYD')).body.description).to.match(/^将个体工商户设立登记/);
    const signboard = bundle.body.guide.items.find((i: { code: string }) => i.code === 'CSGL-ZP-001');
    expect(signboard.fees[0].name).to.equal('Outdoor signboard approval fee (sample)');
    expect(signboard.legalBasis[0]).to.include({ article: 'Article 11 (sample)', translated: true });
    expect(signboard.place).to.equal(en.body.place);
  });

  it("draws an item's and a bundle's process from the engine's deployed version", async () => {
    const item = await api().get('/api/v1/items/SCJG-SP-002/process-diagram');
    expect(item.status, JSON.stringify(item.body)).to.equal(200);
    expect(item.body.processKey).to.equal('item_food-licence');
    expect(item.body.bpmnXml).to.contain('id="item_food-licence"');
    const bundle = await api().get('/api/v1/bundles/KBCYD/process-diagram');
    expect(bundle.status).to.equal(200);
    expect(bundle.body.bpmnXml).to.contain('id="bundle_joint_review"');
    expect((await api().get('/api/v1/items/NOPE-001/process-diagram')).status).to.equal(404);
    expect((await api().get('/api/v1/bundles/NOPE/process-diagram')).status).to.equal(404);
  });

  it('gives the application form to download blank and as a filled sample, labelled in the language asked', async () => {
    const blank = await pdf('/api/v1/items/SCJG-SP-002/application-form?kind=blank');
    expect(blank.status).to.equal(200);
    expect(blank.type).to.equal('application/pdf');
    expect(blank.headers['content-disposition']).to.contain(encodeURIComponent('食品经营许可申请表'));
    const blankText = pdfText(blank.body as Buffer);
    expect(blankText).to.contain('食品经营许可申请表').and.contain('空白表格').and.contain('经营者姓名（必填）').and.contain('申请人（签字或盖章）');
    expect(blankText).not.to.contain('张三');

    const sample = pdfText((await pdf('/api/v1/items/SCJG-SP-002/application-form?kind=sample')).body as Buffer);
    expect(sample).to.contain('示例样表').and.contain('张三').and.contain('热食类食品制售');
    expect(sample, 'an option is said, not coded').not.to.contain('restaurant');

    const english = await pdf('/api/v1/items/SCJG-SP-002/application-form?kind=sample&lang=en');
    expect(english.status).to.equal(200);
    expect(pdfText(english.body as Buffer))
      .to.contain('Foodbusinesslicenceapplicationform')
      .and.contain("Operator'sname(required)")
      .and.contain('Filledsample');
    // the bundle's one form: what the items share once, then each item's own fields
    const bundle = pdfText((await pdf('/api/v1/bundles/KBCYD/application-form', { 'Accept-Language': 'zh-CN' })).body as Buffer);
    expect(bundle).to.contain('开办餐饮店一件事联办申请表').and.contain('共同信息').and.contain('户外招牌设置审批').and.contain('场所容纳人数');

    const wrong = await api().get('/api/v1/items/SCJG-SP-002/application-form?kind=filled');
    expect(wrong.status).to.equal(422);
    expect(wrong.body.error.details[0].message).to.contain('blank');
    expect((await api().get('/api/v1/items/SCJG-SP-002/application-form?lang=fr')).status).to.equal(422);
    expect((await api().get('/api/v1/items/NOPE-001/application-form')).status).to.equal(404);
  });

  it("asks a bundle for no application form: the platform generates each item's from the one form and files it with the item's case", async () => {
    const plan = await api().post('/api/v1/bundles/KBCYD/plan').send({ answers: ANSWERS });
    expect(plan.status).to.equal(200);
    const asked = (plan.body.materials as Material[]).map((m) => m.code);
    for (const code of APPLICATION_FORMS) expect(asked).not.to.include(code);
    expect((plan.body.generatedMaterials as Material[]).map((m) => m.code)).to.deep.equal(APPLICATION_FORMS);

    const materials = await uploadRequired('applicant', plan.body.materials);
    const body = { bundleCode: 'KBCYD', answers: ANSWERS, applicant: applicant(), form: restaurantWithSignboardForm() };

    // an application form handed in anyway is refused in words, and nothing is stored
    const ownForm = { code: 'food-licence-application', attachmentId: await uploadOk('applicant', 'food.pdf', samplePdf('食品经营许可申请书')) };
    const refused = await submit('applicant', { ...body, materials: [...materials, ownForm] });
    expect(refused.status).to.equal(422);
    expect(refused.body.error.details.map((d: { message: string }) => d.message)).to.deep.equal([
      '食品经营许可申请书：由平台按一表申请的填报内容生成，无需提交',
    ]);

    // a real material missing: acceptance asks for it (补正), and for nothing the platform generates
    const short = await submit('applicant', { ...body, materials: materials.filter((m) => m.code !== 'premises-layout') });
    expect(short.status, JSON.stringify(short.body)).to.equal(201);
    const waiting = await waitForStatus('applicant', short.body.caseNo, 'correction');
    const notice = (waiting.timeline as { type: string; detail: { notice: { text: string } } }[]).find((e) => e.type === 'acceptance.correction')!;
    expect(notice.detail.notice.text).to.contain('缺少申请材料：经营场所平面布置图').and.not.contain('申请书').and.not.contain('申请表');

    const res = await submit('applicant', { ...body, materials });
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    const caseNo = res.body.caseNo as string;
    const accepted = await waitForStatus('applicant', caseNo, 'accepted');
    const filed = new Map((accepted.materials as Material[]).map((m) => [m.code, m]));
    for (const code of APPLICATION_FORMS) expect(filed.get(code)?.attachmentId, code).to.be.a('string');
    expect(filed.get('food-licence-application')!.name).to.equal('食品经营许可申请书');

    // each item case has its own application form, which its department's reviewer opens
    const food = (await getCase('reviewer', `${caseNo}-02`)).body as { materials: Material[] };
    const application = food.materials.find((m) => m.code === 'food-licence-application')!;
    expect(application.name).to.equal('食品经营许可申请书');
    const file = await pdf(`/api/v1/cases/${caseNo}-02/files/${application.attachmentId}`, await auth('reviewer'));
    expect(file.status).to.equal(200);
    const text = pdfText(file.body as Buffer);
    expect(text).to.contain('食品经营许可申请书').and.contain(caseNo).and.contain('开办餐饮店').and.contain('张三').and.contain('320');
    // personal data as the case's viewers see it: masked
    expect(text).to.contain('4301**********1234').and.not.contain('430102199003071234');
    expect(text, "another item's field is not on it").not.to.contain('招牌');
    const fire = (await getCase('reviewer2', `${caseNo}-03`)).body as { materials: Material[] };
    expect(fire.materials.map((m) => m.code))
      .to.include('fire-inspection-application')
      .and.not.include('food-licence-application');
  });

  it("申请表电子化: a single item's application form is generated from its form, never uploaded; online the sign-in signs it, at the window the applicant signs the print", async () => {
    const guide = (await api().get(`/api/v1/items/${ITEM}`)).body as { materials: { code: string; applicationForm?: boolean }[] };
    expect(guide.materials.find((m) => m.code === 'application-form')).to.include({ applicationForm: true });

    const materials = await completeMaterials('applicant');
    const ownForm = { code: 'application-form', attachmentId: await uploadOk('applicant', '申请书.pdf', samplePdf('个体工商户登记申请书')) };
    const body = { itemCode: ITEM, applicant: applicant(), form: validForm() };
    const before = await Case.count();
    const refused = await submit('applicant', { ...body, materials: [ownForm, ...materials] });
    expect(refused.status).to.equal(422);
    expect(refused.body.error.details).to.deep.equal([
      { field: 'materials.0.code', message: '个体工商户登记（备案）申请书：由平台按申请表单的填报内容生成，无需提交' },
    ]);
    const english = await submit('applicant', { ...body, materials: [ownForm, ...materials] }, { 'Accept-Language': 'en' });
    expect(english.body.error.details[0].message).to.equal(
      'Application form for individual business registration: the platform generates it from the form you fill in; do not hand it in',
    );
    expect(await Case.count(), 'nothing stored').to.equal(before);

    const online = await submit('applicant', { ...body, materials });
    expect(online.status, JSON.stringify(online.body)).to.equal(201);
    const accepted = await waitForStatus('applicant', online.body.caseNo, 'accepted');
    const filed = (accepted.materials as Material[]).find((m) => m.code === 'application-form')!;
    expect(filed.name).to.equal('个体工商户登记（备案）申请书');
    const signedOnline = pdfText((await pdf(`/api/v1/cases/${online.body.caseNo}/files/${filed.attachmentId}`, await auth('reviewer'))).body as Buffer);
    expect(signedOnline)
      .to.contain('个体工商户登记（备案）申请书')
      .and.contain(online.body.caseNo)
      .and.contain('张三小吃店')
      .and.contain('以实名身份认证代替签名');
    expect(signedOnline, 'no line to sign by hand').not.to.contain('签字或盖章');

    const atWindow = await submit('clerk', { ...body, channel: 'window', materials: await completeMaterials('clerk') });
    expect(atWindow.status, JSON.stringify(atWindow.body)).to.equal(201);
    const windowCase = (await getCase('clerk', atWindow.body.caseNo)).body as { materials: Material[] };
    const printed = windowCase.materials.find((m) => m.code === 'application-form')!;
    const toSign = pdfText((await pdf(`/api/v1/cases/${atWindow.body.caseNo}/files/${printed.attachmentId}`, await auth('clerk'))).body as Buffer);
    expect(toSign).to.contain('请申请人核对无误后签字').and.contain('申请人（签字或盖章）').and.not.contain('以实名身份认证代替签名');
  });
});
