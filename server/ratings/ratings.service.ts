import { Op } from 'sequelize';
import type { AppContext } from '../context.ts';
import { accountById, activeAccounts, hasRole, type Principal } from '../auth/index.ts';
import { CaseRating, RatingRectification } from './rating.model.ts';
import { departmentByCode } from '../organization/index.ts';
import { catalogNames } from '../catalog/index.ts';
import { AppError, conflict, notFound, validationFailed } from '../errors/app-error.ts';
import { CASE_STATUSES, caseByNo, type CaseRecord, casesOfApplicant, type CaseStatus, FINAL_STATUSES, isApplicantOf } from '../cases/index.ts';
import { assertValid } from '../validation/ajv.ts';
import { notify } from '../notifications/index.ts';
import type { Locale, Localized } from '../i18n/locale.ts';
import { reportRating } from './rating-reporting.ts';
import { BAD_LEVEL, ratingRules, ratingSchema, resolveRectificationSchema, type RatingBody, type RatingReason } from '../../contract/requests/ratings.ts';

/** 好差评 levels, 1 … 5; 1–2 are 差评 and open a rectification. */
export const RATING_LEVELS: Record<number, Localized> = {
  1: { 'zh-CN': '非常不满意', en: 'Very dissatisfied' },
  2: { 'zh-CN': '不满意', en: 'Dissatisfied' },
  3: { 'zh-CN': '基本满意', en: 'Fairly satisfied' },
  4: { 'zh-CN': '满意', en: 'Satisfied' },
  5: { 'zh-CN': '非常满意', en: 'Very satisfied' },
};

/** Why a rating is bad, in words: the reasons a 差评 names (at least one; their codes are the contract's). */
export const RATING_REASONS: Record<RatingReason, Localized> = {
  slow: { 'zh-CN': '办理时间过长', en: 'It took too long' },
  repeat_visits: { 'zh-CN': '多次跑动', en: 'I had to come back several times' },
  unclear_guide: { 'zh-CN': '一次告知不清楚', en: 'The guide was unclear' },
  attitude: { 'zh-CN': '服务态度差', en: 'Unfriendly service' },
  system: { 'zh-CN': '系统不好用', en: 'The online system is hard to use' },
  other: { 'zh-CN': '其他', en: 'Other' },
};

export { BAD_LEVEL };
/** Statuses that close a case for rating: final, except a case the applicant withdrew. */
export const RATEABLE_STATUSES: readonly CaseStatus[] = FINAL_STATUSES.filter((s) => s !== 'withdrawn');

function ratingView(r: CaseRating, locale: Locale) {
  return {
    caseNo: r.caseNo,
    level: r.level,
    levelLabel: RATING_LEVELS[r.level]![locale],
    bad: r.level <= BAD_LEVEL,
    reasons: r.reasons.map((code) => ({ code, label: RATING_REASONS[code as RatingReason]?.[locale] ?? code })),
    comment: r.comment,
    at: r.createdAt.toISOString(),
  };
}

async function caseFor(principal: Principal, caseNo: string): Promise<CaseRecord> {
  const c = await caseByNo(caseNo);
  if (!c) throw notFound('case_not_found');
  if (await isApplicantOf(principal, c)) return c;
  const staff = hasRole(principal, 'admin', 'clerk') || (hasRole(principal, 'leader', 'reviewer') && principal.departmentCode === c.departmentCode);
  if (!staff) throw notFound('case_not_found');
  return c;
}

/** POST /cases/{caseNo}/rating: once, by the applicant, after the case is closed. */
export async function rateCase(ctx: AppContext, principal: Principal, caseNo: string, input: unknown, locale: Locale) {
  const body = input ?? {};
  assertValid<RatingBody>(ratingSchema, body);
  const c = await caseByNo(caseNo);
  if (!c || !(await isApplicantOf(principal, c))) {
    // staff who may see the case learn why they cannot rate it; others learn nothing of it
    if (c && hasRole(principal, 'admin', 'clerk', 'leader', 'reviewer')) throw new AppError(403, 'forbidden');
    throw notFound('case_not_found');
  }
  if (!RATEABLE_STATUSES.includes(c.status)) {
    throw conflict('case_not_rateable', {
      'zh-CN': `办件办结后方可评价（当前状态：${CASE_STATUSES[c.status]['zh-CN']}）`,
      en: `A case can be rated once it is closed (now: ${CASE_STATUSES[c.status].en})`,
    });
  }
  const reasons = body.reasons ?? [];
  const comment = body.comment?.trim() || null;
  // the applicant's page checks the same rules before it sends (contract/requests/ratings.ts)
  const problems = ratingRules(body);
  if (problems.length) throw validationFailed(problems);
  if (await CaseRating.findOne({ where: { caseId: c.id } })) throw conflict('rating_exists');

  const rating = await ctx.sequelize
    .transaction(async (transaction) => {
      const created = await CaseRating.create(
        { caseId: c.id, caseNo: c.caseNo, departmentCode: c.departmentCode, level: body.level, reasons, comment, ratedBy: principal.id },
        { transaction },
      );
      // 办件数据汇聚: the province's 评价 event, with the rating or not at all
      await reportRating(created, c, transaction);
      if (body.level <= BAD_LEVEL) {
        await RatingRectification.create({ ratingId: created.id, caseNo: c.caseNo, departmentCode: c.departmentCode, status: 'open' }, { transaction });
        const leaders = (await activeAccounts({ departmentCode: c.departmentCode, transaction })).filter((u) => u.roles.includes('leader'));
        const why = reasons.map((r) => RATING_REASONS[r as RatingReason]['zh-CN']).join('、');
        await notify(
          leaders.map((u) => u.id),
          'bad_rating',
          `差评待整改：${c.caseNo}（${RATING_LEVELS[body.level]!['zh-CN']}：${why}${comment ? `；${comment}` : ''}）`,
          c.caseNo,
          null,
          transaction,
        );
      }
      return created;
    })
    .catch((err: unknown) => {
      // two requests at once: the unique case_id decides
      if ((err as { name?: string }).name === 'SequelizeUniqueConstraintError') throw conflict('rating_exists');
      throw err;
    });
  return ratingView(rating, locale);
}

/** GET /cases/{caseNo}/rating: the rating, or null with whether the caller may rate now. */
export async function ratingOf(principal: Principal, caseNo: string, locale: Locale) {
  const c = await caseFor(principal, caseNo);
  const rating = await CaseRating.findOne({ where: { caseId: c.id } });
  const rectification = rating ? await RatingRectification.findOne({ where: { ratingId: rating.id } }) : null;
  return {
    caseNo: c.caseNo,
    rating: rating ? ratingView(rating, locale) : null,
    canRate: !rating && RATEABLE_STATUSES.includes(c.status) && (await isApplicantOf(principal, c)),
    rectification: rectification ? { id: rectification.id, status: rectification.status } : null,
    levels: Object.entries(RATING_LEVELS).map(([level, label]) => ({ level: Number(level), label: label[locale] })),
    reasons: Object.entries(RATING_REASONS).map(([code, label]) => ({ code, label: label[locale] })),
  };
}

/** GET /ratings/my-cases: the applicant's cases (newest first) with what they apply for, their status and rating. */
export async function myCases(principal: Principal, locale: Locale) {
  const account = await accountById(principal.id);
  const rows = await casesOfApplicant(principal.id, account?.idNo ?? null, 100);
  const ratings = new Map((await CaseRating.findAll({ where: { caseId: { [Op.in]: rows.map((r) => r.id) } } })).map((r) => [r.caseId, r]));
  const name = await catalogNames(locale);
  return {
    cases: rows.map((c) => ({
      caseNo: c.caseNo,
      kind: c.kind,
      itemCode: c.itemCode,
      itemName: name(c.itemCode),
      status: c.status,
      statusLabel: CASE_STATUSES[c.status][locale],
      submittedAt: c.createdAt.toISOString(),
      rating: ratings.has(c.id) ? ratings.get(c.id)!.level : null,
      canRate: !ratings.has(c.id) && RATEABLE_STATUSES.includes(c.status),
    })),
  };
}

async function rectificationView(r: RatingRectification, locale: Locale) {
  const rating = await CaseRating.findByPk(r.ratingId);
  const department = await departmentByCode(r.departmentCode);
  const resolver = r.resolvedBy ? await accountById(r.resolvedBy) : null;
  return {
    id: r.id,
    caseNo: r.caseNo,
    departmentCode: r.departmentCode,
    department: department ? (locale === 'en' ? department.nameEn : department.nameZh) : r.departmentCode,
    status: r.status,
    rating: rating ? ratingView(rating, locale) : null,
    resolutionNote: r.resolutionNote ?? null,
    resolvedBy: resolver?.displayName ?? null,
    resolvedAt: r.resolvedAt?.toISOString() ?? null,
    createdAt: r.createdAt.toISOString(),
  };
}

/** GET /ratings/rectifications: a leader sees their department's, an administrator every department's. */
export async function listRectifications(principal: Principal, query: Record<string, unknown>, locale: Locale) {
  const status = query.status === 'open' || query.status === 'resolved' ? query.status : undefined;
  const where: Record<string, unknown> = {};
  if (status) where.status = status;
  if (!hasRole(principal, 'admin')) where.departmentCode = principal.departmentCode ?? '';
  const rows = await RatingRectification.findAll({ where, order: [['id', 'DESC']], limit: 200 });
  return { rectifications: await Promise.all(rows.map((r) => rectificationView(r, locale))) };
}

/** POST /ratings/rectifications/{id}/resolve: the department's leader records what was done. */
export async function resolveRectification(ctx: AppContext, principal: Principal, id: string, input: unknown, locale: Locale) {
  const body = input ?? {};
  assertValid<{ note: string }>(resolveRectificationSchema, body);
  const row = /^\d{1,9}$/.test(id) ? await RatingRectification.findByPk(Number(id)) : null;
  if (!row || (!hasRole(principal, 'admin') && row.departmentCode !== principal.departmentCode)) throw notFound('rectification_not_found');
  if (row.status === 'resolved') throw conflict('rectification_resolved');
  await ctx.sequelize.transaction(async (transaction) => {
    const [count] = await RatingRectification.update(
      { status: 'resolved', resolutionNote: body.note.trim(), resolvedBy: principal.id, resolvedAt: new Date() },
      { where: { id: row.id, status: 'open' }, transaction },
    );
    if (count !== 1) throw conflict('rectification_resolved');
  });
  return rectificationView((await RatingRectification.findByPk(row.id))!, locale);
}
