import { Op } from 'sequelize';
import { Case } from '../cases/case.model.ts';
import type { EngineClient } from '../engine/client.ts';

/**
 * The cases behind process instances. A case knows its main instance; an item case of a bundle
 * learns its own (started by the bundle's call activity) the first time one of its tasks is seen,
 * and a called acceptance instance is found by its business key, the case number.
 */
export async function casesOfInstances(engine: EngineClient, instanceIds: string[]): Promise<Map<string, Case>> {
  const ids = [...new Set(instanceIds)];
  const cases = new Map((await Case.findAll({ where: { processInstanceId: { [Op.in]: ids } } })).map((c) => [c.processInstanceId!, c]));
  const unknown = ids.filter((id) => !cases.has(id));
  if (unknown.length === 0) return cases;
  const instances = (await engine.processInstances(unknown)).filter((i) => i.businessKey);
  const byNumber = new Map((await Case.findAll({ where: { caseNo: { [Op.in]: instances.map((i) => i.businessKey!) } } })).map((c) => [c.caseNo, c]));
  for (const instance of instances) {
    const c = byNumber.get(instance.businessKey!);
    if (!c) continue;
    cases.set(instance.id, c);
    if (!c.processInstanceId) await c.update({ processInstanceId: instance.id });
  }
  return cases;
}
