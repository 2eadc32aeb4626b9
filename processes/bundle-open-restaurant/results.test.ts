import { expect } from 'chai';
import { api, auth, decide, submit, uploadRequired, waitForDecision, waitForStatus, waitForTask } from '../../test/support/api.ts';
import { testEnv } from '../../test/support/environment.ts';
import { chooseDelivery, deliveryOf, recipient } from '../../test/support/delivery.ts';
import { pdfText, runTool } from '../../test/unit/documents/helpers.ts';
import { Case } from '../../server/cases/case.model.ts';
import { ELicense } from '../../server/e-licenses/e-license.model.ts';
import { Payment } from '../../server/payments/payment.model.ts';
import { restaurantWithSignboardForm } from './restaurant-form.ts';
import { lookupHash } from '../../server/privacy/sealing.ts';

const ANSWERS = { needsBusinessRegistration: true, premisesScale: 'large', needsSignboard: true, entrusted: false };
const applicant = { name: '张三', idType: 'resident_id', idNo: '430102199003071234', phone: '13800138000' };
const form = restaurantWithSignboardForm;

const download = async (url: string) =>
  api()
    .get(url)
    .set(await auth('applicant'))
    .buffer(true)
    .parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    });

describe('开办餐饮店 from application to delivered results: joint review, one payment, sealed results, e-licenses, one parcel', () => {
  it('runs the whole bundle, and a later case of the same applicant reuses the e-licenses it issued', async () => {
    const plan = await api().post('/api/v1/bundles/KBCYD/plan').send({ answers: ANSWERS });
    const materials = await uploadRequired('applicant', plan.body.materials);
    const res = await submit('applicant', { bundleCode: 'KBCYD', answers: ANSWERS, applicant, form: form(), materials });
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    const caseNo = res.body.caseNo as string;
    expect((await chooseDelivery('applicant', caseNo, { method: 'logistics', recipient: recipient() })).status).to.equal(200);
    await waitForStatus('applicant', caseNo, 'accepted');

    // four departments' items decided in parallel (the food licence with its 会签 site inspection)
    await Promise.all([
      (async () => {
        await decide('reviewer', `${caseNo}-01`, 'review', 'approve');
        await decide('leader', `${caseNo}-01`, 'decision', 'approve');
      })(),
      (async () => {
        await decide('reviewer', `${caseNo}-02`, 'review', 'approve');
        await waitForTask('reviewer4', `${caseNo}-02`, 'site_inspection');
        await Promise.all([
          decide('reviewer', `${caseNo}-02`, 'site_inspection', 'approve'),
          decide('reviewer4', `${caseNo}-02`, 'site_inspection', 'approve'),
        ]);
        await decide('leader', `${caseNo}-02`, 'decision', 'approve');
      })(),
      (async () => {
        await decide('reviewer2', `${caseNo}-03`, 'review', 'approve');
        await decide('reviewer5', `${caseNo}-03`, 'site_inspection', 'approve'); // 或签: one inspector suffices
        await decide('leader2', `${caseNo}-03`, 'decision', 'approve');
      })(),
      (async () => {
        await decide('reviewer3', `${caseNo}-04`, 'review', 'approve');
        await decide('leader3', `${caseNo}-04`, 'decision', 'approve');
      })(),
    ]);
    await waitForDecision('applicant', caseNo, 'approved');

    // 统一支付: one order for the whole bundle, the signboard's fee the only line
    await waitForStatus('applicant', caseNo, 'awaiting_payment');
    const due = (
      await api()
        .get(`/api/v1/cases/${caseNo}/payment`)
        .set(await auth('applicant'))
    ).body;
    expect(due).to.include({ required: true, amountFen: 20000, status: 'unpaid' });
    expect(due.lines.map((l: { caseNo: string }) => l.caseNo)).to.deep.equal([`${caseNo}-04`]);
    // the payer pays on the gateway's page, as in a browser
    const page = await fetch(due.payUrl);
    expect(page.status).to.equal(200);
    const html = await page.text();
    expect(html).to.contain('¥200.00');
    const action = [...html.matchAll(/<form method="post" action="([^"]+)"/g)].map((m) => m[1]!).find((a) => !a.endsWith('/cancel'));
    expect(action, 'the pay page has a form to pay').to.be.a('string');
    const paid = await fetch(new URL(action!.replace(/&amp;/g, '&'), due.payUrl), { method: 'POST', redirect: 'manual' });
    expect(paid.status).to.be.within(200, 399);

    // sealed and signed results, every item's, in one parcel (统一出件)
    await waitForStatus('applicant', caseNo, 'delivering', 60_000);
    const delivery = await deliveryOf('applicant', caseNo);
    expect(delivery.method).to.equal('logistics');
    expect(delivery.waybillNo).to.be.a('string');
    const results = delivery.documents.filter((d: { kind: string }) => d.kind !== 'notice');
    const kinds = results.map((d: { caseNo: string; kind: string }) => `${d.caseNo.slice(-2)}:${d.kind}`).sort();
    expect(kinds).to.deep.equal([
      '01:decision_approved',
      '01:e_license',
      '02:decision_approved',
      '02:e_license',
      '03:decision_approved',
      '04:decision_approved',
    ]);
    // the notices served along the way are sealed too: the window's 受理通知书, each item's 办结通知书, the 联办结论
    const notices = delivery.documents.filter((d: { kind: string }) => d.kind === 'notice').map((d: { title: string }) => d.title);
    expect(notices).to.include.members(['受理通知书', '办结通知书（准予）']);
    expect(notices).to.have.length(6);
    for (const d of delivery.documents as { url: string; title: string; sha256: string }[]) {
      const pdf = (await download(d.url)).body as Buffer;
      expect(pdf.subarray(0, 5).toString()).to.equal('%PDF-');
      const sig = runTool('pdfsig', [{ file: pdf, name: 'result.pdf' }]).stdout;
      expect(sig, `${d.title} carries a valid signature`).to.contain('Signature Validation: Signature is Valid.');
      expect(sig).to.contain('Total document signed');
      expect(pdfText(pdf).replace(/\s+/g, '')).to.contain(d.title.replace(/\s+/g, ''));
      expect(runTool('qpdf', ['--check', { file: pdf, name: 'result.pdf' }]).status).to.equal(0);
    }

    // the carrier delivers the one parcel
    testEnv().carrier.control.advance(delivery.waybillNo, 'delivered');
    const done = await waitForStatus('applicant', caseNo, 'delivered', 30_000);
    expect(done.timeline.filter((e: { type: string }) => e.type === 'payment.received')).to.have.length(1);
    expect(await Payment.count({ where: { caseId: (await Case.findOne({ where: { caseNo } }))!.id } }), 'one order for the bundle').to.equal(1);

    // the registry now holds the applicant's 营业执照 and 食品经营许可证
    const licenses = await ELicense.findAll({ where: { holderIdNoHash: lookupHash(applicant.idNo) }, order: [['id', 'ASC']] });
    const issued = licenses.filter((l) => l.type !== 'resident-id' && l.issuedByCaseId);
    expect(issued.map((l) => l.type).sort()).to.include.members(['business-license', 'food-business-license']);
    const businessLicense = issued.filter((l) => l.type === 'business-license').at(-1)!;

    // a second case: 户外招牌 on its own, with the new 营业执照 instead of a scan, prefilled from it
    const prefill = await api()
      .post('/api/v1/prefill')
      .send({ itemCode: 'CSGL-ZP-001' })
      .set(await auth('applicant'));
    expect(prefill.status, JSON.stringify(prefill.body)).to.equal(200);
    const offered = prefill.body.eLicenses.find((l: { code: string }) => l.code === 'business-license');
    expect(offered, 'the new business licence is offered').to.include({ type: 'business-license' });
    expect(prefill.body.form.businessName).to.equal(form().businessName);
    const item = await api().get('/api/v1/items/CSGL-ZP-001');
    const scans = await uploadRequired(
      'applicant',
      item.body.materials.filter((m: { code: string }) => m.code !== 'business-license'),
    );
    const second = await submit('applicant', {
      itemCode: 'CSGL-ZP-001',
      applicant,
      form: {
        businessName: form().businessName,
        operatorName: '张三',
        operatorPhone: '13800138000',
        premisesAddress: form().premisesAddress,
        signboardText: '张三小吃',
        signboardWidthM: 3,
        signboardHeightM: 0.6,
        signboardMountType: 'flat_wall',
        signboardIlluminated: false,
      },
      materials: [...scans, { code: 'business-license', eLicenseNumber: offered.number }],
    });
    expect(second.status, JSON.stringify(second.body)).to.equal(201);
    const accepted = await waitForStatus('applicant', second.body.caseNo, 'accepted');
    expect(accepted.materials.find((m: { code: string }) => m.code === 'business-license')).to.not.have.property('attachmentId');
    expect(offered.number).to.equal(businessLicense.number);
  });
});
