import type { Locator, Page } from 'playwright-core';

/**
 * Opens an Element Plus select and clicks the option with this text. On a loaded machine the
 * click that opens a select can land while the list of the select chosen before it is still
 * closing, and the list does not open: the select is opened again until its options show.
 */
export async function pickOption(page: Page, select: Locator, text: string, options: { search?: string; exact?: boolean } = {}): Promise<void> {
  const option = page
    .getByRole('option', { name: text, exact: options.exact ?? false })
    .filter({ visible: true })
    .first();
  for (let attempt = 1; ; attempt++) {
    await select.click();
    if (options.search) {
      await page.keyboard.press('ControlOrMeta+A');
      await page.keyboard.type(options.search);
    }
    try {
      await option.waitFor({ timeout: attempt === 3 ? 30_000 : 5_000 });
      break;
    } catch (err) {
      if (attempt === 3) throw err;
      await page.keyboard.press('Escape');
    }
  }
  await option.click();
}
