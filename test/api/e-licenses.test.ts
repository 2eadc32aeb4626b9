import { expect } from 'chai';
import { api, applicant, auth, completeMaterials, foodForm, ITEM, submit, validForm, waitForStatus } from '../support/api.ts';
import { testEnv } from '../support/environment.ts';
import { Case } from '../../server/cases/case.model.ts';
import { ELicense } from '../../server/e-licenses/e-license.model.ts';

const ID = '430102199003071234';
/** The demo applicant's 居民身份证电子证照: numbered on its own, not by the ID number it certifies. */
async function idCardLicense(): Promise<string> {
  const res = await api()
    .post('/api/v1/e-licenses/search')
    .send({ type: 'resident-id', status: 'in_force' })
    .set(await auth('applicant'));
  return res.body.licenses.find((l: { number: string }) => l.number.startsWith('DZZZ-SFZ-')).number;
}
const byLicense = async (number: string) => [
  ...(await completeMaterials('applicant')).filter((m) => m.code !== 'operator-id'),
  { code: 'operator-id', eLicenseNumber: number },
];

describe('电子证照免提交: an e-license of the applicant in place of a file', () => {
  it('offers the applicant their e-licenses and what they state, and takes one instead of a scan', async () => {
    const prefill = await api()
      .post('/api/v1/prefill')
      .send({ itemCode: ITEM })
      .set(await auth('applicant'));
    const number = await idCardLicense();
    expect(prefill.body.eLicenses).to.deep.include({
      code: 'operator-id',
      type: 'resident-id',
      number,
      name: '居民身份证电子证照',
      validUntil: '2039-12-31T16:00:00.000Z',
    });
    expect(prefill.body.fieldSources.operatorIdNo).to.equal(`e-license:resident-id:${number}`);
    // what the licence states, masked as every personal value the applicant's page receives
    expect(prefill.body.form.operatorIdNo).to.equal('4301**********1234');

    const res = await submit('applicant', { itemCode: ITEM, applicant: applicant(), form: validForm(), materials: await byLicense(number) });
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    const accepted = await waitForStatus('applicant', res.body.caseNo, 'accepted');
    expect(accepted.materials.find((m: { code: string }) => m.code === 'operator-id').eLicense).to.include({ type: 'resident-id', number, valid: true });
  });

  it("refuses an e-license that is not the applicant's, not in force, or where the catalog allows none, and writes nothing", async () => {
    await ELicense.create({
      type: 'resident-id',
      number: '11010519491231002X',
      name: '居民身份证电子证照',
      holderIdNo: '11010519491231002X',
      holderName: '王五',
      data: {},
      validFrom: new Date('2020-01-01'),
      validUntil: new Date('2040-01-01'),
    });
    await ELicense.create({
      type: 'business-license',
      number: 'REVOKED-1',
      name: '营业执照',
      holderIdNo: ID,
      holderName: '张三',
      data: {},
      validFrom: new Date('2020-01-01'),
      validUntil: null,
      revokedAt: new Date('2025-06-01'),
    });
    const before = await Case.count();
    const files = (await completeMaterials('applicant')).filter((m) => m.code !== 'operator-id');
    const others = await submit('applicant', {
      itemCode: ITEM,
      applicant: applicant(),
      form: validForm(),
      materials: [...files, { code: 'operator-id', eLicenseNumber: '11010519491231002X' }],
    });
    expect(others.status).to.equal(422);
    expect(others.body.error.details[0].message).to.equal('经营者身份证明：电子证照不存在或不属于申请人');
    const notAllowed = await submit('applicant', {
      itemCode: ITEM,
      applicant: applicant(),
      form: validForm(),
      materials: [
        { code: 'operator-id', eLicenseNumber: await idCardLicense() },
        { code: 'premises-proof', eLicenseNumber: 'X' },
      ],
    });
    expect(notAllowed.body.error.details.map((d: { message: string }) => d.message)).to.deep.equal(['经营场所使用证明：不能以电子证照代替']);
    const both = await submit('applicant', {
      itemCode: ITEM,
      applicant: applicant(),
      form: validForm(),
      materials: [{ ...files[0]!, eLicenseNumber: await idCardLicense() }],
    });
    expect(both.body.error.details[0].message).to.equal('经营场所使用证明：请提供附件或电子证照编号之一');
    const revoked = await submit('applicant', {
      itemCode: 'SCJG-SP-002',
      answers: { entrusted: false },
      applicant: applicant(),
      form: foodForm(),
      materials: [{ code: 'business-license', eLicenseNumber: 'REVOKED-1' }],
    });
    expect(revoked.body.error.details.map((d: { message: string }) => d.message)).to.include('营业执照：电子证照已注销或已过期');
    expect(await Case.count()).to.equal(before);
  });

  it('asks for the material again when the e-license is revoked before acceptance', async () => {
    const env = testEnv();
    const license = await ELicense.create({
      type: 'resident-id',
      number: 'DZZZ-SFZ-TEST-B',
      name: '居民身份证电子证照',
      holderIdNo: ID,
      holderName: '张三',
      data: {},
      validFrom: new Date('2020-01-01'),
      validUntil: new Date('2040-01-01'),
    });
    await env.stopWorkers();
    try {
      const res = await submit('applicant', { itemCode: ITEM, applicant: applicant(), form: validForm(), materials: await byLicense(license.number) });
      expect(res.status, JSON.stringify(res.body)).to.equal(201);
      await license.update({ revokedAt: new Date() });
      await env.restartWorkers();
      const waiting = await waitForStatus('applicant', res.body.caseNo, 'correction');
      const reasons = waiting.timeline.find((e: { type: string }) => e.type === 'acceptance.correction').detail.reasons;
      expect(reasons.map((r: { 'zh-CN': string }) => r['zh-CN'])).to.deep.equal(['经营者身份证明：电子证照已注销或已过期']);
    } finally {
      await env.restartWorkers();
    }
  });
});
