import { expect } from 'chai';
import { deadlineColour } from '../../server/calendar/deadline.ts';

describe('超期预警 (deadline colours)', () => {
  const start = new Date('2026-11-23T09:00:00+08:00');
  const due = new Date('2026-11-27T23:59:59.999+08:00');
  it('is green, then yellow from the warning share of the time, then red after the due time', () => {
    expect(deadlineColour(start, due, new Date('2026-11-24T09:00:00+08:00'), 0.7)).to.equal('green');
    expect(deadlineColour(start, due, new Date('2026-11-27T00:00:00+08:00'), 0.7)).to.equal('yellow');
    expect(deadlineColour(start, due, due, 0.7)).to.equal('yellow');
    expect(deadlineColour(start, due, new Date('2026-11-28T00:00:00+08:00'), 0.7)).to.equal('red');
    expect(deadlineColour(start, due, new Date('2026-11-24T09:00:00+08:00'), 0.2)).to.equal('yellow');
  });
});
