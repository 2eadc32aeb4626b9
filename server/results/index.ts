/**
 * 办理结果 (results), the public entry: the decision documents and e-licenses of a decided case,
 * sealed and signed (the `seal` topic), and the notices served on the way, sealed once recorded.
 */
export { sealResults } from './seal-results.ts';
export { sealPendingNotices, sealRecordedNotice } from './seal-notice.ts';
