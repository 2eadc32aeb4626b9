import { expect } from 'chai';
import { createRequire } from 'node:module';
import { getSolarDateFromLunar, getSolarTerms } from 'chinese-days';
import { festivalsOf, statutoryHolidays } from '../../server/calendar/statutory-holidays.ts';
import { WorkingCalendar } from '../../server/calendar/working-calendar.ts';
import { addDays, weekday } from '../../server/calendar/shanghai-days.ts';

/**
 * The statutory holidays of 《全国年节及纪念日放假办法》 (2024 revision) for years the State Council
 * has not arranged yet, with the lunar festivals and the Qingming solar term computed
 * (lunar-javascript). The known dates below are the published ones: 初一 of the Spring Festival,
 * 清明, 端午 (五月初五) and 中秋 (八月十五) as the Purple Mountain Observatory's calendar
 * (紫金山天文台《中国天文年历》, GB/T 33661-2017 《农历的编算和颁行》) gives them; 2033 is the year
 * of the "2033 problem" (闰十一月, not 闰七月: 中秋 on 8 September). 2025 and 2026 are also in the
 * State Council's notices (国办发明电〔2024〕12号, 〔2025〕7号), which the published calendar
 * (chinese-days) holds.
 */
const KNOWN: Record<number, { springFestival: string; qingming: string; dragonBoat: string; midAutumn: string }> = {
  2025: { springFestival: '2025-01-29', qingming: '2025-04-04', dragonBoat: '2025-05-31', midAutumn: '2025-10-06' },
  2026: { springFestival: '2026-02-17', qingming: '2026-04-05', dragonBoat: '2026-06-19', midAutumn: '2026-09-25' },
  2027: { springFestival: '2027-02-06', qingming: '2027-04-05', dragonBoat: '2027-06-09', midAutumn: '2027-09-15' },
  2028: { springFestival: '2028-01-26', qingming: '2028-04-04', dragonBoat: '2028-05-28', midAutumn: '2028-10-03' },
  2029: { springFestival: '2029-02-13', qingming: '2029-04-04', dragonBoat: '2029-06-16', midAutumn: '2029-09-22' },
  2030: { springFestival: '2030-02-03', qingming: '2030-04-05', dragonBoat: '2030-06-05', midAutumn: '2030-09-12' },
  2031: { springFestival: '2031-01-23', qingming: '2031-04-05', dragonBoat: '2031-06-24', midAutumn: '2031-10-01' },
  2032: { springFestival: '2032-02-11', qingming: '2032-04-04', dragonBoat: '2032-06-12', midAutumn: '2032-09-19' },
  2033: { springFestival: '2033-01-31', qingming: '2033-04-04', dragonBoat: '2033-06-01', midAutumn: '2033-09-08' },
  2034: { springFestival: '2034-02-19', qingming: '2034-04-05', dragonBoat: '2034-06-20', midAutumn: '2034-09-27' },
  2035: { springFestival: '2035-02-08', qingming: '2035-04-05', dragonBoat: '2035-06-10', midAutumn: '2035-09-16' },
};

const published = createRequire(import.meta.url)('chinese-days/dist/chinese-days.json') as { holidays: Record<string, string> };
const inPublishedBlock = (day: string, name: string) =>
  // the day itself is off (under its name, or another's: 中秋 on 1 October 2020 is 国庆节 there), or a weekend day beside one of the festival's days
  Boolean(published.holidays[day]) || [addDays(day, -1), addDays(day, 1)].some((d) => published.holidays[d]?.includes(name) && [0, 6].includes(weekday(day)));
const festival = (year: number, name: string) => festivalsOf(year).find((f) => f.name === name)!.days;
const offDays = (year: number) => [...statutoryHolidays(year).values()].map((d) => `${d.day} ${d.name}${d.inLieu ? ' 补假' : ''}`);

describe('statutory holidays (《全国年节及纪念日放假办法》, 2024 revision) of a year not yet arranged', () => {
  it('computes 春节, 清明, 端午 and 中秋 of 2025–2035 as published', () => {
    for (const [year, known] of Object.entries(KNOWN).map(([y, k]) => [Number(y), k] as const)) {
      expect(festival(year, '春节')[1], `${year} 春节`).to.equal(known.springFestival);
      expect(festival(year, '清明'), `${year} 清明`).to.deep.equal([known.qingming]);
      expect(festival(year, '端午'), `${year} 端午`).to.deep.equal([known.dragonBoat]);
      expect(festival(year, '中秋'), `${year} 中秋`).to.deep.equal([known.midAutumn]);
    }
  });

  it('agrees with a second, table-based lunar calendar (chinese-days) for 2025–2035', () => {
    for (let year = 2025; year <= 2035; year++) {
      expect(getSolarDateFromLunar(`${year}-01-01`).date, `${year} 正月初一`).to.equal(festival(year, '春节')[1]);
      expect(getSolarDateFromLunar(`${year}-05-05`).date, `${year} 五月初五`).to.equal(festival(year, '端午')[0]);
      expect(getSolarDateFromLunar(`${year}-08-15`).date, `${year} 八月十五`).to.equal(festival(year, '中秋')[0]);
      const qingming = getSolarTerms(`${year}-03-25`, `${year}-04-15`).find((t) => t.name === '清明')!.date;
      expect(qingming, `${year} 清明`).to.equal(festival(year, '清明')[0]);
    }
  });

  it('falls inside the holidays the State Council published, every year since 清明, 端午 and 中秋 became holidays (2008–2026)', () => {
    for (let year = 2008; year <= 2026; year++) {
      for (const [name, days] of [
        ['春节', [festival(year, '春节')[1]!]],
        ['清明', festival(year, '清明')],
        ['端午', festival(year, '端午')],
        ['中秋', festival(year, '中秋')],
      ] as const) {
        // (the package leaves out a weekend day inside a block now and then: 2012-06-23, between 22 and 24 June)
        for (const day of days) expect(inPublishedBlock(day, name), `${year} ${name} ${day}`).to.equal(true);
      }
    }
  });

  it('gives 除夕 to 初三 for the Spring Festival, with the eve the day before 初一 (腊月廿九 in a short month)', () => {
    expect(festival(2027, '春节')).to.deep.equal(['2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08']);
    // 2026: 腊月 has 29 days, 除夕 is 腊月廿九 (16 February, as the 2026 notice has it)
    expect(festival(2026, '春节')[0]).to.equal('2026-02-16');
    expect(festival(2030, '春节')).to.deep.equal(['2030-02-02', '2030-02-03', '2030-02-04', '2030-02-05']);
  });

  it('gives a holiday that falls on a weekend (or on another holiday) on the next working day (补假, article 6)', () => {
    expect(offDays(2027)).to.deep.equal([
      '2027-01-01 元旦',
      '2027-02-05 春节',
      '2027-02-06 春节',
      '2027-02-07 春节',
      '2027-02-08 春节',
      '2027-02-09 春节 补假',
      '2027-02-10 春节 补假',
      '2027-04-05 清明',
      '2027-05-01 劳动节',
      '2027-05-02 劳动节',
      '2027-05-03 劳动节 补假',
      '2027-05-04 劳动节 补假',
      '2027-06-09 端午',
      '2027-09-15 中秋',
      '2027-10-01 国庆节',
      '2027-10-02 国庆节',
      '2027-10-03 国庆节',
      '2027-10-04 国庆节 补假',
      '2027-10-05 国庆节 补假',
    ]);
    // 2028: 元旦 on a Saturday; 中秋 on 3 October, a day of 国庆 (both given)
    expect(offDays(2028)).to.include.members(['2028-01-03 元旦 补假', '2028-10-03 国庆节、中秋', '2028-10-04 国庆节 补假', '2028-10-05 中秋 补假']);
    // 2031: 中秋 on 1 October; 国庆's day owed goes past the weekend
    expect(offDays(2031)).to.include.members(['2031-10-01 中秋、国庆节', '2031-10-06 国庆节 补假']);
    // thirteen statutory days a year
    for (let year = 2027; year <= 2035; year++)
      expect(
        festivalsOf(year).flatMap((f) => f.days),
        String(year),
      ).to.have.length(13);
  });

  it('marks the derived days provisional in the working calendar, and counts 元旦 2027 as a holiday', () => {
    const calendar = new WorkingCalendar();
    expect(calendar.info('2027-01-01')).to.deep.equal({
      day: '2027-01-01',
      workday: false,
      reason: 'holiday',
      name: '元旦',
      source: 'statutory',
      provisional: true,
    });
    expect(calendar.info('2027-02-10')).to.include({ workday: false, name: '春节（补假）', source: 'statutory', provisional: true });
    expect(calendar.info('2026-10-07')).to.include({ workday: false, source: 'published', provisional: false });
    const due = calendar.due(new Date('2026-12-30T10:00:00+08:00'), 2);
    expect(due).to.deep.include({ dueDay: '2027-01-04', provisional: true });
    expect(calendar.due(new Date('2026-12-29T10:00:00+08:00'), 1)).to.deep.include({ dueDay: '2026-12-30', provisional: false });
    const year = calendar.year(2027);
    expect(year).to.include({ provisional: true, source: 'statutory' });
    expect(year.holidays).to.have.length(19); // 13 statutory days and 6 given in lieu
    expect(year.makeUpWorkdays).to.deep.equal([]); // no 调休 is derived: that is the State Council's to arrange
  });

  it('lets an imported arrangement replace the statutory days of its year, and only of its year', () => {
    const calendar = new WorkingCalendar(
      [],
      [
        { day: '2027-01-01', kind: 'holiday', name: '元旦' },
        { day: '2027-02-04', kind: 'holiday', name: '春节' },
        { day: '2027-02-20', kind: 'workday', name: '春节' },
      ],
    );
    expect(calendar.isProvisional(2027)).to.equal(false);
    expect(calendar.info('2027-02-04')).to.include({ workday: false, source: 'imported', provisional: false });
    expect(calendar.info('2027-02-20')).to.include({ workday: true, reason: 'make_up_workday', source: 'imported' });
    expect(calendar.info('2027-02-09')).to.include({ workday: true, reason: 'weekday' });
    expect(calendar.info('2028-01-03')).to.include({ workday: false, source: 'statutory', provisional: true });
    // an override still wins
    const local = new WorkingCalendar([{ day: '2027-02-04', kind: 'workday', name: '本地上班' }], [{ day: '2027-02-04', kind: 'holiday', name: '春节' }]);
    expect(local.info('2027-02-04')).to.include({ workday: true, reason: 'override' });
  });
});
