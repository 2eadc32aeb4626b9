import { expect } from 'chai';
import { periodDays, shanghaiToday } from '../../modeler/src/supervision/useDashboardQuery.ts';
import { drillMeasures, filtersOfGroup, formatValue } from '../../modeler/src/supervision/figures.ts';

/** 监管驾驶舱's arithmetic: the periods it asks for, the filters of a trend point or ranking row, the cases of a figure. */
describe('监管驾驶舱: periods, groups as filters, drill-down measures (modeler/src/supervision)', () => {
  it('asks for the last 7, 30 or 90 days with today, this year so far, or the two days chosen', () => {
    const today = '2026-03-05';
    expect(periodDays('7', {}, today)).to.deep.equal({ from: '2026-02-27', to: today });
    expect(periodDays('30', {}, today)).to.deep.equal({ from: '2026-02-04', to: today });
    expect(periodDays('90', {}, today)).to.deep.equal({ from: '2025-12-06', to: today });
    expect(periodDays('year', {}, today)).to.deep.equal({ from: '2026-01-01', to: today });
    expect(periodDays('custom', { from: '2025-11-01', to: '2025-11-30' }, today)).to.deep.equal({ from: '2025-11-01', to: '2025-11-30' });
    // a custom period without its two days (or not days) is the default's
    expect(periodDays('custom', { from: 'yesterday' }, today)).to.deep.equal(periodDays('30', {}, today));
  });

  it("takes today in Beijing, whatever the browser's time zone", () => {
    expect(shanghaiToday(new Date('2026-03-04T16:30:00Z'))).to.equal('2026-03-05');
    expect(shanghaiToday(new Date('2026-03-04T15:59:00Z'))).to.equal('2026-03-04');
  });

  it('narrows the filters to a trend point (a day, a month within the period) or a ranking row', () => {
    const f = { from: '2026-01-15', to: '2026-03-05', channel: 'web' };
    expect(filtersOfGroup(f, 'day', '2026-02-01')).to.deep.equal({ ...f, from: '2026-02-01', to: '2026-02-01' });
    expect(filtersOfGroup(f, 'month', '2026-02')).to.deep.equal({ ...f, from: '2026-02-01', to: '2026-02-28' });
    expect(filtersOfGroup(f, 'month', '2026-01')).to.deep.equal({ ...f, from: '2026-01-15', to: '2026-01-31' });
    expect(filtersOfGroup(f, 'month', '2026-03')).to.deep.equal({ ...f, from: '2026-03-01', to: '2026-03-05' });
    expect(filtersOfGroup(f, 'department', 'samr')).to.deep.equal({ ...f, department: 'samr' });
    expect(filtersOfGroup(f, 'item', 'SCJG-GT-001')).to.deep.equal({ ...f, item: 'SCJG-GT-001' });
  });

  it("opens a rate's counted cases and its misses, a count's cases only", () => {
    expect(drillMeasures('once_rate')).to.deep.equal({ counted: 'once', misses: { measure: 'finished', notIn: 'once' } });
    expect(drillMeasures('online_application_rate')).to.deep.equal({
      counted: 'online_applications',
      misses: { measure: 'applications', notIn: 'online_applications' },
    });
    expect(drillMeasures('bad_ratings')).to.deep.equal({ counted: 'bad' });
  });

  it('reads a rate as a percentage, an average with two decimals, no figure as —', () => {
    expect(formatValue('rate', 0.8125, 'en')).to.equal('81.3%');
    expect(formatValue('rate', 1, 'zh-CN')).to.equal('100%');
    expect(formatValue('average', 1.256, 'en')).to.equal('1.26');
    expect(formatValue('count', 12345, 'en')).to.equal('12,345');
    expect(formatValue('rate', null, 'en')).to.equal('—');
  });
});
