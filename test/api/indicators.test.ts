// test-plan: every-profile — the supervision projection's upserts and rebuild are written per database
import { expect } from 'chai';
import { QueryTypes } from 'sequelize';
import { api, applicant, auth, completeMaterials, decide, ITEM, submit, validForm, waitForStatus } from '../support/api.ts';
import { approvedCase, deliveryOf, eventually, handOver } from '../support/delivery.ts';
import { testEnv } from '../support/environment.ts';
import { projection, rebuildIndicators } from '../../server/supervision/index.ts';
import { shanghaiDay } from '../../server/calendar/index.ts';

/**
 * 监管指标 on the real engine: cases of several kinds go through the platform, the read model
 * follows their events, and every figure agrees with a count made straight over the cases' own
 * tables; a figure drills down to its cases; leaders see their department only; a rebuild gives
 * the same figures; exports and bad queries.
 */

type Figures = {
  totals: { counts: Record<string, number>; indicators: { code: string; value: number | null; numerator: number }[] };
  groups: { key: string; counts: Record<string, number> }[];
};

const today = () => shanghaiDay(new Date());

async function figures(user: string, query: Record<string, string> = {}, language = 'zh-CN') {
  return api()
    .get('/api/v1/supervision/indicators')
    .query({ from: today(), to: today(), ...query })
    .set(await auth(user))
    .set('Accept-Language', language);
}

async function drill(user: string, query: Record<string, string>) {
  const res = await api()
    .get('/api/v1/supervision/cases')
    .query({ from: today(), to: today(), pageSize: '200', ...query })
    .set(await auth(user));
  expect(res.status, JSON.stringify(res.body)).to.equal(200);
  return (res.body.cases as { caseNo: string; visits: number }[]).map((c) => c.caseNo);
}

/** The same counters counted straight over the cases' tables (not the read model), for today (Asia/Shanghai). */
async function directCounts(): Promise<Record<string, number>> {
  const { sequelize } = testEnv().server.ctx;
  const start = new Date(`${today()}T00:00:00+08:00`);
  const end = new Date(start.getTime() + 86_400_000);
  const count = async (sql: string) =>
    Number(((await sequelize.query<{ n: number | string }>(sql, { replacements: { start, end }, type: QueryTypes.SELECT })) as [{ n: number | string }])[0].n);
  const top = `parent_case_id IS NULL AND created_at >= :start AND created_at < :end`;
  const closed = `parent_case_id IS NULL AND decision IS NOT NULL AND finished_at >= :start AND finished_at < :end`;
  return {
    applications: await count(`SELECT COUNT(*) AS n FROM cases WHERE ${top}`),
    online_applications: await count(`SELECT COUNT(*) AS n FROM cases WHERE ${top} AND channel IN ('web', 'mobile')`),
    accepted: await count(`SELECT COUNT(*) AS n FROM cases WHERE ${top} AND accepted_at IS NOT NULL`),
    not_accepted: await count(`SELECT COUNT(*) AS n FROM cases WHERE ${top} AND status = 'not_accepted'`),
    corrected: await count(
      `SELECT COUNT(*) AS n FROM cases c WHERE ${top} AND EXISTS (SELECT 1 FROM timeline_events e WHERE e.case_id = c.id AND e.type = 'acceptance.correction')`,
    ),
    tolerated: await count(
      `SELECT COUNT(*) AS n FROM cases c WHERE ${top} AND c.accepted_at IS NOT NULL AND EXISTS (SELECT 1 FROM commitments k WHERE k.case_id = c.id AND k.kind = 'deferral')`,
    ),
    item_cases: await count(`SELECT COUNT(*) AS n FROM cases WHERE kind = 'item' AND created_at >= :start AND created_at < :end`),
    finished: await count(`SELECT COUNT(*) AS n FROM cases WHERE ${closed}`),
    overdue: await count(`SELECT COUNT(*) AS n FROM cases WHERE ${closed} AND finished_at > statutory_due_at`),
    ratings: await count(
      `SELECT COUNT(*) AS n FROM case_ratings r JOIN cases c ON c.id = r.case_id WHERE c.parent_case_id IS NULL AND r.created_at >= :start AND r.created_at < :end`,
    ),
    bad: await count(
      `SELECT COUNT(*) AS n FROM case_ratings r JOIN cases c ON c.id = r.case_id WHERE c.parent_case_id IS NULL AND r.level <= 2 AND r.created_at >= :start AND r.created_at < :end`,
    ),
  };
}

/** The read model caught up: a round of the projection, then the figures as the dashboard reads them equal the direct count. */
async function agreeWithDirectCount(): Promise<Figures> {
  const live = projection(testEnv().server.ctx);
  let last: unknown;
  return eventually(
    'the indicators to agree with a direct count over the cases',
    async () => {
      await live.round();
      const direct = await directCounts();
      const res = await figures('supervisor');
      expect(res.status, JSON.stringify(res.body)).to.equal(200);
      const counts = (res.body as Figures).totals.counts;
      last = { direct, counts };
      return Object.entries(direct).every(([m, n]) => counts[m] === n) && (res.body as Figures);
    },
    60_000,
    { last: () => last },
  );
}

type StaffFigures = {
  totals: { counts: Record<string, number> };
  staff: { userId: number; username: string; departmentCode: string; counts: Record<string, number>; indicators: { code: string; value: number | null }[] }[];
};

async function staffFigures(user: string): Promise<StaffFigures> {
  const res = await api()
    .get('/api/v1/supervision/staff')
    .query({ from: today(), to: today() })
    .set(await auth(user));
  expect(res.status, JSON.stringify(res.body)).to.equal(200);
  return res.body as StaffFigures;
}

/** Today's tasks by person and department, counted straight over the opinions (not the read model). */
async function directStaffCounts(): Promise<Record<string, Record<string, number>>> {
  const { sequelize } = testEnv().server.ctx;
  const start = new Date(`${today()}T00:00:00+08:00`);
  const rows = await sequelize.query<Record<string, number | string | null>>(
    `SELECT user_id, COALESCE(department_code, '') AS department_code, COUNT(*) AS tasks_done,
            SUM(CASE WHEN outcome IN ('approve', 'accepted') THEN 1 ELSE 0 END) AS approvals,
            SUM(CASE WHEN outcome IN ('reject', 'not_accepted') THEN 1 ELSE 0 END) AS rejections,
            SUM(CASE WHEN outcome = 'correction' THEN 1 ELSE 0 END) AS corrections_asked,
            SUM(CASE WHEN step_due_at IS NOT NULL THEN 1 ELSE 0 END) AS tasks_timed,
            SUM(CASE WHEN step_due_at IS NOT NULL AND created_at <= step_due_at THEN 1 ELSE 0 END) AS tasks_on_time
       FROM opinions WHERE created_at >= :start AND created_at < :end GROUP BY user_id, COALESCE(department_code, '')`,
    { replacements: { start, end: new Date(start.getTime() + 86_400_000) }, type: QueryTypes.SELECT },
  );
  const measures = ['tasks_done', 'approvals', 'rejections', 'corrections_asked', 'tasks_timed', 'tasks_on_time'];
  return Object.fromEntries(rows.map((r) => [`${r.user_id}|${r.department_code}`, Object.fromEntries(measures.map((m) => [m, Number(r[m] ?? 0)]))]));
}

/** The staff counters caught up: each person's figures of today equal the direct count. */
async function agreeWithStaffCount(): Promise<void> {
  const live = projection(testEnv().server.ctx);
  let last: unknown;
  await eventually(
    'the staff figures to agree with a direct count over the opinions',
    async () => {
      await live.round();
      const direct = await directStaffCounts();
      const read = Object.fromEntries((await staffFigures('supervisor')).staff.map((r) => [`${r.userId}|${r.departmentCode}`, r.counts]));
      last = { direct, read };
      return (
        Object.keys(direct).length > 0 &&
        Object.entries(direct).every(([k, counts]) => Object.entries(counts).every(([m, n]) => read[k]?.[m] === n)) &&
        // someone else today only for the ratings of cases they decided earlier
        Object.entries(read).every(([k, counts]) => direct[k] || !counts.tasks_done)
      );
    },
    60_000,
    { last: () => last },
  );
}

describe('监管指标: the read model of the indicators (server/supervision)', function () {
  this.timeout(240_000);
  let online: string;
  let atWindow: string;
  let corrected: string;

  before(async () => {
    // online, decided, delivered electronically: no visit
    online = await approvedCase();
    await waitForStatus('applicant', online, 'delivered');
    // at the window, picked up there: two visits
    const res = await submit('clerk', {
      itemCode: ITEM,
      channel: 'window',
      applicant: applicant(),
      form: validForm(),
      materials: await completeMaterials('clerk'),
      delivery: { method: 'pickup' },
    });
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    atWindow = res.body.caseNo as string;
    await decide('reviewer', atWindow, 'review', 'approve');
    await decide('leader', atWindow, 'decision', 'approve');
    const code = await eventually('the pickup code', async () => (await deliveryOf('applicant', atWindow)).pickup?.code as string | undefined);
    expect((await handOver('clerk', atWindow, code)).status).to.equal(200);
    await waitForStatus('applicant', atWindow, 'delivered');
    // a correction asked for: one notice of what is missing
    const [operatorId] = await completeMaterials('applicant');
    const incomplete = await submit('applicant', { itemCode: ITEM, applicant: applicant(), form: validForm(), materials: [operatorId] });
    corrected = incomplete.body.caseNo as string;
    await waitForStatus('applicant', corrected, 'correction');
    // a bad rating of the online case
    const rated = await api()
      .post(`/api/v1/cases/${online}/rating`)
      .set(await auth('applicant'))
      .send({ level: 1, reasons: ['slow'] });
    expect(rated.status, JSON.stringify(rated.body)).to.equal(201);
  });

  it('agrees with a count made straight over the cases, the timeline and the ratings', async () => {
    const body = await agreeWithDirectCount();
    expect(body.totals.counts.applications).to.be.greaterThan(2);
    const once = body.totals.indicators.find((i) => i.code === 'once_rate')!;
    expect(once.value).to.be.a('number').within(0, 1);
  });

  it('counts visits: none for the online case, two for the window case picked up at the window; drills down to the cases behind a figure', async () => {
    await agreeWithDirectCount();
    const notOnce = await drill('supervisor', { measure: 'finished', notIn: 'once' });
    expect(notOnce).to.include(atWindow);
    expect(notOnce).not.to.include(online);
    expect(await drill('supervisor', { measure: 'once' })).to.include(online);
    expect(await drill('supervisor', { measure: 'corrected' })).to.include(corrected);
    expect(await drill('supervisor', { measure: 'bad' })).to.include(online);
    expect(await drill('supervisor', { measure: 'online_applications' }))
      .to.include(online)
      .and.not.include(atWindow);
  });

  it("shows a leader their department only, groups by department for the 数据局, and refuses what is outside a leader's scope", async () => {
    await agreeWithDirectCount();
    const all = await figures('supervisor', { groupBy: 'department' });
    expect(all.status).to.equal(200);
    const samr = (all.body as Figures).groups.find((g) => g.key === 'samr')!;
    expect(samr, JSON.stringify(all.body.groups)).to.not.equal(undefined);
    expect((all.body.groups as { name: string }[]).map((g) => g.name)).to.include('市场监督管理局');
    const mine = await figures('leader');
    expect(mine.status, JSON.stringify(mine.body)).to.equal(200);
    expect(mine.body.scope).to.deep.equal({ departmentCode: 'samr', regionCode: '430100' });
    expect((mine.body as Figures).totals.counts.applications).to.equal(samr.counts.applications);
    expect((await figures('leader', { department: 'fire' })).status).to.equal(403);
    expect((await figures('reviewer')).status).to.equal(403);
    expect((await figures('applicant')).status).to.equal(403);
    const english = await figures('supervisor', { groupBy: 'channel' }, 'en');
    expect((english.body.groups as { name: string }[]).map((g) => g.name)).to.include('Service window');
  });

  it('gives 全程网办率 of the catalog: the items at 网办深度 level 4, each listed with its depth', async () => {
    const all = (await figures('supervisor')).body.onlineDepth as { items: number; fullyOnline: number; rate: number; list: { code: string; depth: number }[] };
    expect(all.items).to.be.at.least(11);
    expect(all.rate).to.equal(all.fullyOnline / all.items);
    expect(all.list.find((i) => i.code === 'SCJG-GT-001')?.depth).to.equal(4);
    const fire = (await figures('leader2')).body.onlineDepth as { items: number; list: { code: string; depth: number }[] };
    expect(fire.list.map((i) => i.code)).to.deep.equal(['XF-JC-001']);
    expect(fire.list[0]!.depth, 'a 现场检查 needs the applicant there').to.equal(3);
  });

  it('publishes the departments ranked by 好评率 to anyone (好差评 结果全公开): figures only, what the dashboards say', async () => {
    await agreeWithDirectCount();
    const board = await api().get('/api/v1/public/ratings-board');
    expect(board.status).to.equal(200);
    const rows = board.body.departments as { departmentCode: string; ratings: number; satisfaction: number; rank: number }[];
    expect(rows.length).to.be.greaterThan(0);
    expect(rows.map((r) => r.satisfaction)).to.deep.equal([...rows.map((r) => r.satisfaction)].sort((a, b) => b - a));
    expect(rows[0]!.rank).to.equal(1);
    expect(JSON.stringify(board.body), 'no case on the public board').not.to.contain(online);
    const year = await figures('supervisor', { from: board.body.period.from, to: board.body.period.to, groupBy: 'department' });
    const samr = (year.body as Figures).groups.find((g) => g.key === 'samr')!;
    expect(rows.find((r) => r.departmentCode === 'samr')?.ratings).to.equal(samr.counts.ratings);
  });

  it('answers bad queries with a 422 in words and never a 500', async () => {
    const cases: [Record<string, string>, string][] = [
      [{ from: '2026-02-30' }, 'query.from'],
      [{ from: '2026-12-31', to: '2026-01-01' }, 'query.from'],
      [{ from: '2020-01-01', to: '2026-01-01' }, 'query.from'],
      [{ groupBy: 'planet' }, 'query.groupBy'],
      [{ channel: 'pigeon' }, 'query.channel'],
      [{ region: '43' }, 'query.region'],
    ];
    for (const [query, field] of cases) {
      const res = await figures('supervisor', query);
      expect(res.status, JSON.stringify(query)).to.equal(422);
      expect(
        res.body.error.details.map((d: { field: string }) => d.field),
        JSON.stringify(res.body),
      ).to.include(field);
    }
    const noMeasure = await api()
      .get('/api/v1/supervision/cases')
      .set(await auth('supervisor'));
    expect(noMeasure.status).to.equal(422);
    expect(noMeasure.body.error.details[0].message).to.contain('指标项');
  });

  it('exports the figures by department as CSV (with a BOM for spreadsheets) and XLSX', async () => {
    const csv = await figures('supervisor', { groupBy: 'department', format: 'csv' });
    expect(csv.status).to.equal(200);
    expect(csv.headers['content-type']).to.match(/^text\/csv/);
    const text = csv.text;
    expect(text.charCodeAt(0)).to.equal(0xfeff);
    expect(text.split('\r\n')[0]).to.contain('部门').and.contain('网上申办率').and.contain('一次办率');
    expect(text).to.contain('市场监督管理局').and.contain('合计');
    const xlsx = await api()
      .get('/api/v1/supervision/indicators')
      .query({ from: today(), to: today(), groupBy: 'department', format: 'xlsx' })
      .set(await auth('supervisor'))
      .buffer(true)
      .parse((res, cb) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => cb(null, Buffer.concat(chunks)));
      });
    expect(xlsx.status).to.equal(200);
    expect((xlsx.body as Buffer).subarray(0, 2).toString('latin1')).to.equal('PK');
  });

  it('reads the same figures from the monthly counters (a whole month) as from the daily ones (the month so far)', async () => {
    await agreeWithDirectCount();
    const first = `${today().slice(0, 8)}01`;
    const [y, m] = today().split('-').map(Number) as [number, number];
    const last = new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
    const daily = await figures('supervisor', { from: first, to: today(), groupBy: 'department' });
    const monthly = await figures('supervisor', { from: first, to: last, groupBy: 'department' });
    expect(monthly.status).to.equal(200);
    expect((monthly.body as Figures).totals.counts).to.deep.equal((daily.body as Figures).totals.counts);
    expect((monthly.body as Figures).groups.map((g) => [g.key, g.counts])).to.deep.equal((daily.body as Figures).groups.map((g) => [g.key, g.counts]));
    // and by staff: staff_months as staff_counts
    await agreeWithStaffCount();
    const staffOf = async (to: string) =>
      (
        (
          await api()
            .get('/api/v1/supervision/staff')
            .query({ from: first, to })
            .set(await auth('supervisor'))
        ).body as StaffFigures
      ).staff.map((r) => [r.userId, r.departmentCode, r.counts]);
    expect(await staffOf(last)).to.deep.equal(await staffOf(today()));
  });

  it('gives each member of staff their figures (tasks, in time, outcomes, the ratings of the cases they handled), agreeing with a count over the opinions, and drills down to their tasks', async () => {
    await agreeWithStaffCount();
    const all = await staffFigures('supervisor');
    const reviewer = all.staff.find((r) => r.username === 'reviewer' && r.departmentCode === 'samr')!;
    expect(reviewer, JSON.stringify(all.staff.map((r) => r.username))).to.not.equal(undefined);
    expect(reviewer.counts.approvals).to.be.at.least(2);
    expect(reviewer.counts.tasks_timed, 'the review step has its working days (stepDays)').to.be.at.least(2);
    expect(reviewer.counts.rated_bad, 'the bad rating of a case the reviewer decided').to.be.at.least(1);
    expect(reviewer.indicators.find((i) => i.code === 'on_time_rate')!.value).to.equal(1);
    expect(all.totals.counts.tasks_done).to.equal(all.staff.reduce((n, r) => n + (r.counts.tasks_done ?? 0), 0));
    // a leader sees their department's people only
    const fire = await staffFigures('leader2');
    expect(fire.staff.every((r) => r.departmentCode === 'fire')).to.equal(true);
    expect(
      (
        await api()
          .get('/api/v1/supervision/staff')
          .query({ department: 'samr' })
          .set(await auth('leader2'))
      ).status,
    ).to.equal(403);
    // the tasks behind the reviewer's figure, and behind their misses
    const tasks = await api()
      .get(`/api/v1/supervision/staff/${reviewer.userId}/tasks`)
      .query({ from: today(), to: today(), department: 'samr', pageSize: '200' })
      .set(await auth('supervisor'));
    expect(tasks.status, JSON.stringify(tasks.body)).to.equal(200);
    expect(tasks.body.total).to.equal(reviewer.counts.tasks_done);
    expect(tasks.body.tasks, 'the page lists what the counters count').to.have.length(tasks.body.total);
    const onlineTask = (tasks.body.tasks as { caseNo: string; onTime: boolean; handlingMinutes: number; stepDueAt: string }[]).find(
      (t) => t.caseNo === online,
    )!;
    expect(onlineTask).to.include({ onTime: true });
    expect(onlineTask.handlingMinutes).to.be.a('number');
    const late = await api()
      .get(`/api/v1/supervision/staff/${reviewer.userId}/tasks`)
      .query({ from: today(), to: today(), only: 'late' })
      .set(await auth('supervisor'));
    expect(late.body.total).to.equal((reviewer.counts.tasks_timed ?? 0) - (reviewer.counts.tasks_on_time ?? 0));
    expect(late.body.tasks).to.have.length(late.body.total);
    // what a person's work is not cut by, and a leader outside their department
    const byItem = await api()
      .get('/api/v1/supervision/staff')
      .query({ item: ITEM })
      .set(await auth('supervisor'));
    expect(byItem.status).to.equal(422);
    expect(byItem.body.error.details[0].message).to.contain('按人员统计');
    expect(
      (
        await api()
          .get(`/api/v1/supervision/staff/${reviewer.userId}/tasks`)
          .query({ only: 'everything' })
          .set(await auth('supervisor'))
      ).status,
    ).to.equal(422);
    const foreign = await api()
      .get(`/api/v1/supervision/staff/${reviewer.userId}/tasks`)
      .set(await auth('leader2'));
    expect(foreign.body.total, 'the fire department’s leader sees none of a samr reviewer’s tasks').to.equal(0);
    const csv = await api()
      .get('/api/v1/supervision/staff')
      .query({ from: today(), to: today(), format: 'csv' })
      .set(await auth('supervisor'));
    expect(csv.headers['content-type']).to.match(/^text\/csv/);
    expect(csv.text.split('\r\n')[0]).to.contain('人员（部门）').and.contain('环节按时办结率');
  });

  it('rebuilt from the cases with one command, the read model gives the same figures', async () => {
    const before = await agreeWithDirectCount();
    const ctx = testEnv().server.ctx;
    const rebuilt = await rebuildIndicators(ctx);
    expect(rebuilt.cases).to.be.greaterThan(2);
    const after = await agreeWithDirectCount();
    expect(after.totals.counts.applications).to.be.at.least(before.totals.counts.applications);
    expect(await drill('supervisor', { measure: 'finished', notIn: 'once' })).to.include(atWindow);
    await agreeWithStaffCount();
  });
});
