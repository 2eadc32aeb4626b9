import type { EngineClient } from '../engine/client.ts';
import { type CaseRecord, casesByNumbers, casesByProcessInstances, updateCase } from '../cases/index.ts';

/**
 * The cases behind process instances. A case knows its main instance; an item case of a bundle
 * learns its own (started by the bundle's call activity) the first time one of its tasks is seen,
 * and a called acceptance instance is found by its business key, the case number.
 */
export async function casesOfInstances(engine: EngineClient, instanceIds: string[]): Promise<Map<string, CaseRecord>> {
  const ids = [...new Set(instanceIds)];
  const cases = new Map((await casesByProcessInstances(ids)).map((c) => [c.processInstanceId!, c]));
  const unknown = ids.filter((id) => !cases.has(id));
  if (unknown.length === 0) return cases;
  const instances = (await engine.processInstances(unknown)).filter((i) => i.businessKey);
  const byNumber = new Map((await casesByNumbers(instances.map((i) => i.businessKey!))).map((c) => [c.caseNo, c]));
  for (const instance of instances) {
    const c = byNumber.get(instance.businessKey!);
    if (!c) continue;
    cases.set(instance.id, c);
    if (!c.processInstanceId) await updateCase(c, { processInstanceId: instance.id });
  }
  return cases;
}
