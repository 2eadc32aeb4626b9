import { QueryTypes, type Sequelize, type Transaction } from 'sequelize';
import { MEASURES, type Counts } from '../../contract/indicators.ts';
import { STAFF_MEASURES, type StaffCounts } from '../../contract/staff-indicators.ts';
import { keyOf } from './contributions.ts';
import type { CountRows } from './count-maps.ts';
import { staffKeyOf } from './staff-facts.ts';

const ROWS_PER_STATEMENT = 200;

/**
 * Adds rows of counters to a table whose key is `keyColumns` and whose other columns are measures:
 * one statement per 200 rows, inserting a row that is not there and adding to the one that is
 * (MariaDB/MySQL ON DUPLICATE KEY, SQLite ON CONFLICT).
 */
async function upsertCounts<M extends string>(
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

/** The two tables of indicator counters: per day (indicator_counts, migration 0035) and per month (indicator_months, 0039). */
const TABLES = [
  { table: 'indicator_counts', period: 'day', of: (day: string) => day },
  { table: 'indicator_months', period: 'month', of: (day: string) => day.slice(0, 7) },
] as const;

/** Adds changes to the indicator counters, per day and per month alike (contract/indicators.ts MEASURES are their columns). */
export async function addCounts(sequelize: Sequelize, delta: CountRows<keyof Counts>, transaction: Transaction): Promise<void> {
  for (const { table, period, of } of TABLES) {
    // the changes of this table's rows: a month's row takes the sum of its days' changes
    const rows = new Map<string, [unknown[], Counts]>();
    for (const [key, counts] of delta) {
      const k = keyOf(key);
      const at = [of(k.day), k.regionCode, k.departmentCode, k.itemCode, k.bundleCode, k.channel];
      const id = at.join('|');
      const row = rows.get(id) ?? [at, {}];
      for (const [m, v] of Object.entries(counts) as [keyof Counts, number][]) row[1][m] = (row[1][m] ?? 0) + v;
      rows.set(id, row);
    }
    await upsertCounts(
      sequelize,
      table,
      [period, 'region_code', 'department_code', 'item_code', 'bundle_code', 'channel'],
      [...rows.values()],
      MEASURES,
      transaction,
    );
  }
}

/** Adds changes to staff_counts (migration 0040; contract/staff-indicators.ts STAFF_MEASURES are its columns). */
export async function addStaffCounts(sequelize: Sequelize, delta: CountRows<keyof StaffCounts>, transaction: Transaction): Promise<void> {
  const rows = [...delta.entries()].map(([key, counts]): [unknown[], StaffCounts] => {
    const k = staffKeyOf(key);
    return [[k.day, k.userId, k.departmentCode, k.regionCode], counts];
  });
  await upsertCounts(sequelize, 'staff_counts', ['day', 'user_id', 'department_code', 'region_code'], rows, STAFF_MEASURES, transaction);
}
