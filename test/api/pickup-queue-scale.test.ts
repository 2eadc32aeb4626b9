import { expect } from 'chai';
import { Op } from 'sequelize';
import { api, auth, ITEM, validForm } from '../support/api.ts';
import { Case } from '../../server/cases/case.model.ts';
import { Delivery } from '../../server/deliveries/delivery.model.ts';
import { User } from '../../server/auth/user.model.ts';

/** more than the 1,000 rows the queue once read before it kept the hall's */
const DISTRICT_WAITING = 1_001;
const PREFIX = 'PQSCALE';

async function queue(username: string, query: Record<string, string> = {}) {
  return api()
    .get('/api/v1/deliveries/pickups')
    .query(query)
    .set(await auth(username));
}

/** Waiting pickups written straight into the tables (the engine would take minutes for a thousand), oldest first. */
async function waitingPickups(region: string, from: number, count: number, submittedBy: number, since: Date) {
  const cases = await Case.bulkCreate(
    Array.from({ length: count }, (_, i) => ({
      caseNo: `${PREFIX}${region}${String(from + i).padStart(5, '0')}`,
      kind: 'item' as const,
      itemCode: ITEM,
      itemVersion: 1,
      departmentCode: 'samr',
      regionCode: region,
      receivedRegionCode: region,
      channel: 'window' as const,
      status: 'delivering' as const,
      applicantName: `取件人${from + i}`,
      applicantIdType: 'resident_id',
      applicantIdNo: '430102199003071234',
      applicantPhone: '13800138000',
      form: validForm(),
      submittedBy,
    })),
  );
  await Delivery.bulkCreate(
    cases.map((c, i) => ({
      caseId: c.id,
      method: 'pickup' as const,
      status: 'preparing' as const,
      shipmentNo: `DLV-${c.caseNo}`,
      pickupCode: '123456',
      documents: [],
      events: [],
      createdAt: new Date(since.getTime() + i),
    })),
  );
  return cases.map((c) => c.caseNo);
}

describe('统一出件 at scale: a hall finds its pickups however many wait in the city', function () {
  this.timeout(120_000);
  let district: string[];
  let cityCase: string;

  before(async () => {
    await auth('clerk');
    const clerk = (await User.findOne({ where: { username: 'clerk' } }))!;
    const since = new Date(Date.now() - 86_400_000);
    // a district's thousand waiting results first (lower ids, longer waiting), then one of the city's hall
    district = await waitingPickups('430104', 0, DISTRICT_WAITING, clerk.id, since);
    [cityCase] = (await waitingPickups('430100', DISTRICT_WAITING, 1, clerk.id, new Date())) as [string];
  });

  after(async () => {
    const ids = (await Case.findAll({ attributes: ['id'], where: { caseNo: { [Op.like]: `${PREFIX}%` } } })).map((c) => c.id);
    await Delivery.destroy({ where: { caseId: { [Op.in]: ids } } });
    await Case.destroy({ where: { id: { [Op.in]: ids } } });
  });

  it("finds the city hall's pickup behind a district's thousand, and none of the district's", async () => {
    const found = await queue('clerk', { q: cityCase.toLowerCase() });
    expect(found.status, JSON.stringify(found.body)).to.equal(200);
    expect(found.body.pickups.map((p: { caseNo: string }) => p.caseNo)).to.deep.equal([cityCase]);
    expect(found.body).to.include({ total: 1, limit: 20, offset: 0 });
    const all = await queue('clerk', { limit: '100' });
    const shown = all.body.pickups.map((p: { caseNo: string }) => p.caseNo) as string[];
    expect(
      shown.filter((no) => no.startsWith(`${PREFIX}430104`)),
      "the district's stay at the district's hall",
    ).to.deep.equal([]);
    expect(all.body.total).to.be.lessThan(DISTRICT_WAITING);
  });

  it("pages through the district's queue in order, the longest waiting first, and searches it by the applicant's name", async () => {
    const first = await queue('clerk-yuelu', { q: PREFIX, limit: '100' });
    expect(first.body.total).to.equal(DISTRICT_WAITING);
    expect(first.body.pickups.map((p: { caseNo: string }) => p.caseNo)).to.deep.equal(district.slice(0, 100));
    const last = await queue('clerk-yuelu', { q: PREFIX, limit: '100', offset: '1000' });
    expect(last.body.pickups.map((p: { caseNo: string }) => p.caseNo)).to.deep.equal([district[1000]]);
    const byName = await queue('clerk-yuelu', { q: '取件人1000' });
    expect(byName.body.pickups.map((p: { applicantName: string }) => p.applicantName)).to.deep.equal(['取件人1000']);
    // the search's own % is a character like any other, not a wildcard
    expect((await queue('clerk-yuelu', { q: '%' })).body.total).to.equal(0);
  });

  it('refuses a page out of range in words, and changes nothing', async () => {
    const bad = await queue('clerk', { limit: '1000' });
    expect(bad.status).to.equal(422);
    expect(bad.body.error.details[0]).to.include({ field: 'query.limit', message: 'limit：须为1到100之间的整数' });
  });
});
