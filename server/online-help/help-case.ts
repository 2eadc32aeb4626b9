import type { Principal } from '../auth/index.ts';
import { caseByNo, isApplicantOf } from '../cases/index.ts';

/** Whether the case is the applicant's own (submitted by them, or filed in their name): a request may name only such a case. */
export async function caseOfApplicant(principal: Principal, caseNo: string): Promise<boolean> {
  const c = await caseByNo(caseNo);
  return Boolean(c) && (await isApplicantOf(principal, c!));
}
