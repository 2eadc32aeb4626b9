import type { HelpEntry, HelpRequest } from './online-help.model.ts';

/** A request as the API answers it. */
export function requestView(r: HelpRequest) {
  return {
    id: r.id,
    status: r.status,
    itemCode: r.itemCode,
    bundleCode: r.bundleCode,
    subjectName: r.subjectName,
    caseNo: r.caseNo,
    regionCode: r.regionCode,
    applicantName: r.applicantName,
    helperId: r.helperId ?? null,
    helperName: r.helperName ?? null,
    joinedAt: r.joinedAt?.toISOString() ?? null,
    consent: r.consent ?? false,
    createdAt: r.createdAt.toISOString(),
    closedAt: r.closedAt?.toISOString() ?? null,
    closedByName: r.closedByName ?? null,
    closedBy: r.closedBy === null || r.closedBy === undefined ? null : r.closedBy === r.applicantId ? 'applicant' : 'helper',
    resolved: r.resolved ?? null,
    resolutionNote: r.resolutionNote ?? null,
    rating: r.rating ?? null,
    ratingComment: r.ratingComment ?? null,
  };
}
export type HelpRequestView = ReturnType<typeof requestView>;

/** An entry of the conversation as the API answers it. */
export function entryView(e: Pick<HelpEntry, 'id' | 'kind' | 'authorSide' | 'authorName' | 'text' | 'field' | 'value' | 'createdAt'>) {
  return {
    id: e.id,
    kind: e.kind,
    side: e.authorSide,
    authorName: e.authorName,
    text: e.text,
    field: e.field,
    value: e.value ?? null,
    at: e.createdAt.toISOString(),
  };
}
export type HelpEntryView = ReturnType<typeof entryView>;

/** The fields a helper filled that the applicant has not confirmed yet (the last fill of each field counts). */
export function pendingFills(entries: Pick<HelpEntry, 'kind' | 'field' | 'value' | 'authorName' | 'createdAt'>[]) {
  const pending = new Map<string, { field: string; value: unknown; by: string; at: string }>();
  for (const e of entries) {
    if (!e.field) continue;
    if (e.kind === 'filled') pending.set(e.field, { field: e.field, value: e.value, by: e.authorName, at: e.createdAt.toISOString() });
    if (e.kind === 'confirmed') pending.delete(e.field);
  }
  return [...pending.values()];
}
