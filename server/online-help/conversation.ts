import { Op, type InferAttributes, type Transaction, type WhereOptions } from 'sequelize';
import type { AppContext } from '../context.ts';
import type { Principal } from '../auth/index.ts';
import { AppError, fieldProblem, validationFailed } from '../errors/app-error.ts';
import { assertValid, problemsOf } from '../validation/ajv.ts';
import {
  helpCloseSchema,
  helpConfirmSchema,
  helpConsentSchema,
  helpFillSchema,
  helpFormSchema,
  helpMessageRules,
  helpMessageSchema,
  helpRatingSchema,
  type HelpCloseBody,
  type HelpEntryKind,
} from '../../contract/requests/online-help.ts';
import { HelpEntry, HelpRequest } from './online-help.model.ts';
import { assertApplicant, assertMayView, assertOpen, assertOwnHelper, shanghai } from './help-access.ts';
import { formOf, maskedForm } from './help-form.ts';
import { pendingFills, requestView } from './help-views.ts';
import { pushEntry, pushForm, pushQueue } from './help-live.ts';
import { requestById } from './requests.ts';

/** Writes an entry, and the request's changes with it, in one transaction; then both people hear of it. */
async function record(
  ctx: AppContext,
  principal: Principal,
  row: HelpRequest,
  entry: { kind: HelpEntryKind; text?: string | null; field?: string | null; value?: unknown },
  /** the request's change, made only if it still applies (a conditional UPDATE: false when another took its place) */
  change?: (transaction: Transaction) => Promise<boolean>,
) {
  const side = row.applicantId === principal.id ? 'applicant' : 'helper';
  const created = await ctx.sequelize.transaction(async (transaction) => {
    if (change && !(await change(transaction))) return null;
    return HelpEntry.create(
      {
        requestId: row.id,
        kind: entry.kind,
        authorId: principal.id,
        authorName: principal.displayName,
        authorSide: side,
        text: entry.text ?? null,
        field: entry.field ?? null,
        value: (entry.value ?? null) as HelpEntry['value'],
      },
      { transaction },
    );
  });
  if (!created) return null;
  await row.reload();
  return pushEntry(row, created);
}

/** A conditional UPDATE of the request: true when it applied. */
const updateWhere =
  (row: HelpRequest, changes: Partial<InferAttributes<HelpRequest>>, where: WhereOptions<HelpRequest>) =>
  async (transaction: Transaction): Promise<boolean> => {
    const [count] = await HelpRequest.update(changes, { where: { ...where, id: row.id }, transaction });
    return count === 1;
  };

/** A message of the conversation, by the applicant or the helper who joined (never before a helper joined, for the helper). */
export async function postMessage(ctx: AppContext, principal: Principal, id: string, body: unknown) {
  const row = await requestById(id);
  assertMayView(principal, row);
  if (row.applicantId !== principal.id) assertOwnHelper(principal, row);
  assertOpen(row);
  assertValid<{ text: string }>(helpMessageSchema, body);
  const problems = helpMessageRules(body);
  if (problems.length) throw validationFailed(problems);
  return record(ctx, principal, row, { kind: 'text', text: body.text.trim() });
}

/** 授权代填: the applicant lets the helper fill fields, or takes it back; each change recorded in the conversation. */
export async function setConsent(ctx: AppContext, principal: Principal, id: string, body: unknown) {
  const row = await requestById(id);
  assertApplicant(principal, row);
  assertOpen(row);
  assertValid<{ consent: boolean }>(helpConsentSchema, body);
  // a repeat (two clicks, two tabs) records nothing
  await record(
    ctx,
    principal,
    row,
    { kind: body.consent ? 'consent_given' : 'consent_withdrawn' },
    updateWhere(row, { consent: body.consent }, { consent: !body.consent, status: { [Op.ne]: 'closed' } }),
  );
  await row.reload();
  assertOpen(row);
  return requestView(row);
}

/** The applicant's form as they fill it (the page sends it, throttled): kept masked, and pushed to the helper. */
export async function updateForm(principal: Principal, id: string, body: unknown) {
  const row = await requestById(id);
  assertApplicant(principal, row);
  assertOpen(row);
  assertValid<{ form: Record<string, unknown> }>(helpFormSchema, body);
  const form = await formOf(row);
  await row.update({ form: maskedForm(form?.fields ?? [], body.form), formAt: new Date() });
  pushForm(row);
  return { formAt: row.formAt!.toISOString() };
}

/**
 * 代填: the helper who joined fills one field of the applicant's form, only while the applicant
 * consents; never a personal field (the helper sees those masked: the applicant types them). The
 * value is checked against the field's own rule; the applicant's page takes it, marked 帮办员填写.
 */
export async function fillField(ctx: AppContext, principal: Principal, id: string, body: unknown) {
  const row = await requestById(id);
  assertOwnHelper(principal, row);
  assertOpen(row);
  assertValid<{ field: string; value: string | number | boolean }>(helpFillSchema, body);
  if (!row.consent) throw noConsent(row);
  const field = (await formOf(row))?.fields.find((f) => f.name === body.field);
  if (!field) throw validationFailed([fieldProblem('field', `字段：申请表中没有“${body.field}”`, `field: the form has no field “${body.field}”`)]);
  if (field.personal)
    throw validationFailed([
      fieldProblem(
        'field',
        `字段：“${field.title}”是个人信息，须由申请人本人填写`,
        `field: “${field.titleEn}” holds personal data; the applicant enters it themselves`,
      ),
    ]);
  const problems = problemsOf({ type: 'object', properties: { [field.name]: field.schema } }, { [field.name]: body.value });
  if (problems.length) throw validationFailed(problems.map((p) => ({ ...p, field: 'value' })));
  // the consent still holds when the fill is written (withdrawn a moment ago: refused); the row stays locked till then
  // (a read FOR UPDATE, not a no-op UPDATE: MariaDB counts an UPDATE that changes nothing as no row)
  const stillConsented = async (transaction: Transaction) =>
    Boolean(await HelpRequest.findOne({ where: { id: row.id, consent: true, status: { [Op.ne]: 'closed' } }, lock: transaction.LOCK.UPDATE, transaction }));
  const filled = await record(ctx, principal, row, { kind: 'filled', field: field.name, value: body.value }, stillConsented);
  if (!filled) {
    await row.reload();
    assertOpen(row);
    throw noConsent(row);
  }
  return filled;
}

const noConsent = (row: HelpRequest) =>
  new AppError(409, 'online_help_no_consent', [], {
    'zh-CN': `${row.applicantName}尚未允许（或已撤回）帮办员代填，不能代填；请在对话中征得同意`,
    en: `${row.applicantName} has not allowed the helper to fill fields (or withdrew it); ask in the conversation first`,
  });

/** The applicant confirms a value the helper filled: the mark 帮办员填写 goes. */
export async function confirmFill(ctx: AppContext, principal: Principal, id: string, body: unknown) {
  const row = await requestById(id);
  assertApplicant(principal, row);
  assertValid<{ field: string }>(helpConfirmSchema, body);
  const entries = await HelpEntry.findAll({ where: { requestId: row.id }, order: [['id', 'ASC']] });
  if (!pendingFills(entries).some((p) => p.field === body.field))
    throw validationFailed([
      fieldProblem('field', `字段：帮办员没有待您确认的“${body.field}”`, `field: the helper filled no “${body.field}” waiting for your confirmation`),
    ]);
  return record(ctx, principal, row, { kind: 'confirmed', field: body.field });
}

/** Closing, by the applicant or the helper who joined (a waiting request: by the applicant only): resolved or not, with a note. */
export async function closeRequest(ctx: AppContext, principal: Principal, id: string, body: unknown) {
  const row = await requestById(id);
  assertMayView(principal, row);
  if (row.applicantId !== principal.id) assertOwnHelper(principal, row);
  assertOpen(row);
  assertValid<HelpCloseBody>(helpCloseSchema, body);
  const note = body.note?.trim() || null;
  const closed = await record(
    ctx,
    principal,
    row,
    { kind: 'closed', text: note, value: body.resolved },
    updateWhere(
      row,
      {
        status: 'closed',
        openKey: null,
        closedAt: new Date(),
        closedBy: principal.id,
        closedByName: principal.displayName,
        resolved: body.resolved,
        resolutionNote: note,
      },
      { status: { [Op.ne]: 'closed' } },
    ),
  );
  if (!closed) {
    // closed meanwhile by the other: told by whom and when
    await row.reload();
    assertOpen(row);
  }
  pushQueue(row);
  return requestView(row);
}

/** 满意度: the applicant rates a closed request once (the 好差评 levels 1–5). */
export async function rateRequest(ctx: AppContext, principal: Principal, id: string, body: unknown) {
  const row = await requestById(id);
  assertApplicant(principal, row);
  if (row.status !== 'closed')
    throw new AppError(409, 'online_help_not_closed', [], { 'zh-CN': '帮办结束后才能评价', en: 'Rate the help once the request is closed' });
  assertValid<{ level: number; comment?: string }>(helpRatingSchema, body);
  const comment = body.comment?.trim() || null;
  const rated = await record(
    ctx,
    principal,
    row,
    { kind: 'rated', text: comment, value: body.level },
    updateWhere(row, { rating: body.level, ratingComment: comment, ratedAt: new Date() }, { rating: null }),
  );
  if (!rated) {
    await row.reload();
    throw new AppError(409, 'online_help_rated', [], {
      'zh-CN': `您已于 ${shanghai(row.ratedAt!)} 评价过本次帮办（${row.rating} 级）`,
      en: `You rated this help already (level ${row.rating}) at ${shanghai(row.ratedAt!)}`,
    });
  }
  return requestView(row);
}
