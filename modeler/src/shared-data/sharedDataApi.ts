import { get } from '../api/http.ts';
import type { Answer } from '../../../contract/api/index.ts';

/** 共享数据查询记录 (server/shared-data/): the log of registry lookups, for the 数据局's leaders and the audit administrator. */
export type QueryLogPage = Answer<'/shared-data/queries', 'get'>;
export type QueryLogEntry = QueryLogPage['queries'][number];

export interface QueryLogFilter {
  from?: string;
  to?: string;
  actor?: string;
  caseNo?: string;
  registry?: QueryLogEntry['registry'];
  outcome?: QueryLogEntry['outcome'];
}

const query = (filter: QueryLogFilter) =>
  Object.fromEntries(Object.entries(filter).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1] !== ''));

export const sharedDataApi = {
  queries: (filter: QueryLogFilter, page: number, size: number) =>
    get<QueryLogPage>('/shared-data/queries', { ...query(filter), page: String(page), size: String(size) }),
};
