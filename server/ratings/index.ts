/**
 * 好差评 (ratings), the public entry: what the composition roots need beyond the routes — the
 * ratings as the province's 评价 events for 存量回传 (scripts/province-backfill.ts) — and the levels
 * and reasons in words (the supervision's 好差评分析), and the 差评 in words for the problems they raised
 * (ratingSummaries, handed to server/problems by server/app.ts).
 */
/** 办件数据汇聚: the ratings as the province's 评价 events, for 存量回传 and for a resend of a refused one (server/app.ts). */
export { ratingEventsOfCases, ratingSourceOf } from './rating-reporting.ts';
export { RATING_LEVELS, RATING_REASONS, ratingSummaries } from './ratings.service.ts';
