/** The languages the platform speaks: Chinese (the default) and English. */
export type Locale = 'zh-CN' | 'en';

/** A text in both languages. */
export type Localized = Record<Locale, string>;
