import { Op } from 'sequelize';
import { AttachmentGrant } from './attachment-grant.model.ts';

/**
 * Hands uploads over to an account other than their uploader's: the files of a booking's prepared
 * application to the window clerk who opens the checked-in booking (在线预约), so that the clerk may
 * submit them in the applicant's case. Granting again changes nothing.
 */
export async function grantAttachments(ids: string[], userId: number, grantedFor: string): Promise<void> {
  if (!ids.length) return;
  await AttachmentGrant.bulkCreate(
    [...new Set(ids)].map((attachmentId) => ({ attachmentId, userId, grantedFor })),
    { ignoreDuplicates: true },
  );
}

/** Which of these uploads were handed over to this account. */
export async function attachmentsGrantedTo(userId: number, ids: string[]): Promise<Set<string>> {
  if (!ids.length) return new Set();
  const rows = await AttachmentGrant.findAll({ where: { userId, attachmentId: { [Op.in]: ids } }, attributes: ['attachmentId'] });
  return new Set(rows.map((r) => r.attachmentId));
}
