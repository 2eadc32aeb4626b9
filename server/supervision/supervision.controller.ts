import type { Request } from 'express';
import type { AppContext } from '../context.ts';
import { recordAudit, requestActor } from '../audit/index.ts';
import { DIMENSION_NAMES, type Dimension } from '../../contract/indicators.ts';
import { negotiateLocale, type Locale } from '../i18n/locale.ts';
import { roles } from '../http/access.ts';
import { RouteTable } from '../http/route-table.ts';
import { fieldProblem, validationFailed } from '../errors/app-error.ts';
import { drillDown, overdueOpen } from './drill-down.ts';
import { figureTable, toCsv, toXlsx, type FigureTable } from './export-table.ts';
import { indicators } from './indicators.service.ts';
import { onlineDepth } from './online-depth.ts';
import { narrowed, scopeOf, type Filters } from './scope.ts';
import { parseQuery, type SupervisionQuery } from './supervision-query.ts';
import { ratedCases, ratedCasesFilter, ratingAnalysis } from './rating-analysis.ts';
import { listRules, putRule } from './monitoring-rules.ts';
import { staffFigures, staffTasks, staffTasksFilter } from './staff.service.ts';
import { hallWaitingTimes, PROMPT_WAIT_SECONDS } from '../queue/index.ts';

/** Leaders: their department's figures; the 数据局's leaders: every department's (./scope.ts). */
const SUPERVISORS = roles('leader');

const TITLE: Record<Locale, string> = { 'zh-CN': '政务服务监管指标', en: 'Service indicators' };
const STAFF_TITLE: Record<Locale, string> = { 'zh-CN': '人员办件指标', en: 'Indicators by staff' };
const STAFF_COLUMN: Record<Locale, string> = { 'zh-CN': '人员（部门）', en: 'Staff (department)' };

/**
 * An export in the audit trail, before a byte of it leaves: who, which table, the period, grouping
 * and filters it was cut by (the person's scope applied), the format and the rows written (each
 * group's and the total's).
 */
const auditExport = (req: Request, table: 'indicators' | 'staff', q: SupervisionQuery, within: Filters, t: FigureTable) =>
  recordAudit({
    ...requestActor(req),
    action: 'supervision.exported',
    target: `supervision:${table}`,
    detail: { format: q.format, period: t.period, ...(q.groupBy ? { groupBy: q.groupBy } : {}), filters: within, rows: t.rows.length },
  });

/** 监管指标: the indicators, the cases behind each figure, the overdue list, exports (documented in ./openapi.ts). */
export function supervisionRoutes(ctx: AppContext): RouteTable {
  const routes = new RouteTable(ctx);
  const locale = (req: { headers: Record<string, string | string[] | undefined> }) => negotiateLocale(req.headers['accept-language'] as string | undefined);

  routes.get('/supervision/indicators', SUPERVISORS, async (req, res) => {
    const { q, period, filters } = parseQuery(req.query);
    const scope = scopeOf(req.principal!);
    const lang = locale(req);
    const within = narrowed(scope, filters);
    const figures = await indicators(ctx.sequelize, period, within, q.groupBy, lang);
    if (q.format) {
      const groupTitle = DIMENSION_NAMES[q.groupBy ?? ('department' satisfies Dimension)][lang];
      const table = figureTable(TITLE[lang], groupTitle, period, figures.totals, figures.groups, lang);
      const name = `indicators-${period.from}-${period.to}.${q.format}`;
      await auditExport(req, 'indicators', q, within, table);
      res.setHeader('Content-Disposition', `attachment; filename="${name}"`);
      if (q.format === 'csv') res.type('text/csv; charset=utf-8').send(toCsv(table));
      else res.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').send(await toXlsx(table));
      return;
    }
    res.json({
      ...figures,
      scope,
      overdueOpen: (await overdueOpen(ctx.sequelize, within, new Date(), 0)).total,
      // 全程网办率: of the catalog's items, not of the period's cases
      onlineDepth: await onlineDepth(lang, within),
    });
  });

  routes.get('/supervision/cases', SUPERVISORS, async (req, res) => {
    const { q, period, filters } = parseQuery(req.query);
    if (!q.measure)
      throw validationFailed([fieldProblem('query.measure', '指标项：须指明要查看哪个数字背后的办件', 'measure: say which figure to show the cases of')]);
    const within = narrowed(scopeOf(req.principal!), filters);
    const page = Number(q.page ?? 1);
    const pageSize = Number(q.pageSize ?? 20);
    res.json(await drillDown(ctx.sequelize, period, within, { measure: q.measure, notIn: q.notIn, page, pageSize }, locale(req)));
  });

  routes.get('/supervision/overdue', SUPERVISORS, async (req, res) => {
    const { q, filters } = parseQuery(req.query);
    const within = narrowed(scopeOf(req.principal!), filters);
    res.json(await overdueOpen(ctx.sequelize, within, new Date(), Number(q.pageSize ?? 50)));
  });

  routes.get('/supervision/ratings', SUPERVISORS, async (req, res) => {
    const { period, filters } = parseQuery(req.query);
    const scope = scopeOf(req.principal!);
    res.json({ period, scope, ...(await ratingAnalysis(ctx.sequelize, period, narrowed(scope, filters), locale(req))) });
  });

  routes.get('/supervision/ratings/cases', SUPERVISORS, async (req, res) => {
    const { level, reason, rest } = ratedCasesFilter(req.query as Record<string, unknown>);
    const { q, period, filters } = parseQuery(rest);
    const within = narrowed(scopeOf(req.principal!), filters);
    const page = { page: Number(q.page ?? 1), pageSize: Number(q.pageSize ?? 20) };
    res.json(await ratedCases(ctx.sequelize, period, within, { level, reason, ...page }, locale(req)));
  });

  // 等候时长 (智能排队叫号, server/queue): per hall, the average wait and the share called within 30 minutes
  routes.get('/supervision/hall-waits', SUPERVISORS, async (req, res) => {
    const { period, filters } = parseQuery(req.query);
    const within = narrowed(scopeOf(req.principal!), filters);
    const lang = locale(req);
    const halls = await hallWaitingTimes(period, within);
    res.json({
      period,
      promptMinutes: PROMPT_WAIT_SECONDS / 60,
      halls: halls.map(({ nameZh, nameEn, ...h }) => ({ ...h, name: lang === 'en' ? nameEn : nameZh })),
    });
  });

  routes.get('/supervision/staff', SUPERVISORS, async (req, res) => {
    const { q, period, filters } = parseQuery(req.query);
    const scope = scopeOf(req.principal!);
    const lang = locale(req);
    const within = narrowed(scope, filters);
    const figures = await staffFigures(ctx.sequelize, period, within, lang);
    if (q.format) {
      const groups = figures.staff.map((s) => ({
        key: String(s.userId),
        name: lang === 'en' ? `${s.displayName} (${s.department})` : `${s.displayName}（${s.department}）`,
        counts: {},
        indicators: s.indicators,
      }));
      const table = figureTable(STAFF_TITLE[lang], STAFF_COLUMN[lang], period, figures.totals, groups, lang);
      await auditExport(req, 'staff', q, within, table);
      res.setHeader('Content-Disposition', `attachment; filename="staff-${period.from}-${period.to}.${q.format}"`);
      if (q.format === 'csv') res.type('text/csv; charset=utf-8').send(toCsv(table));
      else res.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').send(await toXlsx(table));
      return;
    }
    res.json({ ...figures, scope });
  });

  routes.get('/supervision/staff/:userId/tasks', SUPERVISORS, async (req, res) => {
    const userId = Number(req.params.userId);
    if (!Number.isSafeInteger(userId) || userId < 1)
      throw validationFailed([fieldProblem('path.userId', '人员：须为人员编号', 'userId: must be the number of a member of staff')]);
    const { only, rest } = staffTasksFilter(req.query as Record<string, unknown>);
    const { q, period, filters } = parseQuery(rest);
    const within = narrowed(scopeOf(req.principal!), filters);
    const page = { page: Number(q.page ?? 1), pageSize: Number(q.pageSize ?? 20) };
    res.json(await staffTasks(ctx.sequelize, userId, period, within, { only, ...page }, locale(req)));
  });

  routes.get('/supervision/monitoring-rules', SUPERVISORS, async (req, res) => {
    res.json(await listRules(req.principal!, locale(req)));
  });

  routes.put('/supervision/monitoring-rules/:indicator', SUPERVISORS, async (req, res) => {
    const saved = await putRule(ctx, req.principal!, String(req.params.indicator), req.body);
    req.log?.info({ indicator: saved.indicatorCode, rule: saved.rule }, 'monitoring rule set');
    res.json(saved);
  });

  return routes;
}
