import type { Locale, Localized } from '../i18n/locale.ts';

/** A timeline entry as the findings are read from it. */
interface Entry {
  type: string;
  detail: Record<string, unknown>;
}

/** The acceptance's decisions after the machine passed a case to a clerk (any of them answers it). */
const ACCEPTANCE_DECIDED = ['acceptance.accepted', 'acceptance.not_accepted', 'acceptance.correction', 'case.withdrawn'];

/**
 * 窗口人工受理: why the machine passed the case to a window clerk, in the reader's language: the
 * problems its check found (a missing material, a form field, a damaged file), while the clerk has
 * yet to decide. Null when no clerk is deciding the case's acceptance now.
 */
export function pendingAcceptanceFindings(timeline: Entry[], locale: Locale): string[] | null {
  const last = timeline.findLastIndex((e) => e.type === 'acceptance.review_requested');
  if (last < 0 || timeline.slice(last + 1).some((e) => ACCEPTANCE_DECIDED.includes(e.type))) return null;
  const reasons = (timeline[last]!.detail.reasons as Localized[] | undefined) ?? [];
  return reasons.map((r) => r[locale] ?? r['zh-CN']);
}
