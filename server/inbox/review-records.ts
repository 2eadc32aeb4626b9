import { Op } from 'sequelize';
import { Deputy } from './deputy.model.ts';
import { Opinion } from './opinion.model.ts';
import { ReviewAttachment } from './review-attachment.model.ts';

/** A reviewer's opinion on a step of a case, as other domains read it. */
export interface OpinionRecord {
  id: number;
  caseId: number;
  taskId: string;
  activityId: string;
  activityName: string | null;
  userId: number;
  outcome: Opinion['outcome'];
  comment: string;
  createdAt: Date;
}

/** A file a reviewer added to a case during review. */
export interface ReviewFileRecord {
  id: number;
  caseId: number;
  taskId: string;
  taskName: string | null;
  attachmentId: string;
  userId: number;
  note: string | null;
  createdAt: Date;
}

/** The opinions given on a case, in the order given. */
export async function opinionsOf(caseId: number): Promise<OpinionRecord[]> {
  return Opinion.findAll({ where: { caseId }, order: [['id', 'ASC']] });
}

/** The steps (activity ids) of a case the user gave an opinion on. */
export async function stepsHandledBy(caseId: number, userId: number): Promise<string[]> {
  return (await Opinion.findAll({ where: { caseId, userId } })).map((o) => o.activityId);
}

/** The opinions that rejected (不予): the reasons of a refusal, in the order given. */
export async function rejectionsOf(caseId: number): Promise<OpinionRecord[]> {
  return Opinion.findAll({ where: { caseId, outcome: 'reject' }, order: [['id', 'ASC']] });
}

/** The files reviewers added to a case, in the order added. */
export async function reviewFilesOf(caseId: number): Promise<ReviewFileRecord[]> {
  return ReviewAttachment.findAll({ where: { caseId }, order: [['id', 'ASC']] });
}

/** Whether a reviewer added that attachment to the case. */
export async function isReviewFileOf(caseId: number, attachmentId: string): Promise<boolean> {
  return (await ReviewAttachment.count({ where: { caseId, attachmentId } })) > 0;
}

/** The deputies standing in at `now` for those users: who (userId) is stood in for by whom (deputyUserId). */
export async function deputiesStandingIn(userIds: number[], now: Date): Promise<{ userId: number; deputyUserId: number }[]> {
  return Deputy.findAll({ where: { userId: { [Op.in]: userIds }, startsAt: { [Op.lte]: now }, endsAt: { [Op.gt]: now } } });
}
