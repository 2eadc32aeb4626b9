/**
 * 受理 (acceptance), the public entry: the machine's check and decision (the `acceptance` topic),
 * the clerk's review at the window (task acceptance_review), and the record of every decision with
 * its notice (受理通知书, 容缺受理通知书, 补正材料告知书, 不予受理决定书).
 */
export { decideAcceptanceByMachine } from './decide-by-machine.ts';
export { acceptanceContext, recordAcceptance, recordedAcceptance, type AcceptanceOutcome, type PlainVariables } from './acceptance-record.ts';
export { ACCEPTANCE_REVIEW_DAYS, ACCEPTANCE_REVIEW_TASK, CLERK_DECISIONS, clerkOutcome, engineVariables, type ClerkDecision } from './acceptance-review.ts';
