import { get, post } from '../api/http.ts';
import type { IncidentRetryBody } from '../../../contract/requests/operations.ts';

/** An open incident as the console lists it (server/operations/incidents.ts). */
export interface Incident {
  id: string;
  type: string;
  retryable: boolean;
  caseNo: string | null;
  item: { code: string; name: string } | null;
  departmentCode: string | null;
  regionCode: string | null;
  step: { id: string; name: string };
  error: { message: string; details: string | null };
  retries: number | null;
  since: string;
  processInstanceId: string;
  annotation: string | null;
}

export interface IncidentFilter {
  item?: string;
  department?: string;
  type?: string;
  since?: string;
}

export interface CurrentStep {
  activityId: string;
  name: string;
  type: string;
  cancelByDefault: boolean;
}

export interface CaseSteps {
  caseNo: string;
  processInstanceId: string;
  current: CurrentStep[];
  steps: { id: string; name: string | null; type: string }[];
}

export interface StuckCase {
  caseNo: string;
  itemCode: string;
  departmentCode: string;
  status: string;
  statusLabel: string;
  kind: string;
  diagnosis: string;
  since: string;
}

export interface BatchResult {
  retried: number;
  failed: number;
  results: { id: string; ok: boolean; status?: number; code?: string; message?: string }[];
}

/** 运维监控 (server/operations): the system administrator's incident console and stuck cases. */
export const operationsApi = {
  incidents: (filter: IncidentFilter, page: number, size: number) =>
    get<{ total: number; incidents: Incident[] }>('/operations/incidents', {
      ...filter,
      limit: String(size),
      offset: String((page - 1) * size),
    }),
  retry: (id: string, body: IncidentRetryBody) =>
    post<{ id: string; caseNo: string | null; step: string }>(`/operations/incidents/${encodeURIComponent(id)}/retry`, body),
  retryMany: (ids: string[]) => post<BatchResult>('/operations/incidents/retry', { ids }),
  steps: (caseNo: string) => get<CaseSteps>(`/operations/cases/${encodeURIComponent(caseNo)}/steps`),
  move: (caseNo: string, body: { activityId: string; reason: string; cancel?: string[] }) => post(`/operations/cases/${encodeURIComponent(caseNo)}/move`, body),
  cancel: (caseNo: string, reason: string) => post<{ statusLabel: string }>(`/operations/cases/${encodeURIComponent(caseNo)}/cancel`, { reason }),
  /** `now`: two fresh looks (重新检查) instead of the last ones */
  stuck: (now = false) => get<{ checkedAt: string; total: number; cases: StuckCase[] }>('/operations/stuck-cases', now ? { look: 'now' } : {}),
};
