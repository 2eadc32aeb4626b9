/**
 * 问题闭环 (problems), the public entry (docs/problems.md): a problem raised from a 差评 (in the
 * rating's transaction: raiseProblem, problemDue), by a monitoring rule (raiseRuleProblem) or as a
 * 走流程 finding (POST /problems), tracked to its closing: rectified by the owner department's leader
 * (with the 回访 for a 差评), reviewed by the 数据局 (销号 or 退回), escalated once when overdue.
 * The 差评's own view reads its problem (problemOfRating).
 */
export { problemsRoutes, type ProblemSources } from './problems.controller.ts';
export { problemsPaths } from './openapi.ts';
export { problemDue, raiseProblem, raiseRuleProblem, type NewProblem, type RuleFinding } from './raise.ts';
export { escalateOverdueProblems, settleMigratedDeadlines, watchProblems } from './escalation.ts';
export { problemOfRating } from './problem-of-rating.ts';
export type { RatingSummary, RatingsOf } from './problem-view.ts';
