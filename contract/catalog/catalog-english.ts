import type { BundleDefinition } from './bundle.ts';
import type { ItemFile } from './item.ts';

const filled = (s: string | undefined) => Boolean(s && s.trim());

/**
 * Where an item's English says less than its Chinese (the schema requires the English fields; this
 * pairs them): a condition without its English one, a legal basis's article or text, or a fee's
 * basis, given in Chinese only. Answers the fields, as dotted paths inside the definition
 * (`conditionsEn`, `legalBasis.0.textEn`, `fees.1.basisEn`). The server's catalog check
 * (server/catalog/process-folders.ts) and the analysts' editor (modeler/src/catalog-editor/checks.ts) ask it.
 */
export function missingEnglish(item: Pick<ItemFile, 'legalBasis' | 'conditions' | 'conditionsEn' | 'fees'>): string[] {
  const missing: string[] = [];
  if ((item.conditionsEn ?? []).length !== item.conditions.length) missing.push('conditionsEn');
  item.legalBasis.forEach((b, i) => {
    if (filled(b.article) && !filled(b.articleEn)) missing.push(`legalBasis.${i}.articleEn`);
    if (filled(b.text) && !filled(b.textEn)) missing.push(`legalBasis.${i}.textEn`);
  });
  item.fees.forEach((f, i) => {
    if (filled(f.basis) && !filled(f.basisEn)) missing.push(`fees.${i}.basisEn`);
  });
  return missing;
}

/** Where a bundle's English says less than its Chinese: a description (一件事说明) without its English one. */
export const bundleMissingEnglish = (bundle: Pick<BundleDefinition, 'description' | 'descriptionEn'>): string[] =>
  filled(bundle.description) && !filled(bundle.descriptionEn) ? ['descriptionEn'] : [];
