import type { Locale, Localized } from '../i18n/locale.ts';

interface Entry {
  type: string;
  createdAt: Date;
  detail: Record<string, unknown>;
}

/**
 * 秒批: the latest verdict of the case's decision table as the case's page shows it (server/instant-approval
 * records it on the timeline): approved or referred, the reasons in the reader's language, the decision's
 * key and version, the rules hit and the registries' answers. Null for a case that had none.
 */
export function instantVerdict(timeline: Entry[], locale: Locale) {
  const entry = timeline.findLast((e) => e.type === 'instant.approved' || e.type === 'instant.referred');
  if (!entry) return null;
  const d = entry.detail;
  return {
    outcome: d.outcome as string,
    reasons: ((d.reasons as Localized[] | undefined) ?? []).map((r) => r[locale] ?? r['zh-CN']),
    decision: (d.decision as { key: string; version: number; name: string | null } | null) ?? null,
    rules: (d.rules as string[] | null) ?? null,
    checks: (d.checks as { subject: string; registry: string; outcome: string }[] | undefined) ?? [],
    at: entry.createdAt.toISOString(),
  };
}
