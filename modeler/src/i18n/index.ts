import { computed, watch } from 'vue';
import { createI18n } from 'vue-i18n';
import elementZhCn from 'element-plus/es/locale/lang/zh-cn';
// Element Plus's own default, in its bundle whatever we import
import elementEn from 'element-plus/es/locale/lang/en';
import zhCN from './zh-CN.ts';
import { setApiLanguage } from '../api/http.ts';

export const LOCALES = ['zh-CN', 'en'] as const;
export type AppLocale = (typeof LOCALES)[number];
const STORAGE_KEY = 'approval.locale';
const remembered: AppLocale = localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh-CN';

/**
 * zh-CN by default, English second; the choice is remembered on this device. Every page's English
 * texts (each module's `*.en.ts`, gathered in ./en.ts) are a chunk of their own, fetched when
 * English is chosen: most people never download them.
 */
export const i18n = createI18n({
  legacy: false,
  locale: 'zh-CN',
  fallbackLocale: 'zh-CN',
  // English arrives with setLocale('en')
  messages: { 'zh-CN': zhCN } as Partial<Record<AppLocale, typeof zhCN>>,
});

const current = i18n.global.locale;

/** Element Plus speaks the app's language (date pickers, pagers, empty states …). */
export const elementLocale = computed(() => (current.value === 'en' ? elementEn : elementZhCn));

export const appLocale = computed<AppLocale>(() => (current.value === 'en' ? 'en' : 'zh-CN'));

let english: Promise<void> | undefined;
/** The English texts, fetched once (again after a failed fetch). */
function loadEnglish(): Promise<void> {
  english ??= import('./en.ts').then(
    (texts) => i18n.global.setLocaleMessage('en', texts.default),
    (err: unknown) => {
      english = undefined;
      throw err;
    },
  );
  return english;
}

/** Switches the pages' language; English once its texts are here (the page stays in Chinese if they cannot be fetched). */
export async function setLocale(locale: AppLocale): Promise<void> {
  if (locale === 'en') await loadEnglish();
  current.value = locale;
}

/** The language remembered on this device, its texts fetched before the first page is drawn. */
export async function restoreLocale(): Promise<void> {
  if (remembered === 'en') await setLocale('en').catch(() => undefined);
}

/** The page, its title and the API's answers in the pages' language */
function speak(locale: string): void {
  document.documentElement.lang = locale;
  document.title = i18n.global.t('app.title');
  setApiLanguage(locale);
}
speak(current.value);
watch(current, (locale) => {
  localStorage.setItem(STORAGE_KEY, locale);
  speak(locale);
});
