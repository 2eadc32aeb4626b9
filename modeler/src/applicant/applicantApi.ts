import { API_BASE, get, getBlob, post, put } from '../api/http.ts';
import type { DeliveryChoice, DeliveryMethod, DeliveryRecipient } from '../../../contract/requests/delivery.ts';
import type { RatingBody } from '../../../contract/requests/ratings.ts';

/** The applicant's calls: their cases, payment, delivery and results, and the 好差评 rating. */
export interface MyCase {
  caseNo: string;
  kind: 'item' | 'bundle';
  itemCode: string;
  status: string;
  statusLabel: string;
  submittedAt: string;
  rating: number | null;
  canRate: boolean;
}

export interface RatingAnswer {
  caseNo: string;
  rating: { level: number; levelLabel: string; bad: boolean; reasons: { code: string; label: string }[]; comment: string | null; at: string } | null;
  canRate: boolean;
  rectification: { id: number; status: 'open' | 'resolved' } | null;
  levels: { level: number; label: string }[];
  reasons: { code: string; label: string }[];
}

export interface PaymentAnswer {
  caseNo: string;
  required: boolean;
  amountFen: number;
  lines: { name?: string; amountFen?: number }[];
  status?: string;
  payUrl?: string | null;
  paidAt?: string | null;
}

export interface DeliveryAnswer {
  caseNo: string;
  method: DeliveryMethod;
  methodLabel: string;
  chosen: boolean;
  started: boolean;
  status: string | null;
  statusLabel: string | null;
  recipient: DeliveryRecipient | null;
  waybillNo: string | null;
  pickup: { atWindow: boolean; code: string | null } | null;
  documents: { id: number; kind: string; title: string; url: string; size: number }[];
}

/** A material handed in: an uploaded file or, where allowed, the applicant's e-license. */
export type GivenMaterial = { code: string; attachmentId: string } | { code: string; eLicenseNumber: string };

const path = (caseNo: string) => `/cases/${encodeURIComponent(caseNo)}`;

export const applicantApi = {
  myCases: async () => (await get<{ cases: MyCase[] }>('/ratings/my-cases')).cases,
  rating: (caseNo: string) => get<RatingAnswer>(`${path(caseNo)}/rating`),
  rate: (caseNo: string, body: RatingBody) => post<RatingAnswer['rating']>(`${path(caseNo)}/rating`, body),
  payment: (caseNo: string) => get<PaymentAnswer>(`${path(caseNo)}/payment`),
  delivery: (caseNo: string) => get<DeliveryAnswer>(`${path(caseNo)}/delivery`),
  /** answers the choice as kept, not the delivery's state (read that again with `delivery`) */
  chooseDelivery: (caseNo: string, body: DeliveryChoice) => put<{ caseNo: string } & DeliveryChoice>(`${path(caseNo)}/delivery`, body),
  /** 补正: the whole application again (form, materials, commitments, deferrals); acceptance checks it again */
  resubmit: (
    caseNo: string,
    body: { form: Record<string, unknown>; materials: GivenMaterial[]; commitments?: { materialCode: string }[]; deferrals?: { materialCode: string }[] },
  ) => post<{ caseNo: string; status: string }>(`${path(caseNo)}/resubmission`, body),
  /** 容缺: the deferred materials handed in; complete once none is owed */
  supply: (caseNo: string, materials: GivenMaterial[]) => post<{ caseNo: string; complete: boolean }>(`${path(caseNo)}/materials`, { materials }),
  /** 催办: 429 with the server's message within ten minutes of the last */
  urge: (caseNo: string, note?: string) => post<{ caseNo: string; notified: number }>(`${path(caseNo)}/urge`, note ? { note } : {}),
  /** 撤回 before acceptance */
  withdraw: (caseNo: string, reason: string) => post<{ caseNo: string; status: string }>(`${path(caseNo)}/withdraw`, { reason }),
  /** a result document: its url is absolute (/api/v1/…); fetched with the token as a blob */
  document: (url: string) => getBlob(url.startsWith(API_BASE) ? url.slice(API_BASE.length) : url),
};
