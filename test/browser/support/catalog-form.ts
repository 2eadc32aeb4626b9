import type { Locator, Page } from 'playwright-core';
import { pickOption } from './select.js';

/** The catalog editor's fields (事项与一件事编辑), as an analyst fills them. */

export const field = (page: Page, name: string) => page.locator(`[data-test=field-${name}]`);

/** The message Element Plus shows under a form field. */
export const fieldError = (page: Page, name: string) => field(page, name).locator('.el-form-item__error').first();

/** Opens an Element Plus select and picks the option with this text (typing it first where the select is searchable). */
export async function choose(page: Page, select: Locator, text: string, search?: string): Promise<void> {
  await pickOption(page, select, text, { search });
}

/**
 * Chooses the n-th material from the catalog, and sees it chosen: on a loaded machine a click can
 * land on the list of the select closing before it, so it is chosen again once if it did not take.
 */
export async function chooseMaterial(page: Page, n: number, text: string, search: string): Promise<void> {
  const select = page.locator(`[data-test=material-${n}-code]`);
  for (let attempt = 1; ; attempt++) {
    await choose(page, select, text, search);
    try {
      await select.filter({ hasText: text }).waitFor({ timeout: 5_000 });
      return;
    } catch (err) {
      if (attempt === 2) throw err;
      await page.keyboard.press('Escape');
    }
  }
}

export async function setNumber(page: Page, name: string, value: number): Promise<void> {
  const input = field(page, name).locator('input').first();
  await input.fill(String(value));
  await input.press('Tab');
}

export interface NewItem {
  code: string;
  name: string;
  nameEn: string;
  /** the department's name as listed */
  department: string;
  statutoryDays: number;
  promisedDays: number;
  /** working days of the process's review step (its user task `review`) */
  reviewDays: number;
}

/**
 * Fills a new item on the editor's page (opened from a deployed process, so the process is chosen):
 * the elements every item needs (the English beside the Chinese), the 居民身份证 and the authorisation
 * an agent hands in (an item taking online applications lists one), the centre's window and phone.
 */
export async function fillNewItem(page: Page, item: NewItem): Promise<void> {
  await field(page, 'code').locator('input').fill(item.code);
  await field(page, 'name').locator('input').fill(item.name);
  await field(page, 'nameEn').locator('input').fill(item.nameEn);
  await choose(page, field(page, 'departmentCode').locator('.el-select'), item.department);
  await field(page, 'legalBasis').getByPlaceholder('法律法规名称', { exact: true }).fill('《测试条例》');
  await field(page, 'legalBasis').getByPlaceholder('法律法规英文名称').fill('Test Regulations');
  await setNumber(page, 'statutoryDays', item.statutoryDays);
  await setNumber(page, 'promisedDays', item.promisedDays);
  const review = page.locator('[data-test=step-review]');
  await review.locator('input').fill(String(item.reviewDays));
  await review.locator('input').press('Tab');
  await page.locator('[data-test=add-material]').click();
  await chooseMaterial(page, 0, '居民身份证（id-card）', '身份证');
  await page.locator('[data-test=add-material]').click();
  await chooseMaterial(page, 1, '委托代理人授权书', '委托');
  // asked of agents only (the platform requires it of a case an agent files)
  await page.locator('[data-test=material-1-required]').click();
  await field(page, 'place').locator('input').fill('政务服务中心 2 号窗口');
  await field(page, 'placeEn').locator('input').fill('Window 2, Government Service Centre');
  await field(page, 'phone').locator('input').fill('0731-12345');
}
