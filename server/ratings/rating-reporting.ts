import { Op, type Transaction } from 'sequelize';
import { caseById, lockCase, reportedCaseOf, type CaseRecord } from '../cases/index.ts';
import { queueCaseEvent, type PlatformEvent, type ReportedCase } from '../reporting/index.ts';
import { CaseRating } from './rating.model.ts';

/** 好差评 as the province's 评价 event: the level, the reason codes, the comment (server/reporting/exchange-mapping.ts). */
const ratingEvent = (r: CaseRating): PlatformEvent => ({
  source: 'rating',
  sourceId: r.id,
  type: 'rating',
  actor: `account:${r.ratedBy}`,
  detail: { level: r.level, reasons: r.reasons, comment: r.comment },
  at: r.createdAt,
});

/** Queues the rating for the province in the rating's transaction, after the case's earlier events (its row locked, as the timeline's are). */
export async function reportRating(rating: CaseRating, c: CaseRecord, transaction: Transaction): Promise<void> {
  await lockCase(c.id, transaction);
  await queueCaseEvent(await reportedCaseOf(c, transaction), ratingEvent(rating), transaction);
}

/** A resend's look at a rating again (server/reporting EventSources): the rating and its case as it is now. */
export async function ratingSourceOf(id: number): Promise<{ reported: ReportedCase; event: PlatformEvent } | null> {
  const rating = await CaseRating.findByPk(id);
  const c = rating ? await caseById(rating.caseId) : null;
  return rating && c ? { reported: await reportedCaseOf(c), event: ratingEvent(rating) } : null;
}

/** 存量回传: the ratings of those cases, as platform events, by case id. */
export async function ratingEventsOfCases(caseIds: number[]): Promise<Map<number, PlatformEvent>> {
  const rows = await CaseRating.findAll({ where: { caseId: { [Op.in]: caseIds } } });
  return new Map(rows.map((r) => [r.caseId, ratingEvent(r)]));
}
