/**
 * 办件 (cases), the public entry: what other domains read and change of a case, its timeline and
 * notices, who may see it, and the machine steps' entry points. The HTTP routes are in
 * cases.controller.ts; the cases' tables are this domain's own (read them through here).
 */
/** The case of a machine step by its number (a missing one is the platform's fault). */
export { caseByNumber } from './case-by-number.ts';
/** 告知 (the `notify` topic), with what it does beyond the case. */
export { closeWithNotice, isNotice, type NoticeEffects } from './close-with-notice.ts';
/** A case as plain data, its look-ups, its changes, and the case's materials, commitments and timeline as others read them. */
export {
  caseById,
  caseByNo,
  caseNoOf,
  caseNosByIds,
  casesByIds,
  casesByNumbers,
  casesByProcessInstances,
  casesOfApplicant,
  countBenefitCasesOf,
  casesUpdatedSince,
  caseTransaction,
  committedMaterialCodes,
  handedInFiles,
  handedInMaterialCodes,
  itemCasesOf,
  keyedTimelineEntries,
  lastTimelineEntry,
  lockCase,
  makeStuckLookDue,
  scheduleStuckLook,
  casesDueForStuckLook,
  setCaseStatus,
  setDeferralsDue,
  timelineEntriesOfType,
  updateCase,
  type CaseChanges,
  type CaseRecord,
  type TimelineRecord,
} from './case-records.ts';
/** The statuses a case goes through, and those it ends in. */
export { CASE_STATUSES, FINAL_STATUSES, type CaseStatus } from './case-status.ts';
/** The timeline: one entry per thing that happened, keyed so that a repeat records nothing. */
export { findTimelineEntry, recordTimeline, type TimelineType } from './timeline.ts';
/** The notices served on the applicant (受理通知书, 补正材料告知书 …), rendered for the timeline and for sealing. */
export { ACCEPTANCE_LEGAL_BASIS, renderNotice, type Notice, type NoticeKind } from './notices.ts';
/** What a case was submitted for: its item, or its bundle's items, materials and clocks. */
export { targetOfCase, type SubmissionTarget } from './submission-target.ts';
/** What the case's page shows of the review, handed in by the composition root. */
export type { CaseViewSources } from './case-view-sources.ts';
/** 抄送: copies of a case to people who may read it. */
export { copiesReceivedBy, copyCaseTo, type CaseCopyRecord } from './case-copies.ts';
/** 特别程序 (Art. 45): the case's clock stopped by the holder of one of its tasks, and started again. */
export { suspendCase } from './suspension.service.ts';
/** 送达方式: the applicant's delivery choice checked as the carrier will (its schema is the contract's). */
export { checkDeliveryChoice } from './delivery-choice.ts';
/** 办件数据汇聚: a case as the provincial exchange tags its events, and its history for 存量回传. */
export { caseHistoryAfter, reportedCaseOf, timelineSourceOf } from './case-reporting.ts';
/** Who may see a case (else 404), who is its applicant, who is staff. */
export { canViewCase, isApplicantOf, isStaff, mayView } from './case-access.ts';
/** 免申即享 (server/proactive): a case the platform opens itself for the person a policy names. */
export { submitCase, type ProactiveSubmission } from './cases.service.ts';
/** 法人: who acts for a company's account now, checked for applying (its legal representative, or an agent authorised to apply). */
export { companyActing, type CompanyActing } from './applicant-identity.ts';
