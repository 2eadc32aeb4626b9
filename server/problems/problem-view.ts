import { accountsByIds } from '../auth/index.ts';
import { allDepartments, allRegions } from '../organization/index.ts';
import { catalogNames } from '../catalog/index.ts';
import type { Locale } from '../i18n/locale.ts';
import { PROBLEM_SOURCES, PROBLEM_STATUSES, VISIT_METHODS, type VisitMethod } from '../../contract/requests/problems.ts';
import { ProblemEvent, type Problem, type ProblemAction } from './problem.model.ts';

/** A 差评 as the problem shows it (the ratings domain says it in words: handed in by the composition root). */
export interface RatingSummary {
  level: number;
  levelLabel: string;
  reasons: string[];
  comment: string | null;
  at: string;
}
/** The ratings of those ids, in the language (server/ratings ratingSummaries). */
export type RatingsOf = (ratingIds: number[], locale: Locale) => Promise<Map<number, RatingSummary>>;

export const PROBLEM_ACTIONS: Record<ProblemAction, { 'zh-CN': string; en: string }> = {
  raised: { 'zh-CN': '提出问题', en: 'Raised' },
  rectified: { 'zh-CN': '提交整改', en: 'Rectification recorded' },
  sent_back: { 'zh-CN': '退回整改', en: 'Sent back' },
  closed: { 'zh-CN': '审核销号', en: 'Accepted and closed' },
  escalated: { 'zh-CN': '超期督办', en: 'Escalated (overdue)' },
  migrated: { 'zh-CN': '由差评整改迁入（原已整改办结）', en: 'Migrated from the bad-rating rectifications (resolved there)' },
};

/** Past its deadline: open after it, or rectified after it. */
export const isOverdue = (p: Problem, now: Date): boolean =>
  p.dueAt !== null && (p.status === 'open' ? now : (p.rectifiedAt ?? now)).getTime() > p.dueAt.getTime();

/** What the caller may do with each problem, decided by the service. */
export interface Abilities {
  canRectify: (p: Problem) => boolean;
  canReview: (p: Problem) => boolean;
}

/** The problems as the pages show them, names in the caller's language (a handful of look-ups for the whole list). */
export async function problemViews(rows: Problem[], locale: Locale, ratingsOf: RatingsOf, abilities: Abilities, now = new Date()) {
  const people = new Map(
    (await accountsByIds([...new Set(rows.flatMap((p) => [p.raisedBy, p.rectifiedBy, p.reviewedBy]).filter((id): id is number => id !== null))])).map((a) => [
      a.id,
      a.displayName,
    ]),
  );
  const [departments, regions, items, ratings] = await Promise.all([
    allDepartments(),
    allRegions(),
    catalogNames(locale),
    ratingsOf(
      rows.map((p) => p.ratingId).filter((id): id is number => id !== null),
      locale,
    ),
  ]);
  const department = new Map(departments.map((d) => [d.code, locale === 'en' ? d.nameEn : d.nameZh]));
  const region = new Map(regions.map((r) => [r.code, locale === 'en' ? r.nameEn : r.nameZh]));
  const name = (id: number | null) => (id === null ? null : (people.get(id) ?? null));
  const at = (d: Date | null) => d?.toISOString() ?? null;
  return rows.map((p) => ({
    id: p.id,
    source: p.source,
    sourceLabel: PROBLEM_SOURCES[p.source][locale],
    status: p.status,
    statusLabel: PROBLEM_STATUSES[p.status][locale],
    departmentCode: p.departmentCode,
    department: department.get(p.departmentCode) ?? p.departmentCode,
    regionCode: p.regionCode,
    region: p.regionCode ? (region.get(p.regionCode) ?? p.regionCode) : null,
    caseNo: p.caseNo,
    itemCode: p.itemCode,
    item: p.itemCode ? items(p.itemCode) : null,
    rule: p.rule,
    title: p.title,
    description: p.description,
    // a 差评 is raised by the applicant's rating: the page names the source, not the person
    raisedBy: p.source === 'bad_rating' ? null : name(p.raisedBy),
    raisedAt: p.createdAt.toISOString(),
    dueDays: p.dueDays,
    dueAt: at(p.dueAt),
    overdue: isOverdue(p, now),
    rounds: p.rounds,
    escalatedAt: at(p.escalatedAt),
    rating: p.ratingId !== null ? (ratings.get(p.ratingId) ?? null) : null,
    rectification:
      p.rectifiedAt && p.rectification !== null
        ? {
            text: p.rectification,
            by: name(p.rectifiedBy),
            at: p.rectifiedAt.toISOString(),
            visit:
              p.visitAt && p.visitMethod
                ? {
                    at: p.visitAt.toISOString(),
                    method: p.visitMethod,
                    methodLabel: VISIT_METHODS[p.visitMethod as VisitMethod][locale],
                    feedback: p.visitFeedback ?? '',
                  }
                : null,
          }
        : null,
    review: p.reviewedAt ? { by: name(p.reviewedBy), at: p.reviewedAt.toISOString(), note: p.reviewNote } : null,
    closedAt: at(p.closedAt),
    canRectify: abilities.canRectify(p),
    canReview: abilities.canReview(p),
  }));
}

/** A problem's history, oldest first, with who did each step. */
export async function historyOf(problemId: number, locale: Locale) {
  const events = await ProblemEvent.findAll({ where: { problemId }, order: [['id', 'ASC']] });
  const people = new Map(
    (await accountsByIds([...new Set(events.map((e) => e.actorId).filter((id): id is number => id !== null))])).map((a) => [a.id, a.displayName]),
  );
  return events.map((e) => ({
    action: e.action,
    actionLabel: PROBLEM_ACTIONS[e.action][locale],
    // the applicant of a 差评 stays unnamed, as on the list
    by: e.action === 'raised' && e.detail.source === 'bad_rating' ? null : e.actorId === null ? null : (people.get(e.actorId) ?? null),
    note: e.note,
    at: e.at.toISOString(),
  }));
}
