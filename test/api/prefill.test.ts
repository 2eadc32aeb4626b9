import { expect } from 'chai';
import { api, applicant, auth, completeMaterials, ITEM, submit, uploadOk, validForm, waitForStatus } from '../support/api.ts';
import { samplePdf } from '../support/files.ts';
import { Case } from '../../server/cases/case.model.ts';
import { personalDataIn } from '../support/personal-data-scan.ts';
import { testEnv } from '../support/environment.ts';
import { resealPersonalData } from '../../server/privacy/reseal.ts';
import { lookupHash } from '../../server/privacy/sealing.ts';

const FOOD = 'SCJG-SP-002';

describe('prefill and material reuse (前序流程已收取的材料不需提交)', () => {
  let earlier: { code: string; attachmentId: string }[];
  let earlierCase: string;

  before(async () => {
    // the applicant registered a business at the window earlier; the clerk uploaded the files
    earlier = await completeMaterials('clerk');
    const res = await submit('clerk', { itemCode: ITEM, applicant: applicant(), form: validForm(), materials: earlier });
    expect(res.status).to.equal(201);
    earlierCase = res.body.caseNo;
    await waitForStatus('clerk', earlierCase, 'accepted');
  });

  it('offers the applicant the form values and the files of their earlier cases, for the new form only', async () => {
    const res = await api()
      .post('/api/v1/prefill')
      .send({ itemCode: FOOD })
      .set(await auth('applicant'));
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    // 个人信息 comes back masked (the ID number of the earlier form, the applicant's own)
    expect(res.body.form).to.include({ operatorName: '张三', operatorIdNo: '4301**********1234', premisesAddress: '长沙市芙蓉区五一大道100号' });
    expect(res.body.idNo).to.equal('4301**********1234');
    expect(res.body.form).not.to.have.property('employees'); // a field the food licence does not ask
    expect(res.body.fieldSources.operatorName).to.be.a('string');
    const offered = new Map((res.body.materials as { code: string; attachmentId: string }[]).map((m) => [m.code, m.attachmentId]));
    expect(offered.get('operator-id')).to.be.a('string');
    expect(offered.get('premises-proof')).to.be.a('string');
    expect(offered.has('application-form'), 'a material the food licence does not ask').to.equal(false);
  });

  it('lets the applicant submit with the files handed in before, without uploading them again', async () => {
    const prefill = (
      await api()
        .post('/api/v1/prefill')
        .send({ itemCode: FOOD })
        .set(await auth('applicant'))
    ).body;
    const fresh = async (code: string) => ({ code, attachmentId: await uploadOk('applicant', `${code}.pdf`, samplePdf(code)) });
    const materials = [
      // the earlier files this item asks for (not, answered "nobody is entrusted", an authorisation)
      ...(prefill.materials as { code: string; attachmentId: string }[])
        .filter((m) => m.code !== 'agent-authorization')
        .map(({ code, attachmentId }) => ({ code, attachmentId })),
      await fresh('business-license'),
      await fresh('premises-layout'),
      await fresh('food-safety-rules'),
    ];
    const form = { ...prefill.form, premisesArea: 80, businessFormat: 'snack_bar', foodCategories: '热食类食品制售', foodSafetyManager: '张三' };
    // the page sends back what it was shown: the masked ID numbers stand for the ones held
    const res = await submit('applicant', {
      itemCode: FOOD,
      answers: { entrusted: false },
      applicant: { ...applicant(), idNo: prefill.idNo },
      form,
      materials,
    });
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    await waitForStatus('applicant', res.body.caseNo, 'accepted');
    const stored = (await Case.findOne({ where: { caseNo: res.body.caseNo } }))!;
    expect(stored.applicantIdNo).to.equal('430102199003071234');
    expect(stored.form.operatorIdNo).to.equal('430102199003071234');
    // at rest: sealed under the ring's current key (SM4), found by the keyed hash, nothing in clear
    const [raw] = (await Case.sequelize!.query('SELECT applicant_id_no, applicant_id_no_hash, applicant_phone, form FROM cases WHERE case_no = ?', {
      replacements: [res.body.caseNo],
      type: 'SELECT',
    })) as Record<string, string>[];
    expect(raw!.applicant_id_no).to.match(/^pd1:k2:/);
    expect(raw!.applicant_id_no_hash).to.match(/^[0-9a-f]{64}$/);
    expect(personalDataIn(JSON.stringify(raw))).to.deep.equal([]);
    expect(raw!.form).not.to.contain('长沙市芙蓉区');
  });

  it('seals rows left in clear (from before sealing) at the next re-seal, on this database, and they read the same', async () => {
    const sequelize = testEnv().server.db.sequelize;
    await sequelize.query('UPDATE cases SET applicant_phone = ?, applicant_id_no = ?, applicant_id_no_hash = NULL WHERE case_no = ?', {
      replacements: ['13800138000', '430102199003071234', earlierCase],
    });
    expect((await Case.findOne({ where: { caseNo: earlierCase } }))!.applicantPhone, 'a clear value reads as it is').to.equal('13800138000');
    const resealed = await resealPersonalData(sequelize);
    expect(resealed.cases).to.be.at.least(1);
    const [raw] = (await sequelize.query('SELECT applicant_id_no, applicant_id_no_hash, applicant_phone FROM cases WHERE case_no = ?', {
      replacements: [earlierCase],
      type: 'SELECT',
    })) as Record<string, string>[];
    expect(raw!.applicant_phone).to.match(/^pd1:k2:/);
    expect(personalDataIn(JSON.stringify(raw))).to.deep.equal([]);
    const row = (await Case.findOne({ where: { applicantIdNoHash: lookupHash('430102199003071234'), caseNo: earlierCase } }))!;
    expect([row.applicantIdNo, row.applicantPhone]).to.deep.equal(['430102199003071234', '13800138000']);
    expect(await resealPersonalData(sequelize), 'nothing left').to.deep.equal({});
  });

  it('takes a masked value only as the one it stands for: another masked number is refused', async () => {
    const res = await submit('applicant', {
      itemCode: ITEM,
      applicant: applicant(),
      form: { ...validForm(), operatorIdNo: '1101**********002X' },
      materials: await completeMaterials('applicant'),
    });
    expect(res.status).to.equal(422);
    expect(res.body.error.details.map((d: { field: string }) => d.field)).to.include('form.operatorIdNo');
  });

  it('never hands one applicant’s files or data to another', async () => {
    const other = { name: '王五', idType: 'resident_id', idNo: '11010519491231002X', phone: '13700137000' };
    const wangsFiles = await completeMaterials('clerk');
    const res = await submit('clerk', {
      itemCode: ITEM,
      applicant: other,
      form: { ...validForm(), operatorName: '王五', operatorIdNo: '11010519491231002X' },
      materials: wangsFiles,
    });
    expect(res.status).to.equal(201);
    // 张三 names a file of 王五's case: refused, though it exists
    const misuse = await submit('applicant', { itemCode: ITEM, applicant: applicant(), form: validForm(), materials: [wangsFiles[1]!] });
    expect(misuse.status).to.equal(422);
    expect(misuse.body.error.details[0].message).to.contain('附件不存在或不是由您上传的');
    const stranger = await submit('applicant', { itemCode: ITEM, applicant: other, form: validForm(), materials: [] });
    expect(stranger.status).to.equal(422);
    expect(stranger.body.error.details[0].message).to.equal('证件号码：只能以本人身份申请');
    const peek = await api()
      .post('/api/v1/prefill')
      .send({ itemCode: FOOD, idNo: '11010519491231002X' })
      .set(await auth('applicant'));
    expect(peek.status).to.equal(422);
    const clerkWithoutId = await api()
      .post('/api/v1/prefill')
      .send({ itemCode: FOOD })
      .set(await auth('clerk'));
    expect(clerkWithoutId.status).to.equal(422);
    const clerkForOther = await api()
      .post('/api/v1/prefill')
      .send({ itemCode: FOOD, idNo: '11010519491231002X' })
      .set(await auth('clerk'));
    expect(clerkForOther.body.form.operatorName).to.equal('王五');
  });

  it('offers prefill for a whole bundle, and refuses an unknown target', async () => {
    const res = await api()
      .post('/api/v1/prefill')
      .send({ bundleCode: 'KBCYD' })
      .set(await auth('applicant'));
    expect(res.status).to.equal(200);
    expect(res.body.form.operatorName).to.equal('张三');
    expect(
      (
        await api()
          .post('/api/v1/prefill')
          .send({ bundleCode: 'NOPE' })
          .set(await auth('applicant'))
      ).status,
    ).to.equal(404);
    expect(
      (
        await api()
          .post('/api/v1/prefill')
          .send({})
          .set(await auth('applicant'))
      ).status,
    ).to.equal(422);
  });
});
