import { completionRules, type ClerkDecision } from '../../contract/requests/task-completion.ts';
import { validationFailed } from '../errors/app-error.ts';
import type { Localized } from '../i18n/locale.ts';
import type { Variables } from '../engine/types.ts';
import type { AcceptanceOutcome, PlainVariables } from './acceptance-record.ts';
import { type CaseRecord, committedMaterialCodes, handedInMaterialCodes, lastTimelineEntry } from '../cases/index.ts';

/** The window clerk's acceptance task of the case_acceptance process. */
export const ACCEPTANCE_REVIEW_TASK = 'acceptance_review';

/**
 * The working days the clerk's acceptance decision may take: 《行政许可法》第三十二条 (one notice of
 * everything to correct 当场或者在五日内, else the application counts as accepted), its 日 being
 * working days (第八十二条).
 */
export const ACCEPTANCE_REVIEW_DAYS = 5;

/** What a clerk may decide there (the machine's "review" is not among them): the contract's. */
export { CLERK_DECISIONS, type ClerkDecision } from '../../contract/requests/task-completion.ts';

/**
 * Turns a clerk's decision into an acceptance outcome. A correction lists the clerk's reasons, or
 * else what the machine found; a refusal must give the clerk's own reasons; accepting keeps the
 * case's signed 容缺 deferrals for materials still missing.
 */
export async function clerkOutcome(c: CaseRecord, decision: ClerkDecision, reasons: string[] | undefined, opinion: string): Promise<AcceptanceOutcome> {
  const given: Localized[] = (reasons ?? []).map((r) => ({ 'zh-CN': r.trim(), en: r.trim() }));
  if (decision === 'accepted') {
    const handedIn = await handedInMaterialCodes(c.id);
    const deferrals = await committedMaterialCodes(c.id, 'deferral');
    return { decision, reasons: [], deficiencies: deferrals.map((d) => d.materialCode).filter((code) => !handedIn.has(code)) };
  }
  if (decision === 'not_accepted') {
    const problems = completionRules({ outcome: decision, reasons });
    if (problems.length) throw validationFailed(problems);
    return { decision, reasons: given, deficiencies: [] };
  }
  if (given.length) return { decision, reasons: given, deficiencies: [] };
  const findings = await lastTimelineEntry(c.id, 'acceptance.review_requested');
  const found = (findings?.detail.reasons as Localized[] | undefined) ?? [];
  if (found.length === 0) return { decision, reasons: [{ 'zh-CN': opinion, en: opinion }], deficiencies: [] };
  return { decision, reasons: found, deficiencies: [] };
}

/** Plain variables typed for the engine's REST API. */
export function engineVariables(plain: PlainVariables): Variables {
  return Object.fromEntries(Object.entries(plain).map(([name, value]) => [name, { value, type: typeof value === 'boolean' ? 'Boolean' : 'String' }]));
}
