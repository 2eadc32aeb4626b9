import { Bundle } from '../db/index.ts';
import { latestPerCode, versionFor } from '../catalog/versioning.ts';
import type { BundleDefinition } from './bundle-definition.ts';

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
  const rows = await Bundle.findAll({ order: [['code', 'ASC'], ['version', 'DESC']] });
  return latestPerCode(rows).map(plain);
}

export async function upsertBundleVersion(definition: BundleDefinition, contentHash: string): Promise<number> {
  const latest = await Bundle.findOne({ where: { code: definition.code }, order: [['version', 'DESC']] });
  const { version, isNew } = versionFor(latest, contentHash);
  if (isNew) await Bundle.create({ code: definition.code, version, name: definition.name, definition, contentHash });
  return version;
}
