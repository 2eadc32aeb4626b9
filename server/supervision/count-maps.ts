/** Counters by row (a key string → counts per measure), as the projection adds and subtracts them. */
export type CountRows<M extends string> = Map<string, Partial<Record<M, number>>>;

/** Adds `counts` (times `sign`) to the row `key` of `rows`. */
export function addRow<M extends string>(rows: CountRows<M>, key: string, counts: Partial<Record<M, number>>, sign: 1 | -1 = 1): void {
  const row: Partial<Record<M, number>> = rows.get(key) ?? {};
  for (const [m, v] of Object.entries(counts) as [M, number][]) if (v) row[m] = (row[m] ?? 0) + sign * v;
  rows.set(key, row);
}

/** What changes from `before` to `after`: rows and measures with nothing to change left out. */
export function difference<M extends string>(before: CountRows<M>, after: CountRows<M>): CountRows<M> {
  const delta: CountRows<M> = new Map();
  for (const [key, counts] of before) addRow(delta, key, counts, -1);
  for (const [key, counts] of after) addRow(delta, key, counts, 1);
  for (const [key, counts] of delta) {
    for (const m of Object.keys(counts) as M[]) if (counts[m] === 0) delete counts[m];
    if (Object.keys(counts).length === 0) delta.delete(key);
  }
  return delta;
}
