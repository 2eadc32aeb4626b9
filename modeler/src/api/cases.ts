import { get, getBlob, post } from './http.ts';
import type { CaseView, CatalogEntry, FormSchema, Tracking } from './types.ts';

const path = (caseNo: string) => `/cases/${encodeURIComponent(caseNo)}`;

export const casesApi = {
  get: (caseNo: string) => get<CaseView>(path(caseNo)),
  tracking: (caseNo: string) => get<Tracking>(`${path(caseNo)}/tracking`),
  file: (caseNo: string, attachmentId: string) => getBlob(`${path(caseNo)}/files/${encodeURIComponent(attachmentId)}`),
  resume: (caseNo: string, reason: string) => post(`${path(caseNo)}/resume`, { reason }),
};

export const catalogApi = {
  items: async () => (await get<{ items: CatalogEntry[] }>('/items')).items,
  bundles: async () => (await get<{ bundles: CatalogEntry[] }>('/bundles')).bundles,
  /** the form schema the field titles come from: an item's own, or a bundle's merged form */
  itemForm: async (code: string) => (await get<{ formSchema: FormSchema }>(`/items/${encodeURIComponent(code)}`)).formSchema,
  bundleForm: async (code: string) => (await get<{ form: FormSchema }>(`/bundles/${encodeURIComponent(code)}`)).form,
};
