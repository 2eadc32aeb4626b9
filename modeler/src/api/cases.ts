import { get, getBlob, post } from './http.ts';
import type { Answer } from '../../../contract/api/index.ts';
import type { CaseView, FormSchema, Tracking } from './types.ts';

const path = (caseNo: string) => `/cases/${encodeURIComponent(caseNo)}`;

export const casesApi = {
  get: (caseNo: string) => get<CaseView>(path(caseNo)),
  tracking: (caseNo: string) => get<Tracking>(`${path(caseNo)}/tracking`),
  file: (caseNo: string, attachmentId: string) => getBlob(`${path(caseNo)}/files/${encodeURIComponent(attachmentId)}`),
  resume: (caseNo: string, reason: string) => post(`${path(caseNo)}/resume`, { reason }),
};

export const catalogApi = {
  items: async () => (await get<Answer<'/items', 'get'>>('/items')).items,
  bundles: async () => (await get<Answer<'/bundles', 'get'>>('/bundles')).bundles,
  /** the form schema the field titles come from: an item's own, or a bundle's merged form */
  itemForm: async (code: string) => (await get<Answer<'/items/{code}', 'get'>>(`/items/${encodeURIComponent(code)}`)).formSchema as FormSchema,
  bundleForm: async (code: string) => (await get<Answer<'/bundles/{code}', 'get'>>(`/bundles/${encodeURIComponent(code)}`)).form as FormSchema,
};
