/**
 * The closed list of external-task topics, process variables, messages and decisions. Processes,
 * workers, the server and (later) the modeler's element templates import them from here only.
 */
export const TOPICS = {
  /** 受理: checks the form and the materials; decides accepted / review by a clerk / correction */
  acceptance: 'acceptance',
  /** 告知: records a notice to the applicant and the case status it announces */
  notify: 'notify',
  /** 联审联办: after the items of a bundle are decided, takes the bundle's joint decision */
  jointDecision: 'joint-decision',
  /** 会签/或签/依次: names the people of a multi-instance review step from its group's active members */
  assignReviewers: 'assign-reviewers',
  /** sums up a multi-instance review step from the opinions given in it */
  tally: 'tally',
  /** 统一支付: computes the case's fees (a bundle's at once) and opens one order at the gateway */
  payment: 'payment',
  /** 统一支付 at the order's expiry: asks the gateway (对账) before the case ends unpaid; sets paidInTime */
  paymentExpiry: 'payment-expiry',
  /** 电子印章: renders the decision (and e-licenses) as PDF, seals and signs them, issues e-licenses */
  seal: 'seal',
  /** 送达 / 统一出件: ships the sealed results, offers them for pickup, or serves them electronically */
  delivery: 'delivery',
  /** 秒批: verifies an accepted case against shared data, its decision table decides; sets instantOutcome */
  instantApproval: 'instant-approval',
  /** 给付: pays an approved case's benefit to its applicant through the payment gateway's transfer (代发) */
  payout: 'payout',
} as const;

/** Processes the platform itself relies on (items name theirs in item.json). */
export const PROCESS_KEYS = {
  /** 受理 with 补正 and the window clerk's review, called by every item and bundle process */
  acceptance: 'case_acceptance',
  /** 一件事: unified acceptance, then the items' processes in parallel, then the joint decision */
  bundle: 'bundle_joint_review',
  /** 统一支付 → 电子印章 → 送达, called by an item decided on its own and by a bundle after its joint decision */
  results: 'case_results',
} as const;

export type Topic = (typeof TOPICS)[keyof typeof TOPICS];
export const ALL_TOPICS: readonly Topic[] = Object.values(TOPICS);

export const VARIABLES = {
  caseNo: 'caseNo',
  itemCode: 'itemCode',
  /** the handling department; the standard item process offers its tasks to "<department>:<role>" */
  departmentCode: 'departmentCode',
  /** 四级: the handling region's code; the inbox offers a task to its department's staff of that region (leaders: and above) */
  regionCode: 'regionCode',
  /** the acceptance's decision, one of ACCEPTANCE_DECISIONS; the process routes on it */
  acceptanceDecision: 'acceptanceDecision',
  /**
   * 容缺受理: accepted with tolerated missing materials. deficiencyExpiresAt (ISO date-time) is the
   * first instant after the period: the timer fires then (engines on MySQL keep whole seconds, so
   * a timer at 23:59:59.999 would fire a second early).
   */
  deficient: 'deficient',
  deficiencyExpiresAt: 'deficiencyExpiresAt',
  /** 补正: the first instant after the resubmission period (ISO date-time), for its timer */
  correctionExpiresAt: 'correctionExpiresAt',
  /** input of a notify task: which notice it sends */
  notice: 'notice',
  /** set on an item process called by a bundle: the bundle's case number (acceptance was the bundle's) */
  bundleCaseNo: 'bundleCaseNo',
  /** a bundle's items, as comma-separated lists indexed by the multi-instance loopCounter */
  itemCount: 'itemCount',
  itemCaseNos: 'itemCaseNos',
  itemCodes: 'itemCodes',
  itemDepartments: 'itemDepartments',
  itemProcessKeys: 'itemProcessKeys',
  /** the bundle's rule: "refuse_bundle" ends the joint review at the first refused item */
  onItemRejected: 'onItemRejected',
  /** set by the payment task: an order is open and the process waits for PaymentReceived */
  paymentRequired: 'paymentRequired',
  /** the order's expiry (ISO date-time): the timer ends the wait */
  paymentExpiresAt: 'paymentExpiresAt',
  /** set by the payment-expiry task: the gateway took the money before the order expired */
  paidInTime: 'paidInTime',
  /** set by the delivery task: logistics, pickup or electronic (electronic is delivered at once) */
  deliveryMethod: 'deliveryMethod',
  /** 秒批: true on the case of an item marked for instant approval (item.json instantApproval) */
  instantApproval: 'instantApproval',
  /** 秒批's verdict: "approve" (the results follow, no human step) or "review" (a reviewer decides) */
  instantOutcome: 'instantOutcome',
  /** 给付: true on the case of an item that pays a benefit on approval (item.json payout) */
  payout: 'payout',
} as const;

/** 受理 outcomes: the machine gives accepted / review / correction; a clerk's review gives the others. */
export const ACCEPTANCE_DECISIONS = ['accepted', 'review', 'correction', 'not_accepted'] as const;
export type AcceptanceDecisionKind = (typeof ACCEPTANCE_DECISIONS)[number];

/**
 * Review rules of a step (chosen in the model): one reviewer is a plain user task; the others are a
 * multi-instance user task over `<step>Reviewers` (comma-separated user names) whose outcome
 * variable `<step>Outcome` is local to each instance (an empty input parameter), so parallel
 * completions never write the same variable.
 * - countersign (会签): parallel, all must approve; the first rejection ends it
 * - any (或签): parallel, the first approval ends it
 * - sequential (依次): one after the other, in the list's order; the first rejection ends it
 */
export const REVIEW_RULES = ['countersign', 'any', 'sequential'] as const;
export type ReviewRule = (typeof REVIEW_RULES)[number];
export const reviewersVariable = (step: string): string => `${step}Reviewers`;
export const reviewerCountVariable = (step: string): string => `${step}ReviewerCount`;
export const reviewResultVariable = (step: string): string => `${step}Result`;

/** Messages the server correlates, by case number (the business key). */
export const MESSAGES = {
  /** 补正: the applicant resubmitted */
  resubmitted: 'CaseResubmitted',
  /** 容缺: the tolerated missing materials were handed in */
  deficiencySupplied: 'DeficiencySupplied',
  /** 统一支付: the gateway's signed notification was verified and recorded */
  paymentReceived: 'PaymentReceived',
  /** 送达: the carrier reported the parcel delivered, or the clerk handed the results over */
  resultDelivered: 'ResultDelivered',
} as const;

/** What a reviewer or leader may decide on a user task. */
export const OUTCOMES = ['approve', 'reject'] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** The notices the notify topic knows, with the case status each sets. */
export const NOTICES = {
  approved: 'approved',
  refused: 'refused',
  /** 补正 not resubmitted in time: the case is closed */
  correction_expired: 'terminated',
  /** 容缺 materials not handed in in time: the case is terminated */
  deficiency_expired: 'terminated',
  /** the fee was not paid before the order expired: the results are not issued */
  payment_expired: 'terminated',
  /** the results reached the applicant */
  delivered: 'delivered',
} as const;
export type Notice = keyof typeof NOTICES;

/** The process variable a completed user task writes its outcome to, e.g. "reviewOutcome". */
export const outcomeVariable = (taskDefinitionKey: string): string => `${taskDefinitionKey}Outcome`;
