import { expect } from 'chai';
import { api, auth } from '../support/api.ts';

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
});
