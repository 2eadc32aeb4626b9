import type { Transaction } from 'sequelize';
import type { Config } from '../config/schema.ts';
import type { Localized } from '../i18n/locale.ts';
import { calendarFor, type WorkingCalendar } from '../calendar/index.ts';
import {
  ACCEPTANCE_LEGAL_BASIS,
  type CaseChanges,
  type CaseRecord,
  FINAL_STATUSES,
  findTimelineEntry,
  itemCasesOf,
  lockCase,
  type NoticeKind,
  recordTimeline,
  renderNotice,
  setDeferralsDue,
  type SubmissionTarget,
  targetOfCase,
  type TimelineType,
  updateCase,
} from '../cases/index.ts';
import { VARIABLES, type AcceptanceDecisionKind } from '../../contract/topics.ts';

export interface AcceptanceOutcome {
  decision: AcceptanceDecisionKind;
  /** the problems found: the correction list, the reasons not to accept, or the findings for the clerk */
  reasons: Localized[];
  /** 容缺: material codes accepted as deferred (decision "accepted" only) */
  deficiencies: string[];
}

/** Process variables as plain values; the worker and the server type them for the engine. */
export type PlainVariables = Record<string, string | boolean>;

const TIMELINE: Record<AcceptanceDecisionKind, TimelineType> = {
  accepted: 'acceptance.accepted',
  review: 'acceptance.review_requested',
  correction: 'acceptance.correction',
  not_accepted: 'acceptance.not_accepted',
};

/** The first instant after a period that ends at `due`: when its timer fires. */
const afterward = (due: Date): string => new Date(due.getTime() + 1).toISOString();

/** The variables recorded with an earlier decision under the same key (a redelivered task), if any. */
export async function recordedAcceptance(idempotencyKey: string): Promise<PlainVariables | undefined> {
  const entry = await findTimelineEntry(idempotencyKey);
  return entry ? ((entry.detail.variables as PlainVariables | undefined) ?? {}) : undefined;
}

/** What recording a decision reads; read before the transaction (SQLite has one writer). */
export interface AcceptanceContext {
  target: SubmissionTarget;
  calendar: WorkingCalendar;
  children: CaseRecord[];
}

export async function acceptanceContext(c: CaseRecord, config: Config, target?: SubmissionTarget): Promise<AcceptanceContext> {
  return {
    target: target ?? (await targetOfCase(c)),
    calendar: await calendarFor(config.regionCode),
    children: c.kind === 'bundle' ? await itemCasesOf(c.id) : [],
  };
}

/**
 * Records an acceptance decision (行政许可法 Art. 32) on the case, with its notice, and returns
 * the variables the process routes on. Accepting starts the promised and statutory clocks in
 * working days (and, for a bundle, each item's own); 容缺 sets the deferred materials' due time;
 * 补正 sets the resubmission's. Keyed: a repeat with the same key records nothing more.
 */
export async function recordAcceptance(
  c: CaseRecord,
  outcome: AcceptanceOutcome,
  actor: string,
  idempotencyKey: string,
  config: Config,
  { target, calendar, children }: AcceptanceContext,
  transaction: Transaction,
): Promise<PlainVariables> {
  const now = new Date();
  // withdrawn (or otherwise closed) meanwhile: the decision comes too late to record
  const current = await lockCase(c.id, transaction);
  if (!current || FINAL_STATUSES.includes(current.status)) return { [VARIABLES.acceptanceDecision]: 'not_accepted' };
  const base = { caseNo: c.caseNo, applicantName: c.applicantName, subject: target.name, reasons: outcome.reasons };
  const variables: PlainVariables = { [VARIABLES.acceptanceDecision]: outcome.decision };
  let noticeKind: NoticeKind | undefined;
  let dueAt: Date | undefined;
  let correctionDueAt: Date | undefined;
  let deficiencyDueAt: Date | undefined;
  const updates: Pick<CaseChanges, 'status' | 'acceptedAt' | 'promisedDueAt' | 'statutoryDueAt' | 'finishedAt'> = {};

  if (outcome.decision === 'accepted') {
    const deficient = outcome.deficiencies.length > 0;
    variables[VARIABLES.deficient] = deficient;
    dueAt = calendar.due(now, target.promisedDays).due;
    Object.assign(updates, { status: 'accepted', acceptedAt: now, promisedDueAt: dueAt, statutoryDueAt: calendar.due(now, target.statutoryDays).due });
    noticeKind = deficient ? 'deficient_acceptance' : 'acceptance';
    if (deficient) {
      deficiencyDueAt = calendar.due(now, config.deficiencyWorkingDays).due;
      variables[VARIABLES.deficiencyExpiresAt] = afterward(deficiencyDueAt);
      dueAt = deficiencyDueAt;
    }
  } else if (outcome.decision === 'correction') {
    dueAt = calendar.due(now, config.correctionWorkingDays).due;
    correctionDueAt = dueAt;
    variables[VARIABLES.correctionExpiresAt] = afterward(dueAt);
    updates.status = 'correction';
    noticeKind = 'correction';
  } else if (outcome.decision === 'not_accepted') {
    Object.assign(updates, { status: 'not_accepted', finishedAt: now });
    noticeKind = 'not_accepted';
  }

  const deferredNames = target.materials.filter((m) => outcome.deficiencies.includes(m.code)).map((m) => m.name);
  const notice = noticeKind ? renderNotice(noticeKind, { ...base, deferred: deferredNames, dueAt, promisedDays: target.promisedDays }, now) : undefined;
  const first = await recordTimeline(
    {
      caseId: c.id,
      type: TIMELINE[outcome.decision],
      actor,
      detail: {
        reasons: outcome.reasons,
        legalBasis: ACCEPTANCE_LEGAL_BASIS,
        ...(outcome.deficiencies.length ? { deficiencies: outcome.deficiencies } : {}),
        ...(notice ? { notice } : {}),
        ...(updates.promisedDueAt ? { promisedDueAt: updates.promisedDueAt.toISOString(), statutoryDueAt: updates.statutoryDueAt!.toISOString() } : {}),
        ...(correctionDueAt ? { correctionDueAt: correctionDueAt.toISOString() } : {}),
        ...(deficiencyDueAt ? { deficiencyDueAt: deficiencyDueAt.toISOString() } : {}),
        variables,
      },
      idempotencyKey,
    },
    transaction,
  );
  if (!first) return ((await findTimelineEntry(idempotencyKey, transaction))!.detail.variables as PlainVariables) ?? variables;
  if (Object.keys(updates).length) await updateCase(c, updates, transaction);
  if (deficiencyDueAt) {
    await setDeferralsDue(c.id, outcome.deficiencies, deficiencyDueAt, transaction);
  }
  // 一件事: the item cases are accepted (or not) with the bundle, each on its own item's clock
  for (const child of children) {
    const item = target.items.find((i) => i.code === child.itemCode)!;
    if (outcome.decision === 'accepted') {
      await updateCase(
        child,
        {
          status: 'accepted',
          acceptedAt: now,
          promisedDueAt: calendar.due(now, item.definition.promisedDays).due,
          statutoryDueAt: calendar.due(now, item.definition.statutoryDays).due,
        },
        transaction,
      );
      await recordTimeline({ caseId: child.id, type: 'acceptance.accepted', actor, detail: { bundleCaseNo: c.caseNo } }, transaction);
    } else if (outcome.decision === 'not_accepted') {
      await updateCase(child, { status: 'not_accepted', finishedAt: now }, transaction);
    } else if (outcome.decision === 'correction') {
      await updateCase(child, { status: 'correction' }, transaction);
    }
  }
  return variables;
}
