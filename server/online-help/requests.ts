import { Op, UniqueConstraintError } from 'sequelize';
import type { AppContext } from '../context.ts';
import { activeAccountsByDepartment, type Principal } from '../auth/index.ts';
import { allRegions } from '../organization/index.ts';
import { notify } from '../notifications/index.ts';
import { AppError, validationFailed, fieldProblem } from '../errors/app-error.ts';
import { assertValid } from '../validation/ajv.ts';
import { helpRequestRules, helpRequestSchema, type HelpRequestBody } from '../../contract/requests/online-help.ts';
import { HelpEntry, HelpRequest } from './online-help.model.ts';
import { assertHelper, assertMayView, HELP_DEPARTMENT, reaches, shanghai } from './help-access.ts';
import { formOf } from './help-form.ts';
import { pendingFills, requestView, entryView } from './help-views.ts';
import { pushEntry, pushQueue } from './help-live.ts';
import { caseOfApplicant } from './help-case.ts';

/** A request by its id in the URL; any other text names none. */
export async function requestById(id: string): Promise<HelpRequest> {
  const row = /^\d{1,9}$/.test(id) ? await HelpRequest.findByPk(Number(id)) : null;
  if (!row) throw new AppError(404, 'online_help_not_found');
  return row;
}

/**
 * 在线帮办: an applicant asks for help on the application they are filling (an item or a bundle, and
 * the case when there is one). One open request per applicant and application: asking again answers
 * the open one. The helpers of the centre that answers the region hear of it (queue event, notification).
 */
export async function raiseRequest(ctx: AppContext, principal: Principal, body: unknown) {
  assertValid<HelpRequestBody>(helpRequestSchema, body);
  const problems = helpRequestRules(body);
  if (problems.length) throw validationFailed(problems);
  const subject = { itemCode: body.itemCode ?? null, bundleCode: body.bundleCode ?? null };
  const form = await formOf(subject);
  if (!form)
    throw validationFailed([
      subject.itemCode
        ? fieldProblem('itemCode', `事项编码：没有事项 ${subject.itemCode}`, `itemCode: no item ${subject.itemCode}`)
        : fieldProblem('bundleCode', `一件事编码：没有一件事 ${subject.bundleCode}`, `bundleCode: no bundle ${subject.bundleCode}`),
    ]);
  const regions = await allRegions();
  if (body.regionCode && !regions.some((r) => r.code === body.regionCode))
    throw validationFailed([fieldProblem('regionCode', `办理地：没有行政区划 ${body.regionCode}`, `regionCode: no region ${body.regionCode}`)]);
  const regionCode = body.regionCode ?? regions.find((r) => !r.parentCode)?.code ?? null;
  if (body.caseNo && !(await caseOfApplicant(principal, body.caseNo)))
    throw validationFailed([fieldProblem('caseNo', `办件编码：您没有办件 ${body.caseNo}`, `caseNo: you have no case ${body.caseNo}`)]);

  const openKey = `${principal.id}:${subject.itemCode ?? ''}:${subject.bundleCode ?? ''}`;
  const stillOpen = () => HelpRequest.findOne({ where: { openKey } });
  const open = await stillOpen();
  if (open) return { request: requestView(open), created: false };

  const question = body.question?.trim();
  const [subjectName, caseNo] = [form.name, body.caseNo ?? null];
  let request: HelpRequest;
  try {
    request = await createRequest();
  } catch (err) {
    // asked twice at the same moment (two tabs, a double tap): the other ask opened it
    const other = err instanceof UniqueConstraintError ? await stillOpen() : null;
    if (!other) throw err;
    return { request: requestView(other), created: false };
  }
  pushQueue(request);
  return { request: requestView(request), created: true };

  function createRequest() {
    return ctx.sequelize.transaction(async (transaction) => {
      const row = await HelpRequest.create(
        {
          openKey,
          applicantId: principal.id,
          applicantName: principal.displayName,
          ...subject,
          subjectName,
          caseNo,
          regionCode,
          status: 'waiting',
        },
        { transaction },
      );
      if (question)
        await HelpEntry.create(
          { requestId: row.id, kind: 'text', authorId: principal.id, authorName: principal.displayName, authorSide: 'applicant', text: question, field: null },
          { transaction },
        );
      const helpers = (await activeAccountsByDepartment(HELP_DEPARTMENT)).filter((a) => a.roles.includes('clerk') && reaches(a, regionCode));
      await notify(
        helpers.map((h) => h.id),
        'online_help',
        {
          'zh-CN': `${principal.displayName}在申报“${subjectName}”时请求在线帮办，请及时接入`,
          en: `${principal.displayName} asks for online help with “${subjectName}”; please join`,
        },
        caseNo,
        null,
        transaction,
      );
      return row;
    });
  }
}

/** The applicant's open (or last, still unrated) request on an application, to take up after a reload. */
export async function currentRequest(principal: Principal, query: { itemCode?: unknown; bundleCode?: unknown }) {
  const itemCode = typeof query.itemCode === 'string' ? query.itemCode : null;
  const bundleCode = typeof query.bundleCode === 'string' ? query.bundleCode : null;
  if (!itemCode === !bundleCode)
    throw validationFailed([fieldProblem('itemCode', '事项编码：请指明事项或一件事（二者选一）', 'itemCode: name the item or the bundle (one of the two)')]);
  const row = await HelpRequest.findOne({ where: { applicantId: principal.id, itemCode, bundleCode }, order: [['id', 'DESC']] });
  const current = row && (row.status !== 'closed' || row.rating === null) ? row : null;
  return { request: current ? requestView(current) : null };
}

/** The centre's queue: open requests (waiting first, oldest first) of the regions the helper's centre answers, and the helper's own closed today. */
export async function helpQueue(principal: Principal) {
  assertHelper(principal);
  const rows = await HelpRequest.findAll({ where: { status: { [Op.in]: ['waiting', 'joined'] } }, order: [['id', 'ASC']], limit: 500 });
  const since = new Date(Date.now() - 24 * 3600_000);
  const mine = await HelpRequest.findAll({
    where: { status: 'closed', helperId: principal.id, closedAt: { [Op.gte]: since } },
    order: [['closedAt', 'DESC']],
    limit: 50,
  });
  const open = rows.filter((r) => reaches(principal, r.regionCode));
  return {
    waiting: open.filter((r) => r.status === 'waiting').map(requestView),
    joined: open.filter((r) => r.status === 'joined').map(requestView),
    closedByMe: mine.map(requestView),
  };
}

/** A request with its conversation, the applicant's form as last sent (masked) and the form's fields. */
export async function requestDetail(principal: Principal, id: string) {
  const row = await requestById(id);
  assertMayView(principal, row);
  const entries = await HelpEntry.findAll({ where: { requestId: row.id }, order: [['id', 'ASC']] });
  const form = await formOf(row);
  return {
    request: requestView(row),
    entries: entries.map(entryView),
    form: row.form ?? null,
    formAt: row.formAt?.toISOString() ?? null,
    fields: (form?.fields ?? []).map(({ name, title, titleEn, personal, schema }) => ({ name, title, titleEn, personal, schema })),
    pendingFills: pendingFills(entries),
  };
}

/**
 * A helper joins (接入): the first one takes the request, in one conditional UPDATE, so two helpers
 * joining at once are told: the second gets 409 naming who joined and when.
 */
export async function joinRequest(ctx: AppContext, principal: Principal, id: string) {
  assertHelper(principal);
  const row = await requestById(id);
  assertMayView(principal, row);
  const now = new Date();
  const joined = await ctx.sequelize.transaction(async (transaction) => {
    const [count] = await HelpRequest.update(
      { status: 'joined', helperId: principal.id, helperName: principal.displayName, joinedAt: now },
      { where: { id: row.id, status: 'waiting', helperId: null }, transaction },
    );
    if (count !== 1) return null;
    return HelpEntry.create(
      { requestId: row.id, kind: 'joined', authorId: principal.id, authorName: principal.displayName, authorSide: 'helper', text: null, field: null },
      { transaction },
    );
  });
  await row.reload();
  if (!joined) {
    if (row.helperId === principal.id) return requestView(row);
    if (row.status === 'closed') throw closedConflict(row);
    throw new AppError(409, 'online_help_taken', [], {
      'zh-CN': `${row.helperName}已于 ${shanghai(row.joinedAt!)} 接入该帮办请求`,
      en: `${row.helperName} joined this request at ${shanghai(row.joinedAt!)}`,
    });
  }
  pushEntry(row, joined);
  pushQueue(row);
  return requestView(row);
}

const closedConflict = (row: HelpRequest) =>
  new AppError(409, 'online_help_closed', [], {
    'zh-CN': `该帮办请求已于 ${shanghai(row.closedAt!)} 由${row.closedByName}结束`,
    en: `This request was closed by ${row.closedByName} at ${shanghai(row.closedAt!)}`,
  });
