/**
 * `npm run bench -- dashboard`: the 监管指标 at a city's scale, on MariaDB (issue 18). A year of
 * 1,000,000 applications (bench/case-generator.ts) is written, the read model is built from them
 * (the time of `npm run indicators:rebuild`, reported), then each dashboard query runs side by side
 * with the same figure computed straight from the cases' tables, alternating, on the same data.
 * Both must give the same figures; the ratio is the direct count's p95 over the read model's.
 * Prints one JSON line per query and one for the rebuild. No engine is needed.
 */
import { performance } from 'node:perf_hooks';
import { QueryTypes } from 'sequelize';
import { pino } from 'pino';
import { loadConfig } from '../server/config/load.ts';
import { openDatabase } from '../server/db/index.ts';
import { syncDepartments } from '../server/organization/departments.ts';
import { seedDemoOrganization } from '../server/organization/index.ts';
import { syncOrganization } from '../server/organization/organization-setup.ts';
import { seedDemoAccounts } from '../server/auth/demo-accounts.ts';
import { calendarFor } from '../server/calendar/index.ts';
import { readProcessFolders } from '../server/catalog/index.ts';
import { syncCatalog } from '../server/catalog/sync-catalog.ts';
import { rebuildIndicators } from '../server/supervision/index.ts';
import { indicators } from '../server/supervision/indicators.service.ts';
import { drillDown, overdueOpen } from '../server/supervision/drill-down.ts';
import { staffFigures, staffTasks } from '../server/supervision/staff.service.ts';
import { STAFF_MEASURES } from '../contract/staff-indicators.ts';
import { shanghaiDay } from '../server/calendar/index.ts';
import { generateCases } from './case-generator.ts';
import { appDbUrl, freshDatabases, productionSecrets } from './mysql.ts';
import { percentile, round } from './stats.ts';

const CASES = Number(process.env.BENCH_DASHBOARD_CASES ?? 1_000_000);
const SAMPLES = Number(process.env.BENCH_DASHBOARD_SAMPLES ?? 15);
const note = (message: string) => console.error(`[bench] ${message}`);
const emit = (line: Record<string, unknown>) => console.log(JSON.stringify(line));

/** BENCH_DASHBOARD_REUSE=1: the queries again over the year a previous run wrote and projected (no writing, no rebuild) */
const REUSE = Boolean(process.env.BENCH_DASHBOARD_REUSE);
/** BENCH_DASHBOARD_DB: another database than the one the province bench's backfill reads (a small trial beside it) */
const DB = process.env.BENCH_DASHBOARD_DB ?? 'approval_bench_dashboard';
if (!REUSE) await freshDatabases([DB]);
const config = loadConfig({
  APP_MODE: 'production',
  APP_DB_URL: appDbUrl(DB),
  ENGINE_URL: 'http://127.0.0.1:9/engine-rest',
  ENGINE_USER: 'bench',
  ENGINE_PASSWORD: 'bench-not-used-no-engine-here',
  ...productionSecrets(DB),
  LOG_LEVEL: 'warn',
  DATA_DIR: '.tmp',
});
const logger = pino({ level: 'warn' });
const db = await openDatabase(config);
const { sequelize } = db;
await syncDepartments();
await syncOrganization(config.regionCode);
await seedDemoOrganization();
await seedDemoAccounts();
const folders = readProcessFolders(config.processesDir);
await syncCatalog(folders, logger);

const items = folders.flatMap((f) =>
  f.item
    ? [
        {
          code: f.item.definition.code,
          departmentCode: f.item.definition.departmentCode,
          promisedDays: f.item.definition.promisedDays,
          statutoryDays: f.item.definition.statutoryDays,
          stepDays: f.item.definition.stepDays,
        },
      ]
    : [],
);
const bundles = folders.flatMap((f) => (f.bundle ? [{ code: f.bundle.definition.code, items: f.bundle.definition.items.map((i) => i.code) }] : []));
const end = new Date();
const year = { from: shanghaiDay(new Date(end.getTime() - 364 * 86_400_000)), to: shanghaiDay(end) };

async function timed<T>(run: () => Promise<T>): Promise<{ ms: number; result: T }> {
  const t = performance.now();
  const result = await run();
  return { ms: performance.now() - t, result };
}

try {
  if (!REUSE) {
    note(`writing ${CASES} applications over a year`);
    const calendar = await calendarFor(config.regionCode);
    const generated = await timed(() =>
      generateCases(sequelize, {
        cases: CASES,
        end,
        items,
        bundles,
        regions: ['430100', '430103', '430104', '430104003'],
        calendar,
        onProgress: (done) => done % 100_000 === 0 && note(`… ${done}`),
      }),
    );
    note(`written: ${generated.result.rows} cases in ${round(generated.ms / 1000, 1)} s`);
    emit({
      bench: 'dashboard.generate',
      applications: CASES,
      cases: generated.result.rows,
      opinions: generated.result.opinions,
      staff: generated.result.staff,
      seconds: round(generated.ms / 1000, 1),
    });
    const rebuilt = await rebuildIndicators(
      { sequelize, logger },
      (p) => p.cases % 100_000 < 500 && note(`projected ${p.cases} in ${round(p.ms / 1000, 1)} s`),
    );
    emit({
      bench: 'dashboard.rebuild',
      applications: CASES,
      cases: rebuilt.cases,
      seconds: round(rebuilt.ms / 1000, 1),
      casesPerSecond: round(rebuilt.cases / (rebuilt.ms / 1000), 0),
    });
  }

  const direct = async (sql: string) =>
    sequelize.query<{ k: string; v: number | string | null }>(sql, {
      replacements: { from: new Date(`${year.from}T00:00:00+08:00`), to: new Date(`${year.to}T24:00:00+08:00`) },
      type: QueryTypes.SELECT,
    });
  const top = `c.parent_case_id IS NULL AND c.created_at >= :from AND c.created_at < :to`;
  const closed = `c.parent_case_id IS NULL AND c.decision IS NOT NULL AND c.finished_at >= :from AND c.finished_at < :to`;
  /** visits of a closed case counted from its rows, as the read model's facts do */
  const visits = `(CASE WHEN c.channel IN ('window', 'kiosk', 'assisted') THEN 1 ELSE 0 END
      + (SELECT COUNT(*) FROM timeline_events e WHERE e.case_id = c.id AND e.type IN ('case.resubmitted', 'case.materials_supplied') AND e.detail LIKE '%"atWindow":true%')
      + (SELECT COUNT(*) FROM deliveries d WHERE d.case_id = c.id AND d.method = 'pickup' AND d.status = 'delivered'))`;

  type Pair = { name: string; ours: () => Promise<Map<string, number>>; baseline: () => Promise<Map<string, number>> };
  const byKey = (rows: { k: string; v: number | string | null }[]) => new Map(rows.map((r) => [String(r.k), Number(r.v ?? 0)]));
  const figure = (groups: { key: string; counts: Record<string, number> }[], measure: string) => new Map(groups.map((g) => [g.key, g.counts[measure] ?? 0]));
  /** 按人员 (staff_counts) as one map: person|department|measure → count */
  const staffMap = (staff: { userId: number; departmentCode: string; counts: Record<string, number | undefined> }[]) =>
    new Map(staff.flatMap((p) => STAFF_MEASURES.map((m) => [`${p.userId}|${p.departmentCode}|${m}`, p.counts[m] ?? 0] as const)));
  /** the same counted straight from the opinions (and the ratings of the cases each person decided on), as staff-facts.ts defines them */
  const staffDirect = async (departmentCode: string | null) => {
    const only = departmentCode ? `AND o.department_code = '${departmentCode}'` : '';
    const tasks = await direct(
      `SELECT CONCAT(o.user_id, '|', o.department_code) AS k, COUNT(*) AS tasks_done,
              SUM(o.step_due_at IS NOT NULL) AS tasks_timed, SUM(o.step_due_at IS NOT NULL AND o.created_at <= o.step_due_at) AS tasks_on_time,
              SUM(o.task_created_at IS NOT NULL) AS tasks_measured,
              SUM(CASE WHEN o.task_created_at IS NULL THEN 0 ELSE GREATEST(0, ROUND(TIMESTAMPDIFF(MICROSECOND, o.task_created_at, o.created_at) / 60000000)) END) AS handling_minutes,
              SUM(o.outcome IN ('approve', 'accepted')) AS approvals, SUM(o.outcome IN ('reject', 'not_accepted')) AS rejections,
              SUM(o.outcome = 'correction') AS corrections_asked
         FROM opinions o WHERE o.created_at >= :from AND o.created_at < :to ${only} GROUP BY o.user_id, o.department_code`,
    );
    // a rating counts once for each person who decided on the case or (a 一件事) its items, in the department of their latest decision on it
    const rated = await direct(
      `SELECT CONCAT(x.user_id, '|', lo.department_code) AS k, COUNT(*) AS rated_cases, SUM(x.level >= 4) AS rated_satisfied, SUM(x.level <= 2) AS rated_bad
         FROM (SELECT h.rating_id, h.level, h.user_id, MAX(h.opinion_id) AS last_id
                 FROM (SELECT r.id AS rating_id, r.level, o.user_id, o.id AS opinion_id
                         FROM case_ratings r JOIN opinions o ON o.case_id = r.case_id
                        WHERE r.created_at >= :from AND r.created_at < :to
                       UNION ALL
                       SELECT r.id, r.level, o.user_id, o.id
                         FROM case_ratings r JOIN cases c ON c.parent_case_id = r.case_id JOIN opinions o ON o.case_id = c.id
                        WHERE r.created_at >= :from AND r.created_at < :to) h
                GROUP BY h.rating_id, h.level, h.user_id) x
         JOIN opinions lo ON lo.id = x.last_id
        ${departmentCode ? `WHERE lo.department_code = '${departmentCode}'` : ''}
        GROUP BY x.user_id, lo.department_code`,
    );
    const counts = new Map<string, number>();
    for (const row of [...tasks, ...rated] as unknown as Record<string, unknown>[]) {
      for (const [m, v] of Object.entries(row)) if (m !== 'k') counts.set(`${String(row.k)}|${m}`, Number(v ?? 0));
    }
    return counts;
  };
  const pairs: Pair[] = [
    {
      name: '按人员: every person of the city (数据局), a year',
      ours: async () => staffMap((await staffFigures(sequelize, year, {}, 'zh-CN')).staff),
      baseline: () => staffDirect(null),
    },
    {
      name: '按人员: one department’s staff, a year',
      ours: async () => staffMap((await staffFigures(sequelize, year, { departmentCode: 'samr' }, 'zh-CN')).staff),
      baseline: () => staffDirect('samr'),
    },
    {
      name: '网上申办 by department, a year',
      ours: async () => figure((await indicators(sequelize, year, {}, 'department', 'zh-CN')).groups, 'online_applications'),
      baseline: async () =>
        byKey(
          await direct(
            `SELECT c.department_code AS k, SUM(CASE WHEN c.channel IN ('web', 'mobile') THEN 1 ELSE 0 END) AS v FROM cases c WHERE ${top} GROUP BY c.department_code`,
          ),
        ),
    },
    {
      name: '超期办结 by month, a year',
      ours: async () => figure((await indicators(sequelize, year, {}, 'month', 'zh-CN')).groups, 'overdue'),
      baseline: async () =>
        byKey(
          await direct(
            `SELECT DATE_FORMAT(CONVERT_TZ(c.finished_at, '+00:00', '+08:00'), '%Y-%m') AS k, SUM(CASE WHEN c.finished_at > c.statutory_due_at THEN 1 ELSE 0 END) AS v FROM cases c WHERE ${closed} GROUP BY k`,
          ),
        ),
    },
    {
      name: '一次办 by department, a year',
      ours: async () => figure((await indicators(sequelize, year, {}, 'department', 'zh-CN')).groups, 'once'),
      baseline: async () =>
        byKey(
          await direct(
            `SELECT c.department_code AS k, SUM(CASE WHEN ${visits} <= 1 THEN 1 ELSE 0 END) AS v FROM cases c WHERE ${closed} GROUP BY c.department_code`,
          ),
        ),
    },
    {
      name: '好评 by department, a year',
      ours: async () => figure((await indicators(sequelize, year, {}, 'department', 'zh-CN')).groups, 'satisfied'),
      baseline: async () =>
        byKey(
          await direct(
            `SELECT c.department_code AS k, SUM(CASE WHEN r.level >= 4 THEN 1 ELSE 0 END) AS v FROM case_ratings r JOIN cases c ON c.id = r.case_id WHERE c.parent_case_id IS NULL AND r.created_at >= :from AND r.created_at < :to GROUP BY c.department_code`,
          ),
        ),
    },
    {
      name: '申办 by channel, one department, a year',
      ours: async () => figure((await indicators(sequelize, year, { departmentCode: 'samr' }, 'channel', 'zh-CN')).groups, 'applications'),
      baseline: async () =>
        byKey(await direct(`SELECT c.channel AS k, COUNT(*) AS v FROM cases c WHERE ${top} AND c.department_code = 'samr' GROUP BY c.channel`)),
    },
    {
      name: '申办 by region (districts), a year',
      ours: async () => figure((await indicators(sequelize, year, { regionCode: '430100' }, 'region', 'zh-CN')).groups, 'applications'),
      baseline: async () =>
        byKey(
          await direct(
            `SELECT CASE WHEN c.region_code LIKE '430104%' THEN '430104' ELSE c.region_code END AS k, COUNT(*) AS v FROM cases c WHERE ${top} AND c.region_code LIKE '4301%' GROUP BY k`,
          ),
        ),
    },
  ];

  for (const pair of pairs) {
    const ours: number[] = [];
    const baseline: number[] = [];
    let same = true;
    for (let s = 0; s < SAMPLES; s++) {
      const b = await timed(pair.baseline);
      const o = await timed(pair.ours);
      baseline.push(b.ms);
      ours.push(o.ms);
      if (s === 0) {
        const keys = new Set([...b.result.keys(), ...o.result.keys()]);
        same = [...keys].every((k) => (b.result.get(k) ?? 0) === (o.result.get(k) ?? 0));
        if (!same) note(`${pair.name}: the figures differ: ${JSON.stringify({ direct: [...b.result], readModel: [...o.result] })}`);
      }
    }
    emit({
      bench: `dashboard.${pair.name}`,
      samples: SAMPLES,
      sameFigures: same,
      readModelMs: { p50: round(percentile(ours, 50)), p95: round(percentile(ours, 95)) },
      directMs: { p50: round(percentile(baseline, 50)), p95: round(percentile(baseline, 95)) },
      ratioP95: round(percentile(baseline, 95) / percentile(ours, 95), 1),
    });
  }

  // the pages' other queries: the cases behind a figure, the open overdue list (no direct twin: they read case_facts),
  // the tasks behind a person's figures (the busiest person of the year: their year is the longest to count)
  const busiest = (await staffFigures(sequelize, year, {}, 'zh-CN')).staff[0]!;
  note(`the busiest person: ${busiest.displayName}, ${busiest.counts.tasks_done} tasks`);
  for (const [name, run] of [
    [
      `staff drill-down: the busiest person’s tasks of the year (${busiest.counts.tasks_done}), first page`,
      () => staffTasks(sequelize, busiest.userId, year, {}, { only: 'all', page: 1, pageSize: 20 }, 'zh-CN'),
    ],
    [
      'staff drill-down: the busiest person’s late tasks of the year, first page',
      () => staffTasks(sequelize, busiest.userId, year, {}, { only: 'late', page: 1, pageSize: 20 }, 'zh-CN'),
    ],
    [
      'drill-down: a department’s closed cases not done in one visit, first page',
      () => drillDown(sequelize, year, { departmentCode: 'samr' }, { measure: 'finished', notIn: 'once', page: 1, pageSize: 20 }, 'zh-CN'),
    ],
    ['drill-down: bad ratings of the year, first page', () => drillDown(sequelize, year, {}, { measure: 'bad', page: 1, pageSize: 20 }, 'zh-CN')],
    ['overdue open cases, count and first 50', () => overdueOpen(sequelize, {}, new Date(), 50)],
  ] as const) {
    const ms: number[] = [];
    for (let s = 0; s < SAMPLES; s++) ms.push((await timed(run as () => Promise<unknown>)).ms);
    emit({ bench: `dashboard.${name}`, samples: SAMPLES, ms: { p50: round(percentile(ms, 50)), p95: round(percentile(ms, 95)) } });
  }
} finally {
  await db.close();
}
