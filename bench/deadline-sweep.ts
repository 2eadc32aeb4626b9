/**
 * `npm run bench -- deadlines`: the 超期预警 sweep at a city's scale, on MariaDB. A year of a million
 * cases keeps tens of thousands running at once; the sweep runs every minute on every server node.
 * Side by side in one run, at the same moments on the same data:
 *   - ours: `sweepDeadlines`, which reads the cases whose colour turn is due (`next_warning_at`);
 *   - the baseline: what the sweep did before, read every running case and work out its colour.
 * Both must find the same cases turning; the ratio is the baseline's time over ours.
 * Prints one JSON line.
 */
import { performance } from 'node:perf_hooks';
import { randomBytes } from 'node:crypto';
import { Op, type CreationAttributes } from 'sequelize';
import { pino } from 'pino';
import { loadConfig } from '../server/config/load.ts';
import { EngineClient } from '../server/engine/client.ts';
import { newNodeId } from '../server/scheduling/nodes.ts';
import { Case } from '../server/cases/case.model.ts';
import { Department } from '../server/organization/department.model.ts';
import { openDatabase } from '../server/db/index.ts';
import { seedDemoAccounts } from '../server/auth/demo-accounts.ts';
import { syncDepartments } from '../server/organization/departments.ts';
import { calendarFor } from '../server/calendar/calendar.repository.ts';
import { deadlineColour, hasUntoldTurn } from '../server/calendar/deadline.ts';
import { sweepDeadlines } from '../server/cases/deadline-watch.ts';
import { holdersOf } from '../server/inbox/index.ts';
import type { AppContext } from '../server/context.ts';
import type { TokenService } from '../server/auth/tokens.ts';
import { appDbUrl, freshDatabases, productionSecrets } from './mysql.ts';
import { percentile, round } from './stats.ts';

const RUNNING = Number(process.env.BENCH_RUNNING_CASES ?? 50_000);
const FINISHED = Number(process.env.BENCH_FINISHED_CASES ?? 100_000);
const ROUNDS = Number(process.env.BENCH_SWEEP_ROUNDS ?? 10);
const SWEEP_INTERVAL_MS = 60_000;
const DAY_MS = 86_400_000;

const note = (message: string) => console.error(`[bench] ${message}`);

await freshDatabases(['approval_bench_deadlines']);
const secret = () => randomBytes(40).toString('base64url');
// production settings; the engine is never called (no case here has a process instance)
const config = loadConfig({
  APP_MODE: 'production',
  APP_DB_URL: appDbUrl('approval_bench_deadlines'),
  ENGINE_URL: 'http://127.0.0.1:9/engine-rest',
  ENGINE_USER: 'bench',
  ENGINE_PASSWORD: secret(),
  ...productionSecrets(),
  LOG_LEVEL: 'warn',
  DATA_DIR: '.tmp',
});
const logger = pino({ level: 'warn' });
const db = await openDatabase(config);
await syncDepartments();
await seedDemoAccounts();
// the cases here have no process instance, so the sweep never asks the engine for their tasks
const ctx: AppContext = {
  config,
  logger,
  sequelize: db.sequelize,
  engine: new EngineClient(config.engine),
  tokens: null as unknown as TokenService,
  nodeId: newNodeId(),
};
const departments = (await Department.findAll()).map((d) => d.code);
const calendar = await calendarFor(config.regionCode);
const start = new Date();

/** Running cases promised in 5 to 20 working days, most within their time; finished ones from the year around them. */
async function seed(): Promise<void> {
  const rows: CreationAttributes<Case>[] = [];
  const flush = async () => {
    await Case.bulkCreate(rows.splice(0), { hooks: false });
  };
  for (let i = 0; i < RUNNING + FINISHED; i++) {
    const running = i < RUNNING;
    const promisedDays = 5 + (i % 16);
    const acceptedAt = new Date(start.getTime() - Math.random() * (running ? promisedDays * 1.5 : 365) * DAY_MS);
    const promisedDueAt = calendar.due(acceptedAt, promisedDays).due;
    rows.push({
      caseNo: `B${String(i).padStart(12, '0')}`,
      itemCode: 'bench_item',
      itemVersion: 1,
      departmentCode: departments[i % departments.length]!,
      channel: 'web',
      status: running ? (i % 2 ? 'accepted' : 'in_review') : 'delivered',
      applicantName: '测试',
      applicantIdType: 'resident_id',
      applicantIdNo: '110101199003074514',
      applicantPhone: '13800000000',
      form: {},
      submittedBy: 1,
      finishedAt: running ? null : promisedDueAt,
      acceptedAt,
      promisedDueAt,
      statutoryDueAt: promisedDueAt,
      // as migration 0020 leaves the running cases of an upgraded database: the first sweep looks at each
      nextWarningAt: running ? new Date(0) : null,
    });
    if (rows.length === 2000) await flush();
  }
  await flush();
}

/** The sweep before `next_warning_at`: every running case read and its colour worked out; the turns it would tell. */
async function readEveryRunningCase(now: Date): Promise<number> {
  const cases = await Case.findAll({
    where: { status: { [Op.in]: ['accepted', 'in_review'] }, suspendedAt: null, promisedDueAt: { [Op.ne]: null }, acceptedAt: { [Op.ne]: null } },
  });
  let turning = 0;
  for (const c of cases) {
    if (hasUntoldTurn(deadlineColour(calendar, c.acceptedAt!, c.promisedDueAt!, now, config.deadlineWarningShare), c.warnedColour)) turning++;
  }
  return turning;
}

async function timed<T>(run: () => Promise<T>): Promise<{ ms: number; result: T }> {
  const t = performance.now();
  const result = await run();
  return { ms: performance.now() - t, result };
}

try {
  note(`seeding ${RUNNING} running and ${FINISHED} finished cases`);
  await seed();
  // the first sweep after the upgrade looks at every running case once and tells the turns already due
  const first = await timed(() => sweepDeadlines(ctx, holdersOf, start));
  note(`first sweep: ${round(first.ms)} ms, ${first.result} warnings`);

  const ours: number[] = [];
  const baseline: number[] = [];
  const turns: { ours: number; baseline: number }[] = [];
  for (let r = 1; r <= ROUNDS; r++) {
    // a minute later, as the sweep runs; the baseline first, so that both see the same turns untold
    const now = new Date(start.getTime() + r * SWEEP_INTERVAL_MS);
    const b = await timed(() => readEveryRunningCase(now));
    const o = await timed(() => sweepDeadlines(ctx, holdersOf, now));
    baseline.push(b.ms);
    ours.push(o.ms);
    turns.push({ baseline: b.result, ours: o.result });
  }
  // a whole day without a sweep (a node down overnight): the next sweep tells a day's turns
  const dayLater = new Date(start.getTime() + DAY_MS);
  const dayBaseline = await timed(() => readEveryRunningCase(dayLater));
  const dayOurs = await timed(() => sweepDeadlines(ctx, holdersOf, dayLater));
  const median = (values: number[]) => round(percentile(values, 50), 2);
  console.log(
    JSON.stringify({
      measure: 'deadline_sweep_ms',
      definition: `one sweep a minute apart over ${RUNNING} running cases (${FINISHED} finished beside them); baseline = read every running case and work out its colour`,
      runningCases: RUNNING,
      firstSweepMs: round(first.ms),
      ours: { medianMs: median(ours), p90Ms: round(percentile(ours, 90), 2) },
      baseline: { medianMs: median(baseline), p90Ms: round(percentile(baseline, 90), 2) },
      ratioMedian: round(median(baseline) / Math.max(median(ours), 0.01), 1),
      turnsPerMinute: turns,
      sameTurnsFound: turns.every((t) => t.ours === t.baseline) && dayOurs.result === dayBaseline.result,
      // turns fall at the start of a working day (yellow) or just after a due time (red): a day's come at once
      afterADay: {
        turns: dayOurs.result,
        oursMs: round(dayOurs.ms),
        oursIncludes: 'telling every turn (timeline, notifications)',
        baselineMs: round(dayBaseline.ms),
        baselineIncludes: 'reading only',
      },
    }),
  );
} finally {
  await db.close();
}
process.exit(0);
