/**
 * 好差评 (ratings), the public entry: what the composition roots need beyond the routes — the
 * ratings as the province's 评价 events for 存量回传 (scripts/province-backfill.ts).
 */
export { ratingEventsOfCases } from './rating-reporting.ts';
