import { QueryTypes, type Sequelize, type Transaction } from 'sequelize';

const ROWS_PER_STATEMENT = 200;

/**
 * Adds rows of counters to a table whose key is `keyColumns` and whose other columns are measures:
 * one statement per 200 rows, inserting a row that is not there and adding to the one that is
 * (MariaDB/MySQL ON DUPLICATE KEY, SQLite ON CONFLICT).
 */
export async function upsertCounts<M extends string>(
  sequelize: Sequelize,
  table: string,
  keyColumns: string[],
  rows: [unknown[], Partial<Record<M, number>>][],
  known: readonly M[],
  transaction: Transaction,
): Promise<void> {
  const measures = [...new Set(rows.flatMap(([, c]) => Object.keys(c) as M[]))].filter((m) => known.includes(m));
  if (rows.length === 0 || measures.length === 0) return;
  const columns = [...keyColumns, ...measures];
  const update =
    sequelize.getDialect() === 'sqlite'
      ? `ON CONFLICT (${keyColumns.join(', ')}) DO UPDATE SET ${measures.map((m) => `${m} = ${m} + excluded.${m}`).join(', ')}`
      : `ON DUPLICATE KEY UPDATE ${measures.map((m) => `${m} = ${m} + VALUES(${m})`).join(', ')}`;
  for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) {
    const bind: unknown[] = [];
    const values = rows.slice(i, i + ROWS_PER_STATEMENT).map(([key, counts]) => {
      bind.push(...key, ...measures.map((m) => counts[m] ?? 0));
      return `(${columns.map(() => '?').join(', ')})`;
    });
    await sequelize.query(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${values.join(', ')} ${update}`, {
      replacements: bind,
      type: QueryTypes.INSERT,
      transaction,
    });
  }
}
