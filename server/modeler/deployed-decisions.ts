import type { AppContext } from '../context.ts';
import { latestItems } from '../catalog/index.ts';
import { latestDecisionTables } from '../rules/index.ts';
import { decisionReads } from '../../contract/dmn/decision-policy.ts';
import type { DeployedDecisionRef } from '../../contract/bpmn/lint/index.ts';

/**
 * The decisions deployed on the engine (the platform's, without a tenant), each with the variables
 * its inputs read that a process must give it: a business rule task must name one of them, and its
 * process must have what it reads (approval/deployed-decision). An item's 办理情形 answers are
 * variables of its case from the start, so a read of one is not asked of the model.
 */
export async function deployedDecisions(ctx: AppContext): Promise<DeployedDecisionRef[]> {
  const [tables, items] = await Promise.all([latestDecisionTables(ctx.engine), latestItems()]);
  const situations = new Set(items.flatMap((i) => (i.definition.situations ?? []).map((q) => q.code)));
  return tables.map((t) => ({ key: t.id, reads: decisionReads(t).filter((r) => !situations.has(r)) }));
}
