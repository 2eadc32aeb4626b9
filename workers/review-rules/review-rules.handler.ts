import { REVIEW_RULES, TOPICS, type ReviewRule } from '../../contract/topics.ts';
import { assignReviewers, tallyReviews } from '../../server/inbox/index.ts';
import type { TopicHandler } from '../runtime/handler.ts';
import { caseNoOf } from '../runtime/case-no-of-task.ts';
import { effectKeyOf } from '../runtime/effect-key.ts';

type Task = Parameters<TopicHandler['handle']>[0];

const input = (task: Task, name: string): string => {
  const value = task.variables.get(name) as string | undefined;
  if (!value) throw new Error(`${task.activityId} has no "${name}" input`);
  return value;
};

function ruleOf(task: Task): ReviewRule {
  const rule = input(task, 'reviewRule') as ReviewRule;
  if (!REVIEW_RULES.includes(rule)) throw new Error(`${task.activityId}: unknown review rule "${rule}"`);
  return rule;
}

/** Names the reviewers of a multi-instance step (server/inbox/review-rules.ts). */
export const assignReviewersHandler: TopicHandler = {
  topic: TOPICS.assignReviewers,
  lockDurationMs: 30_000,
  async handle(task, { logger }) {
    const step = { step: input(task, 'step'), rule: ruleOf(task), group: input(task, 'reviewGroup') };
    return { variables: await assignReviewers(caseNoOf(task), step, await effectKeyOf(task), logger) };
  },
};

/** Sums a multi-instance step up from its opinions (server/inbox/review-rules.ts). */
export const tallyHandler: TopicHandler = {
  topic: TOPICS.tally,
  lockDurationMs: 30_000,
  async handle(task, { logger }) {
    const name = input(task, 'step');
    const step = { step: name, rule: ruleOf(task), startedAt: new Date(input(task, `${name}StartedAt`)) };
    return { variables: await tallyReviews(caseNoOf(task), step, await effectKeyOf(task), logger) };
  },
};
