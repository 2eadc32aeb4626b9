import { expect } from 'chai';
import { api, applicant, auth, getCase, waitForStatus } from '../support/api.ts';
import { testEnv } from '../support/environment.ts';
import type { Offer } from '../support/offers.ts';
import { registerChildOf, uncachedSharedData } from '../support/registries.ts';
import { ProactiveFeed, ProactiveOffer } from '../../server/proactive/proactive-offer.model.ts';
import { ageOn } from '../../server/instant-approval/index.ts';
import { issueLicenseOnce } from '../../server/e-licenses/index.ts';
import { Case } from '../../server/cases/case.model.ts';

/**
 * 免申即享 on the real engine and the sandbox registries: a birth registered in the 人口库 raises the
 * policies waiting for one — 新生儿参保登记 offered to the parents (张三 accepts it with one click),
 * 育儿补贴 granted directly to the parent the platform can reach (paid through the payment
 * sandbox's transfer); a second birth's offer refused with a reason; each on the channel "proactive".
 */

const ZHANGSAN = applicant().idNo;

async function round(): Promise<Record<string, { offered: number; granted: number; ineligible: number; already: number }>> {
  const res = await api()
    .post('/api/v1/proactive/rounds')
    .set(await auth('admin'));
  expect(res.status, JSON.stringify(res.body)).to.equal(200);
  return res.body.outcome;
}

async function offers(language = 'zh-CN'): Promise<Offer[]> {
  const res = await api()
    .get('/api/v1/proactive/offers')
    .set('Accept-Language', language)
    .set(await auth('applicant'));
  expect(res.status, JSON.stringify(res.body)).to.equal(200);
  return res.body.offers;
}

const birth = (name: string, daysAgo: number) => registerChildOf(ZHANGSAN, name, 'male', daysAgo);

describe('免申即享 (proactive services): policies over the registries’ events', () => {
  before(async () => {
    // the feed's first round starts at its end: what happened before the policies went live raises nothing;
    // a round run by an earlier file of the lane reads the licences issued since — what that raised for
    // 张三 is set aside (the start-up subsidy is once a life)
    await round();
    await ProactiveOffer.destroy({ where: { policyCode: 'startup-subsidy' } });
  });

  it('offers 新生儿参保登记 to the parents and grants 育儿补贴 at once, paid to the parent’s account, after a birth registration', async () => {
    await birth('张小禾', 5);
    const outcome = await round();
    expect(outcome['newborn-medical-insurance']).to.deep.equal({ offered: 2, granted: 0, ineligible: 0, already: 0 });
    // the mother has no account here: the subsidy goes to the parent the platform can reach
    expect(outcome['childcare-subsidy']).to.deep.equal({ offered: 1, granted: 1, ineligible: 0, already: 0 });
    expect(await round(), 'a birth raises its policies once').to.deep.equal({});

    const mine = (await offers()).filter((o) => o.subjectName === '张小禾');
    const insurance = mine.find((o) => o.policy === 'newborn-medical-insurance')!;
    expect(insurance).to.include({ status: 'offered', relation: 'father', name: '新生儿参保登记（免申即享）', caseNo: null });
    const subsidy = mine.find((o) => o.policy === 'childcare-subsidy')!;
    expect(subsidy.status).to.equal('granted');

    // the subsidy's case: opened in 张三's name on the channel proactive, decided by 秒批, paid
    const granted = await waitForStatus('applicant', subsidy.caseNo!, 'delivered');
    expect(granted.channel).to.equal('proactive');
    expect(granted.decision).to.equal('approved');
    expect(granted.form).to.include({ childName: '张小禾', relation: 'father' });
    const paid = (granted.timeline as { type: string; detail: Record<string, unknown> }[]).find((e) => e.type === 'payout.paid');
    expect(paid?.detail).to.include({ amountFen: 360000, purpose: '育儿补贴', transferNo: `${subsidy.caseNo}-PAYOUT` });
    const transfers = testEnv()
      .payments.control.transfers()
      .filter((t) => t.transferNo === `${subsidy.caseNo}-PAYOUT`);
    expect(transfers.map((t) => [t.payeeIdNo, t.payeeName, t.amountFen])).to.deep.equal([[ZHANGSAN, '张三', 360000]]);

    // 一键领取: the insurance opens in 张三's name, the registries standing in for the materials
    // two clicks at the same moment (two tabs): one case, the other told the offer is settled
    const accept = async () =>
      api()
        .post(`/api/v1/proactive/offers/${insurance.id}/accept`)
        .set(await auth('applicant'));
    const both = await Promise.all([accept(), accept()]);
    expect(both.map((r) => r.status).sort(), JSON.stringify(both.map((r) => r.body))).to.deep.equal([200, 409]);
    const accepted = both.find((r) => r.status === 200)!;
    expect(both.find((r) => r.status === 409)!.body.error.code).to.equal('offer_settled');
    const caseNo = accepted.body.caseNo as string;
    const again = await accept();
    expect(again.status).to.equal(409);
    // approved by its 秒批 table at once; the first year's contribution is paid online, then it is delivered
    await waitForStatus('applicant', caseNo, 'awaiting_payment');
    const due = await api()
      .get(`/api/v1/cases/${caseNo}/payment`)
      .set(await auth('applicant'));
    expect(due.body).to.include({ required: true, status: 'unpaid' });
    testEnv().payments.control.pay(due.body.orderNo as string);
    const done = await waitForStatus('applicant', caseNo, 'delivered');
    expect(done.channel).to.equal('proactive');
    expect(done.decision).to.equal('approved');
    expect(done.commitments.map((c: { kind: string; materialCode: string }) => [c.kind, c.materialCode])).to.deep.equal([
      ['shared', 'birth-medical-certificate'],
      ['shared', 'household-register'],
      ['shared', 'parents-id-card'],
    ]);
    expect(done.instantApproval).to.deep.include({ outcome: 'approve', rules: ['rule_7'] });
    expect((await offers()).find((o) => o.id === insurance.id)).to.include({ status: 'accepted', caseNo });
  });

  it('records a refusal with its reason, and refuses what is not the person’s or is settled', async () => {
    await birth('张小川', 2);
    await round();
    const offer = (await offers('en')).find((o) => o.subjectName === '张小川' && o.policy === 'newborn-medical-insurance')!;
    expect(offer.name).to.equal('Newborn health insurance (proactive)');
    const tooLong = await api()
      .post(`/api/v1/proactive/offers/${offer.id}/decline`)
      .set(await auth('applicant'))
      .send({ reason: '长'.repeat(201) });
    expect(tooLong.status).to.equal(422);
    const someoneElse = await api()
      .post(`/api/v1/proactive/offers/${offer.id}/accept`)
      .set(await auth('reviewer'));
    expect(someoneElse.status, 'staff take up no offer').to.equal(403);
    const declined = await api()
      .post(`/api/v1/proactive/offers/${offer.id}/decline`)
      .set(await auth('applicant'))
      .send({ reason: '已在单位为孩子参保' });
    expect(declined.status, JSON.stringify(declined.body)).to.equal(200);
    expect((await offers()).find((o) => o.id === offer.id)).to.include({ status: 'declined', reason: '已在单位为孩子参保', caseNo: null });
    const late = await api()
      .post(`/api/v1/proactive/offers/${offer.id}/accept`)
      .set(await auth('applicant'));
    expect(late.status).to.equal(409);
    const missing = await api()
      .post('/api/v1/proactive/offers/999999/accept')
      .set(await auth('applicant'));
    expect(missing.status).to.equal(404);

    const report = await api()
      .get('/api/v1/proactive/policies')
      .set(await auth('admin'));
    expect(report.status).to.equal(200);
    const insurance = report.body.policies.find((p: { code: string }) => p.code === 'newborn-medical-insurance');
    expect(insurance.offers.declined).to.be.at.least(1);
    expect(insurance.offers.accepted).to.be.at.least(1);
    expect(
      (await getCase('applicant', (await offers()).find((o) => o.policy === 'childcare-subsidy' && o.subjectName === '张小川')!.caseNo!)).body.channel,
    ).to.equal('proactive');
  });

  it('offers 高龄津贴 to the people who turned 80 since the last sweep of birthdays, once each', async () => {
    // the sweep last ran a month ago (a stopped server): this round catches the days up
    const monthAgo = new Date(Date.now() - 31 * 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 10);
    await ProactiveFeed.upsert({ name: 'birthdays:elderly-allowance', position: monthAgo, updatedAt: new Date() });
    const since = new Date();
    const outcome = await round();
    const raised = outcome['elderly-allowance']!;
    // the sandbox registries hold people who just turned 80; none of them has an account here: offers, not grants
    expect(raised.offered, JSON.stringify(outcome)).to.be.at.least(1);
    expect(raised.granted).to.equal(0);
    // (the first round, before these tests, swept today already: anyone turning 80 today was offered then)
    const offers = (await ProactiveOffer.findAll({ where: { policyCode: 'elderly-allowance' } })).filter((o) => o.createdAt >= since);
    expect(offers).to.have.length(raised.offered);
    const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    for (const o of offers) {
      const person = await uncachedSharedData().lookupPerson(o.subjectIdNo, { actor: 'system:test', purpose: '测试：核对高龄津贴对象' });
      expect(ageOn(person!.birthDate, today).years, o.subjectName).to.equal(80);
      expect(o.occasion).to.equal(`80@${person!.birthDate}`);
      expect(o).to.include({ status: 'offered', recipientRelation: 'self', recipientName: person!.name });
    }
    expect((await ProactiveFeed.findByPk('birthdays:elderly-allowance'))!.position).to.equal(today);
    expect((await round())['elderly-allowance'], 'each birthday raises its offer once').to.equal(undefined);
  });

  it('offers the 一次性创业补贴 to a founder once the platform issues their 食品经营许可证, pays it when taken up, and once a life', async () => {
    const issuer = (await Case.findOne({ order: [['id', 'DESC']] }))!;
    const foodLicence = (businessName: string, serial: number) =>
      Case.sequelize!.transaction((transaction) =>
        issueLicenseOnce(
          {
            type: 'food-business-license',
            number: `JY2430102${String(Date.now()).slice(-6)}${serial}`,
            name: '食品经营许可证',
            holderIdNo: ZHANGSAN,
            holderName: '张三',
            data: { businessName },
            validFrom: new Date(),
            validUntil: new Date(Date.now() + 5 * 365 * 86_400_000),
            issuedByCaseId: issuer.id,
          },
          transaction,
        ),
      );
    const licence = await foodLicence('张三小吃店', 1);
    const outcome = await round();
    expect(outcome['startup-subsidy']).to.deep.equal({ offered: 1, granted: 0, ineligible: 0, already: 0 });
    const offer = (await offers()).find((o) => o.policy === 'startup-subsidy')!;
    expect(offer).to.include({ status: 'offered', subjectName: '张三', relation: 'self' });
    expect((await ProactiveOffer.findByPk(offer.id))!.occasion).to.equal(`licence:${licence.id}`);
    const accepted = await api()
      .post(`/api/v1/proactive/offers/${offer.id}/accept`)
      .set(await auth('applicant'));
    expect(accepted.status, JSON.stringify(accepted.body)).to.equal(200);
    const done = await waitForStatus('applicant', accepted.body.caseNo, 'delivered');
    expect(done).to.include({ channel: 'proactive', decision: 'approved' });
    expect(done.form).to.include({ founderName: '张三', businessKind: 'catering' });
    const paid = (done.timeline as { type: string; detail: Record<string, unknown> }[]).find((e) => e.type === 'payout.paid');
    expect(paid?.detail).to.include({ amountFen: 500000, purpose: '一次性创业补贴' });
    expect((await round())['startup-subsidy'], 'a licence raises its offer once').to.equal(undefined);
    // a second restaurant: one start-up subsidy a life — nothing raised, the rule not asked again
    await foodLicence('张三小吃二店', 2);
    expect((await round())['startup-subsidy']).to.deep.equal({ offered: 0, granted: 0, ineligible: 0, already: 1 });
    expect((await offers()).filter((o) => o.policy === 'startup-subsidy')).to.have.length(1);
  });
});
