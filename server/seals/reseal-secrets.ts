import { Op } from 'sequelize';
import type { Logger } from 'pino';
import { Seal } from './seal.model.ts';
import { decryptSecret, encryptSecret } from './seal-secrets.ts';

export interface ResealOutcome {
  /** seals whose certificate password was sealed again in the SM4 form */
  resealed: number[];
  /** seals whose stored password did not open under SEAL_KEY (left as they were) */
  failed: number[];
}

/**
 * Seals every certificate password still in the form before SM4 (./seal-secrets.ts) again, in the
 * SM4 + HMAC-SM3 form under the same SEAL_KEY. Run at the server's start (a few rows, nothing when
 * done) and by `npm run seals:reseal`. A row is written only while it still holds what was read,
 * so several nodes at once only repeat work. One that does not open (another SEAL_KEY, a changed
 * value) is left as it is and named: the seal stays unusable until an administrator replaces it.
 */
export async function resealSealSecrets(sealKey: string, logger?: Logger): Promise<ResealOutcome> {
  const outcome: ResealOutcome = { resealed: [], failed: [] };
  const rows = await Seal.findAll({
    attributes: ['id', 'departmentCode', 'certificateSerial', 'p12Password'],
    where: { p12Password: { [Op.notLike]: 'ss1.%' } },
    order: [['id', 'ASC']],
  });
  for (const row of rows) {
    let clear: string;
    try {
      clear = decryptSecret(sealKey, row.p12Password, row);
    } catch {
      outcome.failed.push(row.id);
      continue;
    }
    const [changed] = await Seal.update(
      { p12Password: encryptSecret(sealKey, clear, row) },
      { where: { id: row.id, p12Password: row.p12Password }, silent: true },
    );
    if (changed) outcome.resealed.push(row.id);
  }
  if (outcome.resealed.length) logger?.info({ seals: outcome.resealed }, 'seal certificate passwords sealed again with SM4 + HMAC-SM3');
  if (outcome.failed.length) logger?.error({ seals: outcome.failed }, 'seal certificate passwords that do not open under SEAL_KEY: replace these seals');
  return outcome;
}
