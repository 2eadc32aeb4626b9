import type { Logger } from 'pino';
import { Op } from 'sequelize';
import { Opinion } from './opinion.model.ts';
import { caseByNumber, findTimelineEntry, recordTimeline } from '../cases/index.ts';
import { activeAccounts, groupsOf } from '../auth/index.ts';
import { reachesRegion } from '../../contract/regions.ts';
import { reviewerCountVariable, reviewersVariable, reviewResultVariable, type ReviewRule } from '../../contract/topics.ts';

const RULE_NAMES: Record<ReviewRule, string> = { countersign: '会签', any: '或签', sequential: '依次审批' };

/** A multi-instance review step: its id, the rule its signers follow, and (to name them) its group. */
export interface ReviewStep {
  step: string;
  rule: ReviewRule;
}

/**
 * Names the reviewers of a multi-instance step (the `assign-reviewers` topic): the active members
 * of its group in the case's region, in a stable order (who joined first signs first under 依次). Keyed on `effectKey`:
 * a repeat answers the variables recorded the first time.
 */
export async function assignReviewers(
  caseNo: string,
  { step, rule, group }: ReviewStep & { group: string },
  effectKey: string,
  logger: Logger,
): Promise<Record<string, unknown>> {
  const previous = await findTimelineEntry(effectKey);
  if (previous) return previous.detail.variables as Record<string, unknown>;
  const c = await caseByNumber(caseNo);
  // 四级: the group's members who work in the case's region (a leader's group: and the leaders above it)
  const leaders = group.endsWith(':leader');
  const members = (await activeAccounts()).filter(
    (u) => groupsOf(u).includes(group) && reachesRegion({ regionCode: u.regionCode, leader: leaders }, c.regionCode),
  );
  if (members.length === 0) throw new Error(`nobody holds ${group}: the ${RULE_NAMES[rule]} step ${step} of ${c.caseNo} has no reviewer`);
  const variables = {
    [reviewersVariable(step)]: members.map((u) => u.username).join(','),
    [reviewerCountVariable(step)]: members.length,
    [`${step}StartedAt`]: new Date().toISOString(),
  };
  await Opinion.sequelize!.transaction((transaction) =>
    recordTimeline(
      {
        caseId: c.id,
        type: 'review.rule_started',
        actor: 'system:review-rules',
        detail: { step, rule, ruleName: RULE_NAMES[rule], reviewers: members.map((u) => u.displayName), variables },
        idempotencyKey: effectKey,
      },
      transaction,
    ),
  );
  logger.info({ step, rule, reviewers: members.length }, 'reviewers assigned');
  return variables;
}

/**
 * Sums a multi-instance step up from the opinions given in it since it started (the `tally`
 * topic): 会签 and 依次 approve only if nobody rejected, 或签 approves if anyone approved. The
 * result is a process variable for the next step and an entry on the timeline.
 */
export async function tallyReviews(
  caseNo: string,
  { step, rule, startedAt }: ReviewStep & { startedAt: Date },
  effectKey: string,
  logger: Logger,
): Promise<Record<string, unknown>> {
  const c = await caseByNumber(caseNo);
  const opinions = await Opinion.findAll({ where: { caseId: c.id, activityId: step, createdAt: { [Op.gte]: startedAt } } });
  const approvals = opinions.filter((o) => o.outcome === 'approve').length;
  const rejections = opinions.filter((o) => o.outcome === 'reject').length;
  const result = rule === 'any' ? (approvals > 0 ? 'approve' : 'reject') : rejections === 0 && approvals > 0 ? 'approve' : 'reject';
  await Opinion.sequelize!.transaction((transaction) =>
    recordTimeline(
      {
        caseId: c.id,
        type: 'review.rule_decided',
        actor: 'system:review-rules',
        detail: { step, rule, ruleName: RULE_NAMES[rule], approvals, rejections, result },
        idempotencyKey: effectKey,
      },
      transaction,
    ),
  );
  logger.info({ step, rule, approvals, rejections, result }, 'review step summed up');
  return { [reviewResultVariable(step)]: result };
}
