import { correlateToCase } from '../engine/correlate.ts';
import { Op } from 'sequelize';
import type { AppContext } from '../context.ts';
import { Case } from './case.model.ts';
import { Commitment } from './commitment.model.ts';
import { conflict, notFound, validationFailed } from '../errors/app-error.ts';
import { hasRole, idNoOfAccount, type Principal } from '../auth/index.ts';
import { assertValid } from '../validation/ajv.ts';
import { mayActForApplicant } from './case-access.ts';
import { checkMaterials } from './material-check.ts';
import { resubmissionSchema, supplySchema, type ApplicationParts } from './submission-schema.ts';
import { targetOfCase } from './submission-target.ts';
import { shareWithItemCases, writeApplication } from './cases.service.ts';
import { dropGivenMaterials, storeGivenMaterials } from './given-materials.ts';
import { recordTimeline } from './timeline.ts';
import { MESSAGES } from '../../contract/topics.ts';
import { personalFieldsOf } from '../../contract/catalog/personal.ts';
import { restoreMaskedEchoes } from '../privacy/mask-form.ts';

/** The case, if the caller may act for its applicant: the submitter, a window clerk, or the applicant named on it (mayActForApplicant). */
async function ownCase(principal: Principal, caseNo: string): Promise<Case> {
  const c = await Case.findOne({ where: { caseNo } });
  if (!c || !(await mayActForApplicant(principal, c))) throw notFound('case_not_found');
  return c;
}

/**
 * Delivers the message inside the caller's transaction: if the process is not waiting, nothing is
 * kept. The worker records its decision before it completes its task, so for a moment the case
 * can say "correction" while the process is not yet waiting: a few short retries cover that.
 */
const correlate = (ctx: AppContext, message: string, caseNo: string, notWaiting: Parameters<typeof conflict>[0]) =>
  correlateToCase(ctx.engine, message, caseNo, () => conflict(notWaiting));

/**
 * 补正: the applicant hands the whole application in again after a correction notice. It is
 * checked like a new submission, against the versions the case was submitted under, replaces
 * what was handed in before, and goes back to acceptance, which checks it again.
 */
export async function resubmitCase(ctx: AppContext, principal: Principal, caseNo: string, body: unknown) {
  assertValid<ApplicationParts>(resubmissionSchema, body);
  const parts = body as ApplicationParts;
  const c = await ownCase(principal, caseNo);
  if (c.status !== 'correction') throw conflict('case_not_awaiting_correction');
  const target = await targetOfCase(c);
  // the case's values as its page showed them (masked) and sent back unchanged are the ones it holds
  parts.form = restoreMaskedEchoes(parts.form, c.form, personalFieldsOf(target.formSchema));
  assertValid(target.formSchema, parts.form, 'form');
  await checkMaterials(target, parts, c.applicantIdNo, principal);
  const actingIdNo = await idNoOfAccount(principal.id);
  await ctx.sequelize.transaction(async (transaction) => {
    const locked = await Case.findByPk(c.id, { transaction, lock: transaction.LOCK.UPDATE });
    if (locked?.status !== 'correction') throw conflict('case_not_awaiting_correction');
    await dropGivenMaterials([c.id], transaction);
    await Commitment.destroy({ where: { caseId: c.id }, transaction });
    await locked.update({ form: parts.form, status: 'submitted' }, { transaction });
    await writeApplication(locked, target, parts, ctx.config, transaction, actingIdNo);
    if (target.kind === 'bundle') {
      await shareWithItemCases(locked, target, transaction);
      await Case.update({ status: 'submitted' }, { where: { parentCaseId: c.id }, transaction });
    }
    await recordTimeline(
      {
        caseId: c.id,
        type: 'case.resubmitted',
        actor: principal.username,
        detail: { materials: parts.materials.map((m) => m.code), atWindow: hasRole(principal, 'clerk') },
      },
      transaction,
    );
    await correlate(ctx, MESSAGES.resubmitted, c.caseNo, 'case_not_awaiting_correction');
  });
  ctx.logger.info({ caseNo }, 'case resubmitted after correction');
  return { caseNo, status: 'submitted' };
}

/**
 * 容缺: the applicant hands in materials accepted as deferred. When the last one is in, the
 * process is told, and the case's result may be issued.
 */
export async function supplyMaterials(ctx: AppContext, principal: Principal, caseNo: string, body: unknown) {
  assertValid<Pick<ApplicationParts, 'materials'>>(supplySchema, body);
  const { materials } = body as Pick<ApplicationParts, 'materials'>;
  const c = await ownCase(principal, caseNo);
  const open = await Commitment.findAll({ where: { caseId: c.id, kind: 'deferral', fulfilledAt: null, dueAt: { [Op.ne]: null } } });
  if (open.length === 0 || c.finishedAt) throw conflict('case_not_awaiting_materials');
  const owed = new Set(open.map((k) => k.materialCode));
  const problems = materials.flatMap((m, i) =>
    owed.has(m.code)
      ? []
      : [
          {
            field: `materials.${i}.code`,
            message: { 'zh-CN': `材料“${m.code}”不是本办件待补交的容缺材料`, en: `material "${m.code}" is not owed by this case` },
          },
        ],
  );
  if (problems.length) throw validationFailed(problems);
  const target = await targetOfCase(c);
  await checkMaterials(target, { form: {}, materials }, c.applicantIdNo, principal);
  const complete = await ctx.sequelize.transaction(async (transaction) => {
    await storeGivenMaterials(c.id, materials, target.materials, transaction);
    const fulfilledAt = new Date();
    await Commitment.update(
      { fulfilledAt },
      { where: { caseId: c.id, kind: 'deferral', materialCode: { [Op.in]: materials.map((m) => m.code) } }, transaction },
    );
    if (target.kind === 'bundle') await shareWithItemCases(c, target, transaction);
    const remaining = open.filter((k) => !materials.some((m) => m.code === k.materialCode)).map((k) => k.materialCode);
    await recordTimeline(
      {
        caseId: c.id,
        type: 'case.materials_supplied',
        actor: principal.username,
        detail: { materials: materials.map((m) => m.code), remaining, atWindow: hasRole(principal, 'clerk') },
      },
      transaction,
    );
    if (remaining.length === 0) await correlate(ctx, MESSAGES.deficiencySupplied, c.caseNo, 'case_not_awaiting_materials');
    return remaining.length === 0;
  });
  ctx.logger.info({ caseNo, complete }, 'deferred materials handed in');
  return { caseNo, complete };
}
