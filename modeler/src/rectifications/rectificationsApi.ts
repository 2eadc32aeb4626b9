import { get, post } from '../api/http.ts';
import type { Answer } from '../../../contract/api/index.ts';

/** 差评整改 (server/ratings/): a leader's department's rectifications (an administrator's: all). */
export type Rectification = Answer<'/ratings/rectifications', 'get'>['rectifications'][number];

export const rectificationsApi = {
  list: async (status?: 'open' | 'resolved') => (await get<Answer<'/ratings/rectifications', 'get'>>('/ratings/rectifications', { status })).rectifications,
  resolve: (id: number, note: string) => post<Answer<'/ratings/rectifications/{id}/resolve', 'post'>>(`/ratings/rectifications/${id}/resolve`, { note }),
};
