import { UniqueConstraintError, type Sequelize, type Transaction } from 'sequelize';
import { activeAccounts, type Account } from '../auth/index.ts';
import { calendarFor, shanghaiTime } from '../calendar/index.ts';
import { notify } from '../notifications/index.ts';
import type { Localized } from '../i18n/locale.ts';
import { recordAudit } from '../audit/index.ts';
import { reachesRegion } from '../../contract/regions.ts';
import { SUPERVISING_DEPARTMENT } from '../../contract/roles.ts';
import type { ProblemSource } from '../../contract/requests/problems.ts';
import { Problem, ProblemEvent } from './problem.model.ts';

/** 数据资源管理局 (contract/roles.ts): reviews every department's rectifications and closes them (销号); its leaders are told of every escalation. */
export { SUPERVISING_DEPARTMENT };

/** What raising a problem takes; the deadline is computed before the caller's transaction (problemDue). */
export interface NewProblem {
  source: ProblemSource;
  departmentCode: string;
  regionCode: string | null;
  caseNo?: string | null;
  itemCode?: string | null;
  /** a 差评's rating */
  ratingId?: number | null;
  /** a monitoring rule's code: one problem per rule, department and region until it is closed */
  rule?: string | null;
  title: string;
  description: string;
  dueDays: number;
  dueAt: Date;
  /** when it was raised (a 差评: the rating's instant, which the deadline counts from) */
  at: Date;
  /** who raised it; null: a monitoring rule */
  raisedBy: { id: number; username: string } | null;
  /** what the owner's leaders are told (default: the title and the deadline) */
  notice?: { kind: string; text: Localized };
}

/** The end of the `days`-th working day after `from`, in the region's working calendar. */
export async function problemDue(regionCode: string | null, from: Date, days: number): Promise<Date> {
  return (await calendarFor(regionCode ?? '*')).due(from, days).due;
}

/** The leaders of a department whose region reaches the problem's (a leader reaches the regions under theirs). */
export const leadersOf = (staff: Account[], departmentCode: string, regionCode: string | null): number[] =>
  staff
    .filter((u) => u.departmentCode === departmentCode && u.roles.includes('leader') && reachesRegion({ regionCode: u.regionCode, leader: true }, regionCode))
    .map((u) => u.id);

/**
 * Raises a problem in the caller's transaction: the row, its first history entry, the audit entry and
 * the notice to the owner department's leaders. A monitoring rule's problem is raised once while one
 * of the same rule, department and region is not closed: `null` when there is one already.
 */
export async function raiseProblem(p: NewProblem, transaction: Transaction): Promise<Problem | null> {
  const openKey = p.rule ? `${p.rule}:${p.departmentCode}:${p.regionCode ?? '*'}` : null;
  if (openKey && (await Problem.findOne({ where: { openKey }, transaction }))) return null;
  let problem: Problem;
  try {
    problem = await Problem.create(
      {
        source: p.source,
        departmentCode: p.departmentCode,
        regionCode: p.regionCode,
        caseNo: p.caseNo ?? null,
        itemCode: p.itemCode ?? null,
        ratingId: p.ratingId ?? null,
        rule: p.rule ?? null,
        openKey,
        title: p.title,
        description: p.description,
        raisedBy: p.raisedBy?.id ?? null,
        dueDays: p.dueDays,
        dueAt: p.dueAt,
        status: 'open',
        createdAt: p.at,
        updatedAt: p.at,
      },
      { transaction },
    );
  } catch (err) {
    // another node raised the same rule's problem meanwhile
    if (openKey && err instanceof UniqueConstraintError) return null;
    throw err;
  }
  await ProblemEvent.create(
    {
      problemId: problem.id,
      action: 'raised',
      actorId: p.raisedBy?.id ?? null,
      note: null,
      detail: { source: p.source, dueAt: p.dueAt.toISOString() },
      at: p.at,
    },
    { transaction },
  );
  const leaders = leadersOf(await activeAccounts({ departmentCode: p.departmentCode, transaction }), p.departmentCode, p.regionCode);
  const due = shanghaiTime(p.dueAt);
  const notice = p.notice ?? {
    kind: 'problem',
    text: { 'zh-CN': `待整改问题：${p.title}（请于 ${due} 前整改）`, en: `A problem to rectify: ${p.title} (by ${due}, Beijing time)` },
  };
  if (leaders.length) await notify(leaders, notice.kind, notice.text, p.caseNo ?? null, null, transaction);
  await recordAudit(
    {
      actor: p.raisedBy?.username ?? `system:${p.rule ?? 'problems'}`,
      action: 'problem.raised',
      target: `problem:${problem.id}`,
      detail: { source: p.source, departmentCode: p.departmentCode, regionCode: p.regionCode, caseNo: p.caseNo ?? null, dueAt: p.dueAt.toISOString() },
    },
    transaction,
  );
  return problem;
}

/** What a monitoring rule (server/supervision/monitoring-rules.ts) finds of a department. */
export interface RuleFinding {
  rule: string;
  departmentCode: string;
  regionCode: string | null;
  title: string;
  description: string;
  dueDays: number;
}

/** Raises a monitoring rule's problem in a transaction of its own, once while one of the same rule, department and region is not closed (null: one is). */
export async function raiseRuleProblem(sequelize: Sequelize, finding: RuleFinding, now = new Date()): Promise<number | null> {
  const dueAt = await problemDue(finding.regionCode, now, finding.dueDays);
  const raised = await sequelize.transaction((transaction) => raiseProblem({ ...finding, source: 'monitoring', dueAt, at: now, raisedBy: null }, transaction));
  return raised?.id ?? null;
}
