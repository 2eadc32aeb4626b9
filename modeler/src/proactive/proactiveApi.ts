import { get, post } from '../api/http.ts';
import type { Answer } from '../../../contract/api/index.ts';

/** 免申即享 (server/proactive/proactive.controller.ts): the person's or company's offers and their answer; the policies and a round now. */
export type Offers = Answer<'/proactive/offers', 'get'>;
export type Offer = Offers['offers'][number];
export type Policies = Answer<'/proactive/policies', 'get'>;
export type Round = Answer<'/proactive/rounds', 'post'>;

export const proactiveApi = {
  offers: () => get<Offers>('/proactive/offers'),
  /** a company's offer sends the case's contact phone (its account has none) */
  accept: (id: number, phone?: string) => post<Answer<'/proactive/offers/{id}/accept', 'post'>>(`/proactive/offers/${id}/accept`, phone ? { phone } : {}),
  decline: (id: number, reason: string) => post<Answer<'/proactive/offers/{id}/decline', 'post'>>(`/proactive/offers/${id}/decline`, reason ? { reason } : {}),
  policies: () => get<Policies>('/proactive/policies'),
  round: () => post<Round>('/proactive/rounds', {}),
};
