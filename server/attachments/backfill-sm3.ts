import { Op } from 'sequelize';
import type { Logger } from 'pino';
import { Attachment } from './attachment.model.ts';
import { hashStoredFile } from './file-hashes.ts';
import type { ObjectStore } from '../storage/index.ts';

const BATCH = 200;

export interface Sm3Backfill {
  /** rows whose SM3 was filled */
  filled: number;
  /** rows left without SM3: the file is missing or no longer matches its SHA-256 (never certified anew) */
  refused: { id: string; reason: 'missing' | 'sha256_mismatch' }[];
}

/**
 * Fills the SM3 of attachments stored before it was recorded (migration 0048): each file is read
 * once, and its SM3 written only when its SHA-256 is still the one recorded at the upload, so a
 * file altered since is not given a fresh integrity hash (it stays checked by its SHA-256 and is
 * found altered). A row is written only while its SM3 is still empty: several runs at once only
 * repeat work. `npm run attachments:sm3`.
 */
export async function backfillAttachmentSm3(store: ObjectStore, logger?: Logger): Promise<Sm3Backfill> {
  const outcome: Sm3Backfill = { filled: 0, refused: [] };
  let after = '';
  for (;;) {
    const rows = await Attachment.findAll({
      attributes: ['id', 'storageKey', 'sha256'],
      where: { sm3: null, id: { [Op.gt]: after } },
      order: [['id', 'ASC']],
      limit: BATCH,
    });
    if (!rows.length) break;
    for (const row of rows) {
      let hashes;
      try {
        hashes = await hashStoredFile(store, row.storageKey, ['sha256', 'sm3']);
      } catch {
        outcome.refused.push({ id: row.id, reason: 'missing' });
        continue;
      }
      if (hashes.sha256 !== row.sha256) {
        outcome.refused.push({ id: row.id, reason: 'sha256_mismatch' });
        continue;
      }
      const [changed] = await Attachment.update({ sm3: hashes.sm3 }, { where: { id: row.id, sm3: null, sha256: row.sha256 } });
      outcome.filled += changed;
    }
    after = rows[rows.length - 1]!.id;
    logger?.info({ filled: outcome.filled, refused: outcome.refused.length, after }, 'attachments: SM3 filled so far');
  }
  return outcome;
}
