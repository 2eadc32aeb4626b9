import { ref, watch } from 'vue';

const STORAGE_KEY = 'approval.largeText';

/**
 * 适老化: larger text and controls everywhere (a class on <html> raises the base size and
 * Element Plus's size variables, styles/base.css). Remembered on this device.
 */
export const largeText = ref(localStorage.getItem(STORAGE_KEY) === '1');

watch(
  largeText,
  (on) => {
    localStorage.setItem(STORAGE_KEY, on ? '1' : '0');
    document.documentElement.classList.toggle('large-text', on);
  },
  { immediate: true },
);
