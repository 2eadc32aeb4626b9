import { outcomeVariable, REVIEW_RULES, reviewerCountVariable, reviewersVariable, TOPICS, type ReviewRule } from '../topics.ts';

/**
 * A review step by several people (会签 / 或签 / 依次) as the platform runs it, one place for the
 * modeler that writes it (modeler/src/modeling/reviewStep) and the lint that checks it
 * (contract/bpmn/lint/rules/review-step.ts); the shipped processes (food-business-licence's 会签
 * site_inspection) are written the same way:
 *
 *   assign-reviewers task (step, reviewGroup, reviewRule)
 *     → multi-instance user task <step>: assignee from <step>Reviewers by loopCounter, cardinality
 *       <step>ReviewerCount, its outcome variable local (an empty input parameter), the loop
 *       asynchronous after (camunda:asyncAfter: parallel completions never collide), sequential
 *       for 依次, ended early by the completion condition of its rule; the rule kept as the
 *       extension property reviewRule
 *     → tally task (step, reviewRule): <step>Result
 */
export const REVIEW_RULE_PROPERTY = 'reviewRule';
/** the extension property naming the reviewers' group on the user task (the assign task's reviewGroup follows it) */
export const REVIEW_GROUP_PROPERTY = 'reviewGroup';
export const ASSIGN_TOPIC = TOPICS.assignReviewers;
export const TALLY_TOPIC = TOPICS.tally;
/** the element templates of the three parts (contract/bpmn/templates, server/modeler/element-templates.ts) */
export const REVIEW_STEP_TEMPLATE = 'gov.approval.user-task.review-rule';
export const ASSIGN_TEMPLATE = 'gov.approval.topic.assign-reviewers';
export const TALLY_TEMPLATE = 'gov.approval.topic.tally';

export const isReviewRule = (value: unknown): value is ReviewRule => typeof value === 'string' && (REVIEW_RULES as readonly string[]).includes(value);

export const RULE_LABELS: Record<ReviewRule, { zh: string; en: string }> = {
  countersign: { zh: '会签', en: 'countersign' },
  any: { zh: '或签', en: 'any one' },
  sequential: { zh: '依次审批', en: 'sequential' },
};

/** What the multi-instance user task of step `step` under `rule` must say. */
export function reviewStepShape(step: string, rule: ReviewRule) {
  return {
    assignee: `\${${reviewersVariable(step)}.split(',')[loopCounter]}`,
    loopCardinality: `\${${reviewerCountVariable(step)}}`,
    // 或签: the first approval ends it; 会签 and 依次: the first rejection
    completionCondition: `\${${outcomeVariable(step)} == '${rule === 'any' ? 'approve' : 'reject'}'}`,
    isSequential: rule === 'sequential',
    /** the local outcome variable: an empty input parameter of this name */
    outcomeVariable: outcomeVariable(step),
  };
}

/** The step an assignee expression of a review step reads its reviewers from (`${xReviewers.split(',')[loopCounter]}` → x). */
export function stepOfAssignee(assignee: string | undefined): string | undefined {
  return assignee ? /^\$\{\s*([A-Za-z_][A-Za-z0-9_]*)Reviewers\.split\(/.exec(assignee.trim())?.[1] : undefined;
}
