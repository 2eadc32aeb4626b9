import { del, get, put } from '../api/http.ts';
import type { Answer } from '../../../contract/api/index.ts';
import type { DeputyBody } from '../../../contract/requests/deputies.ts';

/** 外出代理 of the signed-in person (server/inbox/deputies.ts): their deputy (active: the period is on now) and whom they stand in for. */
export type DeputyState = Answer<'/me/deputy', 'get'>;

/** the body of PUT /me/deputy: the contract's */
export type { DeputyBody } from '../../../contract/requests/deputies.ts';
export const deputyApi = {
  get: () => get<DeputyState>('/me/deputy'),
  set: (body: DeputyBody) => put<DeputyState>('/me/deputy', body),
  end: () => del<DeputyState>('/me/deputy'),
};
