/**
 * 待办 (the inbox), the public entry for the machine steps of 会签 / 或签 / 依次 review steps; the
 * inbox's HTTP routes are in tasks.controller.ts.
 */
export { assignReviewers, tallyReviews } from './review-rules.ts';
