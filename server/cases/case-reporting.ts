import { Op, type Transaction } from 'sequelize';
import { Case } from './case.model.ts';
import { TimelineEvent } from './timeline-event.model.ts';
import type { CaseRecord } from './case-records.ts';
import { mayReport, queueCaseEvent, type PlatformEvent, type ReportedCase } from '../reporting/index.ts';

/**
 * 办件数据汇聚, the cases' side: a case as the provincial exchange tags its events, and each
 * timeline entry the province takes queued in the entry's own transaction (server/reporting).
 */

/** The case's tags and applicant for the exchange (the region: the handling region, else the one its number starts with). */
export async function reportedCaseOf(c: CaseRecord, transaction?: Transaction): Promise<ReportedCase> {
  const parent = c.parentCaseId ? await Case.findByPk(c.parentCaseId, { attributes: ['caseNo'], transaction }) : null;
  return tagsOf(c, parent?.caseNo ?? null);
}

function tagsOf(c: CaseRecord, bundleCaseNo: string | null): ReportedCase {
  return {
    id: c.id,
    caseNo: c.caseNo,
    kind: c.kind,
    channel: c.channel,
    itemCode: c.itemCode,
    itemVersion: c.itemVersion,
    regionCode: c.regionCode ?? c.caseNo.slice(0, 6),
    departmentCode: c.departmentCode,
    bundleCaseNo,
    byAgent: Boolean(c.agent),
    applicant: { name: c.applicantName, idType: c.applicantIdType, idNo: c.applicantIdNo },
  };
}

const platformEventOf = (row: TimelineEvent): PlatformEvent => ({
  source: 'timeline',
  sourceId: row.id,
  type: row.type,
  actor: row.actor,
  detail: row.detail,
  at: row.createdAt,
});

/**
 * Queues a new timeline entry for the province when it takes the entry's kind. The case's row is
 * locked first: two transactions of one case queue one after the other, so its events are
 * numbered in the order they commit and the sender keeps that order.
 */
export async function reportTimelineEntry(row: TimelineEvent, transaction: Transaction): Promise<void> {
  if (!mayReport('timeline', row.type)) return;
  const c = await Case.findByPk(row.caseId, { transaction, lock: transaction.LOCK.UPDATE });
  if (!c) return;
  await queueCaseEvent(await reportedCaseOf(c, transaction), platformEventOf(row), transaction);
}

/** A resend's look at a timeline entry again (server/reporting EventSources): the entry and its case as it is now. */
export async function timelineSourceOf(id: number): Promise<{ reported: ReportedCase; event: PlatformEvent } | null> {
  const entry = await TimelineEvent.findByPk(id);
  const c = entry ? await Case.findByPk(entry.caseId, { attributes: REPORTED_ATTRIBUTES }) : null;
  return entry && c ? { reported: await reportedCaseOf(c), event: platformEventOf(entry) } : null;
}

/** What the exchange's tags need of a case (not its form, materials or clocks). */
const REPORTED_ATTRIBUTES = [
  'id',
  'caseNo',
  'kind',
  'parentCaseId',
  'channel',
  'itemCode',
  'itemVersion',
  'regionCode',
  'departmentCode',
  'agent',
  'applicantName',
  'applicantIdType',
  'applicantIdNo',
];

/** 存量回传: the next cases after that id, each with its timeline entries (those the province may take) in the order recorded. */
export async function caseHistoryAfter(afterId: number, limit: number): Promise<Array<{ reported: ReportedCase; events: PlatformEvent[] }>> {
  const cases = await Case.findAll({ attributes: REPORTED_ATTRIBUTES, where: { id: { [Op.gt]: afterId } }, order: [['id', 'ASC']], limit });
  if (!cases.length) return [];
  const entries = await TimelineEvent.findAll({ where: { caseId: { [Op.in]: cases.map((c) => c.id) } }, order: [['id', 'ASC']] });
  const byCase = new Map<number, PlatformEvent[]>();
  for (const e of entries) {
    if (!mayReport('timeline', e.type)) continue;
    if (!byCase.has(e.caseId)) byCase.set(e.caseId, []);
    byCase.get(e.caseId)!.push(platformEventOf(e));
  }
  const parents = new Map(
    (
      await Case.findAll({
        attributes: ['id', 'caseNo'],
        where: { id: { [Op.in]: [...new Set(cases.map((c) => c.parentCaseId).filter((id): id is number => id !== null))] } },
      })
    ).map((p) => [p.id, p.caseNo]),
  );
  return cases.map((c) => ({ reported: tagsOf(c, c.parentCaseId ? (parents.get(c.parentCaseId) ?? null) : null), events: byCase.get(c.id) ?? [] }));
}
