import type { Sequelize, Transaction } from 'sequelize';
import { upsertCounts } from '../db/upsert-counts.ts';
import { MEASURES, type Counts } from '../../contract/indicators.ts';
import { STAFF_MEASURES, type StaffCounts } from '../../contract/staff-indicators.ts';
import { keyOf } from './contributions.ts';
import type { CountRows } from './count-maps.ts';
import { staffKeyOf } from './staff-facts.ts';

/** The day or month a table counts a day's changes on. */
const PERIODS = [
  { suffix: 'day', of: (day: string) => day },
  { suffix: 'month', of: (day: string) => day.slice(0, 7) },
] as const;

/** A table's rows of the changes: the key (its period first, of `day`) with the changes summed (a month's row takes its days'). */
function regroup<M extends string>(
  delta: CountRows<M>,
  keyOf: (key: string) => [string, ...unknown[]],
  of: (day: string) => string,
): [unknown[], Partial<Record<M, number>>][] {
  const rows = new Map<string, [unknown[], Partial<Record<M, number>>]>();
  for (const [key, counts] of delta) {
    const [day, ...rest] = keyOf(key);
    const at = [of(day), ...rest];
    const id = at.join('|');
    const row: [unknown[], Partial<Record<M, number>>] = rows.get(id) ?? [at, {}];
    for (const [m, v] of Object.entries(counts) as [M, number][]) row[1][m] = (row[1][m] ?? 0) + v;
    rows.set(id, row);
  }
  return [...rows.values()];
}

/** Adds changes to the indicator counters, per day (indicator_counts, migration 0035) and per month (indicator_months, 0039); contract/indicators.ts MEASURES are their columns. */
export async function addCounts(sequelize: Sequelize, delta: CountRows<keyof Counts>, transaction: Transaction): Promise<void> {
  for (const [table, { suffix, of }] of [
    ['indicator_counts', PERIODS[0]],
    ['indicator_months', PERIODS[1]],
  ] as const) {
    const keyOfRow = (key: string): [string, ...unknown[]] => {
      const k = keyOf(key);
      return [k.day, k.regionCode, k.departmentCode, k.itemCode, k.bundleCode, k.channel];
    };
    await upsertCounts(
      sequelize,
      table,
      [suffix, 'region_code', 'department_code', 'item_code', 'bundle_code', 'channel'],
      regroup(delta, keyOfRow, of),
      MEASURES,
      transaction,
    );
  }
}

/** Adds changes to the staff counters, per day (staff_counts, migration 0040) and per month (staff_months, 0043); contract/staff-indicators.ts STAFF_MEASURES are their columns. */
export async function addStaffCounts(sequelize: Sequelize, delta: CountRows<keyof StaffCounts>, transaction: Transaction): Promise<void> {
  for (const [table, { suffix, of }] of [
    ['staff_counts', PERIODS[0]],
    ['staff_months', PERIODS[1]],
  ] as const) {
    const keyOfRow = (key: string): [string, ...unknown[]] => {
      const k = staffKeyOf(key);
      return [k.day, k.userId, k.departmentCode, k.regionCode];
    };
    await upsertCounts(sequelize, table, [suffix, 'user_id', 'department_code', 'region_code'], regroup(delta, keyOfRow, of), STAFF_MEASURES, transaction);
  }
}
