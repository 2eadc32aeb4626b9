import { Op, type WhereOptions } from 'sequelize';
import { maskPersonal } from '../../contract/catalog/personal.ts';
import { SUPERVISING_DEPARTMENT } from '../../contract/roles.ts';
import type { Principal } from '../auth/index.ts';
import { AppError } from '../errors/app-error.ts';
import { assertValid } from '../validation/ajv.ts';
import { QUERY_OUTCOMES, REGISTRY_NAMES, SharedDataQuery } from './shared-data-query.model.ts';

/**
 * 共享数据查询记录: the log of every registry lookup, for those who audit it — the 数据局's leaders
 * (the city's supervisor of data sharing) and the audit administrator. Numbers are shown masked.
 */

export const queryLogSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    from: { type: 'string', format: 'date-time', title: '开始时间', 'x-title-en': 'From' },
    to: { type: 'string', format: 'date-time', title: '结束时间', 'x-title-en': 'To' },
    actor: { type: 'string', minLength: 1, maxLength: 64, title: '查询人', 'x-title-en': 'Actor (user name or worker:<name>)' },
    caseNo: { type: 'string', pattern: '^[A-Za-z0-9-]{1,32}$', title: '办件编号', 'x-title-en': 'Case number' },
    registry: { type: 'string', enum: [...REGISTRY_NAMES], title: '数据库', 'x-title-en': 'Registry' },
    outcome: { type: 'string', enum: [...QUERY_OUTCOMES], title: '结果', 'x-title-en': 'Outcome' },
    page: { type: 'string', pattern: '^[1-9][0-9]{0,5}$', title: '页码', 'x-title-en': 'Page' },
    size: { type: 'string', pattern: '^([1-9]|[1-9][0-9]|100)$', title: '每页条数', 'x-title-en': 'Page size (1–100)' },
  },
};

interface QueryLogFilter {
  from?: string;
  to?: string;
  actor?: string;
  caseNo?: string;
  registry?: (typeof REGISTRY_NAMES)[number];
  outcome?: (typeof QUERY_OUTCOMES)[number];
  page?: string;
  size?: string;
}

/** The 数据局's leaders and the audit administrator; anyone else is refused (a leader of another department too). */
export function assertMayReadQueryLog(principal: Principal): void {
  const dataLeader = principal.roles.includes('leader') && principal.departmentCode === SUPERVISING_DEPARTMENT;
  if (!dataLeader && !principal.roles.includes('auditor')) throw new AppError(403, 'shared_data_log_forbidden');
}

const view = (q: SharedDataQuery) => ({
  id: Number(q.id),
  at: q.at.toISOString(),
  actor: q.actor,
  actorKind: q.actorKind,
  registry: q.registry,
  // a person's number masked; a company's credit code is public (营业执照) and shown whole; a cohort's range as it is
  subject: q.registry === 'population' && !q.subject.startsWith('born:') ? maskPersonal('id-number', q.subject) : q.subject,
  caseNo: q.caseNo,
  purpose: q.purpose,
  outcome: q.outcome,
  cached: q.cached,
  latencyMs: q.latencyMs,
});
export type QueryLogEntry = ReturnType<typeof view>;

/** One page of the log, newest first, with the exact total of the filter. */
export async function searchQueryLog(query: unknown): Promise<{ total: number; page: number; size: number; queries: QueryLogEntry[] }> {
  assertValid<QueryLogFilter>(queryLogSchema, query, 'query');
  const q = query as QueryLogFilter;
  const at = { ...(q.from ? { [Op.gte]: new Date(q.from) } : {}), ...(q.to ? { [Op.lte]: new Date(q.to) } : {}) };
  const where: WhereOptions<SharedDataQuery> = {
    ...(q.from || q.to ? { at } : {}),
    ...(q.actor ? { actor: q.actor.trim() } : {}),
    ...(q.caseNo ? { caseNo: q.caseNo } : {}),
    ...(q.registry ? { registry: q.registry } : {}),
    ...(q.outcome ? { outcome: q.outcome } : {}),
  };
  const size = Number(q.size ?? 50);
  const page = Number(q.page ?? 1);
  const { count, rows } = await SharedDataQuery.findAndCountAll({ where, order: [['id', 'DESC']], limit: size, offset: (page - 1) * size });
  return { total: count, page, size, queries: rows.map(view) };
}
