import { Op, type Model, type ModelStatic, type Sequelize, type WhereOptions } from 'sequelize';
import type { Logger } from 'pino';
import { personalDataRing } from './keys.ts';
import { SEALED, type SealedMark } from './sealed-column.ts';
import { lookupHash, seal } from './sealing.ts';

const BATCH = 200;

interface SealedAttribute extends SealedMark {
  attribute: string;
  column: string;
}

function sealedAttributes(model: ModelStatic<Model>): SealedAttribute[] {
  return Object.entries(model.getAttributes()).flatMap(([attribute, options]) => {
    const mark = (options as unknown as Record<symbol, SealedMark | undefined>)[SEALED];
    return mark ? [{ attribute, column: options.field ?? attribute, ...mark }] : [];
  });
}

/**
 * The re-seal pass: every sealed attribute of every model (sealedColumn, sealedJsonColumn) still in
 * clear (written before sealing began) or sealed under an older key of the ring is sealed again
 * under the current one, and missing lookup hashes are filled. Run at the server's start (cheap
 * when nothing is left) and by `npm run personal-data:reseal` after a key rotation; once it has
 * run, the older key can leave the ring. Several nodes running it at once only repeat work.
 */
export async function resealPersonalData(sequelize: Sequelize, logger?: Logger): Promise<Record<string, number>> {
  const current = personalDataRing().current.id;
  const counts: Record<string, number> = {};
  for (const model of Object.values(sequelize.models)) {
    const attributes = sealedAttributes(model);
    if (!attributes.length) continue;
    const stale: WhereOptions[] = attributes.flatMap((a) => [
      { [a.attribute]: { [Op.and]: [{ [Op.ne]: null }, { [Op.notLike]: `${a.json ? '"' : ''}pd1:${current}:%` }] } },
      ...(a.hashField ? [{ [a.hashField]: null, [a.attribute]: { [Op.ne]: null } }] : []),
    ]);
    let after = 0;
    let count = 0;
    for (;;) {
      const rows = await model.findAll({ where: { [Op.and]: [{ id: { [Op.gt]: after } }, { [Op.or]: stale }] }, order: [['id', 'ASC']], limit: BATCH });
      if (!rows.length) break;
      for (const row of rows) {
        // reading opens the old seal (or the clear value); the new seal is written only where the
        // row still holds what was read, so a write made meanwhile (already sealed anew) is kept
        const values: Record<string, unknown> = {};
        const unchanged: Record<string, unknown> = { id: row.get('id') };
        for (const a of attributes) {
          const raw = row.getDataValue(a.attribute) as unknown;
          unchanged[a.column] = raw;
          const clear = row.get(a.attribute) as unknown;
          if (clear === null || clear === undefined) continue;
          values[a.column] = a.json ? JSON.stringify(seal(JSON.stringify(clear))) : seal(String(clear));
          if (a.hashField) values[model.getAttributes()[a.hashField]?.field ?? a.hashField] = lookupHash(String(clear));
        }
        if (await updateWhereUnchanged(sequelize, model, values, unchanged)) count++;
      }
      after = rows[rows.length - 1]!.get('id') as number;
    }
    if (count) counts[model.tableName] = count;
  }
  if (Object.keys(counts).length) logger?.info({ resealed: counts, key: current }, 'personal data sealed under the current key');
  return counts;
}

/** UPDATE … SET values WHERE each column still holds what was read (NULL compared as NULL); whether the row was written. */
async function updateWhereUnchanged(
  sequelize: Sequelize,
  model: ModelStatic<Model>,
  values: Record<string, unknown>,
  unchanged: Record<string, unknown>,
): Promise<boolean> {
  if (!Object.keys(values).length) return false;
  const where = Object.fromEntries(Object.entries(unchanged).map(([column, value]) => [column, value ?? null]));
  const result = (await sequelize.getQueryInterface().bulkUpdate(model.getTableName(), values, where)) as unknown;
  // SQLite answers the number of rows changed; MySQL/MariaDB [result, metadata] with affectedRows
  if (typeof result === 'number') return result > 0;
  const first = Array.isArray(result) ? result[0] : result;
  return typeof first === 'number' ? first > 0 : Number((first as { affectedRows?: number } | undefined)?.affectedRows ?? 0) > 0;
}
