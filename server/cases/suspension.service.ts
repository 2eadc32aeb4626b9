import type { AppContext } from '../context.ts';
import { Case } from './case.model.ts';
import { TimelineEvent } from './timeline-event.model.ts';
import { conflict, notFound } from '../errors/app-error.ts';
import { accountById, hasRole, type Principal } from '../auth/index.ts';
import type { Localized } from '../i18n/locale.ts';
import { calendarFor, type WorkingCalendar } from '../calendar/index.ts';
import { canViewCase } from './case-access.ts';
import { recordTimeline } from './timeline.ts';
import type { CaseStatus } from './case-status.ts';
import { notify } from '../notifications/index.ts';
import type { CaseRecord } from './case-records.ts';
import { SPECIAL_PROCEDURES, type SpecialProcedure } from '../../contract/requests/case-actions.ts';

const ART_45: Localized = { 'zh-CN': '《中华人民共和国行政许可法》第四十五条', en: 'Administrative Licensing Law of the PRC, Article 45' };
/**
 * The case's due times once a suspension ends: each moves by the working days the suspension took
 * (the day it began not counted, the day it ended counted).
 */
export function shiftedDeadlines(
  calendar: WorkingCalendar,
  due: { promisedDueAt: Date | null; statutoryDueAt: Date | null },
  suspendedAt: Date,
  resumedAt: Date,
) {
  const days = calendar.workingDaysBetween(suspendedAt, resumedAt);
  const shift = (at: Date | null) => (at && days > 0 ? calendar.due(at, days).due : at);
  return { days, promisedDueAt: shift(due.promisedDueAt), statutoryDueAt: shift(due.statutoryDueAt) };
}

async function tellApplicant(c: Pick<CaseRecord, 'submittedBy' | 'caseNo'>, kind: string, text: Localized, transaction: Parameters<typeof notify>[5]) {
  const submitter = await accountById(c.submittedBy, transaction);
  if (submitter) await notify([submitter.id], kind, text, c.caseNo, null, transaction);
}

/**
 * 特别程序: the holder of a task (the inbox checked it is theirs) stops the case's clock for a
 * procedure of Art. 45; the applicant is told.
 */
export async function suspendCase(
  ctx: AppContext,
  principal: Principal,
  task: { name: string | null; processInstanceId: string },
  c: CaseRecord,
  body: { procedure: SpecialProcedure; reason: string },
) {
  if (c.suspendedAt) throw conflict('case_suspended');
  const procedure = SPECIAL_PROCEDURES[body.procedure];
  await ctx.sequelize.transaction(async (transaction) => {
    const locked = (await Case.findByPk(c.id, { transaction, lock: transaction.LOCK.UPDATE }))!;
    if (locked.suspendedAt) throw conflict('case_suspended');
    await recordTimeline(
      {
        caseId: c.id,
        type: 'case.suspended',
        actor: principal.username,
        detail: {
          procedure: body.procedure,
          procedureName: procedure,
          reason: body.reason.trim(),
          legalBasis: ART_45,
          statusBefore: locked.status,
          task: task.name,
          processInstanceId: task.processInstanceId,
        },
      },
      transaction,
    );
    await locked.update({ status: 'suspended', suspendedAt: new Date() }, { transaction });
    await tellApplicant(
      c,
      'suspended',
      {
        'zh-CN': `您的办件 ${c.caseNo} 进入特别程序（${procedure['zh-CN']}），所需时间不计入办理时限：${body.reason.trim()}`,
        en: `Your case ${c.caseNo} is in a special procedure (${procedure.en.toLowerCase()}); the time it takes does not count towards the time limit: ${body.reason.trim()}`,
      },
      transaction,
    );
    await ctx.engine.setSuspended(task.processInstanceId, true);
  });
  return { caseNo: c.caseNo, status: 'suspended' };
}

/** Ends a suspension: the clock runs again and the due times move by the working days it stood. */
export async function resumeCase(ctx: AppContext, principal: Principal, caseNo: string, body: { reason: string }) {
  const c = await Case.findOne({ where: { caseNo } });
  if (!c || !canViewCase(principal, c) || !hasRole(principal, 'reviewer', 'leader')) throw notFound('case_not_found');
  if (!c.suspendedAt) throw conflict('case_not_suspended');
  const calendar = await calendarFor(ctx.config.regionCode);
  const began = await TimelineEvent.findOne({ where: { caseId: c.id, type: 'case.suspended' }, order: [['id', 'DESC']] });
  const resumedAt = new Date();
  const shifted = shiftedDeadlines(calendar, c, c.suspendedAt, resumedAt);
  await ctx.sequelize.transaction(async (transaction) => {
    const locked = (await Case.findByPk(c.id, { transaction, lock: transaction.LOCK.UPDATE }))!;
    if (!locked.suspendedAt) throw conflict('case_not_suspended');
    await recordTimeline(
      {
        caseId: c.id,
        type: 'case.resumed',
        actor: principal.username,
        detail: {
          reason: body.reason.trim(),
          workingDays: shifted.days,
          promisedDueAt: shifted.promisedDueAt?.toISOString() ?? null,
          statutoryDueAt: shifted.statutoryDueAt?.toISOString() ?? null,
        },
      },
      transaction,
    );
    await locked.update(
      {
        status: (began?.detail.statusBefore as CaseStatus | undefined) ?? 'in_review',
        suspendedAt: null,
        suspendedWorkingDays: locked.suspendedWorkingDays + shifted.days,
        promisedDueAt: shifted.promisedDueAt,
        statutoryDueAt: shifted.statutoryDueAt,
      },
      { transaction },
    );
    await tellApplicant(
      c,
      'resumed',
      {
        'zh-CN': `您的办件 ${c.caseNo} 特别程序结束，恢复计时，顺延 ${shifted.days} 个工作日`,
        en: `The special procedure of your case ${c.caseNo} has ended: the clock runs again, its time limit moved by ${shifted.days} working day${shifted.days === 1 ? '' : 's'}`,
      },
      transaction,
    );
    await ctx.engine.setSuspended((began?.detail.processInstanceId as string | undefined) ?? c.processInstanceId!, false);
  });
  return { caseNo, workingDays: shifted.days, promisedDueAt: shifted.promisedDueAt?.toISOString() ?? null };
}
