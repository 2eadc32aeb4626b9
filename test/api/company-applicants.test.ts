import { expect } from 'chai';
import { api, auth, getCase } from '../support/api.ts';
import { applyForFoodLicence, approveFoodLicence, FURONG, signInForCompany } from '../support/company-applicants.ts';
import { eventually } from '../support/eventually.ts';
import { IdentityLink } from '../../server/auth/identity.model.ts';
import { User } from '../../server/auth/user.model.ts';
import { Case } from '../../server/cases/case.model.ts';
import { ELicense } from '../../server/e-licenses/e-license.model.ts';
import { lookupHash } from '../../server/privacy/sealing.ts';

const COMPANY = FURONG.name;
const CREDIT_CODE = FURONG.creditCode;

describe('法人: a company applies online through its legal representative or an authorised agent', function () {
  this.timeout(180_000);

  it("the agent applies in the company's name; the case, its e-licence and the record of who acted are the company's", async () => {
    const agent = await signInForCompany('np-wangwu');
    const res = await applyForFoodLicence(agent);
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    const caseNo = res.body.caseNo as string;

    const view = (await getCase(agent, caseNo)).body;
    expect(view.applicant).to.include({ name: COMPANY, idType: 'credit_code' });
    const submitted = (view.timeline as { type: string; detail: Record<string, unknown> }[]).find((e) => e.type === 'case.submitted')!;
    expect(submitted.detail.actingFor).to.deep.equal({
      company: COMPANY,
      by: '王五',
      as: 'agent',
      authorization: {
        id: 'SQ-2026-0001',
        scope: ['apply', 'pay', 'receive'],
        validUntil: (submitted.detail.actingFor as { authorization: { validUntil: string } }).authorization.validUntil,
      },
    });

    await approveFoodLicence(agent, caseNo);

    // the licence is the company's: its legal representative, another account of the company, holds it and sees the case
    const representative = await signInForCompany('np-zhaoliu');
    // issued when the results are sealed
    const food = await eventually(
      `the food licence of ${caseNo} among the company's`,
      async () => {
        const licences = await api()
          .get('/api/v1/e-licenses')
          .set(await auth(representative));
        expect(licences.status, JSON.stringify(licences.body)).to.equal(200);
        return (licences.body.licenses as { name: string; holder: { name: string; idNo: string }; issuedByCaseNo: string | null }[]).find(
          (l) => l.issuedByCaseNo === caseNo,
        );
      },
      90_000,
    );
    expect(food.holder.name).to.equal(COMPANY);
    const stored = await ELicense.findOne({ where: { holderIdNoHash: lookupHash(CREDIT_CODE), name: food.name } });
    expect(stored?.holderIdNo).to.equal(CREDIT_CODE);
    expect((await getCase(representative, caseNo)).status).to.equal(200);
    // and offers it for the company's next application
    const prefill = await api()
      .post('/api/v1/prefill')
      .set(await auth(representative))
      .send({ itemCode: 'SCJG-SP-002' });
    expect(prefill.status, JSON.stringify(prefill.body)).to.equal(200);
  });

  it('refuses an agent whose authorisation no longer covers applying, in words, and writes nothing', async () => {
    const agent = await signInForCompany('np-wangwu');
    const user = (await User.findOne({ where: { username: agent } }))!;
    const link = (await IdentityLink.findOne({ where: { userId: user.id } }))!;
    const acting = link.acting!;
    // the authorisation narrowed to paying since the sign-in
    await link.update({ acting: { ...acting, authorization: { ...acting.authorization!, scope: ['pay'] } } });
    try {
      const before = await Case.count({ where: { submittedBy: user.id } });
      const res = await applyForFoodLicence(agent);
      expect(res.status).to.equal(403);
      expect(res.body.error.code).to.equal('authorization_insufficient');
      expect(res.body.error.message).to.contain('王五').and.contain(COMPANY).and.contain('SQ-2026-0001');
      expect(await Case.count({ where: { submittedBy: user.id } })).to.equal(before);
    } finally {
      await link.update({ acting });
    }
  });
});
