import { expect } from 'chai';
import { api, applicant, auth, completeMaterials, foodForm, ITEM, submit, validForm, waitForStatus } from '../support/api.ts';
import { otherApplicant } from '../support/delivery.ts';
import { testEnv } from '../support/environment.ts';
import { Case } from '../../server/cases/case.model.ts';
import { ELicense } from '../../server/e-licenses/e-license.model.ts';

const ID = '430102199003071234';
const OTHER_ID = '110105194912310029';
/** a 居民身份证电子证照 numbered by the ID number itself is listed with the number masked */
const OTHER_ID_MASKED = '1101**********0029';
const FOOD = 'SCJG-SP-002';

interface Listed {
  id: number;
  number: string;
  status: string;
  statusLabel: string;
  revokedAt: string | null;
  revokedReason: string | null;
  revokedBy?: string | null;
}

async function list(username: string, query = '', headers: Record<string, string> = {}) {
  return api()
    .get(`/api/v1/e-licenses${query}`)
    .set(await auth(username))
    .set(headers);
}

/** By holder: the ID number in the body, never in a URL. */
async function search(username: string, body: object) {
  return api()
    .post('/api/v1/e-licenses/search')
    .set(await auth(username))
    .send(body);
}

async function revoke(licenseId: number | string, body: object, username = 'admin') {
  return api()
    .post(`/api/v1/e-licenses/${licenseId}/revoke`)
    .set(await auth(username))
    .send(body);
}

const numbers = (res: { body: { licenses: Listed[] } }) => res.body.licenses.map((l) => l.number);

describe('电子证照库: the registry lists licenses with where they stand, and revokes them', () => {
  let business: ELicense;
  let others: ELicense;

  before(async () => {
    const common = {
      holderIdNo: ID,
      holderName: '张三',
      data: { businessName: '张三小吃店', creditCode: '92430100MA4L000001' },
      validFrom: new Date('2024-01-01'),
    };
    business = await ELicense.create({ ...common, type: 'business-license', number: 'REGISTRY-BL-1', name: '营业执照', validUntil: null });
    await ELicense.create({ ...common, type: 'food-business-license', number: 'REGISTRY-FB-1', name: '食品经营许可证', validUntil: new Date('2025-01-01') });
    others = await ELicense.create({
      type: 'resident-id',
      number: OTHER_ID,
      name: '居民身份证电子证照',
      holderIdNo: OTHER_ID,
      holderName: '王五',
      data: {},
      validFrom: new Date('2020-01-01'),
      validUntil: new Date('2040-01-01'),
    });
  });

  it('is described in the OpenAPI document', async () => {
    const res = await api().get('/api/v1/openapi.json');
    expect(Object.keys(res.body.paths)).to.include.members(['/e-licenses', '/e-licenses/{id}/revoke']);
  });

  it("shows an applicant the licenses they hold, each with its status; another holder's are refused (403)", async () => {
    const own = await list('applicant');
    expect(own.status, JSON.stringify(own.body)).to.equal(200);
    expect(numbers(own)).to.include.members(['REGISTRY-BL-1', 'REGISTRY-FB-1']);
    expect(
      numbers(own).some((n: string) => n.startsWith('DZZZ-SFZ-')),
      'the seeded 居民身份证电子证照',
    ).to.equal(true);
    expect(numbers(own)).to.not.include(OTHER_ID_MASKED);
    expect(own.body.licenses[0].holder.idNo).to.equal('4301**********1234');
    const byNumber = new Map(own.body.licenses.map((l: Listed) => [l.number, l]));
    expect(byNumber.get('REGISTRY-BL-1')).to.include({ status: 'in_force', statusLabel: '有效', revokedAt: null });
    expect(byNumber.get('REGISTRY-FB-1')).to.include({ status: 'expired', statusLabel: '已过期' });
    expect(byNumber.get('REGISTRY-BL-1')).to.not.have.property('revokedBy');
    expect((await search('applicant', { holderIdNo: ID })).status).to.equal(200);
    const inUrl = await list('applicant', `?holderIdNo=${ID}`);
    expect(inUrl.status).to.equal(400);
    expect(inUrl.body.error.code).to.equal('personal_data_in_url');

    const foreign = await search('applicant', { holderIdNo: OTHER_ID });
    expect(foreign.status).to.equal(403);
    expect(foreign.body.error.message).to.equal('只能查询本人名下的电子证照');
    const theirs = await list(await otherApplicant());
    expect(numbers(theirs)).to.deep.equal([OTHER_ID_MASKED]);
    for (const username of ['reviewer', 'clerk', 'leader']) expect((await list(username)).status, username).to.equal(403);

    const en = await list('applicant', '?status=expired', { 'Accept-Language': 'en' });
    expect(en.body.licenses.map((l: Listed) => [l.number, l.statusLabel])).to.deep.include(['REGISTRY-FB-1', 'Expired']);
  });

  it("lets an administrator list anyone's licenses, by holder, type and status, a page at a time", async () => {
    expect(numbers(await search('admin', { holderIdNo: OTHER_ID }))).to.deep.equal([OTHER_ID_MASKED]);
    const businessOnly = numbers(await search('admin', { holderIdNo: ID, type: 'business-license' }));
    expect(businessOnly).to.include('REGISTRY-BL-1');
    expect(businessOnly).to.not.include('REGISTRY-FB-1');
    const expiredOnly = await search('admin', { holderIdNo: ID, status: 'expired' });
    expect(expiredOnly.body.licenses.map((l: Listed) => l.status)).to.satisfy((s: string[]) => s.length > 0 && s.every((x) => x === 'expired'));
    const page = await search('admin', { holderIdNo: ID, limit: 1, offset: 1 });
    expect(page.body.licenses).to.have.length(1);
    expect(page.body.total).to.be.greaterThan(2);
    const bad = await list('admin', '?status=lost&limit=500');
    expect(bad.status).to.equal(422);
    expect(bad.body.error.details.map((d: { field: string }) => d.field)).to.have.members(['query.status', 'query.limit']);
  });

  it('revokes a license with the reason and the administrator recorded, once: again is 409', async () => {
    expect((await revoke(others.id, { reason: '证件已挂失' }, 'applicant')).status).to.equal(403);
    expect((await revoke(others.id, { reason: '证件已挂失' }, 'clerk')).status).to.equal(403);
    const noReason = await revoke(others.id, {});
    expect(noReason.status).to.equal(422);
    expect(noReason.body.error.details[0].field).to.equal('reason');
    expect((await revoke(others.id, { reason: '  ' })).status).to.equal(422);
    const missing = await revoke(999999, { reason: '证件已挂失' });
    expect(missing.status).to.equal(404);
    expect(missing.body.error.code).to.equal('e_license_not_found');
    expect((await ELicense.findByPk(others.id))!.revokedAt).to.equal(null);

    const res = await revoke(others.id, { reason: '证件已挂失' });
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    expect(res.body).to.include({ status: 'revoked', statusLabel: '已注销', revokedReason: '证件已挂失', revokedBy: 'admin' });
    const again = await revoke(others.id, { reason: '重复注销' });
    expect(again.status).to.equal(409);
    expect(again.body.error.code).to.equal('e_license_already_revoked');
    expect((await ELicense.findByPk(others.id))!.revokedReason).to.equal('证件已挂失');
    const listed = (await list(await otherApplicant())).body.licenses.find((l: Listed) => l.number === OTHER_ID_MASKED);
    expect(listed).to.include({ status: 'revoked', revokedReason: '证件已挂失' });
  });

  it('no longer exempts a material once revoked: not offered, and a new case naming it is refused with nothing written', async () => {
    const offered = async () =>
      (
        await api()
          .post('/api/v1/prefill')
          .send({ itemCode: FOOD })
          .set(await auth('applicant'))
      ).body.eLicenses.map((l: { number: string }) => l.number);
    expect(await offered()).to.include('REGISTRY-BL-1');
    expect((await revoke(business.id, { reason: '营业执照被依法吊销' })).status).to.equal(200);
    expect(await offered()).to.not.include('REGISTRY-BL-1');

    const before = await Case.count();
    const res = await submit('applicant', {
      itemCode: FOOD,
      answers: { entrusted: false },
      applicant: applicant(),
      form: foodForm(),
      materials: [{ code: 'business-license', eLicenseNumber: 'REGISTRY-BL-1' }],
    });
    expect(res.status).to.equal(422);
    expect(res.body.error.details.map((d: { message: string }) => d.message)).to.include('营业执照：电子证照已注销或已过期');
    expect(await Case.count()).to.equal(before);
    expect(numbers(await list('applicant', '?status=in_force'))).to.not.include.members(['REGISTRY-BL-1', 'REGISTRY-FB-1']);
  });

  it('sends a case that named the license to correction when it is revoked before acceptance', async () => {
    const env = testEnv();
    const license = await ELicense.create({
      type: 'resident-id',
      number: 'DZZZ-SFZ-TEST-R',
      name: '居民身份证电子证照',
      holderIdNo: ID,
      holderName: '张三',
      data: {},
      validFrom: new Date('2020-01-01'),
      validUntil: new Date('2040-01-01'),
    });
    await env.stopWorkers();
    try {
      const materials = [
        ...(await completeMaterials('applicant')).filter((m) => m.code !== 'operator-id'),
        { code: 'operator-id', eLicenseNumber: license.number },
      ];
      const res = await submit('applicant', { itemCode: ITEM, applicant: applicant(), form: validForm(), materials });
      expect(res.status, JSON.stringify(res.body)).to.equal(201);
      expect((await revoke(license.id, { reason: '身份证件信息变更，原证照作废' })).status).to.equal(200);
      await env.restartWorkers();
      const waiting = await waitForStatus('applicant', res.body.caseNo, 'correction');
      const reasons = waiting.timeline.find((e: { type: string }) => e.type === 'acceptance.correction').detail.reasons;
      expect(reasons.map((r: { 'zh-CN': string }) => r['zh-CN'])).to.deep.equal(['经营者身份证明：电子证照已注销或已过期']);
    } finally {
      await env.restartWorkers();
    }
  });
});
