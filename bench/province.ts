/**
 * `npm run bench -- province`: 办件数据汇聚 at a city's pace, on MariaDB (issue 18):
 *   1. the outbox under live load: events queued at BENCH_PROVINCE_RATE per second (500) for
 *      BENCH_PROVINCE_SECONDS (30), each in its own transaction as the platform writes them, while the
 *      sender delivers them to the sandbox exchange; the rate delivered against the rate offered, and
 *      the delivery lag (queued → acknowledged) p50/p95 against the 5 s the issue allows;
 *   2. 存量回传: the backfill over the cases of BENCH_BACKFILL_DB (the dashboard bench's year of
 *      1,000,000 cases, `npm run bench -- dashboard` first) when it has any: its time and events/s.
 * Prints one JSON line for each.
 */
import { QueryTypes } from 'sequelize';
import { pino } from 'pino';
import { loadConfig } from '../server/config/load.ts';
import { openDatabase } from '../server/db/index.ts';
import { startExchangeSandbox } from '../server/gateways/province/index.ts';
import { backfillOutbox, exchangeOf, queueCaseEvent, type ReportedCase } from '../server/reporting/index.ts';
import { sendRound } from '../server/reporting/sender.ts';
import { caseHistoryAfter } from '../server/cases/index.ts';
import { ratingEventsOfCases } from '../server/ratings/index.ts';
import { appDbUrl, benchMysql, freshDatabases, productionSecrets } from './mysql.ts';
import { percentile, round } from './stats.ts';
import { createConnection } from 'mysql2/promise';

const RATE = Number(process.env.BENCH_PROVINCE_RATE ?? 500);
const SECONDS = Number(process.env.BENCH_PROVINCE_SECONDS ?? 30);
const BACKFILL_DB = process.env.BENCH_BACKFILL_DB ?? 'approval_bench_dashboard';
const LAG_TARGET_MS = 5_000;
const note = (message: string) => console.error(`[bench] ${message}`);
const emit = (line: Record<string, unknown>) => console.log(JSON.stringify(line));
const logger = pino({ level: 'warn' });

const sandbox = await startExchangeSandbox();
const settings = (db: string) =>
  loadConfig({
    APP_MODE: 'production',
    APP_DB_URL: appDbUrl(db),
    ENGINE_URL: 'http://127.0.0.1:9/engine-rest',
    ENGINE_USER: 'bench',
    ENGINE_PASSWORD: 'bench-not-used-no-engine-here',
    ...productionSecrets(db),
    PROVINCE_EXCHANGE_URL: sandbox.url,
    PROVINCE_EXCHANGE_SECRET: sandbox.secret,
    PROVINCE_EXCHANGE_APP_ID: sandbox.appId,
    LOG_LEVEL: 'warn',
    DATA_DIR: '.tmp',
  });

/** The sender as the server runs it, round after round, until stopped. */
function runSender(config: ReturnType<typeof settings>) {
  const exchange = exchangeOf(config)!;
  let stop = false;
  const running = (async () => {
    while (!stop) {
      const r = await sendRound(
        exchange,
        { batchSize: config.province.batchSize, maxAttempts: config.province.maxAttempts, backoffBaseMs: 200, roundBudgetMs: 2_000 },
        logger,
      );
      if (r.batches === 0) await new Promise((resolve) => setTimeout(resolve, 100));
    }
  })();
  return async () => {
    stop = true;
    await running;
  };
}

try {
  // 1. live load
  await freshDatabases(['approval_bench_province']);
  const config = settings('approval_bench_province');
  const db = await openDatabase(config);
  const stopSender = runSender(config);
  const reported = (i: number): ReportedCase => ({
    id: i,
    caseNo: `430100${String(i).padStart(14, '0')}`,
    kind: 'item',
    channel: 'web',
    itemCode: 'SCJG-GT-001',
    itemVersion: 1,
    regionCode: '430100',
    departmentCode: 'samr',
    bundleCaseNo: null,
    byAgent: false,
    applicant: { name: '张三', idType: 'resident_id', idNo: '430102199003071234' },
  });
  const TYPES = ['case.submitted', 'acceptance.accepted', 'case.approved', 'delivery.started'];
  note(`queuing ${RATE} events/s for ${SECONDS} s`);
  const started = Date.now();
  let queued = 0;
  while (Date.now() - started < SECONDS * 1000) {
    const due = Math.floor(((Date.now() - started) / 1000) * RATE);
    const writes: Promise<unknown>[] = [];
    while (queued < due) {
      const i = queued++;
      // a case's events one after another (its later one queued once its earlier one is)
      const kase = reported(1 + (i % 5000));
      const type = TYPES[Math.floor(i / 5000) % TYPES.length]!;
      writes.push(
        db.sequelize.transaction((t) =>
          queueCaseEvent(kase, { source: 'timeline', sourceId: i + 1, type, actor: 'system', detail: { method: 'electronic' }, at: new Date() }, t),
        ),
      );
      if (writes.length >= 50) await Promise.all(writes.splice(0));
    }
    await Promise.all(writes);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const offeredSeconds = (Date.now() - started) / 1000;
  for (;;) {
    const [{ n }] = (await db.sequelize.query<{ n: number | string }>("SELECT COUNT(*) AS n FROM province_outbox WHERE state = 'pending'", {
      type: QueryTypes.SELECT,
    })) as [{ n: number | string }];
    if (Number(n) === 0) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const drainedSeconds = (Date.now() - started) / 1000;
  await stopSender();
  const lags = (
    await db.sequelize.query<{ created_at: unknown; acknowledged_at: unknown }>(
      "SELECT created_at, acknowledged_at FROM province_outbox WHERE origin = 'live' AND acknowledged_at IS NOT NULL",
      { type: QueryTypes.SELECT },
    )
  ).map((r) => new Date(r.acknowledged_at as Date).getTime() - new Date(r.created_at as Date).getTime());
  const p95 = percentile(lags, 95);
  emit({
    bench: 'province.live',
    offeredPerSecond: round(queued / offeredSeconds, 0),
    deliveredPerSecond: round(lags.length / drainedSeconds, 0),
    delivered: lags.length,
    queued,
    ratioDeliveredToOffered: round(lags.length / drainedSeconds / (queued / offeredSeconds), 2),
    lagMs: { p50: round(percentile(lags, 50), 0), p95: round(p95, 0), max: round(Math.max(...lags), 0) },
    lagP95ToTarget: round(p95 / LAG_TARGET_MS, 3),
    exchange: sandbox.control.stats(),
  });
  await db.close();

  // 2. 存量回传 over the dashboard bench's year of cases
  const admin = await createConnection(benchMysql);
  const [found] = (await admin.query(`SELECT SCHEMA_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?`, [BACKFILL_DB])) as unknown as [unknown[]];
  await admin.end();
  if (!found.length) {
    note(`no ${BACKFILL_DB}: run \`npm run bench -- dashboard\` first for the backfill over a year of cases`);
  } else {
    const backfillDb = await openDatabase(settings(BACKFILL_DB));
    await backfillDb.sequelize.query('DELETE FROM province_outbox');
    const done = await backfillOutbox(
      { casesAfter: caseHistoryAfter, ratingsOf: ratingEventsOfCases },
      {
        batchSize: 500,
        onProgress: (p) => p.cases % 100_000 < 500 && note(`backfill: ${p.cases} cases, ${p.queued} events, ${round(p.elapsedMs / 1000, 1)} s`),
      },
    );
    emit({
      bench: 'province.backfill',
      database: BACKFILL_DB,
      cases: done.cases,
      events: done.queued,
      seconds: round(done.elapsedMs / 1000, 1),
      eventsPerSecond: round(done.queued / (done.elapsedMs / 1000), 0),
    });
    await backfillDb.close();
  }
} finally {
  await sandbox.close();
}
