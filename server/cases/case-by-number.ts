import { Case } from './case.model.ts';
import type { CaseRecord } from './case-records.ts';

/**
 * The case a machine step works on, by its number (the process instance's business key). A
 * step's case always exists: a missing one is a fault of the platform, never of a client.
 */
export async function caseByNumber(caseNo: string): Promise<CaseRecord> {
  const c = await Case.findOne({ where: { caseNo } });
  if (!c) throw new Error(`case ${caseNo} not found in the app database`);
  return c;
}
