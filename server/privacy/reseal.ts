import { Op, type Model, type ModelStatic, type Sequelize, type WhereOptions } from 'sequelize';
import type { Logger } from 'pino';
import { personalDataRing } from './keys.ts';
import { SEALED, type SealedMark } from './sealed-column.ts';

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
        // reading opens the old seal (or the clear value); writing seals it anew, with its hash
        for (const a of attributes) row.set(a.attribute, row.get(a.attribute));
        await row.save({ fields: attributes.flatMap((a) => (a.hashField ? [a.attribute, a.hashField] : [a.attribute])), silent: true, hooks: false });
      }
      count += rows.length;
      after = rows[rows.length - 1]!.get('id') as number;
    }
    if (count) counts[model.tableName] = count;
  }
  if (Object.keys(counts).length) logger?.info({ resealed: counts, key: current }, 'personal data sealed under the current key');
  return counts;
}
