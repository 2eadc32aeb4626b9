import type { Locale } from '../../contract/locale.ts';
import { latestItems } from './items.repository.ts';
import { latestBundles } from './bundles.repository.ts';

/** A catalog code's name in one language: an item's or a 一件事 bundle's (their latest versions), else the code itself. */
export type CatalogName = (code: string) => string;

/**
 * The names of every item and bundle in the caller's language, for the pages that list cases by
 * what they apply for (an inbox, 我的办件, a case's documents): a bundle's case carries the
 * bundle's code, which reads as a code (XSECS) unless looked up here too.
 */
export async function catalogNames(locale: Locale): Promise<CatalogName> {
  const [items, bundles] = await Promise.all([latestItems(), latestBundles()]);
  const names = new Map<string, string>([
    ...items.map((i) => [i.code, locale === 'en' ? i.definition.nameEn : i.name] as const),
    ...bundles.map((b) => [b.code, locale === 'en' ? b.definition.nameEn : b.definition.name] as const),
  ]);
  return (code) => names.get(code) ?? code;
}
