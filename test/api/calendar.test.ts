import { expect } from 'chai';
import { api, applicant, auth, completeMaterials, getCase, ITEM, submit, validForm, waitForStatus } from '../support/api.ts';
import { caseByNo, updateCase } from '../../server/cases/index.ts';

const due = (from: string, workingDays: number | string) => api().get(`/api/v1/calendar/due?from=${encodeURIComponent(from)}&workingDays=${workingDays}`);

describe('working-day calendar (工作日, 调休)', () => {
  it('counts across the 2026 Spring Festival, with its make-up workdays', async () => {
    // Friday 13 February 2026; Saturday the 14th is a make-up workday, 15–23 February are off
    const res = await due('2026-02-13T10:00:00+08:00', 3);
    expect(res.status).to.equal(200);
    expect(res.body).to.include({ dueDay: '2026-02-25', dueLocal: '2026-02-25T23:59:59.999+08:00', due: '2026-02-25T15:59:59.999Z', provisional: false });
    expect((await due('2026-02-13T10:00:00+08:00', 1)).body.dueDay).to.equal('2026-02-14');
  });

  it('counts across National Day 2026 and its make-up Saturday', async () => {
    expect((await due('2026-09-30T09:00:00+08:00', 2)).body.dueDay).to.equal('2026-10-09');
    expect((await due('2026-09-30T09:00:00+08:00', 3)).body.dueDay).to.equal('2026-10-10'); // Saturday, a make-up workday
    expect((await due('2025-09-30T09:00:00+08:00', 1)).body.dueDay).to.equal('2025-10-09');
  });

  it('does not count the start day, and takes the day in Asia/Shanghai', async () => {
    // 23:59 on Thursday 19 November in Shanghai: the period starts Thursday, so Friday is day 1
    expect((await due('2026-11-19T15:59:00Z', 1)).body.dueDay).to.equal('2026-11-20');
    // one minute later it is Friday in Shanghai: day 1 is Monday
    expect((await due('2026-11-19T16:00:00Z', 1)).body.dueDay).to.equal('2026-11-23');
    expect((await due('2026-11-19T16:00:00Z', 0)).body.dueDay).to.equal('2026-11-20');
  });

  it('lists a year’s holidays and make-up workdays', async () => {
    const res = await api().get('/api/v1/calendar/2026');
    expect(res.status).to.equal(200);
    expect(res.body.makeUpWorkdays.map((d: { day: string }) => d.day)).to.deep.equal([
      '2026-01-04',
      '2026-02-14',
      '2026-02-28',
      '2026-05-09',
      '2026-09-20',
      '2026-10-10',
    ]);
    expect(res.body.holidays.filter((d: { name: string }) => d.name === '春节')).to.have.length(9);
    expect((await api().get('/api/v1/calendar/2028')).body.provisional).to.equal(true);
    expect((await api().get('/api/v1/calendar/20x6')).status).to.equal(404);
  });

  it('lets an administrator declare a local holiday, which moves due dates, and take it back', async () => {
    const before = (await due('2026-12-01T09:00:00+08:00', 1)).body.dueDay;
    expect(before).to.equal('2026-12-02');
    const set = await api()
      .put('/api/v1/calendar/overrides/2026-12-02')
      .set(await auth('admin'))
      .send({ kind: 'holiday', name: '测试假日' });
    expect(set.status, JSON.stringify(set.body)).to.equal(200);
    try {
      expect((await due('2026-12-01T09:00:00+08:00', 1)).body.dueDay).to.equal('2026-12-03');
      const year = await api().get('/api/v1/calendar/2026');
      expect(year.body.holidays.map((d: { day: string }) => d.day)).to.include('2026-12-02');
    } finally {
      expect(
        (
          await api()
            .delete('/api/v1/calendar/overrides/2026-12-02')
            .set(await auth('admin'))
        ).status,
      ).to.equal(204);
    }
    expect((await due('2026-12-01T09:00:00+08:00', 1)).body.dueDay).to.equal('2026-12-02');
  });

  it("lists a year's overrides for administrators, with their regions (GET /calendar/overrides)", async () => {
    const admin = await auth('admin');
    const overrides = async (year: string) => api().get('/api/v1/calendar/overrides').query({ year }).set(admin);
    expect((await api().put('/api/v1/calendar/overrides/2031-05-06').set(admin).send({ kind: 'holiday', name: '测试假日' })).status).to.equal(200);
    expect((await api().put('/api/v1/calendar/overrides/2031-05-10').set(admin).send({ kind: 'workday', name: '测试调休', region: '430100' })).status).to.equal(
      200,
    );
    try {
      const res = await overrides('2031');
      expect(res.status, JSON.stringify(res.body)).to.equal(200);
      expect(res.body).to.deep.equal({
        year: 2031,
        overrides: [
          { day: '2031-05-06', region: '*', kind: 'holiday', name: '测试假日' },
          { day: '2031-05-10', region: '430100', kind: 'workday', name: '测试调休' },
        ],
      });
      expect((await overrides('2030')).body.overrides.filter((o: { day: string }) => !o.day.startsWith('2030-'))).to.deep.equal([]);
    } finally {
      expect((await api().delete('/api/v1/calendar/overrides/2031-05-06').set(admin)).status).to.equal(204);
      expect((await api().delete('/api/v1/calendar/overrides/2031-05-10').query({ region: '430100' }).set(admin)).status).to.equal(204);
    }
    expect((await overrides('2031')).body.overrides).to.deep.equal([]);
    // four digits, and administrators only (GET /calendar/{year} stays public)
    expect((await overrides('31')).status).to.equal(422);
    expect((await api().get('/api/v1/calendar/overrides').set(admin)).status).to.equal(422);
    expect(
      (
        await api()
          .get('/api/v1/calendar/overrides')
          .query({ year: '2031' })
          .set(await auth('reviewer'))
      ).status,
    ).to.equal(403);
    expect((await api().get('/api/v1/calendar/overrides').query({ year: '2031' })).status).to.equal(401);
  });

  it('refuses a blank name for an override, in words', async () => {
    const res = await api()
      .put('/api/v1/calendar/overrides/2031-05-06')
      .set(await auth('admin'))
      .send({ kind: 'holiday', name: '   ' });
    expect(res.status).to.equal(422);
    expect(res.body.error.details.map((d: { field: string }) => d.field)).to.deep.equal(['name']);
  });

  it('refuses bad questions and non-administrators', async () => {
    expect((await due('yesterday', 3)).status).to.equal(422);
    expect((await due('2026-02-13T10:00:00+08:00', -1)).status).to.equal(422);
    expect((await api().get('/api/v1/calendar/due?from=2026-02-13T10:00:00Z')).status).to.equal(422);
    expect(
      (
        await api()
          .put('/api/v1/calendar/overrides/2026-12-02')
          .set(await auth('reviewer'))
          .send({ kind: 'holiday', name: 'x' })
      ).status,
    ).to.equal(403);
    expect((await api().put('/api/v1/calendar/overrides/2026-12-02').send({ kind: 'holiday', name: 'x' })).status).to.equal(401);
    expect(
      (
        await api()
          .put('/api/v1/calendar/overrides/2026-02-30')
          .set(await auth('admin'))
          .send({ kind: 'holiday', name: 'x' })
      ).status,
    ).to.equal(422);
    expect(
      (
        await api()
          .put('/api/v1/calendar/overrides/2026-12-02')
          .set(await auth('admin'))
          .send({ kind: 'vacation', name: 'x' })
      ).status,
    ).to.equal(422);
    expect(
      (
        await api()
          .delete('/api/v1/calendar/overrides/2026-12-05')
          .set(await auth('admin'))
      ).status,
    ).to.equal(404);
  });

  describe('a year without a published arrangement (2027): the statutory holidays, provisional (推定)', () => {
    it('counts 元旦 2027 as a holiday: two working days from 30 December 2026 end on Monday 4 January, provisionally', async () => {
      const res = await due('2026-12-30T10:00:00+08:00', 2);
      expect(res.status).to.equal(200);
      expect(res.body).to.include({ dueDay: '2027-01-04', dueLocal: '2027-01-04T23:59:59.999+08:00', provisional: true });
      // a period within 2026 is not provisional
      expect((await due('2026-12-29T10:00:00+08:00', 1)).body).to.include({ dueDay: '2026-12-30', provisional: false });
      const year = await api().get('/api/v1/calendar/2027');
      expect(year.body).to.include({ provisional: true, source: 'statutory' });
      const byDay = new Map(year.body.holidays.map((d: { day: string }) => [d.day, d]));
      expect(byDay.get('2027-01-01')).to.deep.equal({
        day: '2027-01-01',
        workday: false,
        reason: 'holiday',
        name: '元旦',
        source: 'statutory',
        provisional: true,
      });
      // 春节 2027: 除夕 5 February to 初三 8 February, and the two weekend days given on 9 and 10 February (补假)
      expect(year.body.holidays.filter((d: { name: string }) => d.name.startsWith('春节')).map((d: { day: string }) => d.day)).to.deep.equal([
        '2027-02-05',
        '2027-02-06',
        '2027-02-07',
        '2027-02-08',
        '2027-02-09',
        '2027-02-10',
      ]);
      expect(year.body.makeUpWorkdays).to.deep.equal([]);
      const published = await api().get('/api/v1/calendar/2026');
      expect(published.body).to.include({ provisional: false, source: 'published' });
      expect(published.body.holidays[0]).to.include({ source: 'published', provisional: false });
    });

    it("imports the State Council's arrangement: bad lines refused in words with nothing written, a dry run, then all of it", async () => {
      const admin = await auth('admin');
      const arrangement = async () => (await api().get('/api/v1/calendar/arrangements/2027').set(admin)).body;
      expect(await arrangement()).to.deep.equal({ year: 2027, source: 'statutory', provisional: true, days: [] });

      // every bad line at its field, nothing written
      const bad = await api()
        .post('/api/v1/calendar/arrangements')
        .set(admin)
        .send({
          year: 2027,
          days: [
            { day: '2027-01-01', kind: 'holiday', name: '元旦' },
            { day: '2027-02-30', kind: 'vacation', name: ' ' },
          ],
        });
      expect(bad.status).to.equal(422);
      expect(bad.body.error.details.map((d: { field: string; message: string }) => [d.field, d.message])).to.deep.equal([
        ['days.1.day', '日期：应为有效日期，格式为 YYYY-MM-DD'],
        ['days.1.kind', '类型：应当是预设定的枚举值之一'],
        ['days.1.name', '名称：不能为空'],
      ]);
      const outside = await api()
        .post('/api/v1/calendar/arrangements')
        .set(admin)
        .set('Accept-Language', 'en')
        .send({
          year: 2027,
          days: [
            { day: '2027-01-01', kind: 'holiday', name: '元旦' },
            { day: '2028-01-03', kind: 'holiday', name: '元旦' },
            { day: '2027-01-01', kind: 'workday', name: '元旦' },
          ],
        });
      expect(outside.status).to.equal(422);
      expect(outside.body.error.details.map((d: { field: string; message: string }) => [d.field, d.message])).to.deep.equal([
        ['days.1.day', 'Date: 2028-01-03 is not in 2027'],
        ['days.2.day', 'Date: 2027-01-01 is already listed as item 1'],
      ]);
      expect((await arrangement()).days).to.deep.equal([]);
      expect((await due('2026-12-30T10:00:00+08:00', 2)).body).to.include({ dueDay: '2027-01-04', provisional: true });

      // a made-up arrangement: 1–4 January off, Saturday 9 January worked
      const days = [
        { day: '2027-01-01', kind: 'holiday', name: '元旦' },
        { day: '2027-01-02', kind: 'holiday', name: '元旦' },
        { day: '2027-01-03', kind: 'holiday', name: '元旦' },
        { day: '2027-01-04', kind: 'holiday', name: '元旦' },
        { day: '2027-01-09', kind: 'workday', name: '元旦' },
      ];
      const dryRun = await api().post('/api/v1/calendar/arrangements').set(admin).send({ year: 2027, days, dryRun: true });
      expect(dryRun.status, JSON.stringify(dryRun.body)).to.equal(200);
      expect(dryRun.body).to.include({ year: 2027, dryRun: true, replaces: 'statutory', holidays: 4, makeUpWorkdays: 1 });
      // what changes: 4 and 9 January, and every statutory holiday after 元旦 goes (the import is the whole year)
      const changed = dryRun.body.changes.map((c: { day: string }) => c.day);
      expect(changed).to.include.members(['2027-01-02', '2027-01-04', '2027-01-09', '2027-02-05', '2027-10-01']);
      expect(dryRun.body.changes.find((c: { day: string }) => c.day === '2027-01-04')).to.deep.equal({
        day: '2027-01-04',
        before: { workday: true, name: null },
        after: { workday: false, name: '元旦' },
      });
      expect((await arrangement()).days).to.deep.equal([]);

      const imported = await api().post('/api/v1/calendar/arrangements').set(admin).send({ year: 2027, days });
      expect(imported.status, JSON.stringify(imported.body)).to.equal(200);
      try {
        expect(await arrangement()).to.deep.equal({ year: 2027, source: 'imported', provisional: false, days });
        expect((await due('2026-12-30T10:00:00+08:00', 2)).body).to.include({ dueDay: '2027-01-05', provisional: false });
        expect((await due('2027-01-08T10:00:00+08:00', 1)).body).to.include({ dueDay: '2027-01-09', provisional: false });
        const year = (await api().get('/api/v1/calendar/2027')).body;
        expect(year).to.include({ provisional: false, source: 'imported' });
        expect(year.makeUpWorkdays).to.deep.equal([
          { day: '2027-01-09', workday: true, reason: 'make_up_workday', name: '元旦', source: 'imported', provisional: false },
        ]);
        // the statutory days of the year are gone with the import; the next year is still provisional
        expect(year.holidays.map((d: { day: string }) => d.day)).to.deep.equal(['2027-01-01', '2027-01-02', '2027-01-03', '2027-01-04']);
        expect((await api().get('/api/v1/calendar/2028')).body).to.include({ provisional: true, source: 'statutory' });
        // the arrangement is no override
        expect((await api().get('/api/v1/calendar/overrides').query({ year: '2027' }).set(admin)).body.overrides).to.deep.equal([]);
        // administrators only
        expect(
          (
            await api()
              .post('/api/v1/calendar/arrangements')
              .set(await auth('reviewer'))
              .send({ year: 2027, days })
          ).status,
        ).to.equal(403);
        expect((await api().get('/api/v1/calendar/arrangements/2027')).status).to.equal(401);
      } finally {
        expect((await api().delete('/api/v1/calendar/arrangements/2027').set(admin)).status).to.equal(204);
      }
      expect((await due('2026-12-30T10:00:00+08:00', 2)).body).to.include({ dueDay: '2027-01-04', provisional: true });
      expect((await api().delete('/api/v1/calendar/arrangements/2027').set(admin)).status).to.equal(404);
    });

    it("a running case's due times: provisional on its page (staff and applicant) until the year's arrangement is imported, which moves them; removing it moves them back", async () => {
      const admin = await auth('admin');
      /** A case accepted online, its clock set as if accepted at that time with those periods (the platform's calendar counts them). */
      const runningCase = async (acceptedAt: string, promisedDays: number, statutoryDays: number) => {
        const res = await submit('applicant', { itemCode: ITEM, applicant: applicant(), form: validForm(), materials: await completeMaterials('applicant') });
        expect(res.status, JSON.stringify(res.body)).to.equal(201);
        const caseNo = res.body.caseNo as string;
        await waitForStatus('applicant', caseNo, 'accepted');
        const [promised, statutory] = [(await due(acceptedAt, promisedDays)).body, (await due(acceptedAt, statutoryDays)).body];
        await updateCase((await caseByNo(caseNo))!, {
          acceptedAt: new Date(acceptedAt),
          promisedDueAt: new Date(promised.due),
          statutoryDueAt: new Date(statutory.due),
        });
        return caseNo;
      };
      const deadlineOf = async (user: string, caseNo: string) => (await getCase(user, caseNo)).body.deadline;
      const rescheduled = async (caseNo: string) =>
        (
          (await getCase('admin', caseNo)).body.timeline as {
            type: string;
            label: string;
            actor: string;
            detail: Record<string, { from: string; to: string }>;
          }[]
        ).filter((e) => e.type === 'case.deadline_rescheduled');

      // two working days from 30 December 2026 count across 元旦 2027: provisional; a period within December 2026 is not
      const caseNo = await runningCase('2026-12-30T10:00:00+08:00', 2, 3);
      const december = await runningCase('2026-12-01T10:00:00+08:00', 2, 5);
      const statutoryBefore = (await due('2026-12-30T10:00:00+08:00', 3)).body.due as string;
      for (const user of ['reviewer', 'applicant']) {
        expect(await deadlineOf(user, caseNo), user).to.include({
          promisedDueAt: '2027-01-04T15:59:59.999Z',
          statutoryDueAt: statutoryBefore,
          provisional: true,
        });
      }
      expect(await deadlineOf('applicant', december)).to.include({ provisional: false });
      const decemberBefore = await deadlineOf('admin', december);

      // the State Council's arrangement: 1–4 January off, Saturday 9 January worked
      const days = [
        { day: '2027-01-01', kind: 'holiday', name: '元旦' },
        { day: '2027-01-02', kind: 'holiday', name: '元旦' },
        { day: '2027-01-03', kind: 'holiday', name: '元旦' },
        { day: '2027-01-04', kind: 'holiday', name: '元旦' },
        { day: '2027-01-09', kind: 'workday', name: '元旦' },
      ];
      expect((await api().post('/api/v1/calendar/arrangements').set(admin).send({ year: 2027, days })).status).to.equal(200);
      try {
        const statutoryAfter = (await due('2026-12-30T10:00:00+08:00', 3)).body.due as string;
        expect(statutoryAfter, 'the three working days count other days now').not.to.equal(statutoryBefore);
        for (const user of ['reviewer', 'applicant']) {
          expect(await deadlineOf(user, caseNo), user).to.include({
            promisedDueAt: '2027-01-05T15:59:59.999Z',
            statutoryDueAt: statutoryAfter,
            provisional: false,
          });
        }
        const [entry, ...more] = await rescheduled(caseNo);
        expect(more).to.deep.equal([]);
        expect(entry).to.deep.include({ actor: 'system:calendar', label: '工作日历调整，办理时限重新计算' });
        expect(entry!.detail.promisedDueAt).to.deep.equal({ from: '2027-01-04T15:59:59.999Z', to: '2027-01-05T15:59:59.999Z' });
        expect(entry!.detail.statutoryDueAt).to.deep.equal({ from: statutoryBefore, to: statutoryAfter });
        // a period that counts no day of 2027 stays as it was, with nothing on its timeline
        expect(await deadlineOf('admin', december)).to.deep.equal(decemberBefore);
        expect(await rescheduled(december)).to.deep.equal([]);
      } finally {
        expect((await api().delete('/api/v1/calendar/arrangements/2027').set(admin)).status).to.equal(204);
      }
      // back to the statutory holidays: the due times go back, provisional again
      expect(await deadlineOf('applicant', caseNo)).to.include({
        promisedDueAt: '2027-01-04T15:59:59.999Z',
        statutoryDueAt: statutoryBefore,
        provisional: true,
      });
      expect((await rescheduled(caseNo)).map((e) => e.detail.promisedDueAt)).to.deep.equal([
        { from: '2027-01-04T15:59:59.999Z', to: '2027-01-05T15:59:59.999Z' },
        { from: '2027-01-05T15:59:59.999Z', to: '2027-01-04T15:59:59.999Z' },
      ]);
    });
  });
});
