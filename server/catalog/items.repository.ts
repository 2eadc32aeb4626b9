import type { Transaction } from 'sequelize';
import { Item } from './item.model.ts';
import type { ItemDefinition } from '../../contract/catalog/item.ts';
import type { CatalogSource } from './item.model.ts';
import { latestPerCode, versionFor } from './versioning.ts';

export interface ItemVersion {
  code: string;
  version: number;
  name: string;
  departmentCode: string;
  processKey: string;
  definition: ItemDefinition;
  formSchema: Record<string, unknown>;
}

const plain = (row: Item): ItemVersion => ({
  code: row.code,
  version: row.version,
  name: row.name,
  departmentCode: row.departmentCode,
  processKey: row.processKey,
  definition: row.definition,
  formSchema: row.formSchema,
});

export async function latestItem(code: string, transaction?: Transaction): Promise<ItemVersion | undefined> {
  const row = await Item.findOne({ where: { code }, order: [['version', 'DESC']], transaction });
  return row ? plain(row) : undefined;
}

export async function itemVersion(code: string, version: number): Promise<ItemVersion | undefined> {
  const row = await Item.findOne({ where: { code, version } });
  return row ? plain(row) : undefined;
}

export async function latestItems(): Promise<ItemVersion[]> {
  const rows = await Item.findAll({
    order: [
      ['code', 'ASC'],
      ['version', 'DESC'],
    ],
  });
  return latestPerCode(rows).map(plain);
}

/** Stores a new version when the definition or form changed (see versionFor); returns the current version. */
export async function upsertItemVersion(
  definition: ItemDefinition,
  formSchema: Record<string, unknown>,
  contentHash: string,
  source: CatalogSource = 'file',
  editedBy: number | null = null,
): Promise<{ version: number; isNew: boolean }> {
  const rows = await Item.findAll({ where: { code: definition.code }, attributes: ['version', 'contentHash', 'source'] });
  const { version, isNew } = versionFor(rows, contentHash, source);
  if (isNew) {
    await Item.create({
      code: definition.code,
      version,
      name: definition.name,
      departmentCode: definition.departmentCode,
      processKey: definition.processKey,
      definition,
      formSchema,
      contentHash,
      source,
      editedBy,
    });
  }
  return { version, isNew };
}
