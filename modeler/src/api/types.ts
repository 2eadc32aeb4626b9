import type { Channel } from '../../../contract/channels.ts';
import type { DeadlineColour } from '../../../contract/deadlines.ts';
import type { ProblemDetail } from '../../../contract/problems.ts';
import type { Role } from '../../../contract/roles.ts';

/** The shapes the API answers with (server/openapi/document.ts), as far as the pages use them. */

export type { Role };
export type Colour = DeadlineColour;
export type { Channel };

export interface User {
  id: number;
  username: string;
  displayName: string;
  roles: Role[];
  departmentCode: string | null;
  groups: string[];
}

export interface LoginAnswer {
  token: string;
  expiresAt: string;
  user: User;
}

export interface InboxTask {
  id: string;
  name: string;
  taskDefinitionKey: string;
  created: string;
  receivedDay: string;
  assignee: string | null;
  onBehalfOf: string | null;
  owner: string | null;
  delegated: boolean;
  caseNo: string | null;
  itemCode: string | null;
  itemName: string | null;
  bundleCode: string | null;
  bundleCaseNo: string | null;
  applicantName: string | null;
  channel: Channel | null;
  caseStatus: string | null;
  caseDueAt: string | null;
  deadlineColour: Colour | null;
  stepDueAt: string | null;
  stepColour: Colour | null;
}

export interface InboxCounts {
  all: number;
  mine: number;
  group: number;
  colour: Record<string, number>;
  item: Record<string, number>;
  bundle: Record<string, number>;
  channel: Record<string, number>;
}

export interface InboxAnswer {
  total: number;
  tasks: InboxTask[];
  counts: InboxCounts;
}

export interface InboxQuery {
  scope?: 'mine' | 'group';
  itemCode?: string;
  bundleCode?: string;
  channel?: Channel;
  colour?: Colour;
  receivedFrom?: string;
  receivedTo?: string;
}

export interface CaseMaterial {
  code: string;
  name: string;
  attachmentId?: string;
  eLicense?: { type: string; number: string; name: string; holder: string; validUntil: string | null; valid: boolean };
}

export interface CaseView {
  caseNo: string;
  kind: 'item' | 'bundle';
  item: { code: string; version: number; name: string };
  items?: { caseNo: string; itemCode: string; name: string; status: string; statusLabel: string }[];
  bundleCaseNo: string | null;
  departmentCode: string;
  channel: Channel;
  status: string;
  statusLabel: string;
  final: boolean;
  applicant: { name: string; idType: string; idNo: string; phone: string };
  agent: { name: string; idNo: string; phone: string } | null;
  form: Record<string, unknown>;
  materials: CaseMaterial[];
  reviewAttachments: { attachmentId: string; task: string; note: string | null; by: string; at: string }[];
  opinions: { step: string; outcome: string; comment: string; by: string; at: string }[];
  timeline: { at: string; type: string; label: string; actor: string; detail: Record<string, unknown> }[];
  deadline: {
    acceptedAt: string;
    promisedDueAt: string;
    statutoryDueAt: string | null;
    colour: Colour | null;
    suspendedSince: string | null;
    suspendedWorkingDays: number;
  } | null;
  /** 告知承诺 (replacement) and 容缺 (deferral) commitments the applicant signed */
  commitments?: { kind: string; materialCode: string; material: string; dueAt?: string | null; fulfilledAt?: string | null }[];
  /** what the viewer may do now (server/cases/case-actions.ts) */
  actions?: CaseActions;
  /** 补正: the notice's problems and what the resubmission is checked against (the applicant's, the clerk's view) */
  correction?: CaseCorrection | null;
  /** 容缺: deferred materials still owed */
  owed?: { code: string; name: string; formats: string[]; dueAt: string }[];
  submittedAt: string;
  finishedAt: string | null;
  /** 四级: the region that handles the case (办理地; null for a case from before regions), named in the viewer's language */
  region?: { code: string; name: string } | null;
  /** the region it was applied in (收件地), when not the one that handles it */
  receivedIn?: { code: string; name: string } | null;
}

export interface CaseActions {
  withdraw: boolean;
  resubmit: boolean;
  supply: boolean;
  urge: boolean;
  /** the caller urged within the last ten minutes: when they may again */
  urgeAvailableAt: string | null;
  /** staff: 收回 their last step */
  takeBack: boolean;
}

export interface CaseCorrection {
  reasons: string[];
  noticeNumber: string | null;
  dueAt: string | null;
  formSchema: FormSchema;
  /** the form's problems as a 422 would list them (contract/problems.ts) */
  formProblems: ProblemDetail[];
  materials: { code: string; name: string; formats: string[]; required: boolean; eLicense: string | null; named: boolean }[];
}

export interface TrackedActivity {
  activityId: string;
  name: string | null;
  type: string;
  startTime: string;
  endTime: string | null;
  canceled: boolean;
  assignee: string | null;
}

export interface TrackedInstance {
  caseNo: string;
  processInstanceId: string;
  processDefinitionKey: string | null;
  state: string;
  bpmnXml: string;
  finished: string[];
  current: string[];
  activities: TrackedActivity[];
}

export interface Tracking {
  caseNo: string;
  status: string;
  position: { caseNo: string; processInstanceId: string; activityId: string; name: string | null; assignee: string | null; since: string }[];
  instances: TrackedInstance[];
}

/** A JSON schema of a form, with our English titles (x-title-en). */
export interface FormSchema {
  properties?: Record<string, { title?: string; 'x-title-en'?: string; type?: string | string[]; enum?: unknown[] }>;
}

export interface CatalogEntry {
  code: string;
  name: string;
}
