import { Bundle } from './bundle.model.ts';
import type { CatalogSource } from './item.model.ts';
import { latestPerCode, versionFor } from './versioning.ts';
import type { BundleDefinition } from '../../contract/catalog/bundle.ts';

export interface BundleVersion {
  code: string;
  version: number;
  definition: BundleDefinition;
}

const plain = (row: Bundle): BundleVersion => ({ code: row.code, version: row.version, definition: row.definition });

export async function latestBundle(code: string): Promise<BundleVersion | undefined> {
  const row = await Bundle.findOne({ where: { code }, order: [['version', 'DESC']] });
  return row ? plain(row) : undefined;
}

export async function bundleVersion(code: string, version: number): Promise<BundleVersion | undefined> {
  const row = await Bundle.findOne({ where: { code, version } });
  return row ? plain(row) : undefined;
}

export async function latestBundles(): Promise<BundleVersion[]> {
  const rows = await Bundle.findAll({
    order: [
      ['code', 'ASC'],
      ['version', 'DESC'],
    ],
  });
  return latestPerCode(rows).map(plain);
}

/** Stores a new version when the definition changed (see versionFor); returns the current version. */
export async function upsertBundleVersion(
  definition: BundleDefinition,
  contentHash: string,
  source: CatalogSource = 'file',
  editedBy: number | null = null,
): Promise<{ version: number; isNew: boolean }> {
  const rows = await Bundle.findAll({ where: { code: definition.code }, attributes: ['version', 'contentHash', 'source'] });
  const { version, isNew } = versionFor(rows, contentHash, source);
  if (isNew) await Bundle.create({ code: definition.code, version, name: definition.name, definition, contentHash, source, editedBy });
  return { version, isNew };
}
