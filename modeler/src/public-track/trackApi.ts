import { post } from '../api/http.ts';
import type { Colour } from '../api/types.ts';

/**
 * POST /public/case-status: the limited view anyone with the case number and the applicant's phone may read.
 * Typed here, not from contract/api: the document names its properties but requires none of them.
 */
export interface PublicCaseStatus {
  caseNo: string;
  kind: 'item' | 'bundle';
  name: string;
  /** masked: 张* */
  applicantName: string;
  status: string;
  statusLabel: string;
  final: boolean;
  decision: string | null;
  decisionLabel: string | null;
  submittedAt: string;
  acceptedAt: string | null;
  promisedDueAt: string | null;
  finishedAt: string | null;
  deadline: { colour: Colour | null; colourLabel: string | null; suspended: boolean } | null;
  bundle: { caseNo: string; name: string } | null;
  items: { caseNo: string; name: string; status: string; statusLabel: string; promisedDueAt: string | null }[];
  position: { caseNo: string; step: string; since: string }[];
  timeline: { at: string; type: string; label: string; step?: string }[];
}

export const lookUpCase = (caseNo: string, phone: string) => post<PublicCaseStatus>('/public/case-status', { caseNo, phone });
