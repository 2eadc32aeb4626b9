import { expect } from 'chai';
import { QueryTypes } from 'sequelize';
import { api, applicant, auth, completeMaterials, ITEM, submit, validForm } from '../support/api.ts';
import { QueueTicket } from '../../server/queue/ticket.model.ts';
import { AuditEvent } from '../../server/audit/audit-event.model.ts';
import { issueTicket, queueLengthsToday } from '../../server/queue/index.ts';

/** 智能排队叫号 (server/queue, docs/hall-queue.md): halls of the test's own, in 岳麓区 (clerk-yuelu's region). */
const YUELU = '430104';
const stamp = Date.now().toString(36).slice(-5);

type Ticket = { id: number; number: string; status: string; windowNumber: string | null; waitSeconds: number | null; caseNo: string | null; token: string };

const adminPost = async (path: string, body: object) =>
  api()
    .post(`/api/v1${path}`)
    .set(await auth('admin'))
    .send(body);

async function hallWith(name: string, windows: [string, 'general' | 'special' | 'green', string | null][]) {
  const hall = await adminPost('/halls', {
    regionCode: YUELU,
    nameZh: `排队测试${name}${stamp}`,
    nameEn: `Queue test ${name} ${stamp}`,
    address: '测试路 1 号',
  });
  expect(hall.status, JSON.stringify(hall.body)).to.equal(201);
  const ids: Record<string, number> = {};
  for (const [number, kind, departmentCode] of windows) {
    const res = await adminPost(`/halls/${hall.body.id}/windows`, { number, kind, departmentCode });
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    ids[number] = (res.body.windows as { id: number; number: string }[]).find((w) => w.number === number)!.id;
  }
  return { id: hall.body.id as number, windows: ids };
}

const take = (hallId: number, body: object, language = 'zh-CN') =>
  api().post(`/api/v1/halls/${hallId}/queue/tickets`).set('Accept-Language', language).send(body);
const taken = async (hallId: number, body: object) => {
  const res = await take(hallId, body);
  expect(res.status, JSON.stringify(res.body)).to.equal(201);
  return res.body as { number: string; ahead: number; token: string };
};
const call = async (windowId: number, as = 'clerk-yuelu', language = 'zh-CN') =>
  api()
    .post('/api/v1/queue/call-next')
    .set(await auth(as))
    .set('Accept-Language', language)
    .send({ windowId });
const called = async (windowId: number, as = 'clerk-yuelu') => {
  const res = await call(windowId, as);
  expect(res.status, JSON.stringify(res.body)).to.equal(200);
  return res.body as Ticket;
};
const step = async (id: number, what: 'recall' | 'no-show' | 'serve' | 'finish', as = 'clerk-yuelu', language = 'zh-CN') =>
  api()
    .post(`/api/v1/queue/tickets/${id}/${what}`)
    .set(await auth(as))
    .set('Accept-Language', language)
    .send({});
const done = async (t: Ticket) => {
  expect((await step(t.id, 'serve')).status).to.equal(200);
  expect((await step(t.id, 'finish')).status).to.equal(200);
};

describe('智能排队叫号: tickets, calling by window, the race, no-shows, waits, the visit rating, a case at the window', function () {
  this.timeout(60_000);
  let green: { id: number; windows: Record<string, number> };
  let plain: { id: number; windows: Record<string, number> };

  before(async () => {
    green = await hallWith('甲', [
      ['01', 'general', null],
      ['02', 'general', null],
      ['03', 'special', 'samr'],
      ['09', 'green', null],
    ]);
    plain = await hallWith('乙', [
      ['01', 'general', null],
      ['02', 'special', 'samr'],
    ]);
  });

  it('refuses bad tickets in words (zh-CN, English) and writes nothing', async () => {
    const before = await QueueTicket.count();
    const special = await take(green.id, { windowKind: 'special' });
    expect(special.status).to.equal(422);
    expect(special.body.error.details[0]).to.include({ field: 'departmentCode', message: '专窗部门：专窗取号请选择部门' });
    const greenNoReason = await take(green.id, { windowKind: 'green' }, 'en');
    expect(greenNoReason.status).to.equal(422);
    expect(greenNoReason.body.error.details[0].message).to.match(/^Priority reason: choose why/);
    const noWindow = await take(green.id, { windowKind: 'special', departmentCode: 'urban' });
    expect(noWindow.status).to.equal(422);
    expect(noWindow.body.error.details[0].message).to.include('本大厅没有 urban 的专窗');
    expect((await take(green.id, { windowKind: 'general', phone: '12345' })).body.error.details[0].field).to.equal('phone');
    expect((await take(green.id, { windowKind: 'general', itemCode: 'NO-SUCH-ITEM' })).body.error.details[0].message).to.include('NO-SUCH-ITEM');
    expect((await take(green.id, { windowKind: 'vip' })).status).to.equal(422);
    expect((await take(999999, { windowKind: 'general' })).status).to.equal(404);
    expect((await take(green.id, { windowKind: 'general', priority: 'elderly' })).body.error.details[0].field).to.equal('priority');
    expect(await QueueTicket.count()).to.equal(before);
  });

  it('numbers per kind (A, B, G), says how many are ahead, keeps the phone sealed; a green window calls green first, a 专窗 its department, a booking before walk-ins', async () => {
    const a1 = await taken(green.id, { windowKind: 'general', personName: '王五', phone: '13800138000', itemCode: ITEM });
    const a2 = await taken(green.id, { windowKind: 'general' });
    const b1 = await taken(green.id, { windowKind: 'special', departmentCode: 'samr' });
    const g1 = await taken(green.id, { windowKind: 'green', priority: 'elderly' });
    expect([a1.number, a2.number, b1.number, g1.number]).to.deep.equal(['A001', 'A002', 'B001', 'G001']);
    expect([a1.ahead, a2.ahead, b1.ahead, g1.ahead]).to.deep.equal([0, 1, 0, 0]);
    const [row] = await QueueTicket.sequelize!.query<{ phone: string }>('SELECT phone FROM queue_tickets WHERE token = ?', {
      replacements: [a1.token],
      type: QueryTypes.SELECT,
    });
    expect(row!.phone).to.not.include('13800138000');
    // a booking's check-in (the appointments' helper calls this) goes before the walk-ins of its line
    const booked = await issueTicket({ hallId: green.id, windowKind: 'general', bookingId: 424242, personName: '赵六' }, { actor: 'clerk-yuelu' });
    expect(booked).to.include({ number: 'A003', source: 'booking', ahead: 0 });

    // the 专窗 serves its department only; the green window green tickets first, then general ones
    expect((await called(green.windows['03']!)).number).to.equal('B001');
    const first = await called(green.windows['09']!);
    expect(first).to.include({ number: 'G001', windowNumber: '09' });
    // a window with a called ticket calls nothing more till it is done with it
    const busy = await call(green.windows['09']!);
    expect(busy.status).to.equal(409);
    expect(busy.body.error.message).to.equal('09 号窗口正在办理 G001 号（已叫号），请先办结或标记未到');
    await done(first);
    expect((await called(green.windows['09']!)).number).to.equal('A003');
    // the general window never takes a green ticket while the hall has a green window
    await taken(green.id, { windowKind: 'green', priority: 'pregnant' });
    expect((await called(green.windows['01']!)).number).to.equal('A001');
    const english = await api()
      .get(`/api/v1/queue/panel?windowId=${green.windows['01']}`)
      .set(await auth('clerk-yuelu'))
      .set('Accept-Language', 'en');
    expect(english.body.current).to.include({ number: 'A001', statusLabel: 'Called', personName: '王五', phone: '138****8000' });
    expect(english.body.queue.map((t: Ticket) => t.number)).to.deep.equal(['A002']);
    const intake = await api()
      .get(`/api/v1/queue/tickets/${english.body.current.id}`)
      .set(await auth('clerk-yuelu'));
    expect(intake.body).to.include({ personName: '王五', phone: '138****8000', itemCode: ITEM, itemKind: 'item', source: 'walk_in', bookingId: null });
  });

  it('in a hall without a green window the 综合窗口 calls green tickets first; a clerk of another region may not call there', async () => {
    await taken(plain.id, { windowKind: 'general' });
    await taken(plain.id, { windowKind: 'green', priority: 'disabled' });
    const kiosk = await api().get(`/api/v1/halls/${plain.id}/queue/kiosk`).set('Accept-Language', 'en');
    expect(kiosk.body.hasGreenWindow).to.equal(false);
    expect(kiosk.body.lines.find((l: { windowKind: string }) => l.windowKind === 'green')).to.include({ label: 'Green channel', waiting: 1 });
    const stranger = await call(plain.windows['01']!, 'clerk-station', 'en');
    expect(stranger.status).to.equal(403);
    expect(stranger.body.error.message).to.equal('You cannot call at that window (its hall is outside your region)');
    expect((await called(plain.windows['01']!)).number).to.equal('G001');
    const empty = await call(plain.windows['02']!, 'clerk-yuelu', 'en');
    expect(empty.status).to.equal(409);
    expect(empty.body.error.message).to.equal('No ticket window 02 serves is waiting');
  });

  it('two clerks calling at once never get the same ticket', async () => {
    const race = await hallWith('丙', [
      ['01', 'general', null],
      ['02', 'general', null],
    ]);
    for (let i = 0; i < 6; i++) await taken(race.id, { windowKind: 'general' });
    const numbers: string[] = [];
    for (let round = 0; round < 3; round++) {
      const [one, two] = await Promise.all([call(race.windows['01']!, 'clerk'), call(race.windows['02']!, 'clerk-yuelu')]);
      expect([one.status, two.status], JSON.stringify([one.body, two.body])).to.deep.equal([200, 200]);
      numbers.push(one.body.number, two.body.number);
      await Promise.all([step(one.body.id, 'no-show', 'clerk'), step(two.body.id, 'no-show')]);
    }
    expect(new Set(numbers).size).to.equal(6);
    expect([...numbers].sort()).to.deep.equal(['A001', 'A002', 'A003', 'A004', 'A005', 'A006']);
    const calls = await AuditEvent.count({ where: { action: 'queue.called' } });
    expect(calls).to.be.at.least(6);
    // two clerks at one window at the same moment: one ticket, one 409 (the window's key for the day is unique)
    for (let i = 0; i < 2; i++) await taken(race.id, { windowKind: 'general' });
    const [first, second] = await Promise.all([call(race.windows['01']!, 'clerk'), call(race.windows['01']!, 'clerk-yuelu')]);
    expect([first.status, second.status].sort()).to.deep.equal([200, 409]);
    expect([first, second].find((r) => r.status === 409)!.body.error.code).to.equal('window_busy');
    expect(await QueueTicket.count({ where: { hallId: race.id, status: 'called' } })).to.equal(1);
  });

  it('a no-show ends the ticket; what comes after is a 409 saying who did what and when', async () => {
    const hall = await hallWith('丁', [['01', 'general', null]]);
    await taken(hall.id, { windowKind: 'general' });
    const t = await called(hall.windows['01']!);
    expect((await step(t.id, 'recall')).body.callCount).to.equal(2);
    const gone = await step(t.id, 'no-show');
    expect(gone.body).to.include({ status: 'no_show' });
    const late = await step(t.id, 'serve', 'clerk-yuelu', 'en');
    expect(late.status).to.equal(409);
    expect(late.body.error.message).to.match(
      /^Ticket A001 cannot be served: it was marked a no-show at window 01 by .+ \(clerk-yuelu\) at \d{4}-\d\d-\d\d \d\d:\d\d/,
    );
    const audit = await AuditEvent.findAll({ where: { target: `queue-ticket:${t.id}` }, order: [['id', 'ASC']] });
    expect(audit.map((a) => a.action)).to.deep.equal(['queue.called', 'queue.recalled', 'queue.no_show']);
    // the person gives a waiting ticket up on its page; once given up (or called) it cannot be
    const slip = await taken(hall.id, { windowKind: 'general' });
    const cancelled = await api().post(`/api/v1/queue/visits/${slip.token}/cancel`).send({});
    expect(cancelled.body.ticket).to.include({ number: 'A002', status: 'cancelled' });
    const again = await api().post(`/api/v1/queue/visits/${slip.token}/cancel`).send({});
    expect(again.status).to.equal(409);
    expect(again.body.error.message).to.equal('A002 号当前已取消，不能取消');
    expect((await call(hall.windows['01']!)).status, 'nothing left to call').to.equal(409);
  });

  it('records the wait, feeds the hall’s queue figures; the visit is rated once, after it is finished, on its own page', async () => {
    const hall = await hallWith('戊', [['01', 'general', null]]);
    const slip = await taken(hall.id, { windowKind: 'general' });
    await taken(hall.id, { windowKind: 'general' });
    // taken 40 minutes ago
    await QueueTicket.update({ takenAt: new Date(Date.now() - 40 * 60_000) }, { where: { token: slip.token } });
    const t = await called(hall.windows['01']!);
    expect(t.waitSeconds).to.be.within(2395, 2460);
    const figures = (await queueLengthsToday([hall.id])).get(hall.id)!;
    expect(figures.waiting).to.equal(1);
    expect(figures.averageWaitMinutes).to.be.within(39.9, 41);
    const early = await api().post(`/api/v1/queue/visits/${slip.token}/rating`).set('Accept-Language', 'en').send({ level: 5 });
    expect(early.status).to.equal(409);
    expect(early.body.error.message).to.equal('A visit can be rated once it is finished (ticket A001 is called)');
    // 等候时长 on the supervision dashboard: a second ticket called at once, so half within 30 minutes
    await done(t);
    await called(hall.windows['01']!);
    const waits = await api()
      .get('/api/v1/supervision/hall-waits')
      .query({ region: YUELU })
      .set(await auth('supervisor'))
      .set('Accept-Language', 'en');
    expect(waits.status, JSON.stringify(waits.body)).to.equal(200);
    const row = (waits.body.halls as { hallId: number; name: string; called: number; averageWaitMinutes: number; within30Share: number }[]).find(
      (h) => h.hallId === hall.id,
    )!;
    expect(row).to.include({ name: `Queue test 戊 ${stamp}`, called: 2, within30Share: 0.5 });
    expect(row.averageWaitMinutes).to.be.within(19.9, 20.6);
    // a department's leader sees its 专窗 tickets only; a region outside the scope is refused
    const samr = await api()
      .get('/api/v1/supervision/hall-waits')
      .set(await auth('leader-yuelu'));
    expect((samr.body.halls as { hallId: number; called: number }[]).find((h) => h.hallId === hall.id)!.called).to.equal(0);
    expect(
      (
        await api()
          .get('/api/v1/supervision/hall-waits')
          .query({ region: '430103' })
          .set(await auth('leader-yuelu'))
      ).status,
    ).to.equal(403);

    const page = await api().get(`/api/v1/queue/visits/${slip.token}`);
    expect(page.body).to.deep.include({ canRate: true, rating: null });
    expect(page.body.ticket).to.include({ number: 'A001', status: 'done', statusLabel: '已办结', windowNumber: '01' });
    const noReason = await api().post(`/api/v1/queue/visits/${slip.token}/rating`).send({ level: 1 });
    expect(noReason.status).to.equal(422);
    expect(noReason.body.error.details[0].message).to.equal('不满意原因：差评（1–2 级）请至少选择一项原因');
    const rated = await api()
      .post(`/api/v1/queue/visits/${slip.token}/rating`)
      .send({ level: 2, reasons: ['slow'], comment: '等太久' });
    expect(rated.status, JSON.stringify(rated.body)).to.equal(201);
    expect(rated.body.rating).to.deep.include({ level: 2, levelLabel: '不满意', bad: true, comment: '等太久' });
    expect(rated.body.canRate).to.equal(false);
    const again = await api().post(`/api/v1/queue/visits/${slip.token}/rating`).send({ level: 5 });
    expect(again.status).to.equal(409);
    expect(again.body.error.code).to.equal('visit_rated');
    expect((await api().get('/api/v1/queue/visits/not-a-token')).status).to.equal(404);
  });

  it('links the case accepted at the window to the ticket', async () => {
    const hall = await hallWith('己', [['01', 'general', null]]);
    await taken(hall.id, { windowKind: 'general', personName: '张三', itemCode: ITEM });
    const t = await called(hall.windows['01']!);
    const created = await submit('clerk-yuelu', {
      itemCode: ITEM,
      channel: 'window',
      applicant: applicant(),
      form: validForm(),
      materials: await completeMaterials('clerk-yuelu'),
    });
    expect(created.status, JSON.stringify(created.body)).to.equal(201);
    const unknown = await api()
      .post(`/api/v1/queue/tickets/${t.id}/case`)
      .set(await auth('clerk-yuelu'))
      .send({ caseNo: 'NO-SUCH-CASE' });
    expect(unknown.status).to.equal(404);
    const linked = await api()
      .post(`/api/v1/queue/tickets/${t.id}/case`)
      .set(await auth('clerk-yuelu'))
      .send({ caseNo: created.body.caseNo });
    expect(linked.status, JSON.stringify(linked.body)).to.equal(200);
    expect(linked.body).to.include({ caseNo: created.body.caseNo, status: 'serving' });
    expect((await step(t.id, 'finish')).body).to.include({ status: 'done', caseNo: created.body.caseNo });
    const applicantTries = await api()
      .post('/api/v1/queue/call-next')
      .set(await auth('applicant'))
      .send({ windowId: hall.windows['01'] });
    expect(applicantTries.status).to.equal(403);
  });
});
