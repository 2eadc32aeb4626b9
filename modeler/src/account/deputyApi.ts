import { del, get, put } from '../api/http.ts';
import type { DeputyBody } from '../../../contract/requests/deputies.ts';

/** 外出代理 of the signed-in person (server/inbox/deputies.ts). */
export interface DeputyState {
  deputy: {
    username: string;
    displayName: string;
    startsAt: string;
    endsAt: string;
    reason: string;
    /** the period is on now */
    active: boolean;
  } | null;
  /** the people the caller stands in for right now */
  standingInFor: { username: string; displayName: string }[];
}

/** the body of PUT /me/deputy: the contract's */
export type { DeputyBody } from '../../../contract/requests/deputies.ts';
export const deputyApi = {
  get: () => get<DeputyState>('/me/deputy'),
  set: (body: DeputyBody) => put<DeputyState>('/me/deputy', body),
  end: () => del<DeputyState>('/me/deputy'),
};
