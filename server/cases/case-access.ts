import { hasRole, idNoOfAccount, type Principal } from '../auth/index.ts';
import { reachesRegion } from '../../contract/regions.ts';
import { SUPERVISING_DEPARTMENT } from '../../contract/roles.ts';
import { readCopyOf } from './case-copies.ts';

interface CaseOwnership {
  id?: number;
  submittedBy: number;
  departmentCode: string;
  regionCode?: string | null;
  applicantIdNo?: string;
}

/**
 * Who may see a case: its submitter, window clerks (首问负责: any window answers for any case),
 * the staff of the department that handles it in its region (a leader: in the regions under theirs
 * too), the 数据局's leaders every department's (统一监管), and administrators. Everyone else gets a 404.
 */
export function canViewCase(principal: Principal, c: CaseOwnership): boolean {
  if (c.submittedBy === principal.id) return true;
  if (hasRole(principal, 'admin', 'clerk')) return true;
  const leader = hasRole(principal, 'leader');
  const department = principal.departmentCode === c.departmentCode || (leader && principal.departmentCode === SUPERVISING_DEPARTMENT);
  return hasRole(principal, 'reviewer', 'leader') && department && reachesRegion({ regionCode: principal.regionCode, leader }, c.regionCode ?? null);
}

/** Staff see the form and materials; an applicant sees them too, for their own case. */
export const isStaff = (principal: Principal): boolean => hasRole(principal, 'admin', 'clerk', 'reviewer', 'leader');

/**
 * The applicant of a case: its submitter, or (a case taken at the window, or by an agent) the person
 * whose ID number it carries, signed in with an account of that ID number.
 */
export async function isApplicantOf(principal: Principal, c: CaseOwnership): Promise<boolean> {
  if (!hasRole(principal, 'applicant')) return false;
  if (c.submittedBy === principal.id) return true;
  if (!c.applicantIdNo) return false;
  const idNo = await idNoOfAccount(principal.id);
  return Boolean(idNo) && idNo === c.applicantIdNo;
}

/**
 * Who may act for the applicant on a case (撤回, 补正, 容缺 materials): its submitter, a window clerk,
 * or the applicant named on it, signed in (a case a clerk or an agent filed for them: they follow
 * it from home and hand in what it still waits for).
 */
export async function mayActForApplicant(principal: Principal, c: CaseOwnership): Promise<boolean> {
  if (canViewCase(principal, c) && (c.submittedBy === principal.id || hasRole(principal, 'clerk'))) return true;
  return isApplicantOf(principal, c);
}

/**
 * canViewCase; the applicant named on it (a window case: they follow it from home); or the case
 * was copied to them (抄送: they read it, and reading marks the copy read).
 */
export async function mayView(principal: Principal, c: CaseOwnership & { id: number }): Promise<boolean> {
  if (canViewCase(principal, c)) return true;
  if (await isApplicantOf(principal, c)) return true;
  return readCopyOf(c.id, principal.id);
}
