import { get, getBlob, post } from '../api/http.ts';
import type { Answer } from '../../../contract/api/index.ts';

/** 审计日志 (server/audit/): the trail, its verification and its export, for the audit administrator. */
export type AuditEvent = Answer<'/audit/events', 'get'>['events'][number];

export interface AuditFilter {
  from?: string;
  to?: string;
  actor?: string;
  action?: string;
  target?: string;
  outcome?: 'success' | 'failure';
}

export type AuditVerification = Answer<'/audit/verification', 'post'>;

const query = (filter: AuditFilter) => Object.fromEntries(Object.entries(filter).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1] !== ''));

export const auditApi = {
  search: (filter: AuditFilter, page: number, size: number) =>
    get<Answer<'/audit/events', 'get'>>('/audit/events', { ...query(filter), page: String(page), size: String(size) }),
  verify: () => post<AuditVerification>('/audit/verification'),
  export: (filter: AuditFilter) => getBlob(`/audit/export?${new URLSearchParams(query(filter)).toString()}`),
};
