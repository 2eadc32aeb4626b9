/**
 * 运维监控 (operations), the public entry: the system administrator's incident console (failed
 * steps with their cases: retry, retry with corrected variables, move a case to a step, cancel it
 * with a notice), the stuck-case detector, and the scheduled round that tells the department's
 * leaders and the administrators of each new incident once. It stands above every domain it reads
 * (cases, inbox, notifications, audit, auth): only the composition roots import it.
 */
export { operationsRoutes } from './operations.controller.ts';
export { operationsPaths, operationsSchemas } from './openapi.ts';
/** The schedule (server/bootstrap.ts) and one round of it (tests run rounds when they choose). */
export { NOTIFIED_MARK, notifyNewIncidents, operationsRound, watchOperations } from './watch.ts';
/** What the case's page shows of an open incident (handed to the cases' routes by server/app.ts). */
export { incidentOfCase, type CaseIncident } from './case-incident.ts';
export { stuckCaseDetector } from './stuck-cases.ts';
