import type { Principal } from '../auth/index.ts';
import { CASE_STATUSES, caseByNo, casesByIds } from '../cases/index.ts';
import { catalogNames } from '../catalog/index.ts';
import { pageQuery } from '../validation/page-query.ts';
import { Opinion } from './opinion.model.ts';

export const doneQuerySchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    caseNo: { type: 'string', minLength: 1, maxLength: 40, title: '办件编码', 'x-title-en': 'Case number' },
    limit: { type: 'string', pattern: '^[0-9]{1,3}$', title: '每页条数', 'x-title-en': 'Page size', description: '1–100, 20 by default' },
    offset: { type: 'string', pattern: '^[0-9]{1,9}$', title: '跳过条数', 'x-title-en': 'Offset' },
  },
} as const;

/**
 * 已办: the tasks the caller completed, newest first, a page at a time: the step, what they
 * decided and wrote, when, and the case as it stands now (its status, where it went on).
 */
export async function doneTasks(principal: Principal, query: { caseNo?: string; limit?: string; offset?: string }, locale: 'zh-CN' | 'en') {
  const { limit, offset } = pageQuery(query);
  const where: Record<string, unknown> = { userId: principal.id };
  if (query.caseNo) {
    const c = await caseByNo(query.caseNo);
    if (!c) return { total: 0, limit, offset, tasks: [] };
    where.caseId = c.id;
  }
  const { count, rows } = await Opinion.findAndCountAll({ where, order: [['id', 'DESC']], limit, offset });
  const cases = new Map((await casesByIds([...new Set(rows.map((o) => o.caseId))])).map((c) => [c.id, c]));
  const name = await catalogNames(locale);
  return {
    total: count,
    limit,
    offset,
    tasks: rows.map((o) => {
      const c = cases.get(o.caseId);
      return {
        taskId: o.taskId,
        step: o.activityName ?? o.activityId,
        outcome: o.outcome,
        opinion: o.comment,
        completedAt: o.createdAt.toISOString(),
        caseNo: c?.caseNo ?? null,
        itemCode: c?.itemCode ?? null,
        itemName: c ? name(c.itemCode) : null,
        applicantName: c?.applicantName ?? null,
        caseStatus: c?.status ?? null,
        caseStatusLabel: c ? CASE_STATUSES[c.status][locale] : null,
      };
    }),
  };
}
