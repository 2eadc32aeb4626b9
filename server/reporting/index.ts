/**
 * 办件数据汇聚 (reporting to the provincial exchange), the public entry. Below the cases: the cases'
 * timeline and the ratings queue their events here, in their own transactions (the outbox); the
 * sender, the daily reconciliation, 存量回传 and the administrator's routes need nothing above it
 * (the backfill reads the history through a port, handed in by scripts/province-backfill.ts).
 */
/** The mapping of platform events to the exchange's (docs/province-exchange.md), and the queueing in the event's transaction. */
export { exchangeEventOf, mayReport, type MappedEvent, type PlatformEvent, type ReportedCase } from './exchange-mapping.ts';
export { queueCaseEvent } from './queue.ts';
/** 存量回传 over a history source. */
export { backfillOutbox, type BackfillProgress, type CaseHistorySource } from './backfill.ts';
/** The schedule (server/bootstrap.ts) and one round of the sender (tests run rounds when they choose). */
export { provinceRound, watchProvince } from './watch.ts';
export { reconcileDay } from './reconcile.ts';
export { exchangeOf } from './sender.ts';
export { reportingRoutes } from './reporting.controller.ts';
/** What a resend reads an event's source through (handed in by server/app.ts). */
export type { EventSources } from './resend.ts';
export { reportingPaths, reportingSchemas } from './openapi.ts';
