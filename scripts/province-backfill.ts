/**
 * `npm run province:backfill [-- --batch 500] [-- --from <case id>]`: 存量回传. Queues for the
 * provincial exchange the events of every case (its timeline and its rating) that were never queued
 * — the cases from before the outbox, or rows removed from it — in batches of cases, printing its
 * progress and the time it took. Idempotent: the event ids are derived from the source rows, so a
 * second run queues nothing new. The server's sender then delivers them like live events (their
 * origin `backfill` keeps them out of the lag figures). The same environment as `npm start`.
 */
import { loadConfigOrExit } from '../server/config/load.ts';
import { openDatabase } from '../server/db/index.ts';
import { caseHistoryAfter } from '../server/cases/index.ts';
import { ratingEventsOfCases } from '../server/ratings/index.ts';
import { backfillOutbox, type BackfillProgress } from '../server/reporting/index.ts';

function option(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  if (at < 0) return fallback;
  const value = Number(process.argv[at + 1]);
  if (!Number.isInteger(value) || value < 0) {
    console.error(`--${name} 应为非负整数 / must be a whole number, got "${process.argv[at + 1] ?? ''}"`);
    process.exit(1);
  }
  return value;
}

const batchSize = Math.min(Math.max(option('batch', 500), 1), 5000);
const fromCaseId = option('from', 0);
const seconds = (ms: number) => (ms / 1000).toFixed(1);
const line = (p: BackfillProgress) =>
  `${p.cases} 件办件 / cases, ${p.considered} 个事件 / events looked at, ${p.queued} 个新入队 / newly queued (至 case id ${p.lastCaseId}, ${seconds(p.elapsedMs)} s)`;

const config = loadConfigOrExit();
try {
  const db = await openDatabase(config);
  const done = await backfillOutbox(
    { casesAfter: caseHistoryAfter, ratingsOf: ratingEventsOfCases },
    { batchSize, fromCaseId, onProgress: (p) => console.error(`存量回传 / backfill: ${line(p)}`) },
  );
  await db.close();
  console.log(JSON.stringify(done));
  console.error(
    `存量回传完成 / backfill done in ${seconds(done.elapsedMs)} s: ${line(done)}${done.elapsedMs ? `, ${Math.round(done.queued / (done.elapsedMs / 1000))} events/s` : ''}`,
  );
} catch (err) {
  console.error('存量回传失败 / the backfill failed:', err);
  process.exit(2);
}
