/**
 * 即报即批 / 秒批 (issue 19, docs/instant-approval.md): an item marked for it (item.json
 * `instantApproval`) is, once accepted, verified against shared data and decided by its decision
 * table; approved, its results follow with no human step; otherwise a reviewer decides, told why.
 */
export { decideInstantly, type InstantOutcome, type InstantRecord } from './decide-instantly.ts';
export { ageOn, companyFacts, factsOf, INSTANT_ACTOR, personFacts } from './instant-facts.ts';
