import { get, post } from '../api/http.ts';

/** 差评整改 (server/ratings/): a leader's department's rectifications (an administrator's: all). */
export interface Rectification {
  id: number;
  caseNo: string;
  departmentCode: string;
  department: string;
  status: 'open' | 'resolved';
  rating: { level: number; levelLabel: string; bad: boolean; reasons: { code: string; label: string }[]; comment: string | null; at: string } | null;
  resolutionNote: string | null;
  resolvedBy: string | null;
  resolvedAt: string | null;
  createdAt: string;
}

export const rectificationsApi = {
  list: async (status?: 'open' | 'resolved') => (await get<{ rectifications: Rectification[] }>('/ratings/rectifications', { status })).rectifications,
  resolve: (id: number, note: string) => post<Rectification>(`/ratings/rectifications/${id}/resolve`, { note }),
};
