import { del, get, put } from '../api/http.ts';

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

export interface DeputyBody {
  deputy: string;
  startsAt: string;
  endsAt: string;
  reason: string;
}

export const deputyApi = {
  get: () => get<DeputyState>('/me/deputy'),
  set: (body: DeputyBody) => put<DeputyState>('/me/deputy', body),
  end: () => del<DeputyState>('/me/deputy'),
};
