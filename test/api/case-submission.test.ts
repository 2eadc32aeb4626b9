import { Op } from 'sequelize';
import { expect } from 'chai';
import { applicant, completeMaterials, getCase, ITEM, submit, uploadOk, validForm } from '../support/api.ts';
import { samplePng } from '../support/files.ts';
import { Case } from '../../server/cases/case.model.ts';
import { CaseMaterial } from '../../server/cases/case-material.model.ts';
import { TimelineEvent } from '../../server/cases/timeline-event.model.ts';

/** What a submission writes (the sealing of earlier cases' notices, which goes on meanwhile, aside). */
async function counts() {
  return [await Case.count(), await CaseMaterial.count(), await TimelineEvent.count({ where: { type: { [Op.ne]: 'result.sealed' } } })];
}

describe('case submission: bad input gets a clear 4xx and writes nothing', () => {
  let materials: { code: string; attachmentId: string }[];
  before(async () => {
    materials = await completeMaterials('clerk');
  });

  const cases: [string, () => Record<string, unknown>, (body: { error: { details: { field: string; message: string }[] } }) => void][] = [
    [
      'a missing required field',
      () => ({ itemCode: ITEM, applicant: applicant(), form: { ...validForm(), businessScope: undefined }, materials }),
      (b) => expect(b.error.details).to.deep.include({ field: 'form.businessScope', label: '经营范围', message: '经营范围：为必填项' }),
    ],
    [
      'a wrong ID-number checksum in the form',
      () => ({ itemCode: ITEM, applicant: applicant(), form: { ...validForm(), operatorIdNo: '430102199003071235' }, materials }),
      (b) => expect(b.error.details[0]!.message).to.equal('经营者身份证号码：不是有效的居民身份证号码（请核对校验位和出生日期）'),
    ],
    [
      'a wrong ID-number checksum of the applicant',
      () => ({ itemCode: ITEM, applicant: { ...applicant(), idNo: '11010519491231002Y' }, form: validForm(), materials }),
      (b) => expect(b.error.details.map((d) => d.field)).to.include('applicant.idNo'),
    ],
    [
      'a wrong credit-code checksum',
      () => ({ itemCode: ITEM, applicant: { ...applicant(), idType: 'credit_code', idNo: '91350100M000100Y44' }, form: validForm(), materials }),
      (b) => expect(b.error.details[0]!.message).to.contain('统一社会信用代码'),
    ],
    [
      'an unknown item',
      () => ({ itemCode: 'NO-SUCH-ITEM', applicant: applicant(), form: validForm(), materials }),
      (b) => expect(b.error.details[0]).to.include({ field: 'itemCode', message: '事项编码：事项“NO-SUCH-ITEM”不存在' }),
    ],
    [
      'a field of another item',
      () => ({ itemCode: ITEM, applicant: applicant(), form: { ...validForm(), fireSafetyCertificateNo: 'X1' }, materials }),
      (b) => expect(b.error.details[0]).to.include({ field: 'form.fireSafetyCertificateNo', message: 'fireSafetyCertificateNo：不是本事项表单中的字段' }),
    ],
    [
      'a material of another item',
      () => ({
        itemCode: ITEM,
        applicant: applicant(),
        form: validForm(),
        materials: [...materials, { code: 'fire-inspection', attachmentId: materials[0]!.attachmentId }],
      }),
      (b) => expect(b.error.details.map((d) => d.message).join()).to.contain('不是本事项的申请材料'),
    ],
    [
      'an attachment that does not exist',
      () => ({
        itemCode: ITEM,
        applicant: applicant(),
        form: validForm(),
        materials: [{ code: 'operator-id', attachmentId: '00000000-0000-4000-8000-000000000000' }],
      }),
      (b) => expect(b.error.details[0]!.message).to.contain('附件不存在'),
    ],
    [
      'a wrong phone number and a malformed date',
      () => ({ itemCode: ITEM, applicant: applicant(), form: { ...validForm(), operatorPhone: '12345', openingDate: '2026-13-40' }, materials }),
      (b) => expect(b.error.details.map((d) => d.field)).to.have.members(['form.operatorPhone', 'form.openingDate']),
    ],
    [
      'a string where a number belongs',
      () => ({ itemCode: ITEM, applicant: applicant(), form: { ...validForm(), employees: 'three' }, materials }),
      (b) => expect(b.error.details[0]!.field).to.equal('form.employees'),
    ],
  ];

  for (const [what, body, check] of cases) {
    it(`refuses ${what}`, async () => {
      const before = await counts();
      const res = await submit('clerk', body());
      expect(res.status, JSON.stringify(res.body)).to.equal(422);
      expect(res.body.error.code).to.equal('validation_failed');
      check(res.body);
      expect(await counts()).to.deep.equal(before);
    });
  }

  it('refuses another applicant’s attachment', async () => {
    const othersFile = await uploadOk('applicant', 'id.png', samplePng());
    const before = await counts();
    const res = await submit('clerk', {
      itemCode: ITEM,
      applicant: applicant(),
      form: validForm(),
      materials: [{ code: 'operator-id', attachmentId: othersFile }],
    });
    expect(res.status).to.equal(422);
    expect(await counts()).to.deep.equal(before);
  });

  it('answers in English when asked', async () => {
    const res = await submit(
      'clerk',
      { itemCode: ITEM, applicant: applicant(), form: { ...validForm(), operatorName: undefined }, materials },
      { 'Accept-Language': 'en' },
    );
    expect(res.status).to.equal(422);
    expect(res.body.error.message).to.equal('The request has errors; please correct them');
    expect(res.body.error.details[0].message).to.equal("Operator's name: is required");
  });

  it('treats a repeated submission with the same Idempotency-Key as the first one', async () => {
    const body = { itemCode: ITEM, applicant: applicant(), form: validForm(), materials };
    const key = `retry-${Date.now()}`;
    const first = await submit('clerk', body, { 'Idempotency-Key': key });
    expect(first.status).to.equal(201);
    const before = await counts();
    const second = await submit('clerk', body, { 'Idempotency-Key': key });
    expect(second.status).to.equal(200);
    expect(second.body.caseNo).to.equal(first.body.caseNo);
    expect((await counts())[0]).to.equal(before[0]);
    expect((await getCase('clerk', first.body.caseNo)).status).to.equal(200);
  });

  it('gives concurrent submissions distinct case numbers', async () => {
    const body = { itemCode: ITEM, applicant: applicant(), form: validForm(), materials };
    const results = await Promise.all(Array.from({ length: 20 }, () => submit('clerk', body)));
    expect(results.map((r) => r.status)).to.deep.equal(Array(20).fill(201));
    expect(new Set(results.map((r) => r.body.caseNo)).size).to.equal(20);
  });
});

describe('case submission: channels', () => {
  it('records the agent of an assisted submission (帮办代办), and only there', async () => {
    const materials = await completeMaterials('clerk');
    const agent = { name: '赵六', idNo: '11010519491231002X', phone: '13600136000', relationship: 'family' };
    const body = { itemCode: ITEM, applicant: applicant(), form: validForm(), materials };
    const missing = await submit('clerk', { ...body, channel: 'assisted' });
    expect(missing.status).to.equal(422);
    expect(missing.body.error.details[0].message).to.equal('帮办代办人：帮办代办渠道须登记代办人');
    const misplaced = await submit('clerk', { ...body, channel: 'window', agent });
    expect(misplaced.status).to.equal(422);
    const res = await submit('clerk', { ...body, channel: 'assisted', agent });
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    const view = await getCase('clerk', res.body.caseNo);
    expect(view.body.channel).to.equal('assisted');
    expect(view.body.agent).to.deep.equal({
      name: '赵六',
      idNo: '1101**********002X',
      phone: '136****6000',
      relationship: 'family',
      relationshipLabel: '近亲属',
    });
    expect(view.body.timeline[0].detail.agent).to.equal('赵六');
  });

  it('keeps each role to its channels', async () => {
    const body = { itemCode: ITEM, applicant: applicant(), form: validForm(), materials: [] };
    const res = await submit('applicant', { ...body, channel: 'window' });
    expect(res.status).to.equal(422);
    expect(res.body.error.details[0].field).to.equal('channel');
  });
});
