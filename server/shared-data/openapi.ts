import { always, answer, bearer, clean, error, instant, nullable, type Paths } from '../openapi/helpers.ts';
import { queryLogSchema } from './query-log.ts';
import { QUERY_OUTCOMES, REGISTRY_NAMES } from './shared-data-query.model.ts';

const entry = always({
  id: { type: 'integer' },
  at: instant,
  actor: { type: 'string', description: 'a user name, or a system actor such as worker:instant-approval' },
  actorKind: { enum: ['user', 'system'] },
  registry: { enum: [...REGISTRY_NAMES] },
  subject: { type: 'string', description: "whom: a person's ID number masked (4301**********1234), a credit code whole, or born:<from>..<to> for a cohort" },
  caseNo: nullable(),
  purpose: { type: 'string' },
  outcome: { enum: [...QUERY_OUTCOMES] },
  cached: { type: 'boolean', description: 'answered from the short cache, not by the registry' },
  latencyMs: { type: 'integer' },
});

const filters = Object.entries(clean(queryLogSchema).properties).map(([name, schema]) => ({ name, in: 'query', schema }));

/** 共享数据 paths of /api/v1. */
export function sharedDataPaths(): Paths {
  return {
    '/shared-data/queries': {
      get: {
        summary:
          '共享数据查询记录: every lookup in the population and legal-person registries, newest first (the 数据局’s leaders and the audit administrator)',
        security: bearer,
        parameters: filters,
        responses: {
          200: answer(
            'a page of the log with the exact total',
            always({ total: { type: 'integer' }, page: { type: 'integer' }, size: { type: 'integer' }, queries: { type: 'array', items: entry } }),
          ),
          401: error('not signed in'),
          403: error('neither a leader of the 数据局 nor the audit administrator'),
          422: error('a filter that is not valid'),
        },
      },
    },
  };
}
