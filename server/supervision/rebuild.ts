import { QueryTypes, Transaction } from 'sequelize';
import { BATCH, SETTLE_MS, projectCases, type ProjectionHost } from './projection.ts';

export interface RebuildProgress {
  cases: number;
  ms: number;
}

/**
 * The read model rebuilt from the cases' tables: every fact and counter deleted in one transaction,
 * the cursors set at the events that exist now, then every case projected again, a batch at a time.
 * Safe beside a running projection (it locks what it changes): a case it projects meanwhile is
 * counted once. `npm run indicators:rebuild` runs it.
 */
export async function rebuildIndicators(host: ProjectionHost, onBatch?: (p: RebuildProgress) => void): Promise<RebuildProgress> {
  const started = Date.now();
  const { sequelize } = host;
  const sqlite = sequelize.getDialect() === 'sqlite';
  await sequelize.transaction({ type: sqlite ? Transaction.TYPES.IMMEDIATE : undefined }, async (transaction) => {
    await sequelize.query('DELETE FROM indicator_counts', { transaction });
    await sequelize.query('DELETE FROM indicator_months', { transaction });
    await sequelize.query('DELETE FROM staff_counts', { transaction });
    await sequelize.query('DELETE FROM staff_months', { transaction });
    await sequelize.query('DELETE FROM case_facts', { transaction });
    await sequelize.query('DELETE FROM supervision_cursors', { transaction });
    // the live rounds go on from the events settled now: every case before them is projected below
    const settled = new Date(Date.now() - SETTLE_MS);
    for (const [name, table] of [
      ['timeline', 'timeline_events'],
      ['ratings', 'case_ratings'],
    ] as const) {
      const [row] = await sequelize.query<{ last: number | string | null }>(`SELECT MAX(id) AS last FROM ${table} WHERE created_at < :settled`, {
        replacements: { settled },
        type: QueryTypes.SELECT,
        transaction,
      });
      await sequelize.query('INSERT INTO supervision_cursors (name, last_id, last_at) VALUES (:name, :last, :at)', {
        replacements: { name, last: Number(row?.last ?? 0), at: new Date() },
        transaction,
      });
    }
  });
  let cases = 0;
  let after = 0;
  for (;;) {
    const ids = (
      await sequelize.query<{ id: number }>(`SELECT id FROM cases WHERE id > :after ORDER BY id LIMIT ${BATCH}`, {
        replacements: { after },
        type: QueryTypes.SELECT,
      })
    ).map((r) => Number(r.id));
    if (ids.length === 0) break;
    await projectCases(host, ids);
    cases += ids.length;
    after = ids.at(-1)!;
    onBatch?.({ cases, ms: Date.now() - started });
  }
  return { cases, ms: Date.now() - started };
}
