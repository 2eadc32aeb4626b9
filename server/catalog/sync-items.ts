import type { Logger } from 'pino';
import type { ProcessFolder } from './process-folders.ts';
import { upsertItemVersion } from './items.repository.ts';

/** Brings the items table up to date with processes/*: a changed item.json or form becomes a new version. */
export async function syncItems(folders: ProcessFolder[], logger: Logger): Promise<void> {
  for (const folder of folders) {
    if (!folder.item) continue;
    const { definition, formSchema, contentHash } = folder.item;
    const version = await upsertItemVersion(definition, formSchema, contentHash);
    logger.debug({ itemCode: definition.code, version }, 'item in catalog');
  }
}
