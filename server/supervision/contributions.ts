import type { Counts } from '../../contract/indicators.ts';
import { addRow, difference } from './count-maps.ts';
import type { CaseFact } from './case-facts.ts';
import { BAD_AT_MOST, SATISFIED_AT_LEAST } from './rating-levels.ts';

/** A row of indicator_counts: a day and the dimensions. */
export interface CountKey {
  day: string;
  regionCode: string;
  departmentCode: string;
  itemCode: string;
  bundleCode: string;
  channel: string;
}

/** 网上申办: the online channels, and 免申即享 (the platform opened the case online; nobody came) */
const ONLINE = ['web', 'mobile', 'proactive'];
const SOLVED = ['approved', 'partially_approved'];

export const keyString = (k: CountKey) => [k.day, k.regionCode, k.departmentCode, k.itemCode, k.bundleCode, k.channel].join('|');

export function keyOf(s: string): CountKey {
  const [day, regionCode, departmentCode, itemCode, bundleCode, channel] = s.split('|') as [string, string, string, string, string, string];
  return { day, regionCode, departmentCode, itemCode, bundleCode, channel };
}

/**
 * What a case's facts add to the counters, by row (key string → counts). An application (a case
 * that is no bundle's item) counts the application measures; every item case counts the item_*
 * measures in its own department. contract/indicators.ts MEASURE_DAY says which day each is on.
 */
export function contributionsOf(fact: CaseFact | null): Map<string, Counts> {
  const rows = new Map<string, Counts>();
  if (!fact) return rows;
  const add = (day: string | null, counts: Counts) => {
    if (!day) return;
    const key = keyString({
      day,
      regionCode: fact.regionCode,
      departmentCode: fact.departmentCode,
      itemCode: fact.itemCode,
      bundleCode: fact.bundleCode,
      channel: fact.channel,
    });
    addRow(rows, key, counts);
  };
  const n = (b: boolean | null | undefined) => (b ? 1 : 0);
  const application = fact.parentCaseId === null;
  if (fact.kind === 'item') {
    add(fact.submittedDay, { item_cases: 1 });
    add(fact.finishedDay, { item_finished: 1, item_overdue: n(fact.overdue) });
  }
  if (!application) return rows;
  add(fact.submittedDay, {
    applications: 1,
    online_applications: n(ONLINE.includes(fact.channel)),
    accepted: n(fact.acceptedAt !== null),
    not_accepted: n(fact.outcome === 'not_accepted'),
    corrected: n(fact.corrections > 0),
    // 容缺受理, 告知承诺: accepted so (their rates are of the accepted)
    tolerated: n(fact.tolerated && fact.acceptedAt !== null),
    committed: n(fact.committed && fact.acceptedAt !== null),
    assisted: n(fact.assisted),
  });
  if (fact.finishedDay) {
    add(fact.finishedDay, {
      finished: 1,
      once: n(fact.visits <= 1),
      visits: fact.visits,
      overdue: n(fact.overdue),
      within_promised: n(fact.withinPromised),
      used_days: fact.usedDays ?? 0,
      promised_days: fact.promisedDays,
      materials_given: fact.materialsGiven,
      materials_exempted: fact.materialsExempted,
      assisted_finished: n(fact.assisted),
      assisted_solved: n(fact.assisted && SOLVED.includes(fact.outcome ?? '')),
    });
  }
  if (fact.ratedDay && fact.ratingLevel !== null) {
    const bad = fact.ratingLevel <= BAD_AT_MOST;
    const satisfied = fact.ratingLevel >= SATISFIED_AT_LEAST;
    add(fact.ratedDay, {
      ratings: 1,
      satisfied: n(satisfied),
      bad: n(bad),
      bad_rectified: n(fact.rectification === 'rectified'),
      bad_rectified_on_time: n(fact.rectifiedOnTime),
      assisted_ratings: n(fact.assisted),
      assisted_satisfied: n(fact.assisted && satisfied),
    });
  }
  return rows;
}

/** What changes in the counters when a case's facts go from `before` to `after` (rows with nothing to change left out). */
export function deltaOf(before: CaseFact | null, after: CaseFact | null): Map<string, Counts> {
  return difference(contributionsOf(before), contributionsOf(after));
}
