import { requestActor } from '../audit/index.ts';
import type { AppContext } from '../context.ts';
import { notFound, validationFailed } from '../errors/app-error.ts';
import { assertValid } from '../validation/ajv.ts';
import { shanghaiIso } from './shanghai-days.ts';
import {
  ALL_REGIONS,
  arrangementOf,
  calendarFor,
  deleteArrangement,
  deleteOverride,
  importArrangement,
  overridesOfYear,
  putOverride,
} from './calendar.repository.ts';
import {
  arrangementImportSchema,
  arrangementRules,
  calendarOverrideSchema,
  REGION_PATTERN as REGION,
  type ArrangementImportBody,
  type CalendarOverrideBody,
} from '../../contract/requests/calendar.ts';
import type { WorkingCalendar } from './working-calendar.ts';
import { ADMINS, PUBLIC } from '../http/access.ts';
import { RouteTable } from '../http/route-table.ts';

const DAY = '^\\d{4}-\\d{2}-\\d{2}$';

const dueQuery = {
  type: 'object',
  required: ['from', 'workingDays'],
  properties: {
    from: { type: 'string', format: 'date-time', title: '起算时间', 'x-title-en': 'Start' },
    workingDays: { type: 'string', pattern: '^\\d{1,3}$', title: '工作日数', 'x-title-en': 'Working days' },
    region: { type: 'string', pattern: REGION, title: '区划代码', 'x-title-en': 'Region code' },
  },
};

const overridesQuery = {
  type: 'object',
  additionalProperties: false,
  required: ['year'],
  properties: { year: { type: 'string', pattern: '^\\d{4}$', title: '年份', 'x-title-en': 'Year' } },
};

/**
 * The working-day calendar: due dates by the law's rule, a year's holidays and make-up workdays,
 * and the administrators' overrides.
 */
/**
 * The calendar's routes. `calendarChanged` runs after an arrangement is imported or removed and
 * after an override is set or removed, with the platform's calendar as it was and the days
 * changed: the cases' due times counted in them are counted again, and their warnings looked at
 * again (server/cases rescheduleDeadlines, wired by server/app.ts, so the calendar depends on no case).
 */
export function calendarRoutes(
  ctx: AppContext,
  { calendarChanged }: { calendarChanged: (before: WorkingCalendar, span: { from: string; to: string }) => Promise<unknown> },
): RouteTable {
  const { config } = ctx;
  const routes = new RouteTable(ctx);
  // the calendar the cases' clocks count in, before a change
  const casesCalendar = () => calendarFor(config.regionCode);
  const region = (value: unknown) => (typeof value === 'string' && value ? value : config.regionCode);

  routes.get('/calendar/due', PUBLIC, async (req, res) => {
    assertValid(dueQuery, req.query, 'query');
    const from = new Date(String(req.query.from));
    const workingDays = Number(req.query.workingDays);
    const { due, dueDay, provisional } = (await calendarFor(region(req.query.region))).due(from, workingDays);
    res.json({ from: from.toISOString(), workingDays, due: due.toISOString(), dueLocal: shanghaiIso(due), dueDay, timeZone: 'Asia/Shanghai', provisional });
  });

  // before /calendar/:year, which would take "overrides" for a year
  routes.get('/calendar/overrides', ADMINS, async (req, res) => {
    assertValid(overridesQuery, req.query, 'query');
    const year = Number(req.query.year);
    res.json({ year, overrides: await overridesOfYear(year) });
  });

  // a year's arrangement of the State Council as imported; before /calendar/:year
  routes.get('/calendar/arrangements/:year', ADMINS, async (req, res) => {
    const year = yearOf(req.params.year);
    const calendar = await calendarFor(ALL_REGIONS);
    res.json({ year, source: calendar.sourceOf(year), provisional: calendar.isProvisional(year), days: await arrangementOf(year) });
  });

  routes.post('/calendar/arrangements', ADMINS, async (req, res) => {
    assertValid<ArrangementImportBody>(arrangementImportSchema, req.body);
    const body = req.body as ArrangementImportBody;
    const problems = arrangementRules(body);
    if (problems.length) throw validationFailed(problems);
    const days = [...body.days].sort((a, b) => a.day.localeCompare(b.day)).map((d) => ({ day: d.day, kind: d.kind, name: d.name.trim() }));
    const before = await calendarFor(ALL_REGIONS);
    const after = await calendarFor(ALL_REGIONS, { year: body.year, days });
    const summary = {
      year: body.year,
      dryRun: body.dryRun === true,
      replaces: before.sourceOf(body.year),
      holidays: days.filter((d) => d.kind === 'holiday').length,
      makeUpWorkdays: days.filter((d) => d.kind === 'workday').length,
      changes: changesOfYear(before, after, body.year),
    };
    if (body.dryRun) {
      res.json(summary);
      return;
    }
    const counted = await casesCalendar();
    await importArrangement(body.year, days, req.principal!.id, requestActor(req));
    await calendarChanged(counted, { from: `${body.year}-01-01`, to: `${body.year}-12-31` });
    req.log?.info({ year: body.year, days: days.length, replaces: summary.replaces }, 'calendar arrangement imported');
    res.json(summary);
  });

  routes.delete('/calendar/arrangements/:year', ADMINS, async (req, res) => {
    const year = yearOf(req.params.year);
    const counted = await casesCalendar();
    if (!(await deleteArrangement(year, requestActor(req)))) throw notFound('not_found');
    await calendarChanged(counted, { from: `${year}-01-01`, to: `${year}-12-31` });
    res.status(204).end();
  });

  routes.get('/calendar/:year', PUBLIC, async (req, res) => {
    const year = Number(req.params.year);
    if (!/^\d{4}$/.test(String(req.params.year)) || year < 2004 || year > 2100) throw notFound('not_found');
    res.json((await calendarFor(region(req.query.region))).year(year));
  });

  routes.put('/calendar/overrides/:day', ADMINS, async (req, res) => {
    const day = String(req.params.day);
    if (!new RegExp(DAY).test(day) || Number.isNaN(Date.parse(`${day}T00:00:00Z`)) || new Date(`${day}T00:00:00Z`).toISOString().slice(0, 10) !== day) {
      throw validationFailed([{ field: 'day', message: { 'zh-CN': '日期：应为有效日期，格式为 YYYY-MM-DD', en: 'day: must be a valid date as YYYY-MM-DD' } }]);
    }
    assertValid<CalendarOverrideBody>(calendarOverrideSchema, req.body);
    const body = req.body as CalendarOverrideBody;
    const counted = await casesCalendar();
    await putOverride(body.region ?? ALL_REGIONS, day, body.kind, body.name, req.principal!.id, requestActor(req));
    await calendarChanged(counted, { from: day, to: day });
    req.log?.info({ day, kind: body.kind, region: body.region ?? ALL_REGIONS }, 'calendar override set');
    res.json({ day, kind: body.kind, name: body.name, region: body.region ?? ALL_REGIONS });
  });

  routes.delete('/calendar/overrides/:day', ADMINS, async (req, res) => {
    const target = typeof req.query.region === 'string' ? req.query.region : ALL_REGIONS;
    const counted = await casesCalendar();
    const removed = new RegExp(REGION).test(target) && (await deleteOverride(target, String(req.params.day), requestActor(req)));
    if (!removed) throw notFound('not_found');
    await calendarChanged(counted, { from: String(req.params.day), to: String(req.params.day) });
    res.status(204).end();
  });

  return routes;
}

function yearOf(param: unknown): number {
  const year = Number(param);
  if (!/^\d{4}$/.test(String(param)) || year < 2004 || year > 2100) throw notFound('not_found');
  return year;
}

/** The days of a year whose kind or name an import changes: what the dry run shows. */
function changesOfYear(before: WorkingCalendar, after: WorkingCalendar, year: number) {
  const changes: { day: string; before: { workday: boolean; name: string | null }; after: { workday: boolean; name: string | null } }[] = [];
  for (let m = 0; m < 12; m++) {
    for (let d = 1; d <= 31; d++) {
      const date = new Date(Date.UTC(year, m, d));
      if (date.getUTCMonth() !== m) break;
      const day = date.toISOString().slice(0, 10);
      const [was, will] = [before.info(day), after.info(day)];
      if (was.workday !== will.workday || (was.name ?? null) !== (will.name ?? null))
        changes.push({ day, before: { workday: was.workday, name: was.name ?? null }, after: { workday: will.workday, name: will.name ?? null } });
    }
  }
  return changes;
}
