import type { Locator, Page } from 'playwright-core';

/** The text box of an Element Plus field, which puts its data-test on the box or on a wrapper (an input number, a select). */
export const box = (scope: Page | Locator, name: string): Locator =>
  scope.locator(`input[data-test=${name}], textarea[data-test=${name}], [data-test=${name}] input, [data-test=${name}] textarea`).first();
