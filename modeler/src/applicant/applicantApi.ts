import { API_BASE, get, getBlob, post, put } from '../api/http.ts';
import type { Answer } from '../../../contract/api/index.ts';
import type { DeliveryChoice } from '../../../contract/requests/delivery.ts';
import type { RatingBody } from '../../../contract/requests/ratings.ts';
import type { GivenMaterial } from '../shared/materialWays.ts';

/** The applicant's calls: their cases, payment, delivery and results, and the 好差评 rating (the answers are the API document's). */
export type MyCase = Answer<'/ratings/my-cases', 'get'>['cases'][number];
export type RatingAnswer = Answer<'/cases/{caseNo}/rating', 'get'>;
export type PaymentAnswer = Answer<'/cases/{caseNo}/payment', 'get'>;
export type DeliveryAnswer = Answer<'/cases/{caseNo}/delivery', 'get'>;

/** A material handed in: an uploaded file or, where allowed, the applicant's e-license. */
export type { GivenMaterial } from '../shared/materialWays.ts';

const path = (caseNo: string) => `/cases/${encodeURIComponent(caseNo)}`;

export const applicantApi = {
  myCases: async () => (await get<Answer<'/ratings/my-cases', 'get'>>('/ratings/my-cases')).cases,
  rating: (caseNo: string) => get<RatingAnswer>(`${path(caseNo)}/rating`),
  rate: (caseNo: string, body: RatingBody) => post<Answer<'/cases/{caseNo}/rating', 'post'>>(`${path(caseNo)}/rating`, body),
  payment: (caseNo: string) => get<PaymentAnswer>(`${path(caseNo)}/payment`),
  delivery: (caseNo: string) => get<DeliveryAnswer>(`${path(caseNo)}/delivery`),
  /** answers the delivery as `delivery` does, with the choice in it */
  chooseDelivery: (caseNo: string, body: DeliveryChoice) => put<Answer<'/cases/{caseNo}/delivery', 'put'>>(`${path(caseNo)}/delivery`, body),
  /** 补正: the whole application again (form, materials, commitments, deferrals); acceptance checks it again */
  resubmit: (
    caseNo: string,
    body: { form: Record<string, unknown>; materials: GivenMaterial[]; commitments?: { materialCode: string }[]; deferrals?: { materialCode: string }[] },
  ) => post<Answer<'/cases/{caseNo}/resubmission', 'post'>>(`${path(caseNo)}/resubmission`, body),
  /** 容缺: the deferred materials handed in; complete once none is owed */
  supply: (caseNo: string, materials: GivenMaterial[]) => post<Answer<'/cases/{caseNo}/materials', 'post'>>(`${path(caseNo)}/materials`, { materials }),
  /** 催办: 429 with the server's message within ten minutes of the last */
  urge: (caseNo: string, note?: string) => post<Answer<'/cases/{caseNo}/urge', 'post'>>(`${path(caseNo)}/urge`, note ? { note } : {}),
  /** 撤回 before acceptance */
  withdraw: (caseNo: string, reason: string) => post<Answer<'/cases/{caseNo}/withdraw', 'post'>>(`${path(caseNo)}/withdraw`, { reason }),
  /** a result document: its url is absolute (/api/v1/…); fetched with the token as a blob */
  document: (url: string) => getBlob(url.startsWith(API_BASE) ? url.slice(API_BASE.length) : url),
};
