import { ApiError, API_BASE, get, post } from '../api/http.ts';
import { session } from '../api/session.ts';

/** The window's and the applicant's calls: bundles and items, uploads, prefill, submission. */
export interface JsonSchema {
  type?: string | string[];
  title?: string;
  'x-title-en'?: string;
  enum?: unknown[];
  format?: string;
  minimum?: number;
  maximum?: number;
  required?: string[];
  properties?: Record<string, JsonSchema>;
  'x-order'?: number;
}

export interface PlanMaterial {
  code: string;
  name: string;
  formats: string[];
  required: boolean;
  eLicense?: string | null;
  tolerable?: boolean;
  when?: unknown;
}

export interface Question {
  code: string;
  text: string;
  type: 'boolean' | 'choice' | string;
  options?: { value: string; label: string }[];
}

export interface BundleView {
  code: string;
  version: number;
  name: string;
  description?: string;
  promisedDays: number;
  onItemRejectedText?: string;
  questionnaire: Question[];
  items: { code: string; name: string; departmentCode?: string }[];
  form: JsonSchema;
  materials: PlanMaterial[];
  waivedMaterials: { code: string; name: string; reason: string }[];
}

export interface BundlePlan extends Omit<BundleView, 'questionnaire'> {
  answers: Record<string, unknown>;
  savings?: { fields: { saved: number }; materials: { saved: number } };
}

export interface ItemGuide {
  code: string;
  name: string;
  type?: string;
  departmentCode?: string;
  promisedDays?: number;
  statutoryDays?: number;
  legalBasis?: string | string[];
  conditions?: unknown;
  place?: string;
  phone?: string;
  fees?: { name?: string; amountFen?: number }[];
  formSchema: JsonSchema;
  materials: (PlanMaterial & { note?: string })[];
  [key: string]: unknown;
}

export interface Attachment {
  id: string;
  originalName: string;
  sha256: string;
  sizeBytes: number;
}

export interface Prefill {
  idNo: string;
  form: Record<string, unknown>;
  fieldSources: Record<string, string>;
  eLicenses: { code: string; type: string; number: string; name: string; validUntil: string | null }[];
}

export interface ApplicantInfo {
  name: string;
  idType: string;
  idNo: string;
  phone: string;
}

export type MaterialGiven = { code: string; attachmentId: string } | { code: string; eLicenseNumber: string };

export interface Submitted {
  caseNo: string;
  status: string;
  [key: string]: unknown;
}

const enc = encodeURIComponent;

export const intakeApi = {
  bundles: async () => (await get<{ bundles: { code: string; name: string; description?: string; promisedDays: number }[] }>('/bundles')).bundles,
  items: async () => (await get<{ items: { code: string; name: string; departmentCode?: string }[] }>('/items')).items,
  bundle: (code: string) => get<BundleView>(`/bundles/${enc(code)}`),
  plan: (code: string, answers: Record<string, unknown>) => post<BundlePlan>(`/bundles/${enc(code)}/plan`, { answers }),
  item: (code: string) => get<ItemGuide>(`/items/${enc(code)}`),
  /** POST, so that the applicant's ID number is never in a URL */
  prefill: (query: { bundleCode?: string; itemCode?: string; idNo?: string }) => post<Prefill>('/prefill', query),
  submit: (body: Record<string, unknown>) => post<Submitted>('/cases', body),
  /** multipart upload of one file: POST /attachments (field "file") */
  async upload(file: File, language: string): Promise<Attachment> {
    const data = new FormData();
    data.append('file', file, file.name);
    const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': language };
    if (session.token.value) headers.Authorization = `Bearer ${session.token.value}`;
    const res = await fetch(`${API_BASE}/attachments`, { method: 'POST', headers, body: data });
    const body = (await res.json().catch(() => null)) as (Attachment & { error?: { code?: string; message?: string; details?: [] } }) | null;
    if (!res.ok) throw new ApiError(res.status, body?.error?.code ?? 'http_error', body?.error?.message ?? `HTTP ${res.status}`, body?.error?.details ?? []);
    return body!;
  },
};

/** The schema's fields in their order (x-order, then as written). */
export function fieldsOf(schema: JsonSchema | undefined): [string, JsonSchema][] {
  return Object.entries(schema?.properties ?? {}).sort(([, a], [, b]) => (a['x-order'] ?? 1e6) - (b['x-order'] ?? 1e6));
}

/** The form without empty values: the server checks what is there, and "" is not a missing field. */
export function cleanForm(form: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(form).filter(([, v]) => v !== '' && v !== null && v !== undefined));
}
