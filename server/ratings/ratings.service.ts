import { Op } from 'sequelize';
import type { AppContext } from '../context.ts';
import { accountById, hasRole, type Principal } from '../auth/index.ts';
import { CaseRating } from './rating.model.ts';
import { bundleVersion, catalogNames } from '../catalog/index.ts';
import { AppError, conflict, notFound, validationFailed } from '../errors/app-error.ts';
import { CASE_STATUSES, caseByNo, type CaseRecord, casesOfApplicant, type CaseStatus, FINAL_STATUSES, isApplicantOf } from '../cases/index.ts';
import { assertValid } from '../validation/ajv.ts';
import type { Locale, Localized } from '../i18n/locale.ts';
import { problemDue, problemOfRating, raiseProblem, type RatingSummary } from '../problems/index.ts';
import { shanghaiTime } from '../calendar/index.ts';
import { reportRating } from './rating-reporting.ts';
import { BAD_LEVEL, ratingRules, ratingSchema, type RatingBody, type RatingReason } from '../../contract/requests/ratings.ts';
import { BAD_RATING_DUE_DAYS } from '../../contract/requests/problems.ts';

/** 好差评 levels, 1 … 5; 1–2 are 差评 and raise a problem (问题闭环). */
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

  const bad = body.level <= BAD_LEVEL;
  const at = new Date();
  // a 差评 is rectified by the handling department (a 一件事's: its leading department) within 15 working days
  const owner = bad ? await ownerOf(c) : c.departmentCode;
  const dueAt = bad ? await problemDue(c.regionCode, at, BAD_RATING_DUE_DAYS) : null;
  const rating = await ctx.sequelize
    .transaction(async (transaction) => {
      const created = await CaseRating.create(
        { caseId: c.id, caseNo: c.caseNo, departmentCode: c.departmentCode, level: body.level, reasons, comment, ratedBy: principal.id, createdAt: at },
        { transaction },
      );
      // 办件数据汇聚: the province's 评价 event, with the rating or not at all
      await reportRating(created, c, transaction);
      if (bad) {
        const why = reasons.map((r) => RATING_REASONS[r as RatingReason]['zh-CN']).join('、');
        const what = `${RATING_LEVELS[body.level]!['zh-CN']}：${why}${comment ? `；${comment}` : ''}`;
        await raiseProblem(
          {
            source: 'bad_rating',
            departmentCode: owner,
            regionCode: c.regionCode,
            caseNo: c.caseNo,
            itemCode: c.itemCode,
            ratingId: created.id,
            title: `差评整改：${c.caseNo}`,
            description: what,
            dueDays: BAD_RATING_DUE_DAYS,
            dueAt: dueAt!,
            at,
            raisedBy: { id: principal.id, username: principal.username },
            notice: {
              kind: 'bad_rating',
              text: {
                'zh-CN': `差评待整改：${c.caseNo}（${what}），请于 ${shanghaiTime(dueAt!)} 前整改并回访`,
                en: `A bad rating to rectify: ${c.caseNo} (${RATING_LEVELS[body.level]!.en}: ${reasons.map((r) => RATING_REASONS[r as RatingReason].en).join(', ')}${comment ? `; ${comment}` : ''}); rectify it and call the applicant back by ${shanghaiTime(dueAt!)} (Beijing time)`,
              },
            },
          },
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

/** Who rectifies a case's 差评: its department; a 一件事's leading department (牵头部门). */
async function ownerOf(c: CaseRecord): Promise<string> {
  if (c.kind !== 'bundle') return c.departmentCode;
  const bundle = await bundleVersion(c.itemCode, c.itemVersion);
  return bundle?.definition.leadDepartmentCode ?? c.departmentCode;
}

/** GET /cases/{caseNo}/rating: the rating, or null with whether the caller may rate now. */
export async function ratingOf(principal: Principal, caseNo: string, locale: Locale) {
  const c = await caseFor(principal, caseNo);
  const rating = await CaseRating.findOne({ where: { caseId: c.id } });
  const rectification = rating ? await problemOfRating(rating.id) : null;
  return {
    caseNo: c.caseNo,
    rating: rating ? ratingView(rating, locale) : null,
    canRate: !rating && RATEABLE_STATUSES.includes(c.status) && (await isApplicantOf(principal, c)),
    rectification,
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

/** 差评 in words, for the problems they raised (handed to server/problems by the composition root). */
export async function ratingSummaries(ratingIds: number[], locale: Locale): Promise<Map<number, RatingSummary>> {
  if (!ratingIds.length) return new Map();
  const rows = await CaseRating.findAll({ where: { id: { [Op.in]: ratingIds } } });
  return new Map(
    rows.map((r) => {
      const view = ratingView(r, locale);
      return [r.id, { level: view.level, levelLabel: view.levelLabel, reasons: view.reasons.map((x) => x.label), comment: view.comment, at: view.at }];
    }),
  );
}
