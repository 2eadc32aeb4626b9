import type { AppContext } from '../context.ts';
import { EngineError } from '../engine/client.ts';
import type { Incident } from '../engine/types.ts';
import { repeatEvery } from '../scheduling/repeat.ts';
import { activeAccounts, groupsOf, type Account } from '../auth/index.ts';
import { caseTransaction, type CaseRecord } from '../cases/index.ts';
import { casesOfInstances } from '../inbox/index.ts';
import { notify } from '../notifications/index.ts';
import { reachesRegion } from '../../contract/regions.ts';
import { openRootIncidents } from './incidents.ts';
import { stepName } from './process-steps.ts';
import { stuckCaseDetector } from './stuck-cases.ts';

/**
 * The mark the round leaves on an incident it told people of (the engine keeps it with the
 * incident, as its annotation): an incident carrying it is never told again, on any node, after
 * any restart. An operator's own note is kept after it.
 */
export const NOTIFIED_MARK = '[运维监控已通知]';

/** Who is told of a case's incident: its department's leaders of its region (and the regions above), and the system administrators. */
function recipients(staff: Account[], c: CaseRecord | undefined): number[] {
  const admins = staff.filter((u) => u.roles.includes('admin')).map((u) => u.id);
  if (!c) return admins;
  const leaders = staff
    .filter((u) => groupsOf(u).includes(`${c.departmentCode}:leader`) && reachesRegion({ regionCode: u.regionCode, leader: true }, c.regionCode))
    .map((u) => u.id);
  return [...new Set([...leaders, ...admins])];
}

/** Tells the people of each new incident once: the notifications and the engine's mark in one transaction. */
export async function notifyNewIncidents(ctx: AppContext): Promise<number> {
  const fresh = (await openRootIncidents(ctx)).filter((i) => !(i.annotation ?? '').includes(NOTIFIED_MARK));
  if (!fresh.length) return 0;
  const [cases, staff] = await Promise.all([
    casesOfInstances(
      ctx.engine,
      fresh.map((i) => i.processInstanceId),
    ),
    activeAccounts(),
  ]);
  let told = 0;
  for (const incident of fresh) {
    try {
      if (await tell(ctx, incident, cases.get(incident.processInstanceId), staff)) told++;
    } catch (err) {
      ctx.logger.warn({ err, incidentId: incident.id }, 'operations: an incident could not be told; the next round tries again');
    }
  }
  if (told) ctx.logger.info({ told }, 'operations: new incidents told to leaders and administrators');
  return told;
}

async function tell(ctx: AppContext, incident: Incident, c: CaseRecord | undefined, staff: Account[]): Promise<boolean> {
  const to = recipients(staff, c);
  const step = await stepName(ctx.engine, incident.processDefinitionId, incident.activityId);
  const error = (incident.incidentMessage ?? incident.incidentType).split('\n')[0]!.slice(0, 200);
  const text = c
    ? {
        'zh-CN': `办件 ${c.caseNo} 在“${step}”环节出现流程异常，需要运维处理：${error}`,
        en: `Case ${c.caseNo} failed at the step "${step}" and needs the operators: ${error}`,
      }
    : {
        'zh-CN': `流程实例 ${incident.processInstanceId} 在“${step}”环节出现流程异常，需要运维处理：${error}`,
        en: `Process instance ${incident.processInstanceId} failed at the step "${step}" and needs the operators: ${error}`,
      };
  const note = `${NOTIFIED_MARK} ${new Date().toISOString()}${incident.annotation ? `\n${incident.annotation}` : ''}`;
  try {
    await caseTransaction(async (transaction) => {
      if (to.length) await notify(to, 'incident', text, c?.caseNo ?? null, null, transaction);
      // the mark last, inside the transaction: a refused mark tells nobody, a failed commit marks a told incident at most
      await ctx.engine.setIncidentAnnotation(incident.id, note.slice(0, 4000));
    });
  } catch (err) {
    // resolved meanwhile (the engine answers 400 or 404 for an incident it no longer has): nothing to tell
    if (err instanceof EngineError && (err.status === 400 || err.status === 404)) return false;
    throw err;
  }
  return true;
}

/** One round of the operations watch: new incidents told, then a look for stuck cases (the tests' round; the schedule runs them apart). */
export async function operationsRound(ctx: AppContext): Promise<void> {
  await notifyNewIncidents(ctx);
  await stuckCaseDetector(ctx).check();
}

/**
 * 运维监控's schedules, every DEADLINE_SWEEP_INTERVAL_MS (the platform's watches share the
 * interval; 0 turns them off), each on one node at a time: incidents told (lease `operations
 * watch`) and the stuck-case detector's look (lease `stuck-case watch`), apart, so that a long look
 * never holds back the news of an incident.
 */
export function watchOperations(ctx: AppContext): () => Promise<void> {
  const interval = ctx.config.deadlineSweepIntervalMs;
  const stops = [
    repeatEvery(interval, 'operations watch', ctx, () => notifyNewIncidents(ctx)),
    repeatEvery(interval, 'stuck-case watch', ctx, () => stuckCaseDetector(ctx).check()),
  ];
  return async () => {
    await Promise.all(stops.map((stop) => stop()));
  };
}
