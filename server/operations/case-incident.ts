import type { AppContext } from '../context.ts';
import type { Incident } from '../engine/types.ts';
import type { CaseRecord } from '../cases/index.ts';
import { runningInstancesOf } from './case-operations.ts';
import { engineInstant } from './incidents.ts';
import { stepName } from './process-steps.ts';

/** An open incident of a case as its page shows it to staff: since when, at which step. */
export interface CaseIncident {
  since: string;
  step: string;
}

/**
 * Whether a failed step holds the case up now (an open incident in its instance or in one it
 * called under its number), and since when: the case's page says 异常 to staff and
 * "办理中，工作人员处理中" to the applicant. Handed to the cases' routes by server/app.ts. An engine
 * that does not answer hides nothing else of the page: no incident is shown then.
 */
export async function incidentOfCase(ctx: AppContext, c: Pick<CaseRecord, 'caseNo' | 'processInstanceId'>): Promise<CaseIncident | null> {
  try {
    const instances = await runningInstancesOf(ctx, c);
    const incidents: Incident[] = (await Promise.all(instances.map((i) => ctx.engine.incidents(i.id)))).flat();
    // where the failure began (an incident in a called instance raises one in its caller too)
    const roots = incidents.filter((i) => !i.rootCauseIncidentId || i.rootCauseIncidentId === i.id);
    const first = (roots.length ? roots : incidents).sort((a, b) => engineInstant(a.incidentTimestamp).localeCompare(engineInstant(b.incidentTimestamp)))[0];
    if (!first) return null;
    return { since: engineInstant(first.incidentTimestamp), step: await stepName(ctx.engine, first.processDefinitionId, first.activityId) };
  } catch (err) {
    ctx.logger.warn({ err, caseNo: c.caseNo }, "a case's incidents could not be read");
    return null;
  }
}
