import type { AppContext } from '../context.ts';
import { TimelineEvent } from './timeline-event.model.ts';
import { type Case } from './case.model.ts';
import { type Commitment } from './commitment.model.ts';
import type { Principal } from '../auth/index.ts';
import type { Locale, Localized } from '../i18n/locale.ts';
import { problemsOf } from '../validation/ajv.ts';
import { inLocale } from '../../contract/problems.ts';
import { URGE_INTERVAL_MS } from '../../contract/requests/case-actions.ts';
import type { CaseViewSources } from './case-view-sources.ts';
import { FINAL_STATUSES } from './case-status.ts';
import type { SubmissionTarget } from './submission-target.ts';
import { mayActForApplicant } from './case-access.ts';

/**
 * What the viewer of a case may do with it now, so that a page offers exactly the buttons the API
 * accepts: the applicant's 撤回, 补正, 容缺 supply and 催办, and staff's 收回 (take back their last
 * step). Each flag repeats the check of its endpoint (withdraw.service.ts, correction.service.ts,
 * task-operations.ts urgeCase, send-back.ts takeBack).
 */
export async function caseActions(
  ctx: AppContext,
  mayTakeBack: CaseViewSources['mayTakeBack'],
  principal: Principal,
  row: Case,
  target: SubmissionTarget,
  commitments: Commitment[],
  locale: Locale,
) {
  // who may act for the applicant: the submitter, a window clerk, or the applicant named on it (ownCase in correction.service.ts)
  const forApplicant = await mayActForApplicant(principal, row);
  const final = FINAL_STATUSES.includes(row.status);
  const owedCommitments = commitments.filter((k) => k.kind === 'deferral' && !k.fulfilledAt && k.dueAt);
  const canSupply = forApplicant && !row.finishedAt && owedCommitments.length > 0;

  // 催办: something is open to urge, and the caller's last urge is ten minutes old
  let urge = false;
  let urgeAvailableAt: string | null = null;
  if (!final) {
    const last = await TimelineEvent.findOne({ where: { caseId: row.id, type: 'task.urged', actor: principal.username }, order: [['id', 'DESC']] });
    if (last && Date.now() - last.createdAt.getTime() < URGE_INTERVAL_MS) urgeAvailableAt = new Date(last.createdAt.getTime() + URGE_INTERVAL_MS).toISOString();
    urge = (await ctx.engine.tasks({ processInstanceBusinessKeyLike: `${row.caseNo}%` })).length > 0;
  }

  const name = (code: string) => {
    const m = target.materials.find((r) => r.code === code);
    return m ? (locale === 'en' ? m.nameEn : m.name) : code;
  };
  let correction = null;
  if (forApplicant && row.status === 'correction') {
    const notice = await TimelineEvent.findOne({ where: { caseId: row.id, type: 'acceptance.correction' }, order: [['id', 'DESC']] });
    const detail = (notice?.detail ?? {}) as { reasons?: Localized[]; correctionDueAt?: string; notice?: { number?: string } };
    const reasons = detail.reasons ?? [];
    const said = (text: string) => reasons.some((r) => r['zh-CN'].includes(text) || r.en.includes(text));
    correction = {
      reasons: reasons.map((r) => r[locale]),
      noticeNumber: detail.notice?.number ?? null,
      dueAt: detail.correctionDueAt ?? null,
      // the versions the case was submitted under: the resubmission is checked against them
      formSchema: target.formSchema,
      // as a 422 would list them (label and code where known), at the form's own field names
      formProblems: problemsOf(target.formSchema, row.form).map((p) => ({ ...inLocale(p, locale), field: p.field.replace(/^\//, '') })),
      materials: target.materials.map((m) => ({
        code: m.code,
        name: locale === 'en' ? m.nameEn : m.name,
        formats: m.formats,
        required: m.required,
        eLicense: m.eLicense,
        // named in the notice: the pages ask for these first
        named: said(m.name) || said(m.nameEn),
      })),
    };
  }

  return {
    actions: {
      withdraw: forApplicant && !row.parentCaseId && ['submitted', 'correction'].includes(row.status),
      resubmit: correction !== null,
      supply: canSupply,
      urge,
      urgeAvailableAt,
      takeBack: !final && (await mayTakeBack(ctx, principal, row)),
    },
    correction,
    // 容缺: the deferred materials still owed, with their due time
    owed: canSupply
      ? owedCommitments.map((k) => {
          const m = target.materials.find((r) => r.code === k.materialCode);
          return { code: k.materialCode, name: name(k.materialCode), formats: m?.formats ?? [], dueAt: k.dueAt!.toISOString() };
        })
      : [],
  };
}
