import type { Page } from 'playwright-core';

/** what the function below reads in the page (the tests' type check has no DOM types) */
declare const document: { documentElement: { lang: string } };

/**
 * Chooses the page's language by its button in the header and waits until the page speaks it
 * (`<html lang>`): on a loaded machine a click can land while the page is still being replaced
 * (a sign-in's redirect), and is then made again.
 */
export async function language(page: Page, name: '中文' | 'English'): Promise<void> {
  const lang = name === 'English' ? 'en' : 'zh-CN';
  for (let attempt = 1; ; attempt++) {
    await page.getByRole('button', { name, exact: true }).first().click();
    try {
      await page.waitForFunction((wanted) => document.documentElement.lang === wanted, lang, { timeout: 5_000 });
      return;
    } catch (err) {
      if (attempt === 3) throw err;
    }
  }
}
