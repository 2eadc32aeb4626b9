import type { Transaction } from 'sequelize';
import { timelineEntriesOfType, type TimelineType } from '../cases/index.ts';
import type { ReviewRule } from '../../contract/topics.ts';
import { Opinion } from './opinion.model.ts';

/**
 * What ends a multi-instance step under its rule: 或签 its first approval, 会签 its first
 * rejection (依次 has one open task at a time). The engine ends the step only after the decision
 * (asynchronously, so that parallel completions never conflict), so until then the others' tasks
 * are still open: the platform itself refuses a second decision of the same round.
 */
const DECISIVE: Partial<Record<ReviewRule, string>> = { any: 'approve', countersign: 'reject' };

/** One round of a multi-instance step: the rule it follows, and the key its deciding opinion carries. */
export interface StepRound {
  rule: ReviewRule;
  key: string;
}

/** What starts a step again without assigning its reviewers anew: a new round begins with each. */
const RESTARTS: TimelineType[] = ['task.sent_back', 'task.taken_back', 'case.moved', 'case.migrated'];

/**
 * The round of the step the case is in, or null for a step of one person: the rule of its latest
 * 会签开始 entry, the round from that entry or a later restart of the case's steps (退回, 撤回, an
 * operator's move or migration), whichever came last.
 */
export async function stepRound(caseId: number, step: string): Promise<StepRound | null> {
  const entries = await timelineEntriesOfType(caseId, ['review.rule_started', ...RESTARTS]);
  const started = entries.find((e) => e.type === 'review.rule_started' && e.detail.step === step);
  if (!started) return null;
  const latest = entries.find((e) => e === started || RESTARTS.includes(e.type as TimelineType))!;
  return { rule: started.detail.rule as ReviewRule, key: `round:${latest.id}` };
}

/** The key an opinion with this outcome carries in that round: set only on the decision that ends it. */
export const decisiveKeyOf = (round: StepRound | null, outcome: string): string | null => (round && DECISIVE[round.rule] === outcome ? round.key : null);

/** The opinion that decided the round already, if any. */
export async function roundDecision(round: StepRound | null, transaction?: Transaction): Promise<Opinion | null> {
  return round ? Opinion.findOne({ where: { decisiveKey: round.key }, transaction }) : null;
}
