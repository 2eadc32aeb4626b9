/**
 * The hall display says each call aloud with the browser's speech synthesis: 请 A012 号到 01 号窗口办理,
 * or in English. Browsers speak only after a gesture on the page, hence the display's sound button.
 */
export function callText(number: string, windowNumber: string, locale: string): string {
  return locale === 'en' ? `Number ${number}, please go to window ${windowNumber}` : `请 ${number} 号到 ${windowNumber} 号窗口办理`;
}

export const speechAvailable = (): boolean => typeof window !== 'undefined' && 'speechSynthesis' in window && typeof SpeechSynthesisUtterance !== 'undefined';

export function announce(text: string, locale: string): void {
  if (!speechAvailable()) return;
  const utterance = new SpeechSynthesisUtterance(text);
  utterance.lang = locale === 'en' ? 'en-US' : 'zh-CN';
  utterance.rate = 0.9;
  window.speechSynthesis.speak(utterance);
}
