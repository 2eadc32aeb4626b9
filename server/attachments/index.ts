/**
 * 附件 (attachments), the public entry: the uploaded files as other domains read them, and what a
 * file's bytes and type are (the upload itself is routed by attachments.controller.ts).
 */
export { attachmentById, attachmentsByIds, type AttachmentRecord } from './attachment-records.ts';
/** A file's format from its bytes, its name or its MIME type, and the MIME type of each format. */
export { formatFromName, formatOfMimeType, MIME_TYPES, sniffFormat } from './sniff.ts';
/** Keeps a file (an upload, or a document the platform generates for a case) in the store, under attachments/. */
export { storeAttachment, type StoredAttachment } from './attachments.service.ts';
export { attachmentsGrantedTo, grantAttachments } from './grants.ts';
/** An attachment's key in the store (server/storage), from its row's storageKey. */
export { attachmentKey } from './attachment-key.ts';
/** Whether a stored file is what was uploaded (its SM3, or its SHA-256 on a row from before SM3). */
export { attachmentIntact } from './file-hashes.ts';
