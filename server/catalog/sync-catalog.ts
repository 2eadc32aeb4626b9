import type { Logger } from 'pino';
import type { ProcessFolder } from './process-folders.ts';
import { upsertItemVersion } from './items.repository.ts';
import { upsertBundleVersion } from './bundles.repository.ts';

/**
 * Brings the items and bundles tables up to date with processes/*: a changed item.json, form,
 * catalog entry or bundle.json becomes a new version; unchanged ones keep theirs, and so does a
 * version an editor saved through the catalog API since.
 */
export async function syncCatalog(folders: ProcessFolder[], logger: Logger): Promise<void> {
  for (const folder of folders) {
    if (folder.item) {
      const { definition, formSchema, contentHash } = folder.item;
      const { version } = await upsertItemVersion(definition, formSchema, contentHash);
      logger.debug({ itemCode: definition.code, version }, 'item in catalog');
    }
    if (folder.bundle) {
      const { version } = await upsertBundleVersion(folder.bundle.definition, folder.bundle.contentHash);
      logger.debug({ bundleCode: folder.bundle.definition.code, version }, 'bundle in catalog');
    }
  }
}
