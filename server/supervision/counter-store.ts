import { QueryTypes, type Sequelize, type Transaction } from 'sequelize';
import { MEASURES, type Counts, type Measure } from '../../contract/indicators.ts';
import { keyOf, keyString } from './contributions.ts';

const DIMENSION_COLUMNS = ['region_code', 'department_code', 'item_code', 'bundle_code', 'channel'] as const;
const ROWS_PER_STATEMENT = 200;

/** The two tables of counters: per day (indicator_counts, migration 0035) and per month (indicator_months, 0039). */
const TABLES = [
  { table: 'indicator_counts', period: 'day', of: (day: string) => day },
  { table: 'indicator_months', period: 'month', of: (day: string) => day.slice(0, 7) },
] as const;

/**
 * Adds changes to the counters, per day and per month alike: one statement per 200 rows, inserting
 * a row that is not there and adding to the one that is (MariaDB/MySQL ON DUPLICATE KEY, SQLite ON
 * CONFLICT). Measures are columns of the tables (contract/indicators.ts MEASURES).
 */
export async function addCounts(sequelize: Sequelize, delta: Map<string, Counts>, transaction: Transaction): Promise<void> {
  if (delta.size === 0) return;
  const measures = [...new Set([...delta.values()].flatMap((c) => Object.keys(c) as Measure[]))].filter((m) => MEASURES.includes(m));
  const sqlite = sequelize.getDialect() === 'sqlite';
  for (const { table, period, of } of TABLES) {
    // the changes of this table's rows: a month's row takes the sum of its days' changes
    const rows = new Map<string, Counts>();
    for (const [key, counts] of delta) {
      const k = keyOf(key);
      const at = keyString({ ...k, day: of(k.day) });
      const row = rows.get(at) ?? {};
      for (const m of measures) row[m] = (row[m] ?? 0) + (counts[m] ?? 0);
      rows.set(at, row);
    }
    const keyColumns = [period, ...DIMENSION_COLUMNS];
    const columns = [...keyColumns, ...measures];
    const update = sqlite
      ? `ON CONFLICT (${keyColumns.join(', ')}) DO UPDATE SET ${measures.map((m) => `${m} = ${m} + excluded.${m}`).join(', ')}`
      : `ON DUPLICATE KEY UPDATE ${measures.map((m) => `${m} = ${m} + VALUES(${m})`).join(', ')}`;
    const entries = [...rows.entries()];
    for (let i = 0; i < entries.length; i += ROWS_PER_STATEMENT) {
      const bind: unknown[] = [];
      const values = entries.slice(i, i + ROWS_PER_STATEMENT).map(([key, counts]) => {
        const k = keyOf(key);
        bind.push(k.day, k.regionCode, k.departmentCode, k.itemCode, k.bundleCode, k.channel, ...measures.map((m) => counts[m] ?? 0));
        return `(${columns.map(() => '?').join(', ')})`;
      });
      await sequelize.query(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${values.join(', ')} ${update}`, {
        replacements: bind,
        type: QueryTypes.INSERT,
        transaction,
      });
    }
  }
}
