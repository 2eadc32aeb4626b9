import type { PlatformEvent, ReportedCase } from './exchange-mapping.ts';
import { queueHistory } from './queue.ts';

/**
 * Where 存量回传 reads the history (a port: the cases and the ratings are above this domain; the
 * composition root, scripts/province-backfill.ts, hands them in).
 */
export interface CaseHistorySource {
  /** the next cases by id after `afterId` (at most `limit`), each with its timeline as platform events */
  casesAfter(afterId: number, limit: number): Promise<Array<{ reported: ReportedCase; events: PlatformEvent[] }>>;
  /** the ratings of those cases, as platform events, by case id */
  ratingsOf(caseIds: number[]): Promise<Map<number, PlatformEvent>>;
}

export interface BackfillProgress {
  cases: number;
  considered: number;
  queued: number;
  lastCaseId: number;
  elapsedMs: number;
}

/**
 * 存量回传: walks every case in batches (by id, so a run stopped half-way and started again goes over
 * the same ground without harm) and queues each case's events that were never queued, in the order
 * they happened, its rating last in time. Idempotent: the event ids are the source rows', and what
 * is queued already is left alone. The sender delivers them like live ones (origin `backfill`).
 */
export async function backfillOutbox(
  source: CaseHistorySource,
  options: { batchSize?: number; fromCaseId?: number; onProgress?: (p: BackfillProgress) => void } = {},
): Promise<BackfillProgress> {
  const batchSize = options.batchSize ?? 500;
  const started = Date.now();
  const progress: BackfillProgress = { cases: 0, considered: 0, queued: 0, lastCaseId: options.fromCaseId ?? 0, elapsedMs: 0 };
  for (;;) {
    const page = await source.casesAfter(progress.lastCaseId, batchSize);
    if (!page.length) break;
    const ratings = await source.ratingsOf(page.map((p) => p.reported.id));
    const done = await queueHistory(
      page.map(({ reported, events }) => ({ reported, events: ratings.has(reported.id) ? [...events, ratings.get(reported.id)!] : events })),
    );
    progress.cases += page.length;
    progress.considered += done.considered;
    progress.queued += done.queued;
    progress.lastCaseId = page.at(-1)!.reported.id;
    progress.elapsedMs = Date.now() - started;
    options.onProgress?.({ ...progress });
  }
  progress.elapsedMs = Date.now() - started;
  return progress;
}
