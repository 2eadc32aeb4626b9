import { computed, watch } from 'vue';
import { createI18n } from 'vue-i18n';
import elementZhCn from 'element-plus/es/locale/lang/zh-cn';
import elementEn from 'element-plus/es/locale/lang/en';
import zhCN from './zh-CN.ts';
import en from './en.ts';
import { setApiLanguage } from '../api/http.ts';

export const LOCALES = ['zh-CN', 'en'] as const;
export type AppLocale = (typeof LOCALES)[number];
const STORAGE_KEY = 'approval.locale';

const stored = localStorage.getItem(STORAGE_KEY);
const initial: AppLocale = stored === 'en' ? 'en' : 'zh-CN';

/** zh-CN by default, English second; the choice is remembered on this device. */
export const i18n = createI18n({
  legacy: false,
  locale: initial,
  fallbackLocale: 'zh-CN',
  messages: { 'zh-CN': zhCN, en },
});

const current = i18n.global.locale;

/** Element Plus speaks the app's language (date pickers, pagers, empty states …). */
export const elementLocale = computed(() => (current.value === 'en' ? elementEn : elementZhCn));

export const appLocale = computed<AppLocale>(() => (current.value === 'en' ? 'en' : 'zh-CN'));

export function setLocale(locale: AppLocale): void {
  current.value = locale;
}

watch(
  current,
  (locale) => {
    localStorage.setItem(STORAGE_KEY, locale);
    document.documentElement.lang = locale;
    document.title = i18n.global.t('app.title');
    setApiLanguage(locale);
  },
  { immediate: true },
);
