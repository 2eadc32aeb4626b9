import { createHash, randomUUID } from 'node:crypto';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Transaction } from 'sequelize';
import { Attachment } from './attachment.model.ts';
import { AppError } from '../errors/app-error.ts';
import { formatFromName, MIME_TYPES, sniffFormat } from './sniff.ts';

export interface StoredAttachment {
  id: string;
  originalName: string;
  mimeType: string;
  sizeBytes: number;
  sha256: string;
  createdAt: string;
}

export const toStored = (a: Attachment): StoredAttachment => ({
  id: a.id,
  originalName: a.originalName,
  mimeType: a.mimeType,
  sizeBytes: a.sizeBytes,
  sha256: a.sha256,
  createdAt: a.createdAt.toISOString(),
});

/**
 * Keeps an uploaded file: its type is decided by its content and must agree with its name; the
 * bytes are written under data/attachments before the row exists, so a row never points nowhere.
 */
export async function storeAttachment(
  dataDir: string,
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
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const id = randomUUID();
  const storageKey = join(sha256.slice(0, 2), id);
  const dir = join(dataDir, 'attachments', sha256.slice(0, 2));
  await mkdir(dir, { recursive: true });
  const tmp = join(dir, `${id}.part`);
  await writeFile(tmp, bytes, { flag: 'wx' });
  await rename(tmp, join(dataDir, 'attachments', storageKey));
  const row = await Attachment.create(
    {
      id,
      originalName: originalName.slice(0, 255),
      mimeType: MIME_TYPES[actual],
      sizeBytes: bytes.length,
      sha256,
      storageKey,
      uploadedBy,
    },
    { transaction },
  );
  return toStored(row);
}
