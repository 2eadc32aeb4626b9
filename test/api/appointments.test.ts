import { expect } from 'chai';
import { api, auth, completeMaterials, uploadOk } from '../support/api.ts';
import { ITEM, applicant, validForm } from '../support/case-data.ts';
import { samplePng } from '../support/files.ts';
import { testEnv } from '../support/environment.ts';
import { expectsPersonalData } from '../support/personal-data-scan.ts';
import { AuditEvent } from '../../server/audit/audit-event.model.ts';
import { Appointment } from '../../server/appointments/appointment.model.ts';
import { markNoShows } from '../../server/appointments/index.ts';
import { checkIn } from '../../server/appointments/check-in.ts';
import { hallWithWindows } from '../../server/organization/index.ts';
import { shanghaiDay } from '../../server/calendar/index.ts';

/** a district of the demo city only this file makes (regions.test.ts takes 430150–430198): its calendar overrides touch nobody else's cases */
const town = `43014${Date.now() % 10}`;
const OTHER = ['MZ-GL-001', 'SW-QS-001', 'CSGL-ZP-001'];

type Slot = { slot: string; startsAt: string; capacity: number; left: number };
type Days = { day: string; slots: Slot[] }[];

const as = async (user: string, en = false) => ({ ...(await auth(user)), ...(en ? { 'Accept-Language': 'en' } : {}) });
const slotsOf = async (hallId: number, target: string, priority?: string) => {
  const res = await api()
    .get(`/api/v1/halls/${hallId}/appointment-slots`)
    .query({ target, ...(priority ? { priority } : {}) })
    .set(await as('applicant'));
  expect(res.status, JSON.stringify(res.body)).to.equal(200);
  return res.body as { windowKind: string; days: Days };
};
const bookAs = async (body: Record<string, unknown>, en = false) =>
  api()
    .post('/api/v1/appointments')
    .set(await as('applicant', en))
    .send(body);
const left = (days: Days, day: string, slot: string) => days.find((d) => d.day === day)!.slots.find((s) => s.slot === slot)!.left;
const tomorrowOf = (day: string) => shanghaiDay(new Date(Date.parse(`${day}T12:00:00+08:00`) + 86_400_000));

describe('在线预约: booking a half-hour slot at a hall, the check-in, the prepared application at the window', function () {
  let hallId: number;
  let otherHallId: number;
  const overrides: string[] = [];
  const made: string[] = [];

  before(async () => {
    const admin = await as('admin');
    const region = await api()
      .post('/api/v1/regions')
      .set(admin)
      .send({ code: town, nameZh: '预约测试区', nameEn: 'Booking Test District', parentCode: '430100' });
    expect([201, 409], JSON.stringify(region.body)).to.include(region.status);
    const hall = await api()
      .post('/api/v1/halls')
      .set(admin)
      .send({
        regionCode: town,
        nameZh: '预约测试大厅',
        nameEn: 'Booking Test Hall',
        address: '测试路 21 号',
        openingPeriods: [{ from: '00:00', to: '24:00' }],
        slotCapacity: { general: 2, special: 1, green: 1 },
      });
    expect(hall.status, JSON.stringify(hall.body)).to.equal(201);
    hallId = hall.body.id;
    for (const w of [
      { number: '1', kind: 'general' },
      { number: '2', kind: 'general' },
      { number: '3', kind: 'special', departmentCode: 'samr' },
      { number: '4', kind: 'green' },
    ])
      expect((await api().post(`/api/v1/halls/${hallId}/windows`).set(admin).send(w)).status).to.equal(201);
    otherHallId = (await api().get('/api/v1/halls')).body.halls.find((h: { id: number }) => h.id !== hallId).id;
    // today and tomorrow are working days of the town (the check-in needs today's slots, whatever day the suite runs)
    const today = shanghaiDay(new Date());
    for (const day of [today, tomorrowOf(today)]) {
      const res = await api().put(`/api/v1/calendar/overrides/${day}`).set(admin).send({ kind: 'workday', name: '预约测试', region: town });
      expect(res.status, JSON.stringify(res.body)).to.equal(200);
      overrides.push(day);
    }
  });

  after(async () => {
    const admin = await as('admin');
    for (const day of overrides) await api().delete(`/api/v1/calendar/overrides/${day}`).query({ region: town }).set(admin);
    // the no-shows this file made must not bar the demo applicant in the files after it
    await Appointment.destroy({ where: { code: made } });
  });

  it('offers the half-hour slots of the opening periods on working days, with the places of the line the item takes', async () => {
    const special = await slotsOf(hallId, ITEM);
    expect(special.windowKind).to.equal('special');
    const general = await slotsOf(hallId, 'MZ-GL-001');
    expect(general.windowKind).to.equal('general');
    const green = await slotsOf(hallId, 'MZ-GL-001', 'elderly');
    expect(green.windowKind).to.equal('green');
    // today's later slots first, then 14 working days
    expect(general.days[0]!.day).to.equal(shanghaiDay(new Date()));
    expect(general.days).to.have.length(15);
    const later = general.days[1]!;
    expect(later.slots).to.have.length(48);
    // capacity = places per window of the kind × the hall's windows of that kind
    expect(later.slots[0]).to.include({ slot: '00:00', capacity: 4, left: 4 });
    expect(special.days[1]!.slots[0]).to.include({ capacity: 1 });
    expect(green.days[1]!.slots[0]).to.include({ capacity: 1 });
    for (const d of general.days) for (const s of d.slots) expect(Date.parse(s.startsAt)).to.be.greaterThan(Date.now());
  });

  it('has no slots on a holiday of the calendar, and refuses it in words', async () => {
    const admin = await as('admin');
    const before = await slotsOf(hallId, 'MZ-GL-001');
    const holiday = before.days[3]!.day;
    await api().put(`/api/v1/calendar/overrides/${holiday}`).set(admin).send({ kind: 'holiday', name: '测试休息日', region: town });
    try {
      const after = await slotsOf(hallId, 'MZ-GL-001');
      expect(after.days.map((d) => d.day)).not.to.include(holiday);
      expect(after.days).to.have.length(15);
      const refused = await bookAs({ hallId, targetCode: 'MZ-GL-001', day: holiday, slot: '09:00' });
      expect(refused.status).to.equal(422);
      expect(refused.body.error.details[0].message).to.equal(`预约日期：${holiday} 不是工作日（测试休息日），大厅不接待预约`);
    } finally {
      await api().delete(`/api/v1/calendar/overrides/${holiday}`).query({ region: town }).set(admin);
    }
  });

  it('gives the last place of a slot to exactly one of two people at once; the other hears it is full', async () => {
    const day = (await slotsOf(hallId, OTHER[0]!, 'elderly')).days[2]!.day;
    // the green line has one place a slot: two priority bookings at once, for two items
    const [a, b] = await Promise.all(OTHER.slice(0, 2).map((targetCode) => bookAs({ hallId, targetCode, day, slot: '10:00', priority: 'elderly' })));
    made.push(...[a, b].filter((r) => r.status === 201).map((r) => r.body.code));
    expect([a.status, b.status].sort()).to.deep.equal([201, 409]);
    const lost = a.status === 409 ? a : b;
    expect(lost.body.error.code).to.equal('slot_full');
    expect(lost.body.error.message).to.equal(`${day} 10:00 已约满（1 个名额已全部预约），请选择其他时段`);
    expect(left((await slotsOf(hallId, OTHER[0]!, 'elderly')).days, day, '10:00')).to.equal(0);
    await api()
      .post(`/api/v1/appointments/${(a.status === 201 ? a : b).body.code}/cancel`)
      .set(await as('applicant'));
  });

  it('books with a code, refuses a second live booking of the item that day, moves it atomically and cancels it', async () => {
    const day = (await slotsOf(hallId, ITEM)).days[2]!.day;
    const booked = await bookAs({ hallId, targetCode: ITEM, day, slot: '09:00' });
    expect(booked.status, JSON.stringify(booked.body)).to.equal(201);
    const code = booked.body.code as string;
    made.push(code);
    expect(code).to.match(/^[34679ACDEFGHJKMNPQRTUVWXY]{6}$/);
    expect(booked.body).to.deep.include({ status: 'booked', day, slot: '09:00', windowKind: 'special', prepared: false });
    expect(booked.body.target).to.include({ code: ITEM, name: '个体工商户设立登记' });

    const again = await bookAs({ hallId, targetCode: ITEM, day, slot: '11:00' }, true);
    expect(again.status).to.equal(409);
    expect(again.body.error.message).to.contain(`(code ${code})`).and.contain('one booking per item and day');

    // someone else's slot is full: the move fails and nothing moves
    const full = await bookAs({ hallId, targetCode: 'SCJG-KB-001', day, slot: '10:00' });
    expect(full.status).to.equal(201);
    made.push(full.body.code);
    const onto = await api()
      .post(`/api/v1/appointments/${code}/reschedule`)
      .set(await as('applicant'))
      .send({ day, slot: '10:00' });
    expect(onto.status).to.equal(409);
    expect(onto.body.error.code).to.equal('slot_full');
    let days = (await slotsOf(hallId, ITEM)).days;
    expect([left(days, day, '09:00'), left(days, day, '10:00')]).to.deep.equal([0, 0]);

    const moved = await api()
      .post(`/api/v1/appointments/${code}/reschedule`)
      .set(await as('applicant'))
      .send({ day, slot: '14:30' });
    expect(moved.status, JSON.stringify(moved.body)).to.equal(200);
    expect(moved.body).to.include({ code, slot: '14:30' });
    days = (await slotsOf(hallId, ITEM)).days;
    expect([left(days, day, '09:00'), left(days, day, '14:30')]).to.deep.equal([1, 0]);

    const cancelled = await api()
      .post(`/api/v1/appointments/${code}/cancel`)
      .set(await as('applicant'));
    expect(cancelled.body).to.include({ status: 'cancelled' });
    expect(left((await slotsOf(hallId, ITEM)).days, day, '14:30')).to.equal(1);
    const twice = await api()
      .post(`/api/v1/appointments/${code}/cancel`)
      .set(await as('applicant', true));
    expect(twice.status).to.equal(409);
    expect(twice.body.error.message).to.match(new RegExp(`^Booking ${code} cannot be cancelled: it was cancelled at `));
    await api()
      .post(`/api/v1/appointments/${full.body.code}/cancel`)
      .set(await as('applicant'));

    const audited = await AuditEvent.findAll({ where: { target: `appointment:${code}` }, order: [['id', 'ASC']] });
    expect(audited.map((e) => e.action)).to.deep.equal(['appointment.booked', 'appointment.rescheduled', 'appointment.cancelled']);
    const notes = await api()
      .get('/api/v1/notifications')
      .query({ limit: '100' })
      .set(await as('applicant'));
    const mine = (notes.body.notifications as { kind: string; text: string }[]).filter((n) => n.text.includes(code));
    expect(mine.map((n) => n.kind).sort()).to.deep.equal(['appointment_booked', 'appointment_cancelled', 'appointment_rescheduled']);
  });

  it('refuses bad input in words: a slot off the half hour or outside the periods, an unknown item or hall, another’s booking', async () => {
    const day = (await slotsOf(hallId, ITEM)).days[1]!.day;
    const off = await bookAs({ hallId, targetCode: ITEM, day, slot: '09:15' });
    expect(off.status).to.equal(422);
    expect(off.body.error.details[0].field).to.equal('slot');
    const unknown = await bookAs({ hallId, targetCode: 'NO-SUCH-1', day, slot: '09:00' }, true);
    expect(unknown.status).to.equal(422);
    expect(unknown.body.error.details[0].message).to.equal('Service item: no item or bundle NO-SUCH-1');
    const far = await bookAs({ hallId, targetCode: ITEM, day: '2099-01-05', slot: '09:00' });
    expect(far.status).to.equal(422);
    expect(far.body.error.details[0].message).to.match(/^预约日期：可预约 \d{4}-\d\d-\d\d 至 \d{4}-\d\d-\d\d 的工作日$/);
    expect((await bookAs({ hallId: 999999, targetCode: ITEM, day, slot: '09:00' })).status).to.equal(404);
    expect(
      (
        await api()
          .get('/api/v1/appointments/ZZZZZZ/prepared')
          .set(await as('applicant'))
      ).status,
    ).to.equal(404);
    expect(
      (
        await api()
          .post('/api/v1/appointments')
          .set(await as('clerk'))
          .send({})
      ).status,
    ).to.equal(403);
  });

  it('checks in at the kiosk within its time (a ticket for the booking), and the window opens the prepared application', async () => {
    const { days } = await slotsOf(hallId, ITEM);
    const first = days.flatMap((d) => d.slots.map((s) => ({ day: d.day, ...s })))[0]!;
    const booked = await bookAs({ hallId, targetCode: ITEM, day: first.day, slot: first.slot });
    expect(booked.status, JSON.stringify(booked.body)).to.equal(201);
    const code = booked.body.code as string;
    made.push(code);
    const later = await bookAs({ hallId, targetCode: 'MZ-GL-001', day: days[2]!.day, slot: '09:00' });
    made.push(later.body.code);

    // prepared: the form and the applicant's own uploads (a file of someone else's is refused)
    const materials = (await completeMaterials('applicant')).map((m, i) => ({ ...m, way: 'file', originalName: i ? '租赁合同.pdf' : 'id.png' }));
    const foreign = await uploadOk('clerk', 'x.png', samplePng());
    const refused = await api()
      .put(`/api/v1/appointments/${code}/prepared`)
      .set(await as('applicant'))
      .send({ answers: {}, form: validForm(), materials: [{ code: 'operator-id', way: 'file', attachmentId: foreign, originalName: 'x.png' }] });
    expect(refused.status).to.equal(422);
    expect(refused.body.error.details[0].message).to.equal('申请材料：附件不存在或不是由您上传的');
    const prepared = await api()
      .put(`/api/v1/appointments/${code}/prepared`)
      .set(await as('applicant'))
      .send({ answers: {}, form: validForm(), materials });
    expect(prepared.status, JSON.stringify(prepared.body)).to.equal(200);
    expect(prepared.body.prepared).to.equal(true);

    // the window cannot open it before the check-in
    expect(
      (
        await api()
          .get(`/api/v1/appointments/${code}/intake`)
          .set(await as('clerk'))
      ).status,
    ).to.equal(409);

    const kiosk = (hall: number, c: string, en = false) =>
      api()
        .post(`/api/v1/halls/${hall}/appointments/check-in`)
        .set(en ? { 'Accept-Language': 'en' } : {})
        .send({ code: c });
    expect((await kiosk(hallId, 'abc')).status).to.equal(422);
    expect((await kiosk(hallId, 'QQQQQQ')).status).to.equal(404);
    const wrongHall = await kiosk(otherHallId, code);
    expect(wrongHall.status).to.equal(409);
    expect(wrongHall.body.error.message).to.contain(`预约 ${code} 不是本大厅`);
    const early = await kiosk(hallId, later.body.code, true);
    expect(early.status).to.equal(409);
    expect(early.body.error.message).to.contain('too early now');
    const hall = await hallWithWindows(hallId);
    const a = (await Appointment.findOne({ where: { code: later.body.code } }))!;
    const late = await checkIn(hall, later.body.code, testEnv().config.appointments, { actor: null }, new Date(a.startsAt.getTime() + 16 * 60_000)).catch(
      (e: Error) => e,
    );
    expect(late).to.be.instanceOf(Error);
    expect((late as Error & { localizedMessage: { 'zh-CN': string } }).localizedMessage['zh-CN'])
      .to.contain('签到已于')
      .and.contain('截止');

    const checkedIn = await kiosk(hallId, code.toLowerCase());
    expect(checkedIn.status, JSON.stringify(checkedIn.body)).to.equal(201);
    expect(checkedIn.body.ticket.number).to.match(/^B\d{3}$/);
    expect(checkedIn.body.booking).to.include({ status: 'checked_in', ticketNumber: checkedIn.body.ticket.number });
    const twice = await kiosk(hallId, code);
    expect(twice.status).to.equal(409);
    expect(twice.body.error.message).to.contain(`（排队号 ${checkedIn.body.ticket.number}）`);

    // the clerk's 今日预约 and the window's intake, by code and by the ticket
    const today = await api()
      .get(`/api/v1/halls/${hallId}/appointments`)
      .query({ day: first.day })
      .set(await as('clerk'));
    expect(today.body.bookings.find((b: { code: string }) => b.code === code)).to.include({ personName: '张三', prepared: true, status: 'checked_in' });
    // the applicant's uploads are not the clerk's to submit until the clerk opens the checked-in booking
    const notYet = await api()
      .post('/api/v1/cases')
      .set(await as('clerk'))
      .send({
        itemCode: ITEM,
        channel: 'window',
        applicant: applicant(),
        form: validForm(),
        materials: materials.map((m) => ({ code: m.code, attachmentId: m.attachmentId })),
      });
    expect(notYet.status, JSON.stringify(notYet.body)).to.equal(422);
    // the step that takes the case needs the applicant's values in full (the clerk checks them against the originals)
    const intake = await expectsPersonalData(
      api()
        .get(`/api/v1/queue/tickets/${checkedIn.body.ticket.id}/appointment`)
        .set(await as('clerk')),
    );
    expect(intake.status, JSON.stringify(intake.body)).to.equal(200);
    expect(intake.body).to.deep.include({ code, target: { kind: 'item', code: ITEM }, applicant: applicant(), form: validForm() });
    expect(intake.body.materials.map((m: { code: string; attachment: { id: string } }) => [m.code, m.attachment.id])).to.deep.equal(
      materials.map((m) => [m.code, m.attachmentId]),
    );

    // the clerk submits it at the window with the applicant's own uploads, handed over by opening the booking
    const filed = await api()
      .post('/api/v1/cases')
      .set(await as('clerk'))
      .send({
        itemCode: ITEM,
        channel: 'window',
        applicant: intake.body.applicant,
        form: intake.body.form,
        materials: intake.body.materials.map((m: { code: string; attachmentId: string }) => ({ code: m.code, attachmentId: m.attachmentId })),
      });
    expect(filed.status, JSON.stringify(filed.body)).to.equal(201);
    expect(filed.body.caseNo).to.be.a('string');
    const actions = (await AuditEvent.findAll({ where: { target: `appointment:${code}` }, order: [['id', 'ASC']] })).map((e) => e.action);
    expect(actions).to.deep.equal(['appointment.booked', 'appointment.prepared', 'appointment.checked_in']);
    await api()
      .post(`/api/v1/appointments/${later.body.code}/cancel`)
      .set(await as('applicant'));
  });

  it('marks a booking not checked in by its slot’s end (and the grace) a no-show; three within 90 days refuse booking for 30 days, saying until when', async () => {
    const day = (await slotsOf(hallId, ITEM)).days[4]!.day;
    for (const [i, targetCode] of [ITEM, ...OTHER].slice(0, 3).entries()) {
      const res = await bookAs({ hallId, targetCode, day, slot: `1${i}:00` });
      expect(res.status, JSON.stringify(res.body)).to.equal(201);
      made.push(res.body.code);
    }
    const lastEnd = Date.parse(`${day}T12:30:00+08:00`);
    const ctx = testEnv().server.ctx;
    expect(await markNoShows(ctx, new Date(lastEnd + 14 * 60_000))).to.equal(2);
    expect(await markNoShows(ctx, new Date(lastEnd + 16 * 60_000))).to.equal(1);
    const mine = await api()
      .get('/api/v1/appointments')
      .set(await as('applicant', true));
    const until = new Date(lastEnd + 30 * 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
    expect(mine.body.refusal).to.equal(
      `You missed 3 bookings within 90 days (no-shows): booking online is refused until ${until} (Beijing time). You may still take a ticket at the hall`,
    );
    const refused = await bookAs({ hallId, targetCode: ITEM, day: (await slotsOf(hallId, ITEM)).days[1]!.day, slot: '09:00' });
    expect(refused.status).to.equal(409);
    expect(refused.body.error.message).to.equal(`您在 90 天内有 3 次预约未按时签到（爽约），${until} 前暂不能在线预约；可到大厅现场取号办理`);
    expect(await AuditEvent.count({ where: { action: 'appointment.no_show', target: made.slice(-3).map((c) => `appointment:${c}`) } })).to.equal(3);
  });
});
