/**
 * 审计日志 (the audit trail), the public entry: what any domain records (recordAudit, inside its
 * own transaction, last), and the key set at start. Search, verification and export are routed by
 * audit.controller.ts for the audit administrator.
 */
export { recordAudit, requestActor, useAuditKey, type AuditEntry } from './record-audit.ts';
export { verifyAuditTrail, type AuditVerification } from './verify-audit.ts';
