import { get, post } from '../api/http.ts';
import type { Role } from '../api/types.ts';

/** A person of the staff directory (GET /staff, server/staff/). */
export interface StaffMember {
  username: string;
  displayName: string;
  departmentCode: string | null;
  department: string | null;
  roles: Role[];
}

/** Which people an operation offers: a department, a role, and what the person typed. */
export interface StaffFilter {
  department?: string;
  role?: Role;
}

export const staffApi = {
  list: (filter: StaffFilter & { q?: string }) =>
    get<{ total: number; staff: StaffMember[] }>('/staff', { department: filter.department, role: filter.role, q: filter.q?.trim() || undefined }),
  /** 收回: staff take back the step they completed last, while the next is unclaimed */
  takeBack: (caseNo: string, reason: string) => post<{ caseNo: string; takenBack: string }>(`/cases/${encodeURIComponent(caseNo)}/take-back`, { reason }),
};
