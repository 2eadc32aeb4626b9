import { Op, QueryTypes, Transaction, type Sequelize } from 'sequelize';
import type { Logger } from 'pino';
import { calendarFor, shanghaiDay, type WorkingCalendar } from '../calendar/index.ts';
import type { Counts } from '../../contract/indicators.ts';
import type { StaffCounts } from '../../contract/staff-indicators.ts';
import { CaseFactRow } from './case-fact.model.ts';
import { factOf, type CaseFact } from './case-facts.ts';
import { deltaOf } from './contributions.ts';
import { addRow } from './count-maps.ts';
import { addCounts, addStaffCounts } from './counter-store.ts';
import { factInputs } from './fact-sources.ts';
import { staffDelta } from './staff-facts.ts';

/** Cases projected per transaction. */
export const BATCH = 500;
/** Events newer than this may still have neighbours with lower ids in open transactions: read again until older. */
export const SETTLE_MS = 10_000;
/** Events read per round from each source. */
const EVENTS_PER_ROUND = 5_000;

export interface ProjectionHost {
  sequelize: Sequelize;
  logger: Logger;
}

/** The calendars of the regions, each read once per round or rebuild. */
function calendars(): (region: string) => Promise<WorkingCalendar> {
  const known = new Map<string, Promise<WorkingCalendar>>();
  return (region) => {
    let found = known.get(region);
    if (!found) known.set(region, (found = calendarFor(region)));
    return found;
  };
}

const sameFact = (a: CaseFact, b: CaseFact) =>
  (Object.keys(b) as (keyof CaseFact)[]).every((k) => {
    const x = a[k];
    const y = b[k];
    return x instanceof Date || y instanceof Date ? (x as Date | null)?.getTime() === (y as Date | null)?.getTime() : x === y;
  });

function plain(row: CaseFactRow): CaseFact {
  const fact: Partial<CaseFactRow> = row.get({ plain: true });
  delete fact.projectedAt;
  return fact as CaseFact;
}

/**
 * Projects cases into the read model: their facts computed again from the cases' tables, and the
 * difference from the facts last projected added to the counters, in one transaction per batch.
 * The facts are read under a lock (MariaDB: SELECT … FOR UPDATE; SQLite: an IMMEDIATE transaction
 * takes the database's write lock first), so two projections of one case at once (a rebuild beside
 * a round, a stalled node beside the next) add its difference once. Answers how many facts changed.
 */
export async function projectCases(host: ProjectionHost, ids: number[], calendarOf = calendars()): Promise<number> {
  let changed = 0;
  const unique = [...new Set(ids)];
  for (let i = 0; i < unique.length; i += BATCH) {
    const batch = unique.slice(i, i + BATCH);
    const inputs = await factInputs(host.sequelize, batch);
    const facts = new Map<number, CaseFact>();
    for (const [id, input] of inputs) facts.set(id, factOf(input, await calendarOf(input.case.regionCode ?? ''), shanghaiDay));
    const sqlite = host.sequelize.getDialect() === 'sqlite';
    changed += await host.sequelize.transaction({ type: sqlite ? Transaction.TYPES.IMMEDIATE : undefined }, async (transaction) => {
      const before = new Map(
        (await CaseFactRow.findAll({ where: { caseId: { [Op.in]: batch } }, transaction, lock: sqlite ? undefined : transaction.LOCK.UPDATE })).map((r) => [
          r.caseId,
          plain(r),
        ]),
      );
      const delta = new Map<string, Counts>();
      const staff = new Map<string, StaffCounts>();
      const written: CaseFact[] = [];
      for (const id of batch) {
        const old = before.get(id) ?? null;
        const now = facts.get(id) ?? null;
        if (old && now && sameFact(old, now)) continue;
        for (const [key, counts] of deltaOf(old, now)) addRow(delta, key, counts);
        for (const [key, counts] of staffDelta(old?.staffCounts, now?.staffCounts)) addRow(staff, key, counts);
        if (now) written.push(now);
      }
      await addCounts(host.sequelize, delta, transaction);
      await addStaffCounts(host.sequelize, staff, transaction);
      const projectedAt = new Date();
      if (written.length) {
        await CaseFactRow.bulkCreate(
          written.map((f) => ({ ...f, projectedAt })),
          { transaction, updateOnDuplicate: Object.keys(CaseFactRow.getAttributes()).filter((a) => a !== 'caseId') as (keyof CaseFact | 'projectedAt')[] },
        );
      }
      const gone = batch.filter((id) => !facts.has(id) && before.has(id));
      if (gone.length) await CaseFactRow.destroy({ where: { caseId: { [Op.in]: gone } }, transaction });
      return written.length + gone.length;
    });
  }
  return changed;
}

/** A source of case events the projection follows, by increasing id. */
interface EventSource {
  name: string;
  /** the events after `afterId`: their ids, cases and times */
  read(sequelize: Sequelize, afterId: number, limit: number): Promise<{ id: number; caseId: number; at: Date }[]>;
}

const toDate = (v: unknown) => (v instanceof Date ? v : new Date(String(v)));

const SOURCES: EventSource[] = [
  {
    // every timeline entry: a case's submission, acceptance, corrections, closing, delivery …
    name: 'timeline',
    read: async (sequelize, afterId, limit) =>
      (
        await sequelize.query<{ id: number; case_id: number; created_at: unknown }>(
          `SELECT id, case_id, created_at FROM timeline_events WHERE id > :afterId ORDER BY id LIMIT ${limit}`,
          { replacements: { afterId }, type: QueryTypes.SELECT },
        )
      ).map((r) => ({ id: Number(r.id), caseId: Number(r.case_id), at: toDate(r.created_at) })),
  },
  {
    // 好差评: a rating has no timeline entry
    name: 'ratings',
    read: async (sequelize, afterId, limit) =>
      (
        await sequelize.query<{ id: number; case_id: number; created_at: unknown }>(
          `SELECT id, case_id, created_at FROM case_ratings WHERE id > :afterId ORDER BY id LIMIT ${limit}`,
          { replacements: { afterId }, type: QueryTypes.SELECT },
        )
      ).map((r) => ({ id: Number(r.id), caseId: Number(r.case_id), at: toDate(r.created_at) })),
  },
];

export interface RoundResult {
  events: number;
  cases: number;
  changed: number;
}

/**
 * The live projection: each round reads the events after its cursors (the timeline, the ratings,
 * and rectifications resolved since the last round) and projects their cases. A cursor moves only
 * past events older than a few seconds, and the events read meanwhile are remembered, so an event
 * committed after a neighbour with a higher id is still read, once (docs/indicators.md).
 */
export function projection(host: ProjectionHost) {
  const seen = new Map<string, Set<number>>();
  let rectifiedSince: Date | null = null;

  async function cursor(name: string): Promise<number | null> {
    const [row] = await host.sequelize.query<{ last_id: number | string }>(`SELECT last_id FROM supervision_cursors WHERE name = :name`, {
      replacements: { name },
      type: QueryTypes.SELECT,
    });
    return row ? Number(row.last_id) : null;
  }

  async function moveCursor(name: string, lastId: number, exists: boolean): Promise<void> {
    const replacements = { name, lastId, at: new Date() };
    if (exists)
      await host.sequelize.query(`UPDATE supervision_cursors SET last_id = :lastId, last_at = :at WHERE name = :name AND last_id < :lastId`, { replacements });
    else await host.sequelize.query(`INSERT INTO supervision_cursors (name, last_id, last_at) VALUES (:name, :lastId, :at)`, { replacements });
  }

  async function round(): Promise<RoundResult> {
    const calendarOf = calendars();
    const cases = new Set<number>();
    let events = 0;
    const settled = Date.now() - SETTLE_MS;
    for (const source of SOURCES) {
      const stored = await cursor(source.name);
      const from = stored ?? 0;
      const known = seen.get(source.name) ?? new Set<number>();
      seen.set(source.name, known);
      const read = await source.read(host.sequelize, from, EVENTS_PER_ROUND);
      // the cursor moves over the run of settled events only: the first one not yet settled holds it
      let settledTo = from;
      let holding = false;
      for (const e of read) {
        if (!known.has(e.id)) {
          cases.add(e.caseId);
          known.add(e.id);
          events++;
        }
        if (e.at.getTime() >= settled) holding = true;
        if (!holding) settledTo = e.id;
      }
      if (settledTo > from) {
        await moveCursor(source.name, settledTo, stored !== null);
        for (const id of known) if (id <= settledTo) known.delete(id);
      }
    }
    // 差评整改: a bad rating's problem that changed since the last round (rectified, sent back, closed: no event of its own)
    const since = rectifiedSince ?? new Date(Date.now() - 24 * 3600_000);
    rectifiedSince = new Date(Date.now() - SETTLE_MS);
    const resolved = await host.sequelize.query<{ case_id: number }>(
      `SELECT r.case_id FROM problems x JOIN case_ratings r ON r.id = x.rating_id WHERE x.updated_at >= :since`,
      { replacements: { since }, type: QueryTypes.SELECT },
    );
    for (const r of resolved) cases.add(Number(r.case_id));
    // a bundle's items are made with it, under the bundle's events: projected with their bundle; an
    // item's event projects its bundle again (its rating counts for whoever decided on its items)
    if (cases.size) {
      const parents = await host.sequelize.query<{ parent_case_id: number }>(
        `SELECT DISTINCT parent_case_id FROM cases WHERE id IN (:ids) AND parent_case_id IS NOT NULL`,
        { replacements: { ids: [...cases] }, type: QueryTypes.SELECT },
      );
      for (const p of parents) cases.add(Number(p.parent_case_id));
      const children = await host.sequelize.query<{ id: number }>(`SELECT id FROM cases WHERE parent_case_id IN (:ids)`, {
        replacements: { ids: [...cases] },
        type: QueryTypes.SELECT,
      });
      for (const c of children) cases.add(Number(c.id));
    }
    const changed = await projectCases(host, [...cases], calendarOf);
    return { events, cases: cases.size, changed };
  }

  return { round };
}
