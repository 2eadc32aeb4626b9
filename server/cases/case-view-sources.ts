import type { AppContext } from '../context.ts';
import type { Principal } from '../auth/index.ts';
import type { CaseRecord } from './case-records.ts';

/**
 * What the case's page shows of the review's work on it (server/inbox): the opinions and files of
 * its reviewers, the steps a person handled, whether they may take their last step back. The inbox
 * changes cases, so the cases domain does not import it: the composition root (server/app.ts) hands
 * the inbox's functions in, and the operations' view of an open incident (server/operations).
 */
export interface CaseViewSources {
  opinionsOf(caseId: number): Promise<{ userId: number; activityId: string; activityName: string | null; outcome: string; comment: string; createdAt: Date }[]>;
  reviewFilesOf(caseId: number): Promise<{ userId: number; taskName: string | null; attachmentId: string; note: string | null; createdAt: Date }[]>;
  stepsHandledBy(caseId: number, userId: number): Promise<string[]>;
  isReviewFileOf(caseId: number, attachmentId: string): Promise<boolean>;
  mayTakeBack(ctx: AppContext, principal: Principal, c: CaseRecord): Promise<boolean>;
  /** 运维监控 (server/operations): an open incident holding the case up, since when and at which step; null when none */
  incidentOf(ctx: AppContext, c: CaseRecord): Promise<{ since: string; step: string } | null>;
}
