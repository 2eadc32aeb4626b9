import type { Transaction } from 'sequelize';
import { upsertCounts } from '../db/upsert-counts.ts';
import { DecisionRuleHit } from './decision-rule-hit.model.ts';
import type { TableDecision } from './decide-by-table.ts';

/** The counter of evaluations where no rule matched, and of those whose rules could not be named. */
export const NO_RULE = '';
export const UNNAMED_RULES = '?';
/** The counter of evaluations themselves (a COLLECT table may hit several rules at once). */
export const EVALUATIONS = '*';

/** Counts a decision's rule hits (in the transaction that records the decision, so a replay counts nothing twice). */
export async function countRuleHits(d: TableDecision, transaction: Transaction): Promise<void> {
  const rules = [EVALUATIONS, ...(d.rules === null ? [UNNAMED_RULES] : d.rules.length ? d.rules : [NO_RULE])];
  await upsertCounts(
    DecisionRuleHit.sequelize!,
    'decision_rule_hits',
    ['decision_key', 'decision_version', 'rule_id'],
    rules.map((rule) => [[d.decision.key, d.decision.version, rule], { hits: 1 }]),
    ['hits'],
    transaction,
  );
}

/** Every counter of a decision, its versions newest first. */
export async function ruleHitsOf(key: string): Promise<{ version: number; ruleId: string; hits: number }[]> {
  const rows = await DecisionRuleHit.findAll({
    where: { decisionKey: key },
    order: [
      ['decisionVersion', 'DESC'],
      ['ruleId', 'ASC'],
    ],
  });
  return rows.map((r) => ({ version: r.decisionVersion, ruleId: r.ruleId, hits: Number(r.hits) }));
}
