import { get, post } from '../api/http.ts';
import type { Role } from '../api/types.ts';
import type { Answer } from '../../../contract/api/index.ts';

/** A person of the staff directory (GET /staff, server/staff/). */
export type StaffMember = Answer<'/staff', 'get'>['staff'][number];

/** Which people an operation offers: a department, a role, and what the person typed. */
export interface StaffFilter {
  department?: string;
  role?: Role;
  /** 四级: the region the task's case is handled in (a colleague must work there) */
  region?: string;
}

export const staffApi = {
  list: (filter: StaffFilter & { q?: string }) =>
    get<Answer<'/staff', 'get'>>('/staff', { department: filter.department, role: filter.role, region: filter.region, q: filter.q?.trim() || undefined }),
  /** 收回: staff take back the step they completed last, while the next is unclaimed */
  takeBack: (caseNo: string, reason: string) => post<Answer<'/cases/{caseNo}/take-back', 'post'>>(`/cases/${encodeURIComponent(caseNo)}/take-back`, { reason }),
};
