/**
 * 办件 (cases), the public entry for the machine steps; the HTTP routes are in cases.controller.ts.
 * (Other domains still reach into this folder's files: see docs/architecture.md, "Boundaries".)
 */
export { caseByNumber } from './case-by-number.ts';
export { closeWithNotice, isNotice, type NoticeEffects } from './close-with-notice.ts';
