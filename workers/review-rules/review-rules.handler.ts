import { Op } from 'sequelize';
import { Case, Opinion, User } from '../../server/db/index.ts';
import { findTimelineEntry, recordTimeline } from '../../server/cases/timeline.ts';
import { groupsOf } from '../../server/auth/principal.ts';
import { REVIEW_RULES, reviewerCountVariable, reviewersVariable, reviewResultVariable, TOPICS, type ReviewRule } from '../../contract/topics.ts';
import type { TopicHandler } from '../runtime/handler.ts';
import { caseOfTask } from '../runtime/case-of-task.ts';

const input = (task: Parameters<TopicHandler['handle']>[0], name: string): string => {
  const value = task.variables.get(name) as string | undefined;
  if (!value) throw new Error(`${task.activityId} has no "${name}" input`);
  return value;
};

function ruleOf(task: Parameters<TopicHandler['handle']>[0]): ReviewRule {
  const rule = input(task, 'reviewRule') as ReviewRule;
  if (!REVIEW_RULES.includes(rule)) throw new Error(`${task.activityId}: unknown review rule "${rule}"`);
  return rule;
}

export const RULE_NAMES: Record<ReviewRule, string> = { countersign: '会签', any: '或签', sequential: '依次审批' };

/**
 * Names the reviewers of a multi-instance step: the active members of its group, in a stable
 * order (who joined first signs first under 依次). Keyed on the external task id.
 */
export const assignReviewersHandler: TopicHandler = {
  topic: TOPICS.assignReviewers,
  lockDurationMs: 30_000,
  async handle(task, { logger }) {
    const step = input(task, 'step');
    const group = input(task, 'reviewGroup');
    const rule = ruleOf(task);
    const key = `ext:${task.id}`;
    const previous = await findTimelineEntry(key);
    if (previous) return { variables: previous.detail.variables as Record<string, unknown> };
    const c = await caseOfTask(task);
    const members = (await User.findAll({ where: { active: true }, order: [['id', 'ASC']] })).filter((u) => groupsOf(u).includes(group));
    if (members.length === 0) throw new Error(`nobody holds ${group}: the ${RULE_NAMES[rule]} step ${step} of ${c.caseNo} has no reviewer`);
    const variables = {
      [reviewersVariable(step)]: members.map((u) => u.username).join(','),
      [reviewerCountVariable(step)]: members.length,
      [`${step}StartedAt`]: new Date().toISOString(),
    };
    await Case.sequelize!.transaction((transaction) =>
      recordTimeline(
        { caseId: c.id, type: 'review.rule_started', actor: 'system:review-rules', detail: { step, rule, ruleName: RULE_NAMES[rule], reviewers: members.map((u) => u.displayName), variables }, idempotencyKey: key },
        transaction,
      ),
    );
    logger.info({ step, rule, reviewers: members.length }, 'reviewers assigned');
    return { variables };
  },
};

/**
 * Sums a multi-instance step up from the opinions given in it since it started: 会签 and 依次
 * approve only if nobody rejected, 或签 approves if anyone approved. The result is a process
 * variable for the next step and an entry on the timeline.
 */
export const tallyHandler: TopicHandler = {
  topic: TOPICS.tally,
  lockDurationMs: 30_000,
  async handle(task, { logger }) {
    const step = input(task, 'step');
    const rule = ruleOf(task);
    const startedAt = new Date(input(task, `${step}StartedAt`));
    const c = await caseOfTask(task);
    const opinions = await Opinion.findAll({ where: { caseId: c.id, activityId: step, createdAt: { [Op.gte]: startedAt } } });
    const approvals = opinions.filter((o) => o.outcome === 'approve').length;
    const rejections = opinions.filter((o) => o.outcome === 'reject').length;
    const result = rule === 'any' ? (approvals > 0 ? 'approve' : 'reject') : rejections === 0 && approvals > 0 ? 'approve' : 'reject';
    await Case.sequelize!.transaction((transaction) =>
      recordTimeline(
        { caseId: c.id, type: 'review.rule_decided', actor: 'system:review-rules', detail: { step, rule, ruleName: RULE_NAMES[rule], approvals, rejections, result }, idempotencyKey: `ext:${task.id}` },
        transaction,
      ),
    );
    logger.info({ step, rule, approvals, rejections, result }, 'review step summed up');
    return { variables: { [reviewResultVariable(step)]: result } };
  },
};

