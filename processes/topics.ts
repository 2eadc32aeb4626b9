/**
 * The closed list of external-task topics, process variables and BPMN error codes. Processes,
 * workers, the server and (later) the modeler's element templates import them from here only.
 */
export const TOPICS = {
  /** 受理: checks the form and the materials, decides accepted / not accepted */
  acceptance: 'acceptance',
  /** 告知: records a notice to the applicant and the case status it announces */
  notify: 'notify',
} as const;

export type Topic = (typeof TOPICS)[keyof typeof TOPICS];
export const ALL_TOPICS: readonly Topic[] = Object.values(TOPICS);

export const VARIABLES = {
  caseNo: 'caseNo',
  itemCode: 'itemCode',
  /** the handling department; the standard item process offers its tasks to "<department>:<role>" */
  departmentCode: 'departmentCode',
  accepted: 'accepted',
  /** input of a notify task: which notice it sends */
  notice: 'notice',
} as const;

export const BPMN_ERRORS = {
  /** acceptance refused the case (不予受理); the process ends at its error boundary */
  notAccepted: 'NOT_ACCEPTED',
} as const;

/** What a reviewer or leader may decide on a user task. */
export const OUTCOMES = ['approve', 'reject'] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** The notices the notify topic knows; each sets the case status of the same name. */
export const NOTICES = ['approved', 'refused'] as const;
export type Notice = (typeof NOTICES)[number];

/** The process variable a completed user task writes its outcome to, e.g. "reviewOutcome". */
export const outcomeVariable = (taskDefinitionKey: string): string => `${taskDefinitionKey}Outcome`;
