import type { AppContext } from '../context.ts';
import { Case } from './case.model.ts';
import { EngineError } from '../engine/client.ts';
import { conflict, notFound } from '../errors/app-error.ts';
import type { Principal } from '../auth/index.ts';
import { mayActForApplicant } from './case-access.ts';
import { recordTimeline } from './timeline.ts';

/**
 * 撤回 by the applicant (who submitted it, or in whose name it was filed) or a window clerk: before acceptance only. The
 * case and its item cases are closed as withdrawn and the process is deleted, in one transaction.
 */
export async function withdrawCase(ctx: AppContext, principal: Principal, caseNo: string, reason: string) {
  const c = await Case.findOne({ where: { caseNo } });
  if (!c || c.parentCaseId || !(await mayActForApplicant(principal, c))) throw notFound('case_not_found');
  await ctx.sequelize.transaction(async (transaction) => {
    const locked = await Case.findByPk(c.id, { transaction, lock: transaction.LOCK.UPDATE });
    if (!locked || !['submitted', 'correction'].includes(locked.status)) throw conflict('case_not_withdrawable');
    const finishedAt = new Date();
    await locked.update({ status: 'withdrawn', finishedAt }, { transaction });
    await Case.update({ status: 'withdrawn', finishedAt }, { where: { parentCaseId: c.id }, transaction });
    await recordTimeline({ caseId: c.id, type: 'case.withdrawn', actor: principal.username, detail: { reason: reason.trim() } }, transaction);
    if (locked.processInstanceId) {
      try {
        await ctx.engine.deleteProcessInstance(locked.processInstanceId, `撤回：${reason.trim()}`);
      } catch (err) {
        // already ended: nothing left to stop (the status check above decides)
        if (!(err instanceof EngineError && err.status === 404)) throw err;
      }
    }
  });
  ctx.logger.info({ caseNo }, 'case withdrawn by the applicant');
  return { caseNo, status: 'withdrawn' };
}
