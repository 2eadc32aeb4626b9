import { get, post } from '../api/http.ts';
import type { Answer, Body } from '../../../contract/api/index.ts';

/** 问题清单 (server/problems/): the caller's problems, one with its history, and the steps of the loop. */
export type Problem = Answer<'/problems', 'get'>['problems'][number];
export type ProblemDetail = Answer<'/problems/{id}', 'get'>;
export type ProblemFilters = { status?: string; source?: string; departmentCode?: string; overdue?: 'true' };
export type RectifyBody = Body<'/problems/{id}/rectify', 'post'>;
export type ReviewBody = Body<'/problems/{id}/review', 'post'>;
export type RaiseBody = Body<'/problems', 'post'>;

export const problemsApi = {
  list: async (filters: ProblemFilters) => (await get<Answer<'/problems', 'get'>>('/problems', filters)).problems,
  one: (id: number) => get<ProblemDetail>(`/problems/${id}`),
  raise: (body: RaiseBody) => post<Answer<'/problems', 'post'>>('/problems', body),
  rectify: (id: number, body: RectifyBody) => post<Answer<'/problems/{id}/rectify', 'post'>>(`/problems/${id}/rectify`, body),
  review: (id: number, body: ReviewBody) => post<Answer<'/problems/{id}/review', 'post'>>(`/problems/${id}/review`, body),
  departments: async () => (await get<Answer<'/departments', 'get'>>('/departments')).departments,
  regions: async () => (await get<Answer<'/regions', 'get'>>('/regions')).regions,
};
