/**
 * 待办 (the inbox), the public entry for the machine steps of 会签 / 或签 / 依次 review steps; the
 * inbox's HTTP routes are in tasks.controller.ts.
 */
export { assignReviewers, tallyReviews } from './review-rules.ts';
/** What other domains read of a case's review: its opinions, the files reviewers added and deputies (代理). */
export {
  deputiesStandingIn,
  isReviewFileOf,
  opinionsOf,
  rejectionsOf,
  reviewFilesOf,
  stepsHandledBy,
  type OpinionRecord,
  type ReviewFileRecord,
} from './review-records.ts';
/** Who holds open tasks (their assignees, or the holders of their roles while unclaimed): whom to tell of a case's tasks. */
export { holdersOf } from './task-holders.ts';
/** 收回: whether a person may take back the step they completed last on a case (the case's page offers it). */
export { mayTakeBack } from './send-back.ts';
/** A task the caller may see (else 404), and the cases behind process instances. */
export { accessibleTask, taskIdOf } from './task-access.ts';
export { casesOfInstances } from './task-cases.ts';
/** The inbox's copy of the engine's open tasks, kept by rounds on a schedule (one node at a time). */
export { watchInbox } from './inbox-sync.ts';
