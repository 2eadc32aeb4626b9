import { Op } from 'sequelize';
import { Attachment } from './attachment.model.ts';

/** An uploaded file as other domains read it: where it is stored, what it is, who uploaded it. */
export interface AttachmentRecord {
  id: string;
  originalName: string;
  mimeType: string;
  sizeBytes: number;
  sha256: string;
  /** the integrity hash (SM3); null on a row from before SM3 not yet filled */
  sm3: string | null;
  /** the file under <dataDir>/attachments */
  storageKey: string;
  uploadedBy: number;
  createdAt: Date;
}

/** The attachment of that id, if there is one. */
export async function attachmentById(id: string): Promise<AttachmentRecord | null> {
  return Attachment.findByPk(id);
}

/** The attachments of those ids, by id (unknown ids are left out). */
export async function attachmentsByIds(ids: string[]): Promise<Map<string, AttachmentRecord>> {
  return new Map((await Attachment.findAll({ where: { id: { [Op.in]: ids } } })).map((a) => [a.id, a]));
}
