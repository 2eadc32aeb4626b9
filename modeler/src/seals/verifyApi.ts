import { get, getBlob, post, postForm } from '../api/http.ts';
import type { Answer } from '../../../contract/api/index.ts';

/** 验章 (server/deliveries/document-verification.ts): the RSA PAdES and the SM2-with-SM3 signature of a sealed document, each on its own. */
export type Verification = Answer<'/cases/{caseNo}/documents/{id}/verification', 'post'>;
export type CaseDocument = Answer<'/cases/{caseNo}/delivery', 'get'>['documents'][number];

const documentPath = (caseNo: string, id: string) => `/cases/${encodeURIComponent(caseNo)}/documents/${encodeURIComponent(id)}`;

export const verifyApi = {
  /** the document as the case lists it (title, SM2 signature …) */
  document: async (caseNo: string, id: string): Promise<CaseDocument | null> =>
    (await get<Answer<'/cases/{caseNo}/delivery', 'get'>>(`/cases/${encodeURIComponent(caseNo)}/delivery`)).documents.find((d) => String(d.id) === id) ?? null,
  /** the stored file (no copy), or the copy someone holds */
  verify(caseNo: string, id: string, copy?: File): Promise<Verification> {
    const path = `${documentPath(caseNo, id)}/verification`;
    if (!copy) return post<Verification>(path);
    const data = new FormData();
    data.append('file', copy, copy.name);
    return postForm<Verification>(path, data);
  },
  /** the SM2 signature, DER */
  sm2Signature: (caseNo: string, id: string) => getBlob(`${documentPath(caseNo, id)}/sm2-signature`),
};
