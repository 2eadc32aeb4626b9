import { ApiError, API_BASE, get, post } from '../api/http.ts';
import { session } from '../api/session.ts';
import { assertRequest } from '../shared/useFormProblems.ts';
import type { Answer, Schema } from '../../../contract/api/index.ts';
import type { ItemFile } from '../../../contract/catalog/item.ts';
import type { EnumLabels } from '../../../contract/catalog/enum-labels.ts';

/** The window's and the applicant's calls: bundles and items, uploads, prefill, submission. */
export interface JsonSchema {
  type?: string | string[];
  title?: string;
  'x-title-en'?: string;
  enum?: unknown[];
  /** what a person reads for each option, in both languages (contract/catalog/enum-labels.ts) */
  'x-enum-labels'?: EnumLabels;
  format?: string;
  minimum?: number;
  maximum?: number;
  required?: string[];
  properties?: Record<string, JsonSchema>;
  'x-order'?: number;
}

/** A bundle's guide and merged form (GET /bundles/{code}); its form is a JSON schema the page reads as such. */
export type BundleView = Omit<Schema<'Bundle'>, 'form'> & { form: JsonSchema };
/** The bundle for the questionnaire's answers (POST /bundles/{code}/plan): the items and materials that apply. */
export type BundlePlan = Omit<Answer<'/bundles/{code}/plan', 'post'>, 'form'> & { form: JsonSchema };
export type PlanMaterial = BundleView['materials'][number];
export type Question = BundleView['questionnaire'][number];

/**
 * An item's guide (GET /items/{code}): the 12 standard elements, its form as a JSON schema, and the
 * levels that handle it (四级: item.json's, answered though the document's Item does not name them yet).
 */
export type ItemGuide = Omit<Schema<'Item'>, 'formSchema'> & { formSchema: JsonSchema; levels?: ItemFile['levels'] | null };

export type Attachment = Schema<'Attachment'>;
export type Prefill = Answer<'/prefill', 'post'>;

export interface ApplicantInfo {
  name: string;
  idType: string;
  idNo: string;
  phone: string;
}

export type Submitted = Answer<'/cases', 'post'>;

const enc = encodeURIComponent;

export const intakeApi = {
  bundles: async () => (await get<Answer<'/bundles', 'get'>>('/bundles')).bundles,
  items: async () => (await get<Answer<'/items', 'get'>>('/items')).items,
  bundle: (code: string) => get<BundleView>(`/bundles/${enc(code)}`),
  /** byAgent: 委托代理, the authorisation is asked for whatever the answers */
  plan: async (code: string, answers: Record<string, unknown>, byAgent = false) => {
    const body = { answers, ...(byAgent ? { byAgent } : {}) };
    // refused before it is sent as the server would refuse it (contract/requests/bundles.ts)
    await assertRequest('bundlePlan', body);
    return post<BundlePlan>(`/bundles/${enc(code)}/plan`, body);
  },
  item: (code: string) => get<ItemGuide>(`/items/${enc(code)}`),
  /** 四级九统: where an application received in the region is handled, and that region's halls */
  places: (code: string, region?: string | null) => get<Answer<'/items/{code}/places', 'get'>>(`/items/${enc(code)}/places`, { region: region ?? undefined }),
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
