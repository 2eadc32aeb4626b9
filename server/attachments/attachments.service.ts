import { randomUUID } from 'node:crypto';
import type { Transaction } from 'sequelize';
import { Attachment } from './attachment.model.ts';
import { AppError } from '../errors/app-error.ts';
import { formatFromName, MIME_TYPES, sniffFormat } from './sniff.ts';
import { hashesOf } from './file-hashes.ts';
import type { ObjectStore } from '../storage/index.ts';
import { attachmentKey } from './attachment-key.ts';

export interface StoredAttachment {
  id: string;
  originalName: string;
  mimeType: string;
  sizeBytes: number;
  /** for outside parties that check the file with SHA-256 (Web Crypto has no SM3) */
  sha256: string;
  /** the integrity hash the platform checks (SM3, GB/T 32905) */
  sm3: string;
  createdAt: string;
}

/**
 * Keeps an uploaded file: its type is decided by its content and must agree with its name; the
 * bytes are kept in the store (attachments/…, write-once) before the row exists, so a row never points nowhere.
 */
export async function storeAttachment(
  store: ObjectStore,
  uploadedBy: number,
  originalName: string,
  bytes: Buffer,
  /** a document the platform generates inside a case's transaction is kept in it */
  transaction?: Transaction,
): Promise<StoredAttachment> {
  const claimed = formatFromName(originalName);
  const actual = sniffFormat(bytes);
  if (!actual) {
    throw new AppError(415, 'file_type_not_allowed', [], {
      'zh-CN': '文件类型不允许：只接受 PDF、JPG、PNG 文件（按文件内容判断）',
      en: 'File type not allowed: only PDF, JPG and PNG files are accepted (judged by content)',
    });
  }
  if (claimed !== actual) {
    throw new AppError(415, 'file_type_mismatch', [], {
      'zh-CN': `文件内容是 ${actual.toUpperCase()}，与文件名“${originalName}”不符`,
      en: `The file's content is ${actual.toUpperCase()}, which does not match its name "${originalName}"`,
    });
  }
  const { sha256, sm3 } = hashesOf(bytes);
  const id = randomUUID();
  const storageKey = `${sm3.slice(0, 2)}/${id}`;
  if (!(await store.putOnce(attachmentKey(storageKey), bytes))) throw new Error(`attachment ${storageKey} is stored already`);
  const row = await Attachment.create(
    {
      id,
      originalName: originalName.slice(0, 255),
      mimeType: MIME_TYPES[actual],
      sizeBytes: bytes.length,
      sha256,
      sm3,
      storageKey,
      uploadedBy,
    },
    { transaction },
  );
  return {
    id: row.id,
    originalName: row.originalName,
    mimeType: row.mimeType,
    sizeBytes: row.sizeBytes,
    sha256,
    sm3,
    createdAt: row.createdAt.toISOString(),
  };
}
