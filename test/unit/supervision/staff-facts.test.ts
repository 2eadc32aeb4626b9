import { expect } from 'chai';
import { parseStaff, serializeStaff, staffContributions, staffDelta, type OpinionRow } from '../../../server/supervision/staff-facts.ts';

const day = (d: Date) => d.toISOString().slice(0, 10);
const at = (iso: string) => new Date(iso);
const opinion = (o: Partial<OpinionRow> & Pick<OpinionRow, 'id' | 'userId' | 'outcome' | 'at'>): OpinionRow => ({
  caseId: 1,
  departmentCode: 'samr',
  regionCode: '430100',
  taskCreatedAt: null,
  stepDueAt: null,
  ...o,
});

describe('监管指标 by staff: what a case adds to each person’s counters (server/supervision/staff-facts.ts)', () => {
  it('counts each task of the case for its author on the day decided: in time against the step’s due time, its handling minutes, its outcome', () => {
    const rows = staffContributions(
      1,
      [
        opinion({
          id: 1,
          userId: 7,
          outcome: 'accepted',
          at: at('2026-12-01T09:30:00Z'),
          taskCreatedAt: at('2026-12-01T09:00:00Z'),
          stepDueAt: at('2026-12-03T09:00:00Z'),
        }),
        opinion({
          id: 2,
          userId: 8,
          outcome: 'reject',
          at: at('2026-12-05T10:00:00Z'),
          taskCreatedAt: at('2026-12-01T10:00:00Z'),
          stepDueAt: at('2026-12-04T10:00:00Z'),
        }),
        // before migration 0040: neither arrival nor due time known
        opinion({ id: 3, userId: 8, outcome: 'approve', at: at('2026-12-05T11:00:00Z') }),
        // another case's (a bundle's item): not a task of this one
        opinion({ id: 4, caseId: 2, userId: 9, outcome: 'approve', at: at('2026-12-05T11:00:00Z') }),
      ],
      null,
      day,
    );
    expect(Object.fromEntries(rows)).to.deep.equal({
      '2026-12-01|7|samr|430100': { tasks_done: 1, tasks_timed: 1, tasks_on_time: 1, tasks_measured: 1, handling_minutes: 30, approvals: 1 },
      '2026-12-05|8|samr|430100': { tasks_done: 2, tasks_timed: 1, tasks_measured: 1, handling_minutes: 4 * 24 * 60, rejections: 1, approvals: 1 },
    });
  });

  it('gives a rating to each person who decided on the case or its items once, in the department of their latest decision, on the rating’s day', () => {
    const opinions = [
      opinion({ id: 1, userId: 7, outcome: 'correction', at: at('2026-12-01T09:00:00Z') }),
      opinion({ id: 2, userId: 7, outcome: 'accepted', at: at('2026-12-02T09:00:00Z') }),
      opinion({ id: 3, caseId: 2, userId: 9, departmentCode: 'fire', outcome: 'approve', at: at('2026-12-03T09:00:00Z') }),
    ];
    const bad = staffContributions(1, opinions, { level: 1, day: '2026-12-10' }, day);
    expect(bad.get('2026-12-10|7|samr|430100')).to.deep.equal({ rated_cases: 1, rated_bad: 1 });
    expect(bad.get('2026-12-10|9|fire|430100')).to.deep.equal({ rated_cases: 1, rated_bad: 1 });
    expect(bad.get('2026-12-01|7|samr|430100')).to.deep.equal({ tasks_done: 1, corrections_asked: 1 });
    const good = staffContributions(1, opinions, { level: 5, day: '2026-12-10' }, day);
    expect(good.get('2026-12-10|7|samr|430100')).to.deep.equal({ rated_cases: 1, rated_satisfied: 1 });
  });

  it('changes the counters by the difference only: a rating changed moves one person’s figures, nothing changed moves none', () => {
    const opinions = [opinion({ id: 1, userId: 7, outcome: 'approve', at: at('2026-12-01T09:00:00Z') })];
    const before = serializeStaff(staffContributions(1, opinions, { level: 2, day: '2026-12-10' }, day));
    const after = serializeStaff(staffContributions(1, opinions, { level: 4, day: '2026-12-11' }, day));
    expect(Object.fromEntries(staffDelta(before, after))).to.deep.equal({
      '2026-12-10|7|samr|430100': { rated_cases: -1, rated_bad: -1 },
      '2026-12-11|7|samr|430100': { rated_cases: 1, rated_satisfied: 1 },
    });
    expect(staffDelta(after, after).size).to.equal(0);
    expect(Object.fromEntries(staffDelta(null, after))).to.deep.equal(Object.fromEntries(parseStaff(after)));
    expect(serializeStaff(new Map())).to.equal(null);
  });
});
