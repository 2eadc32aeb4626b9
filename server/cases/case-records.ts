import { Op, type InferAttributes, type Transaction } from 'sequelize';
import { lookupHash } from '../privacy/sealing.ts';
import { Case } from './case.model.ts';
import { CaseMaterial } from './case-material.model.ts';
import { Commitment } from './commitment.model.ts';
import { TimelineEvent } from './timeline-event.model.ts';
import { FINAL_STATUSES, type CaseStatus } from './case-status.ts';
import type { TimelineType } from './timeline.ts';

/** A case as other domains read it: its columns, as plain data (a row of `cases`). */
export type CaseRecord = InferAttributes<Case>;

/** What other domains may change on a case, each in its own step (acceptance, decision, payment, delivery …). */
export type CaseChanges = Partial<
  Pick<CaseRecord, 'status' | 'decision' | 'finishedAt' | 'acceptedAt' | 'promisedDueAt' | 'statutoryDueAt' | 'deliveryChoice' | 'processInstanceId'>
>;

/** A transaction on the database the cases live in (every domain's tables are in it). */
export function caseTransaction<T>(work: (transaction: Transaction) => Promise<T>): Promise<T> {
  return Case.sequelize!.transaction(work);
}

/** The case of that number, if there is one. */
export async function caseByNo(caseNo: string): Promise<CaseRecord | null> {
  return Case.findOne({ where: { caseNo } });
}

/** The case of that id, if there is one. */
export async function caseById(id: number, transaction?: Transaction): Promise<CaseRecord | null> {
  return Case.findByPk(id, { transaction });
}

/** The case of that id, locked for the transaction (FOR UPDATE), as it is now. */
export async function lockCase(id: number, transaction: Transaction): Promise<CaseRecord | null> {
  return Case.findByPk(id, { transaction, lock: transaction.LOCK.UPDATE });
}

/** A 一件事 bundle case's item cases, by case number (locked for the transaction when asked). */
export async function itemCasesOf(bundleId: number, { transaction, lock }: { transaction?: Transaction; lock?: true } = {}): Promise<CaseRecord[]> {
  return Case.findAll({
    where: { parentCaseId: bundleId },
    order: [['caseNo', 'ASC']],
    transaction,
    ...(lock && transaction ? { lock: transaction.LOCK.UPDATE } : {}),
  });
}

/** The cases of those ids (unknown ids are left out). */
export async function casesByIds(ids: number[]): Promise<CaseRecord[]> {
  return Case.findAll({ where: { id: { [Op.in]: ids } } });
}

/** The case numbers of those case ids (reads the numbers only). */
export async function caseNosByIds(ids: number[]): Promise<Map<number, string>> {
  return new Map((await Case.findAll({ attributes: ['id', 'caseNo'], where: { id: { [Op.in]: ids } } })).map((c) => [c.id, c.caseNo]));
}

/** The case number of that case id, or null (reads the number only). */
export async function caseNoOf(id: number): Promise<string | null> {
  return (await Case.findByPk(id, { attributes: ['caseNo'] }))?.caseNo ?? null;
}

/** The cases of those numbers. */
export async function casesByNumbers(caseNos: string[]): Promise<CaseRecord[]> {
  return Case.findAll({ where: { caseNo: { [Op.in]: caseNos } } });
}

/** The cases running in those process instances (as far as the case knows its instance). */
export async function casesByProcessInstances(processInstanceIds: string[]): Promise<CaseRecord[]> {
  return Case.findAll({ where: { processInstanceId: { [Op.in]: processInstanceIds } } });
}

/** Unfinished cases the stuck-case detector must look at by `now` (`stuckLookAt`, indexed), the longest due first, at most `limit`. */
export async function casesDueForStuckLook(now: Date, limit: number): Promise<CaseRecord[]> {
  return Case.findAll({
    where: { stuckLookAt: { [Op.lte]: now }, status: { [Op.notIn]: [...FINAL_STATUSES] } },
    order: [
      ['stuckLookAt', 'ASC'],
      ['id', 'ASC'],
    ],
    limit,
  });
}

/**
 * When the stuck-case detector looks at the case next: written only while the case is as the
 * detector read it (a change meanwhile made it due at once, and stays so). A write of the
 * detector's own: it changes nothing else of the case, not even its `updatedAt`.
 */
export async function scheduleStuckLook(c: Pick<CaseRecord, 'id' | 'updatedAt'>, at: Date): Promise<void> {
  await Case.update({ stuckLookAt: at }, { where: { id: c.id, updatedAt: c.updatedAt }, silent: true });
}

/** Makes those cases due at the detector's next look (the engine said something happened to their processes). */
export async function makeStuckLookDue(caseIds: number[]): Promise<void> {
  if (caseIds.length)
    await Case.update({ stuckLookAt: new Date(0) }, { where: { id: { [Op.in]: caseIds }, status: { [Op.notIn]: [...FINAL_STATUSES] } }, silent: true });
}

/** Cases changed at or after an instant (oldest change first), at most `limit`: whoever keeps a copy of their columns follows them. */
export async function casesUpdatedSince(since: Date, limit: number): Promise<CaseRecord[]> {
  return Case.findAll({ where: { updatedAt: { [Op.gte]: since } }, order: [['updatedAt', 'ASC']], limit });
}

/** An applicant's own cases (submitted by them, or carrying their ID number), not a bundle's items, newest first. */
export async function casesOfApplicant(userId: number, idNo: string | null, limit: number): Promise<CaseRecord[]> {
  const who = idNo ? [{ submittedBy: userId }, { applicantIdNoHash: lookupHash(idNo) }] : [{ submittedBy: userId }];
  return Case.findAll({ where: { [Op.or]: who, parentCaseId: null }, order: [['id', 'DESC']], limit });
}

/**
 * How many cases of an item are in the name of an applicant (a person's ID number or a company's
 * credit code, found by its keyed hash; whoever submitted them) that are under way or granted: not
 * refused, not accepted, withdrawn or terminated. A benefit had once (免申即享 once per recipient).
 */
export async function countBenefitCasesOf(idNo: string, itemCode: string): Promise<number> {
  return Case.count({
    where: {
      applicantIdNoHash: lookupHash(idNo),
      itemCode,
      status: { [Op.notIn]: ['not_accepted', 'refused', 'withdrawn', 'terminated'] },
      [Op.or]: [{ decision: null }, { decision: { [Op.ne]: 'refused' } }],
    },
  });
}

/**
 * Changes a case (the record read through this module: it is updated in place too). The case's
 * hooks run as for any change of it: moving its clock makes the deadline sweep look at it again.
 */
export async function updateCase(c: CaseRecord, changes: CaseChanges, transaction?: Transaction): Promise<void> {
  if (c instanceof Case) await c.update(changes, { transaction });
  else {
    await Case.update(changes, { where: { id: c.id }, transaction });
    Object.assign(c, changes);
  }
}

/** Sets the status of the case of that id, only while it is `whileStatus` when given; answers whether it changed. */
export async function setCaseStatus(id: number, status: CaseStatus, transaction: Transaction, whileStatus?: CaseStatus): Promise<boolean> {
  const [count] = await Case.update({ status }, { where: { id, ...(whileStatus ? { status: whileStatus } : {}) }, transaction });
  return count > 0;
}

/** The material codes a case was handed in with as files. */
export async function handedInMaterialCodes(caseId: number): Promise<Set<string>> {
  return new Set((await CaseMaterial.findAll({ where: { caseId } })).map((m) => m.materialCode));
}

/** The materials a case was handed in with as files: which material, which attachment. */
export async function handedInFiles(caseId: number): Promise<{ materialCode: string; attachmentId: string }[]> {
  return CaseMaterial.findAll({ where: { caseId } });
}

/** The material codes of the case's 告知承诺 of that kind (deferral: 容缺; replacement: instead of the material). */
export async function committedMaterialCodes(caseId: number, kind?: 'deferral' | 'replacement'): Promise<{ kind: string; materialCode: string }[]> {
  return Commitment.findAll({ where: { caseId, ...(kind ? { kind } : {}) } });
}

/** 容缺: the deferred materials of the case are due at `dueAt`. */
export async function setDeferralsDue(caseId: number, materialCodes: string[], dueAt: Date, transaction: Transaction): Promise<void> {
  await Commitment.update({ dueAt }, { where: { caseId, kind: 'deferral', materialCode: { [Op.in]: materialCodes } }, transaction });
}

/** A timeline entry as other domains read it. */
export interface TimelineRecord {
  id: number;
  caseId: number;
  type: string;
  actor: string;
  detail: Record<string, unknown>;
  idempotencyKey: string | null;
  createdAt: Date;
}

/** The case's latest timeline entry of that type (by that actor when given). */
export async function lastTimelineEntry(caseId: number, type: TimelineType, actor?: string): Promise<TimelineRecord | null> {
  return TimelineEvent.findOne({ where: { caseId, type, ...(actor !== undefined ? { actor } : {}) }, order: [['id', 'DESC']] });
}

/** The case's entries of those types, the latest first. */
export async function timelineEntriesOfType(caseId: number, types: TimelineType[]): Promise<TimelineRecord[]> {
  return TimelineEvent.findAll({ where: { caseId, type: { [Op.in]: types } }, order: [['id', 'DESC']] });
}

/** The keyed timeline entries of those cases (the machine steps' and the inbox's), in the order recorded. */
export async function keyedTimelineEntries(caseIds: number[]): Promise<TimelineRecord[]> {
  return TimelineEvent.findAll({ where: { caseId: { [Op.in]: caseIds }, idempotencyKey: { [Op.ne]: null } }, order: [['id', 'ASC']] });
}
