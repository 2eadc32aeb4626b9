import type { Locale } from '../i18n/locale.ts';
import type { ItemDefinition, ItemFee, LegalBasis } from '../../contract/catalog/item.ts';

/**
 * 办事指南 in the caller's language: an item's legal basis, conditions, fees and place as a guide
 * shows them. A version stored before the catalog had its English fields shows the Chinese.
 */

const english = (locale: Locale, en: string | undefined, zh: string) => (locale === 'en' && en?.trim() ? en : zh);

/**
 * A legal basis (设定依据). In English the title and article as the law is known in English and an
 * unofficial rendering of the text (`translated`), with the Chinese wording (`original`), which is the law.
 */
export function legalBasisIn(b: LegalBasis, locale: Locale) {
  const translated = locale === 'en' && Boolean(b.textEn?.trim());
  return {
    title: english(locale, b.titleEn, b.title),
    article: english(locale, b.articleEn, b.article),
    text: translated ? b.textEn : b.text,
    sample: b.sample,
    translated,
    original: translated ? { title: b.title, article: b.article, text: b.text } : null,
  };
}

/** A fee (收费) named and founded in the language. */
export const feeIn = (f: ItemFee, locale: Locale) => ({
  name: english(locale, f.nameEn, f.name),
  amountCents: f.amountCents,
  basis: english(locale, f.basisEn, f.basis),
});

/** 申请条件 in the language (the Chinese where the English ones do not pair with them). */
export const conditionsIn = (d: Pick<ItemDefinition, 'conditions' | 'conditionsEn'>, locale: Locale): string[] =>
  locale === 'en' && d.conditionsEn?.length === d.conditions.length ? d.conditionsEn : d.conditions;

/** 办理地点 in the language. */
export const placeIn = (d: Pick<ItemDefinition, 'place' | 'placeEn'>, locale: Locale): string => english(locale, d.placeEn, d.place);

/** The texts of an item's guide in the language: legal basis, conditions, fees, place. */
export const guideTexts = (d: ItemDefinition, locale: Locale) => ({
  legalBasis: d.legalBasis.map((b) => legalBasisIn(b, locale)),
  conditions: conditionsIn(d, locale),
  fees: d.fees.map((f) => feeIn(f, locale)),
  place: placeIn(d, locale),
});
