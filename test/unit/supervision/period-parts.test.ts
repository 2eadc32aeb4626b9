import { expect } from 'chai';
import { periodParts } from '../../../server/supervision/indicators.service.ts';

describe('监管指标: a period read as whole months and ragged days (server/supervision)', () => {
  it('reads whole months from the monthly counters and the days at either end from the daily ones', () => {
    expect(periodParts({ from: '2025-12-08', to: '2026-12-07' }, false)).to.deep.equal({
      days: [
        ['2025-12-08', '2025-12-31'],
        ['2026-12-01', '2026-12-07'],
      ],
      months: ['2026-01', '2026-11'],
    });
    expect(periodParts({ from: '2026-01-01', to: '2026-12-31' }, false)).to.deep.equal({ days: [], months: ['2026-01', '2026-12'] });
    // February of a common year, and a leap year's
    expect(periodParts({ from: '2026-02-01', to: '2026-02-28' }, false)).to.deep.equal({ days: [], months: ['2026-02', '2026-02'] });
    expect(periodParts({ from: '2028-02-01', to: '2028-02-28' }, false)).to.deep.equal({ days: [['2028-02-01', '2028-02-28']], months: null });
  });

  it('reads days alone within a month, across two partial months, and by day', () => {
    expect(periodParts({ from: '2026-12-07', to: '2026-12-07' }, false)).to.deep.equal({ days: [['2026-12-07', '2026-12-07']], months: null });
    expect(periodParts({ from: '2026-11-15', to: '2026-12-07' }, false)).to.deep.equal({ days: [['2026-11-15', '2026-12-07']], months: null });
    expect(periodParts({ from: '2026-01-01', to: '2026-03-31' }, true)).to.deep.equal({ days: [['2026-01-01', '2026-03-31']], months: null });
  });
});
