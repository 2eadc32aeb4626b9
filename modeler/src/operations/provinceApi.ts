import { get, post } from '../api/http.ts';
import type { Answer } from '../../../contract/api/index.ts';

export type ProvinceOutbox = Answer<'/operations/province/outbox', 'get'>;
export type DeadLetterPage = Answer<'/operations/province/dead-letters', 'get'>;
export type DeadLetter = DeadLetterPage['deadLetters'][number];
export type ProvinceReconciliation = Answer<'/operations/province/reconciliations', 'post'>;

/** 办件数据汇聚 (server/reporting): the outbox at a glance, its dead letters and their resend, the reconciliations. */
export const provinceApi = {
  outbox: () => get<ProvinceOutbox>('/operations/province/outbox'),
  deadLetters: () => get<DeadLetterPage>('/operations/province/dead-letters', { limit: '200' }),
  resend: (id: number) => post<Answer<'/operations/province/dead-letters/{id}/resend', 'post'>>(`/operations/province/dead-letters/${id}/resend`),
  resendAll: () => post<Answer<'/operations/province/dead-letters/resend', 'post'>>('/operations/province/dead-letters/resend', { all: true }),
  reconcile: (day: string) => post<ProvinceReconciliation>('/operations/province/reconciliations', { day }),
};
