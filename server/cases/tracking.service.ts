import { Op } from 'sequelize';
import type { AppContext } from '../context.ts';
import type { Principal } from '../auth/index.ts';
import { Case } from './case.model.ts';
import { notFound } from '../errors/app-error.ts';
import type { HistoricActivityInstance } from '../engine/types.ts';
import { mayView } from './case-access.ts';
import { catalogNames } from '../catalog/index.ts';
import type { Locale } from '../i18n/locale.ts';

const xmlCache = new Map<string, string>();

/** Where one process instance stands, with its diagram: what the UI needs to draw it highlighted. */
async function trackInstance(ctx: AppContext, processInstanceId: string, caseNo: string) {
  const [instance, activities] = await Promise.all([ctx.engine.historicProcessInstance(processInstanceId), ctx.engine.historicActivities(processInstanceId)]);
  const definitionId = instance.processDefinitionId!;
  let bpmnXml = xmlCache.get(definitionId);
  if (!bpmnXml) {
    bpmnXml = (await ctx.engine.processDefinitionXml(definitionId)).bpmn20Xml;
    xmlCache.set(definitionId, bpmnXml); // a deployed definition never changes
  }
  const ids = (list: HistoricActivityInstance[]) => [...new Set(list.map((a) => a.activityId))];
  return {
    caseNo,
    processInstanceId,
    processDefinitionKey: instance.processDefinitionKey ?? null,
    state: instance.state,
    bpmnXml,
    finished: ids(activities.filter((a) => a.endTime && !a.canceled)),
    current: ids(activities.filter((a) => !a.endTime)),
    activities: activities.map((a) => ({
      activityId: a.activityId,
      name: a.activityName,
      type: a.activityType,
      startTime: a.startTime,
      endTime: a.endTime,
      canceled: a.canceled,
      assignee: a.assignee,
      calledProcessInstanceId: a.calledProcessInstanceId,
    })),
  };
}

/**
 * 办件跟踪: the case's process instance and every instance it called (the acceptance, a bundle's
 * items), each with its BPMN and its finished and current activities, and the current position
 * in words: the open steps across all of them.
 */
export async function caseTracking(ctx: AppContext, principal: Principal, caseNo: string, locale: Locale) {
  const c = await Case.findOne({ where: { caseNo } });
  if (!c || !(await mayView(principal, c))) throw notFound('case_not_found');
  const tracked = await trackCase(ctx, c);
  // each instance names what it decides: the item (or bundle) of its case, in the caller's language
  const name = await catalogNames(locale);
  const codes = new Map([c, ...(await Case.findAll({ where: { parentCaseId: c.id }, attributes: ['caseNo', 'itemCode'] }))].map((x) => [x.caseNo, x.itemCode]));
  return { ...tracked, instances: tracked.instances.map((i) => ({ ...i, caseName: codes.has(i.caseNo) ? name(codes.get(i.caseNo)!) : null })) };
}

/** The tracking of a case the caller was allowed to see (caseTracking, the public 办件查询). */
export async function trackCase(ctx: AppContext, c: Case) {
  const caseNo = c.caseNo;
  if (!c.processInstanceId) return { caseNo, status: c.status, position: [], instances: [] };
  const children = await Case.findAll({ where: { parentCaseId: c.id } });
  const caseOf = new Map([
    [c.processInstanceId, c.caseNo],
    ...children.filter((x) => x.processInstanceId).map((x) => [x.processInstanceId!, x.caseNo] as const),
  ]);
  // level by level (the case's instance, the instances it called, theirs …), each level's at once:
  // a bundle's items are read side by side, not one after the other
  const instances: Awaited<ReturnType<typeof trackInstance>>[] = [];
  const seen = new Set<string>();
  let level = [c.processInstanceId];
  while (level.length && instances.length < 50) {
    const ids = [...new Set(level)].filter((id) => !seen.has(id)).slice(0, 50 - instances.length);
    for (const id of ids) seen.add(id);
    const tracked = await Promise.all(ids.map((id) => trackInstance(ctx, id, caseOf.get(id) ?? caseNo)));
    instances.push(...tracked);
    level = tracked.flatMap((t) => t.activities.flatMap((a) => (a.calledProcessInstanceId ? [a.calledProcessInstanceId] : [])));
  }
  // an item case learns its instance here too, if its tasks were never listed
  const unknown = children.filter((x) => !x.processInstanceId);
  if (unknown.length) {
    const running = await ctx.engine.processInstances(instances.map((i) => i.processInstanceId));
    for (const child of await Case.findAll({ where: { id: { [Op.in]: unknown.map((x) => x.id) } } })) {
      const found = running.find((r) => r.businessKey === child.caseNo);
      if (found) await child.update({ processInstanceId: found.id });
    }
  }
  const position = instances.flatMap((i) =>
    i.activities
      .filter((a) => !a.endTime && ['userTask', 'serviceTask', 'intermediateMessageCatch', 'intermediateTimer', 'eventBasedGateway'].includes(a.type))
      .map((a) => ({
        caseNo: i.caseNo,
        processInstanceId: i.processInstanceId,
        activityId: a.activityId,
        name: a.name,
        assignee: a.assignee,
        since: a.startTime,
      })),
  );
  return { caseNo, status: c.status, position, instances };
}
