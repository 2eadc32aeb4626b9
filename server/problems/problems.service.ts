import { Op, type WhereOptions } from 'sequelize';
import type { AppContext } from '../context.ts';
import { accountById, activeAccounts, hasRole, type Principal } from '../auth/index.ts';
import { departmentByCode, regionByCode } from '../organization/index.ts';
import { caseByNo } from '../cases/index.ts';
import { latestItem } from '../catalog/index.ts';
import { shanghaiTime } from '../calendar/index.ts';
import { notify } from '../notifications/index.ts';
import { recordAudit } from '../audit/index.ts';
import { type AppError, conflict, fieldProblem, forbidden, notFound, validationFailed } from '../errors/app-error.ts';
import { assertValid } from '../validation/ajv.ts';
import type { Locale, Localized } from '../i18n/locale.ts';
import { isWithinRegion, reachesRegion, regionPrefix } from '../../contract/regions.ts';
import {
  PROBLEM_SOURCES,
  PROBLEM_STATUSES,
  raiseProblemSchema,
  rectificationRules,
  rectifyBadRatingSchema,
  rectifyProblemSchema,
  reviewProblemSchema,
  reviewRules,
  type RaiseProblemBody,
  type RectifyProblemBody,
  type ReviewProblemBody,
} from '../../contract/requests/problems.ts';
import { Problem, ProblemEvent } from './problem.model.ts';
import { leadersOf, problemDue, raiseProblem, SUPERVISING_DEPARTMENT } from './raise.ts';
import { historyOf, problemViews, type RatingsOf } from './problem-view.ts';

/**
 * 问题清单: who sees which problems and what they may do with them. A leader sees their department's
 * problems in their region and the regions under it and rectifies them; a leader of the 数据局 sees
 * every department's (in their region and under it), reviews the rectifications (销号 or 退回) and
 * raises 走流程 findings for any department; an administrator reads everything and acts on nothing.
 */
interface Scope {
  departmentCode: string | null;
  regionCode: string | null;
}

const isSupervisor = (p: Principal) => hasRole(p, 'leader') && p.departmentCode === SUPERVISING_DEPARTMENT;

function scopeOf(principal: Principal): Scope {
  if (hasRole(principal, 'admin')) return { departmentCode: null, regionCode: null };
  if (!hasRole(principal, 'leader') || !principal.departmentCode) throw forbidden();
  return { departmentCode: isSupervisor(principal) ? null : principal.departmentCode, regionCode: principal.regionCode };
}

const inScope = (scope: Scope, p: Problem) =>
  (!scope.departmentCode || p.departmentCode === scope.departmentCode) &&
  (!scope.regionCode || !p.regionCode || isWithinRegion(p.regionCode, scope.regionCode));

const mayRectify = (principal: Principal, p: Problem) =>
  hasRole(principal, 'leader') &&
  principal.departmentCode === p.departmentCode &&
  reachesRegion({ regionCode: principal.regionCode, leader: true }, p.regionCode) &&
  p.status === 'open';
// 整改与审核分离: no one reviews a rectification of their own (the 数据局's own problems are reviewed by another of its leaders)
const mayReview = (principal: Principal, p: Problem) =>
  isSupervisor(principal) &&
  reachesRegion({ regionCode: principal.regionCode, leader: true }, p.regionCode) &&
  p.status === 'rectified' &&
  p.rectifiedBy !== principal.id;

const abilitiesOf = (principal: Principal) => ({ canRectify: (p: Problem) => mayRectify(principal, p), canReview: (p: Problem) => mayReview(principal, p) });

const listQuerySchema = {
  type: 'object',
  properties: {
    status: { type: 'string', enum: Object.keys(PROBLEM_STATUSES), title: '状态', 'x-title-en': 'Status' },
    source: { type: 'string', enum: Object.keys(PROBLEM_SOURCES), title: '来源', 'x-title-en': 'Source' },
    departmentCode: { type: 'string', minLength: 1, maxLength: 32, title: '责任部门', 'x-title-en': 'Department' },
    overdue: { type: 'string', enum: ['true', 'false'], title: '是否超期', 'x-title-en': 'Overdue' },
    caseNo: { type: 'string', pattern: '^[0-9]{20}$', title: '办件编码', 'x-title-en': 'Case no.' },
  },
} as const;
interface ListQuery {
  status?: keyof typeof PROBLEM_STATUSES;
  source?: keyof typeof PROBLEM_SOURCES;
  departmentCode?: string;
  overdue?: 'true' | 'false';
  caseNo?: string;
}

/** GET /problems: the caller's problems, newest first (at most 200), by status, source, department, overdue or case. */
export async function listProblems(principal: Principal, query: unknown, locale: Locale, ratingsOf: RatingsOf, now = new Date()) {
  const scope = scopeOf(principal);
  assertValid<ListQuery>(listQuerySchema, query ?? {});
  const q = query as ListQuery;
  if (scope.departmentCode && q.departmentCode && q.departmentCode !== scope.departmentCode) throw forbidden();
  const where: Record<string | symbol, unknown> = {};
  const department = q.departmentCode ?? scope.departmentCode;
  if (department) where.departmentCode = department;
  if (q.status) where.status = q.status;
  if (q.source) where.source = q.source;
  if (q.caseNo) where.caseNo = q.caseNo;
  if (q.overdue === 'true') Object.assign(where, { status: 'open', dueAt: { [Op.lt]: now } });
  if (scope.regionCode) where[Op.or] = [{ regionCode: null }, { regionCode: { [Op.like]: `${regionPrefix(scope.regionCode)}%` } }];
  const rows = await Problem.findAll({ where: where as WhereOptions<Problem>, order: [['id', 'DESC']], limit: 200 });
  return { problems: await problemViews(rows, locale, ratingsOf, abilitiesOf(principal), now) };
}

/** A problem the caller may see (404 for any other: ids leak nothing). */
async function visibleProblem(principal: Principal, id: string): Promise<Problem> {
  const scope = scopeOf(principal);
  const row = /^\d{1,9}$/.test(id) ? await Problem.findByPk(Number(id)) : null;
  if (!row || !inScope(scope, row)) throw notFound('problem_not_found');
  return row;
}

/** GET /problems/{id}: the problem and its history. */
export async function problemDetail(principal: Principal, id: string, locale: Locale, ratingsOf: RatingsOf) {
  const row = await visibleProblem(principal, id);
  const [view] = await problemViews([row], locale, ratingsOf, abilitiesOf(principal));
  return { ...view!, history: await historyOf(row.id, locale) };
}

async function detailAfter(principal: Principal, id: number, locale: Locale, ratingsOf: RatingsOf) {
  return problemDetail(principal, String(id), locale, ratingsOf);
}

/** Who did what to the problem last, in words: the 409 of a step that came too late. */
async function whyNot(p: Problem, wanted: 'rectify' | 'review'): Promise<AppError> {
  const name = async (id: number | null) => (id === null ? '—' : ((await accountById(id))?.displayName ?? '—'));
  const when = (d: Date | null) => (d ? shanghaiTime(d) : '—');
  let message: Localized;
  if (p.status === 'rectified') {
    const who = await name(p.rectifiedBy);
    message = {
      'zh-CN': `${who}已于 ${when(p.rectifiedAt)} 提交整改，待数据局审核`,
      en: `${who} recorded the rectification at ${when(p.rectifiedAt)}; it awaits the review of the Data Resources Bureau`,
    };
  } else if (p.status === 'closed') {
    const who = p.reviewedBy ? await name(p.reviewedBy) : '—';
    message = { 'zh-CN': `该问题已由${who}于 ${when(p.closedAt)} 审核销号`, en: `${who} accepted and closed this problem at ${when(p.closedAt)}` };
  } else if (p.reviewedBy) {
    const who = await name(p.reviewedBy);
    message = {
      'zh-CN': `${who}已于 ${when(p.reviewedAt)} 退回整改，责任部门尚未重新整改，不能审核`,
      en: `${who} sent it back at ${when(p.reviewedAt)}; the department has not recorded a new rectification yet, so there is nothing to review`,
    };
  } else {
    message = { 'zh-CN': '该问题尚未整改，不能审核', en: 'This problem has not been rectified yet; there is nothing to review' };
  }
  return conflict(wanted === 'rectify' ? 'problem_not_open' : 'problem_not_rectified', message);
}

/** POST /problems/{id}/rectify: the owner department's leader records what was done (a 差评's 回访 with it). */
export async function rectifyProblem(ctx: AppContext, principal: Principal, id: string, input: unknown, locale: Locale, ratingsOf: RatingsOf) {
  const row = await visibleProblem(principal, id);
  if (
    !hasRole(principal, 'leader') ||
    principal.departmentCode !== row.departmentCode ||
    !reachesRegion({ regionCode: principal.regionCode, leader: true }, row.regionCode)
  )
    throw forbidden();
  const body = input ?? {};
  assertValid<RectifyProblemBody>(row.source === 'bad_rating' ? rectifyBadRatingSchema : rectifyProblemSchema, body);
  const now = new Date();
  const problems = rectificationRules(body, now);
  if (body.visit && !problems.length && Date.parse(body.visit.at) < row.createdAt.getTime() - 60_000)
    problems.push(fieldProblem('visit.at', '回访时间：不能早于问题提出的时间', 'visit.at: cannot be before the problem was raised'));
  if (problems.length) throw validationFailed(problems);
  if (row.status !== 'open') throw await whyNot(row, 'rectify');
  const rectification = body.rectification.trim();
  let done = false;
  await ctx.sequelize.transaction(async (transaction) => {
    // compare-and-set: of two leaders at once, one records it, the other is told who did
    const [count] = await Problem.update(
      {
        status: 'rectified',
        rectification,
        visitAt: body.visit ? new Date(body.visit.at) : null,
        visitMethod: body.visit?.method ?? null,
        visitFeedback: body.visit?.feedback.trim() ?? null,
        rectifiedBy: principal.id,
        rectifiedAt: now,
        updatedAt: now,
      },
      { where: { id: row.id, status: 'open', rounds: row.rounds }, transaction },
    );
    if (count !== 1) return;
    done = true;
    await ProblemEvent.create(
      { problemId: row.id, action: 'rectified', actorId: principal.id, note: rectification, detail: { round: row.rounds, visit: body.visit ?? null }, at: now },
      { transaction },
    );
    const supervisors = leadersOf(await activeAccounts({ departmentCode: SUPERVISING_DEPARTMENT, transaction }), SUPERVISING_DEPARTMENT, row.regionCode);
    if (supervisors.length)
      await notify(
        supervisors,
        'problem_rectified',
        { 'zh-CN': `问题已整改，待审核销号：${row.title}`, en: `A problem was rectified and waits for your review: ${row.title}` },
        row.caseNo,
        null,
        transaction,
      );
    await recordAudit(
      { actor: principal.username, action: 'problem.rectified', target: `problem:${row.id}`, detail: { round: row.rounds, visit: Boolean(body.visit) } },
      transaction,
    );
  });
  if (!done) throw await whyNot((await Problem.findByPk(row.id))!, 'rectify');
  return detailAfter(principal, row.id, locale, ratingsOf);
}

/** POST /problems/{id}/review: the 数据局 accepts the rectification (销号) or sends it back with a reason. */
export async function reviewProblem(ctx: AppContext, principal: Principal, id: string, input: unknown, locale: Locale, ratingsOf: RatingsOf) {
  const row = await visibleProblem(principal, id);
  if (!isSupervisor(principal) || !reachesRegion({ regionCode: principal.regionCode, leader: true }, row.regionCode)) throw forbidden();
  if (row.status === 'rectified' && row.rectifiedBy === principal.id) throw forbidden();
  const body = input ?? {};
  assertValid<ReviewProblemBody>(reviewProblemSchema, body);
  const problems = reviewRules(body);
  if (problems.length) throw validationFailed(problems);
  if (row.status !== 'rectified') throw await whyNot(row, 'review');
  const now = new Date();
  const accept = body.decision === 'accept';
  const reason = body.reason?.trim() || null;
  let done = false;
  await ctx.sequelize.transaction(async (transaction) => {
    const changes = accept ? { status: 'closed' as const, closedAt: now, openKey: null } : { status: 'open' as const, rounds: row.rounds + 1 };
    const [count] = await Problem.update(
      { ...changes, reviewedBy: principal.id, reviewedAt: now, reviewNote: reason, updatedAt: now },
      { where: { id: row.id, status: 'rectified', rounds: row.rounds }, transaction },
    );
    if (count !== 1) return;
    done = true;
    await ProblemEvent.create(
      { problemId: row.id, action: accept ? 'closed' : 'sent_back', actorId: principal.id, note: reason, detail: { round: row.rounds }, at: now },
      { transaction },
    );
    const owners = leadersOf(await activeAccounts({ departmentCode: row.departmentCode, transaction }), row.departmentCode, row.regionCode);
    const text = accept
      ? { 'zh-CN': `问题整改已审核通过，予以销号：${row.title}`, en: `The rectification was accepted and the problem closed: ${row.title}` }
      : {
          'zh-CN': `问题整改被退回，请重新整改：${row.title}（${reason}）`,
          en: `The rectification was sent back; please rectify again: ${row.title} (${reason})`,
        };
    if (owners.length) await notify(owners, accept ? 'problem_closed' : 'problem_sent_back', text, row.caseNo, null, transaction);
    await recordAudit(
      {
        actor: principal.username,
        action: accept ? 'problem.closed' : 'problem.sent_back',
        target: `problem:${row.id}`,
        detail: { round: row.rounds, reason },
      },
      transaction,
    );
  });
  if (!done) throw await whyNot((await Problem.findByPk(row.id))!, 'review');
  return detailAfter(principal, row.id, locale, ratingsOf);
}

/** POST /problems: a 走流程 finding, by a leader for their department or by the 数据局 for any. */
export async function raiseFinding(ctx: AppContext, principal: Principal, input: unknown, locale: Locale, ratingsOf: RatingsOf) {
  if (!hasRole(principal, 'leader') || !principal.departmentCode) throw forbidden();
  const body = input ?? {};
  assertValid<RaiseProblemBody>(raiseProblemSchema, body);
  if (!isSupervisor(principal) && body.departmentCode !== principal.departmentCode) throw forbidden();
  const problems = [];
  if (!(await departmentByCode(body.departmentCode)))
    problems.push(
      fieldProblem('departmentCode', `责任部门：没有代码为“${body.departmentCode}”的部门`, `departmentCode: there is no department "${body.departmentCode}"`),
    );
  const c = body.caseNo ? await caseByNo(body.caseNo) : null;
  if (body.caseNo && !c) problems.push(fieldProblem('caseNo', `办件编码：办件“${body.caseNo}”不存在`, `caseNo: there is no case "${body.caseNo}"`));
  if (c && c.departmentCode !== body.departmentCode)
    problems.push(fieldProblem('caseNo', '办件编码：该办件不由所选责任部门承办', 'caseNo: the case is not handled by that department'));
  const regionCode = body.regionCode ?? c?.regionCode ?? principal.regionCode;
  if (body.regionCode && !(await regionByCode(body.regionCode)))
    problems.push(fieldProblem('regionCode', `区划：没有代码为“${body.regionCode}”的区划`, `regionCode: there is no region "${body.regionCode}"`));
  else if (regionCode && principal.regionCode && !isWithinRegion(regionCode, principal.regionCode))
    problems.push(fieldProblem('regionCode', '区划：只能在本级及下级区划提出问题', 'regionCode: only your region and those under it'));
  const itemCode = body.itemCode ?? c?.itemCode ?? null;
  if (body.itemCode && !(await latestItem(body.itemCode)))
    problems.push(fieldProblem('itemCode', `事项：没有编码为“${body.itemCode}”的事项`, `itemCode: there is no item "${body.itemCode}"`));
  if (problems.length) throw validationFailed(problems);
  const at = new Date();
  const dueDays = body.dueDays ?? ctx.config.problemDueWorkingDays;
  const dueAt = await problemDue(regionCode, at, dueDays);
  const raised = await ctx.sequelize.transaction((transaction) =>
    raiseProblem(
      {
        source: 'walkthrough',
        departmentCode: body.departmentCode,
        regionCode,
        caseNo: c?.caseNo ?? null,
        itemCode,
        title: body.title.trim(),
        description: body.description.trim(),
        dueDays,
        dueAt,
        at,
        raisedBy: { id: principal.id, username: principal.username },
      },
      transaction,
    ),
  );
  return detailAfter(principal, raised!.id, locale, ratingsOf);
}
