import { FULLY_ONLINE_DEPTH, ONLINE_DEPTHS, ONLINE_DEPTH_LABELS } from '../../contract/catalog/online-depth.ts';
import type { Locale } from '../../contract/locale.ts';
import { latestItems } from '../catalog/index.ts';

/** 全程网办率's target (seed 000): 80% of the items at depth 4. */
export const FULLY_ONLINE_TARGET = 0.8;

/**
 * 全程网办率: the share of items at 网办深度 level 4, over the catalog's current items (of a
 * department, or one item). An indicator of the catalog, not of cases: it changes when an analyst
 * changes an item, and each item behind it is listed with its depth.
 */
export async function onlineDepth(locale: Locale, filters: { departmentCode?: string; itemCode?: string }) {
  const items = (await latestItems()).filter(
    (i) => (!filters.departmentCode || i.departmentCode === filters.departmentCode) && (!filters.itemCode || i.code === filters.itemCode),
  );
  const fullyOnline = items.filter((i) => i.definition.onlineDepth === FULLY_ONLINE_DEPTH).length;
  const rate = items.length ? fullyOnline / items.length : null;
  return {
    items: items.length,
    fullyOnline,
    rate,
    target: FULLY_ONLINE_TARGET,
    meets: rate === null ? null : rate >= FULLY_ONLINE_TARGET,
    byDepth: ONLINE_DEPTHS.map((depth) => ({
      depth,
      label: ONLINE_DEPTH_LABELS[depth][locale],
      items: items.filter((i) => i.definition.onlineDepth === depth).length,
    })),
    list: items
      .map((i) => ({ code: i.code, name: locale === 'en' ? i.definition.nameEn : i.name, departmentCode: i.departmentCode, depth: i.definition.onlineDepth }))
      .sort((a, b) => a.depth - b.depth || a.code.localeCompare(b.code)),
  };
}
