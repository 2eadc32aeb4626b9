import { get } from '../api/http.ts';
import type { CopiesAnswer, DoneTasksAnswer, DoneTasksQuery } from '../../../contract/api/index.ts';

/** 已办 (GET /tasks/done) and 抄送我的 (GET /copies): server/inbox/tasks.controller.ts. */
export const inboxPagesApi = {
  done: (query: DoneTasksQuery = {}) => get<DoneTasksAnswer>('/tasks/done', query as Record<string, string | undefined>),
  copies: () => get<CopiesAnswer>('/copies'),
};
