import { filedByAgent } from '../../contract/catalog/item.ts';
import type { ItemVersion } from './items.repository.ts';

/** The items as a case filed by an agent applies for them (授权委托书 required: contract/catalog/item.ts filedByAgent); unchanged otherwise. */
export const asFiled = (items: ItemVersion[], byAgent: boolean): ItemVersion[] =>
  byAgent ? items.map((item) => ({ ...item, definition: { ...item.definition, materials: filedByAgent(item.definition.materials) } })) : items;
