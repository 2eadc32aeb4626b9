import type { Transaction } from 'sequelize';
import { CaseCopy } from './case-copy.model.ts';

/** 抄送: a case copied to a person, as other domains read it. */
export interface CaseCopyRecord {
  caseId: number;
  userId: number;
  fromUserId: number;
  taskName: string | null;
  note: string | null;
  readAt: Date | null;
  createdAt: Date;
}

/** Copies the case to the user once (a second copy changes nothing); answers whether this made it. */
export async function copyCaseTo(
  copy: { caseId: number; userId: number; fromUserId: number; taskName: string | null; note: string | null },
  transaction?: Transaction,
): Promise<boolean> {
  const [, created] = await CaseCopy.findOrCreate({ where: { caseId: copy.caseId, userId: copy.userId }, defaults: copy, transaction });
  return created;
}

/** The copies a user received, newest first (at most `limit`). */
export async function copiesReceivedBy(userId: number, limit: number): Promise<CaseCopyRecord[]> {
  return CaseCopy.findAll({ where: { userId }, order: [['id', 'DESC']], limit });
}

/** Whether the case was copied to the user (抄送); reading it so marks the copy read. */
export async function readCopyOf(caseId: number, userId: number): Promise<boolean> {
  const copy = await CaseCopy.findOne({ where: { caseId, userId } });
  if (copy && !copy.readAt) await copy.update({ readAt: new Date() });
  return Boolean(copy);
}
