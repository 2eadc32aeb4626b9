import { get, getBlob, post } from '../api/http.ts';

/** 审计日志 (server/audit/): the trail, its verification and its export, for the audit administrator. */
export interface AuditEvent {
  id: number;
  at: string;
  actor: string | null;
  clientAddress: string | null;
  action: string;
  target: string | null;
  outcome: 'success' | 'failure';
  detail: Record<string, unknown>;
  hash: string;
}

export interface AuditFilter {
  from?: string;
  to?: string;
  actor?: string;
  action?: string;
  target?: string;
  outcome?: 'success' | 'failure';
}

export interface AuditVerification {
  ok: boolean;
  rows: number;
  lastId: number;
  problems: { id: number; problem: 'missing' | 'relinked' | 'changed' | 'head'; detail: string }[];
  appendOnlyEnforced: boolean;
  checkedAt: string;
}

const query = (filter: AuditFilter) => Object.fromEntries(Object.entries(filter).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1] !== ''));

export const auditApi = {
  search: (filter: AuditFilter, page: number, size: number) =>
    get<{ total: number; page: number; size: number; events: AuditEvent[] }>('/audit/events', { ...query(filter), page: String(page), size: String(size) }),
  verify: () => post<AuditVerification>('/audit/verification'),
  export: (filter: AuditFilter) => getBlob(`/audit/export?${new URLSearchParams(query(filter)).toString()}`),
};
