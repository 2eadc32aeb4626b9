import { expect } from 'chai';
import { QueryTypes } from 'sequelize';
import { api, auth, waitForStatus } from '../support/api.ts';
import { approvedCase, eventually } from '../support/delivery.ts';
import { testEnv } from '../support/environment.ts';
import { projection } from '../../server/supervision/index.ts';
import { shanghaiDay } from '../../server/calendar/index.ts';

/**
 * 好差评分析 (GET /supervision/ratings) on the real engine: rated cases go through the platform,
 * and the levels and reasons the dashboard shows agree with the indicators (the levels add up to
 * the 好评率's denominator, the bad ones to 差评数) and with a count made straight over the ratings;
 * a leader sees their department only, in words of their language; bad queries are 4xx.
 */

type Analysis = {
  ratings: number;
  bad: number;
  levels: { level: number; label: string; bad: boolean; count: number }[];
  reasons: { code: string; label: string; count: number }[];
  scope: { departmentCode: string | null };
};

const today = () => shanghaiDay(new Date());

async function analysis(user: string, query: Record<string, string> = {}, language = 'zh-CN') {
  return api()
    .get('/api/v1/supervision/ratings')
    .query({ from: today(), to: today(), ...query })
    .set(await auth(user))
    .set('Accept-Language', language);
}

/** Today's latest ratings of applications, counted straight over case_ratings: by level, and the bad ones by reason. */
async function directCounts() {
  const { sequelize } = testEnv().server.ctx;
  const start = new Date(`${today()}T00:00:00+08:00`);
  const end = new Date(start.getTime() + 86_400_000);
  const rows = await sequelize.query<{ level: number | string; reasons: unknown }>(
    `SELECT r.level, r.reasons FROM case_ratings r JOIN cases c ON c.id = r.case_id
      WHERE c.parent_case_id IS NULL AND r.created_at >= :start AND r.created_at < :end
        AND r.id = (SELECT MAX(x.id) FROM case_ratings x WHERE x.case_id = r.case_id)`,
    { replacements: { start, end }, type: QueryTypes.SELECT },
  );
  const levels: Record<number, number> = {};
  const reasons: Record<string, number> = {};
  for (const r of rows) {
    levels[Number(r.level)] = (levels[Number(r.level)] ?? 0) + 1;
    if (Number(r.level) > 2) continue;
    const named = (typeof r.reasons === 'string' ? JSON.parse(r.reasons) : r.reasons) as string[];
    for (const code of named) reasons[code] = (reasons[code] ?? 0) + 1;
  }
  return { levels, reasons };
}

type Rated = {
  total: number;
  cases: { caseNo: string; level: number; levelLabel: string; reasons: { code: string; label: string }[]; comment: string | null }[];
};

async function ratedCases(user: string, query: Record<string, string>) {
  return api()
    .get('/api/v1/supervision/ratings/cases')
    .query({ from: today(), to: today(), pageSize: '200', ...query })
    .set(await auth(user));
}

describe('好差评分析: the ratings by level and the reasons of the bad ones (server/supervision)', function () {
  this.timeout(240_000);
  let bad: string;
  let good: string;

  before(async () => {
    bad = await approvedCase();
    good = await approvedCase();
    for (const caseNo of [bad, good]) await waitForStatus('applicant', caseNo, 'delivered');
    const rate = async (caseNo: string, body: object) => {
      const res = await api()
        .post(`/api/v1/cases/${caseNo}/rating`)
        .set(await auth('applicant'))
        .send(body);
      expect(res.status, JSON.stringify(res.body)).to.equal(201);
    };
    await rate(bad, { level: 1, reasons: ['slow', 'attitude'], comment: '等了很久' });
    await rate(good, { level: 5 });
  });

  it('agrees with the indicators and with a count made straight over the ratings', async () => {
    const live = projection(testEnv().server.ctx);
    let last: unknown;
    const body = await eventually(
      'the analysis to agree with the indicators and the ratings',
      async () => {
        await live.round();
        const [res, figures, direct] = await Promise.all([
          analysis('supervisor'),
          api()
            .get('/api/v1/supervision/indicators')
            .query({ from: today(), to: today() })
            .set(await auth('supervisor')),
          directCounts(),
        ]);
        expect(res.status, JSON.stringify(res.body)).to.equal(200);
        const a = res.body as Analysis;
        const counts = figures.body.totals.counts as Record<string, number>;
        last = { analysis: a, counts, direct };
        const levelsAgree = a.levels.every((l) => l.count === (direct.levels[l.level] ?? 0));
        const reasonsAgree = a.reasons.every((r) => r.count === (direct.reasons[r.code] ?? 0));
        return levelsAgree && reasonsAgree && a.ratings === counts.ratings && a.bad === counts.bad && a;
      },
      60_000,
      { last: () => last },
    );
    expect(body.levels.map((l) => l.level)).to.deep.equal([1, 2, 3, 4, 5]);
    expect(body.levels.filter((l) => l.bad).map((l) => l.level)).to.deep.equal([1, 2]);
    expect(body.levels.find((l) => l.level === 1)!.count).to.be.at.least(1);
    expect(body.levels.find((l) => l.level === 5)!.count).to.be.at.least(1);
    expect(body.reasons.find((r) => r.code === 'slow')).to.include({ label: '办理时间过长' });
    expect(body.reasons.find((r) => r.code === 'attitude')!.count).to.be.at.least(1);
    expect(body.bad).to.equal(body.levels[0]!.count + body.levels[1]!.count);
  });

  it("shows a leader their department's ratings in their language, and refuses what is outside their scope", async () => {
    const all = (await analysis('supervisor', { department: 'samr' })).body as Analysis;
    const mine = await analysis('leader', {}, 'en');
    expect(mine.status, JSON.stringify(mine.body)).to.equal(200);
    const body = mine.body as Analysis;
    expect(body.scope.departmentCode).to.equal('samr');
    expect(body.ratings).to.equal(all.ratings);
    expect(body.levels.find((l) => l.level === 5)).to.include({ label: 'Very satisfied' });
    expect(body.reasons.find((r) => r.code === 'slow')).to.include({ label: 'It took too long' });
    // the fire brigade's leader sees none of the market regulator's ratings
    const fire = (await analysis('leader2')).body as Analysis;
    expect(fire.scope.departmentCode).to.equal('fire');
    const fireDirect = (await analysis('supervisor', { department: 'fire' })).body as Analysis;
    expect(fire.ratings).to.equal(fireDirect.ratings);
    expect((await analysis('leader', { department: 'fire' })).status).to.equal(403);
    expect((await analysis('reviewer')).status).to.equal(403);
    expect((await analysis('applicant')).status).to.equal(403);
  });

  it("drills down from a level's or a reason's count to its rated cases", async () => {
    const body = (await analysis('supervisor')).body as Analysis;
    const one = await ratedCases('supervisor', { level: '1' });
    expect(one.status, JSON.stringify(one.body)).to.equal(200);
    const ones = one.body as Rated;
    expect(ones.total).to.equal(body.levels[0]!.count);
    const badCase = ones.cases.find((c) => c.caseNo === bad)!;
    expect(badCase, JSON.stringify(ones)).to.not.equal(undefined);
    expect(badCase).to.include({ level: 1, levelLabel: '非常不满意', comment: '等了很久' });
    expect(badCase.reasons.map((r) => r.label)).to.deep.equal(['办理时间过长', '服务态度差']);
    expect(ones.cases.map((c) => c.caseNo)).not.to.include(good);
    const fives = (await ratedCases('supervisor', { level: '5' })).body as Rated;
    expect(fives.total).to.equal(body.levels[4]!.count);
    expect(fives.cases.map((c) => c.caseNo)).to.include(good);
    for (const reason of body.reasons) {
      const named = (await ratedCases('supervisor', { reason: reason.code })).body as Rated;
      expect(named.total, reason.code).to.equal(reason.count);
      expect(named.cases.every((c) => c.level <= 2 && c.reasons.some((r) => r.code === reason.code))).to.equal(true);
    }
    expect(((await ratedCases('supervisor', { reason: 'slow' })).body as Rated).cases.map((c) => c.caseNo)).to.include(bad);
    expect(((await ratedCases('supervisor', { reason: 'system' })).body as Rated).cases.map((c) => c.caseNo)).not.to.include(bad);
    // a leader's list is their department's: the fire brigade's leader does not see the market regulator's case
    expect(((await ratedCases('leader2', { level: '1' })).body as Rated).cases.map((c) => c.caseNo)).not.to.include(bad);
    expect(((await ratedCases('leader', { level: '1' })).body as Rated).cases.map((c) => c.caseNo)).to.include(bad);
  });

  it('answers a bad period or filter with a 422 naming the field', async () => {
    for (const [query, field] of [
      [{ from: '2026-02-30' }, 'query.from'],
      [{ from: '2026-12-31', to: '2026-01-01' }, 'query.from'],
      [{ channel: 'pigeon' }, 'query.channel'],
    ] as const) {
      const res = await analysis('supervisor', query);
      expect(res.status, JSON.stringify(query)).to.equal(422);
      expect(res.body.error.details.map((d: { field: string }) => d.field)).to.include(field);
    }
    for (const [query, field] of [
      [{ level: '6' }, 'query.level'],
      [{ reason: 'pigeon' }, 'query.reason'],
      [{ level: '1', from: '2026-02-30' }, 'query.from'],
    ] as const) {
      const res = await ratedCases('supervisor', query);
      expect(res.status, JSON.stringify(query)).to.equal(422);
      expect(res.body.error.details.map((d: { field: string }) => d.field)).to.include(field);
    }
  });
});
