/**
 * 办理结果 (results), the public entry: the decision documents and e-licenses of a decided case,
 * sealed and signed (the `seal` topic), and the notices served on the way, sealed once recorded.
 */
export { sealResults, type ReviewReasons } from './seal-results.ts';
export { sealPendingNotices, sealRecordedNotice } from './seal-notice.ts';
/** The documents a case's results are (for delivery and download), and the stored PDF checked against its hash. */
export { documentsOf, type ResultDocumentRecord } from './result-documents.ts';
export { readDocument, readStoredDocument } from './document-store.ts';
/** 验章: both signatures of a sealed document (RSA PAdES in the PDF, SM2-with-SM3 kept beside it). */
export { verifySealedDocument, type DocumentVerification, type SignatureStatus } from './verify-document.ts';
