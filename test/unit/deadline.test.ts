import { expect } from 'chai';
import { deadlineColour as colourOn, nextTurnAt } from '../../server/calendar/deadline.ts';
import { WorkingCalendar } from '../../server/calendar/working-calendar.ts';

const calendar = new WorkingCalendar();
const deadlineColour = (start: Date, due: Date, now: Date, share: number) => colourOn(calendar, start, due, now, share);

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

  it("counts working days: the Spring Festival uses none of a case's time", () => {
    // accepted Friday 13 February 2026, 5 working days: Saturday 14 (make-up day), then 24–27 February
    const accepted = new Date('2026-02-13T10:00:00+08:00');
    const due = calendar.due(accepted, 5).due;
    expect(due.toISOString()).to.equal('2026-02-27T15:59:59.999Z');
    expect(deadlineColour(accepted, due, new Date('2026-02-20T12:00:00+08:00'), 0.4), 'a week of holiday later').to.equal('green');
    expect(deadlineColour(accepted, due, new Date('2026-02-26T12:00:00+08:00'), 0.4)).to.equal('yellow');
    expect(deadlineColour(accepted, due, new Date('2026-02-28T00:00:00+08:00'), 0.4)).to.equal('red');
  });
});

describe('超期预警 schedule: when the colour turns next', () => {
  const share = 0.7;
  it('names the start of the yellow working day, then the moment after the due time, then nothing', () => {
    const start = new Date('2026-11-23T09:00:00+08:00');
    const due = new Date('2026-11-27T23:59:59.999+08:00');
    expect(nextTurnAt(calendar, start, due, new Date('2026-11-24T09:00:00+08:00'), share)?.toISOString()).to.equal('2026-11-25T16:00:00.000Z');
    expect(nextTurnAt(calendar, start, due, new Date('2026-11-27T00:00:00+08:00'), share)?.toISOString()).to.equal('2026-11-27T16:00:00.000Z');
    expect(nextTurnAt(calendar, start, due, new Date('2026-11-28T00:00:00+08:00'), share)).to.equal(null);
  });

  it('agrees with the colours every five hours, over the Spring Festival and National Day, for any share and period', () => {
    let checked = 0;
    for (const accepted of ['2026-02-11T15:00:00+08:00', '2026-09-28T10:30:00+08:00', '2026-11-20T23:00:00+08:00']) {
      const start = new Date(accepted);
      for (const days of [1, 2, 3, 5, 10, 20]) {
        const due = calendar.due(start, days).due;
        for (const s of [0.1, 0.3, 0.5, 0.7, 0.9]) {
          for (let now = start.getTime(); now < due.getTime() + 3 * 86_400_000; now += 5 * 3_600_000) {
            const colour = deadlineColour(start, due, new Date(now), s);
            const turn = nextTurnAt(calendar, start, due, new Date(now), s);
            if (colour === 'red') {
              expect(turn).to.equal(null);
              continue;
            }
            expect(turn!.getTime(), 'a turn comes after now').to.be.greaterThan(now);
            expect(deadlineColour(start, due, new Date(turn!.getTime() - 1), s), 'unchanged until the turn').to.equal(colour);
            expect(deadlineColour(start, due, turn!, s), 'changed at the turn').to.not.equal(colour);
            checked++;
          }
        }
      }
    }
    expect(checked).to.be.greaterThan(5_000);
  }).timeout(30_000);
});
