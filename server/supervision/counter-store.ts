import { QueryTypes, type Sequelize, type Transaction } from 'sequelize';
import { MEASURES, type Counts, type Measure } from '../../contract/indicators.ts';
import { keyOf } from './contributions.ts';

const KEY_COLUMNS = ['day', 'region_code', 'department_code', 'item_code', 'bundle_code', 'channel'] as const;
const ROWS_PER_STATEMENT = 200;

/**
 * Adds changes to indicator_counts: one statement per 200 rows, inserting a row that is not there
 * and adding to the one that is (MariaDB/MySQL ON DUPLICATE KEY, SQLite ON CONFLICT). Measures are
 * columns of the table (contract/indicators.ts MEASURES; migration 0035 made one per measure).
 */
export async function addCounts(sequelize: Sequelize, delta: Map<string, Counts>, transaction: Transaction): Promise<void> {
  const entries = [...delta.entries()];
  if (entries.length === 0) return;
  const measures = [...new Set(entries.flatMap(([, c]) => Object.keys(c) as Measure[]))].filter((m) => MEASURES.includes(m));
  const dialect = sequelize.getDialect();
  const columns = [...KEY_COLUMNS, ...measures];
  const update =
    dialect === 'sqlite'
      ? `ON CONFLICT (${KEY_COLUMNS.join(', ')}) DO UPDATE SET ${measures.map((m) => `${m} = ${m} + excluded.${m}`).join(', ')}`
      : `ON DUPLICATE KEY UPDATE ${measures.map((m) => `${m} = ${m} + VALUES(${m})`).join(', ')}`;
  for (let i = 0; i < entries.length; i += ROWS_PER_STATEMENT) {
    const slice = entries.slice(i, i + ROWS_PER_STATEMENT);
    const bind: unknown[] = [];
    const values = slice.map(([key, counts]) => {
      const k = keyOf(key);
      bind.push(k.day, k.regionCode, k.departmentCode, k.itemCode, k.bundleCode, k.channel, ...measures.map((m) => counts[m] ?? 0));
      return `(${columns.map(() => '?').join(', ')})`;
    });
    await sequelize.query(`INSERT INTO indicator_counts (${columns.join(', ')}) VALUES ${values.join(', ')} ${update}`, {
      replacements: bind,
      type: QueryTypes.INSERT,
      transaction,
    });
  }
}
