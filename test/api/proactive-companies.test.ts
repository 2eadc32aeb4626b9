import { expect } from 'chai';
import { api, auth, getCase, waitForStatus } from '../support/api.ts';
import { applyForFoodLicence, approveFoodLicence, FURONG, signInForCompany } from '../support/company-applicants.ts';
import { testEnv } from '../support/environment.ts';
import { eventually } from '../support/eventually.ts';
import type { Offer } from '../support/offers.ts';
import { AuditEvent } from '../../server/audit/audit-event.model.ts';
import { IdentityLink } from '../../server/auth/identity.model.ts';
import { User } from '../../server/auth/user.model.ts';
import { Case } from '../../server/cases/case.model.ts';
import { ELicense } from '../../server/e-licenses/e-license.model.ts';
import { issueLicenseOnce } from '../../server/e-licenses/index.ts';
import { lookupHash } from '../../server/privacy/sealing.ts';
import { ProactiveOffer } from '../../server/proactive/proactive-offer.model.ts';

/**
 * 免申即享 for companies (惠企, issue 19 part 4) on the real engine and the sandbox registries: the
 * 食品经营许可证 a company applied for and was issued (开办餐饮店) raises the 小微企业开办补贴 for it, decided on its 法人库
 * record; the offer is the company's — each of its accounts sees it and is notified, another
 * company's sees nothing and can answer nothing — taken up by whoever may apply for the company, in
 * its name, approved by 秒批 and paid to its account through the payment sandbox's transfer; once a
 * company; a company not in business (注销) or no enterprise (个体工商户) gets none; a refusal stands.
 */

const POLICY = 'company-startup-grant';
const TIANXIN = { name: '长沙天心便民超市有限公司', creditCode: '91430102MA4Q7C8D9A', key: 'lp-tianxin-market' };
/** 开福区周八小吃店: a 个体工商户 (its credit code's second character 2), no enterprise */
const ZHOUBA_SHOP = { name: '开福区周八小吃店', creditCode: '92430105MA4P2E3F4X' };

type Outcome = { offered: number; granted: number; ineligible: number; already: number };

let serial = 0;

async function round(): Promise<Record<string, Outcome>> {
  const res = await api()
    .post('/api/v1/proactive/rounds')
    .set(await auth('admin'));
  expect(res.status, JSON.stringify(res.body)).to.equal(200);
  return res.body.outcome;
}

async function offersOf(username: string, language = 'zh-CN'): Promise<Offer[]> {
  const res = await api()
    .get('/api/v1/proactive/offers')
    .set('Accept-Language', language)
    .set(await auth(username));
  expect(res.status, JSON.stringify(res.body)).to.equal(200);
  return res.body.offers;
}

const answer = async (username: string, id: number, what: 'accept' | 'decline', body: object = {}) =>
  api()
    .post(`/api/v1/proactive/offers/${id}/${what}`)
    .set(await auth(username))
    .send(body);

/** Another 食品经营许可证 issued by the platform to a company (held by its credit code), as the first one was (a case's results). */
async function licenceIssuedTo(company: { name: string; creditCode: string }) {
  const issuer = (await Case.findOne({ order: [['id', 'DESC']] }))!;
  return Case.sequelize!.transaction((transaction) =>
    issueLicenseOnce(
      {
        type: 'food-business-license',
        number: `JY1430102${String(Date.now()).slice(-6)}${serial++ % 10}`,
        name: '食品经营许可证',
        holderIdNo: company.creditCode,
        holderName: company.name,
        data: { businessName: company.name },
        validFrom: new Date(),
        validUntil: new Date(Date.now() + 5 * 365 * 86_400_000),
        issuedByCaseId: issuer.id,
      },
      transaction,
    ),
  );
}

/** An audit entry's detail (JSON text on SQLite, an object on MariaDB). */
const detailOf = (row: AuditEvent | null) => {
  const detail = row?.detail as unknown;
  return typeof detail === 'string' ? (JSON.parse(detail) as Record<string, unknown>) : ((detail ?? {}) as Record<string, unknown>);
};

describe('免申即享 for companies (惠企): the 小微企业开办补贴 offered to a company on its food licence', function () {
  this.timeout(300_000);

  before(async () => {
    // the feeds' first round starts at their end; licences issued by the lane's earlier files (a
    // company's 开办餐饮店) are read now, and what they raised for these companies is set aside
    await round();
    await ProactiveOffer.destroy({ where: { policyCode: POLICY } });
  });

  it("offers it to the company's accounts, not another company's; its agent takes it up in its name; paid to its account; once a company", async () => {
    const agent = await signInForCompany('np-wangwu');
    const representative = await signInForCompany('np-zhaoliu');
    const otherCompany = await signInForCompany('np-lisi', TIANXIN.key);

    // 开办餐饮店 from the company's account: its food licence applied for, approved, and issued to the company
    const applied = await applyForFoodLicence(agent);
    expect(applied.status, JSON.stringify(applied.body)).to.equal(201);
    const foodCase = (await Case.findOne({ where: { caseNo: applied.body.caseNo as string } }))!;
    await approveFoodLicence(agent, foodCase.caseNo);
    // issued when the results are sealed
    const licence = await eventually(
      'the food licence issued to the company',
      () => ELicense.findOne({ where: { issuedByCaseId: foodCase.id, type: 'food-business-license' } }),
      90_000,
    );
    expect(licence.holderIdNo).to.equal(FURONG.creditCode);
    const outcome = await round();
    expect(outcome[POLICY]).to.deep.equal({ offered: 1, granted: 0, ineligible: 0, already: 0 });
    // the person's start-up subsidy waits for a person's licence: a company's raises nothing of it
    expect(outcome['startup-subsidy']).to.equal(undefined);

    // every account of the company sees the company's offer and was told of it
    const offer = (await offersOf(agent)).find((o) => o.policy === POLICY)!;
    expect(offer).to.include({ status: 'offered', relation: 'company', subjectName: FURONG.name, name: '小微企业开办补贴（免申即享）', caseNo: null });
    expect((await ProactiveOffer.findByPk(offer.id))!.occasion).to.equal(`licence:${licence.id}`);
    expect((await offersOf(representative, 'en')).find((o) => o.id === offer.id)).to.include({
      name: 'Start-up grant for a small enterprise (proactive)',
      relation: 'company',
    });
    for (const username of [agent, representative]) {
      const told = await api()
        .get('/api/v1/notifications')
        .set(await auth(username));
      expect(told.status).to.equal(200);
      const texts = (told.body.notifications as { kind: string; text: string }[]).filter((n) => n.kind === 'proactive_offer').map((n) => n.text);
      expect(
        texts.some((t) => t.includes('贵企业') && t.includes('小微企业开办补贴')),
        JSON.stringify(texts),
      ).to.equal(true);
    }

    // another company's account, and a person, see nothing of it and can answer nothing
    expect((await offersOf(otherCompany)).map((o) => o.id)).not.to.include(offer.id);
    expect((await offersOf('applicant')).map((o) => o.id)).not.to.include(offer.id);
    for (const [who, what] of [
      [otherCompany, 'accept'],
      [otherCompany, 'decline'],
      ['applicant', 'accept'],
    ] as const) {
      const res = await answer(who, offer.id, what, { phone: '13900139001' });
      expect(res.status, `${who} ${what}`).to.equal(404);
      expect(res.body.error.code).to.equal('offer_not_found');
    }

    // an agent whose authorisation no longer covers applying may not take it up for the company
    const agentUser = (await User.findOne({ where: { username: agent } }))!;
    const link = (await IdentityLink.findOne({ where: { userId: agentUser.id } }))!;
    const acting = link.acting!;
    await link.update({ acting: { ...acting, authorization: { ...acting.authorization!, scope: ['pay'] } } });
    try {
      const refused = await answer(agent, offer.id, 'accept', { phone: '13700137002' });
      expect(refused.status).to.equal(403);
      expect(refused.body.error.code).to.equal('authorization_insufficient');
      expect(refused.body.error.message).to.contain('王五').and.contain(FURONG.name);
    } finally {
      await link.update({ acting });
    }

    // a company's account has no phone of its own: the case's contact is asked for, in words
    const noPhone = await api()
      .post(`/api/v1/proactive/offers/${offer.id}/accept`)
      .set('Accept-Language', 'en')
      .set(await auth(agent));
    expect(noPhone.status).to.equal(422);
    expect(JSON.stringify(noPhone.body.error)).to.contain('mobile number of the contact');
    const badPhone = await answer(agent, offer.id, 'accept', { phone: '12345' });
    expect(badPhone.status).to.equal(422);
    expect((await ProactiveOffer.findByPk(offer.id))!.status, 'nothing half-written').to.equal('offered');

    // the agent and the legal representative at the same moment: one case, the other told it is settled
    const both = await Promise.all([
      answer(agent, offer.id, 'accept', { phone: '13700137002' }),
      answer(representative, offer.id, 'accept', { phone: '13600136003' }),
    ]);
    expect(both.map((r) => r.status).sort(), JSON.stringify(both.map((r) => r.body))).to.deep.equal([200, 409]);
    const taken = both.find((r) => r.status === 200)!;
    const taker = taken === both[0] ? agent : representative;
    const caseNo = taken.body.caseNo as string;

    // the case: the company's, on the channel proactive, decided by 秒批 on the 法人库 record, paid to the company's account
    const done = await waitForStatus(taker, caseNo, 'delivered', 60_000);
    expect(done).to.include({ channel: 'proactive', decision: 'approved' });
    expect(done.applicant).to.include({ name: FURONG.name, idType: 'credit_code' });
    expect(done.form).to.include({ companyName: FURONG.name, creditCode: FURONG.creditCode, legalRepresentative: '赵六', businessKind: 'catering' });
    expect(done.instantApproval).to.deep.include({ outcome: 'approve', rules: ['rule_8'] });
    const timeline = done.timeline as { type: string; detail: Record<string, unknown> }[];
    const submitted = timeline.find((e) => e.type === 'case.submitted')!;
    expect(submitted.detail).to.include({ channel: 'proactive' });
    expect(submitted.detail.actingFor).to.deep.include({ company: FURONG.name, as: taker === agent ? 'agent' : 'legal_representative' });
    const paid = timeline.find((e) => e.type === 'payout.paid');
    expect(paid?.detail).to.include({ amountFen: 1_000_000, purpose: '小微企业开办补贴', transferNo: `${caseNo}-PAYOUT` });
    const transfers = testEnv()
      .payments.control.transfers()
      .filter((t) => t.transferNo === `${caseNo}-PAYOUT`);
    expect(transfers.map((t) => [t.payeeIdNo, t.payeeName, t.amountFen])).to.deep.equal([[FURONG.creditCode, FURONG.name, 1_000_000]]);

    // the other account of the company reads the offer taken up and its case; the taking-up is audited with who acted
    const other = taker === agent ? representative : agent;
    expect((await offersOf(other)).find((o) => o.id === offer.id)).to.include({ status: 'accepted', caseNo });
    const late = await answer(other, offer.id, 'accept', { phone: '13600136003' });
    expect(late.status).to.equal(409);
    expect(late.body.error.message, 'who took it up, and its case')
      .to.contain(taker === agent ? '王五' : '赵六')
      .and.contain(caseNo);
    expect((await getCase(other, caseNo)).status).to.equal(200);
    const audited = await AuditEvent.findOne({ where: { action: 'proactive.accepted', target: `case:${caseNo}` } });
    expect(audited?.actor).to.equal(taker);
    expect(detailOf(audited)).to.deep.include({ policy: POLICY, offerId: offer.id });
    expect(detailOf(audited).actingFor).to.deep.include({ company: FURONG.name });

    // once a company: its next licence (a second restaurant) raises nothing, its rule not asked again
    await licenceIssuedTo(FURONG);
    expect((await round())[POLICY]).to.deep.equal({ offered: 0, granted: 0, ineligible: 0, already: 1 });
    expect(await ProactiveOffer.count({ where: { policyCode: POLICY, recipientHash: lookupHash(FURONG.creditCode) } })).to.equal(1);
  });

  it('raises nothing for a company the 法人库 records as 注销 or for a 个体工商户, and records a company’s refusal, which stands', async () => {
    const deregistered = testEnv()
      .registries.control.all()
      .companies.find((c) => c.status === 'deregistered');
    expect(deregistered, 'the sandbox 法人库 holds a deregistered company').to.not.equal(undefined);
    await licenceIssuedTo(deregistered!);
    await licenceIssuedTo(ZHOUBA_SHOP);
    expect((await round())[POLICY]).to.deep.equal({ offered: 0, granted: 0, ineligible: 2, already: 0 });
    for (const c of [deregistered!, ZHOUBA_SHOP]) {
      expect(await ProactiveOffer.count({ where: { recipientHash: lookupHash(c.creditCode) } }), c.name).to.equal(0);
    }

    // 天心便民超市's legal representative does not want it: refused with a reason, audited with who acted
    const representative = await signInForCompany('np-lisi', TIANXIN.key);
    await licenceIssuedTo(TIANXIN);
    expect((await round())[POLICY]).to.deep.include({ offered: 1 });
    const offer = (await offersOf(representative)).find((o) => o.policy === POLICY)!;
    const declined = await answer(representative, offer.id, 'decline', { reason: '本店为便利超市，不经营餐饮' });
    expect(declined.status, JSON.stringify(declined.body)).to.equal(200);
    expect((await offersOf(representative)).find((o) => o.id === offer.id)).to.include({
      status: 'declined',
      reason: '本店为便利超市，不经营餐饮',
      caseNo: null,
    });
    const audited = await AuditEvent.findOne({ where: { action: 'proactive.declined', target: `offer:${offer.id}` } });
    expect(detailOf(audited).actingFor).to.deep.include({ company: TIANXIN.name, by: '李四', as: 'legal_representative' });
    expect((await answer(representative, offer.id, 'accept', { phone: '13900139001' })).status).to.equal(409);
    // the refusal stands: the company's next licence asks nothing again (it can still apply for the item itself)
    await licenceIssuedTo(TIANXIN);
    expect((await round())[POLICY]).to.deep.equal({ offered: 0, granted: 0, ineligible: 0, already: 1 });

    const report = await api()
      .get('/api/v1/proactive/policies')
      .set(await auth('admin'));
    const policy = (report.body.policies as { code: string; recipients: string; oncePer: string; offers: Record<string, number> }[]).find(
      (p) => p.code === POLICY,
    )!;
    expect(policy).to.include({ recipients: 'company', oncePer: 'recipient' });
    expect(policy.offers).to.include({ accepted: 1, declined: 1 });
  });
});
