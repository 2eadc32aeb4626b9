import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { signIn } from './browser.ts';

/** What an analyst does on the 流程建模 canvas, as a person would: palette, context pad, template chooser. */

/** Signs in as the analyst, who lands on 流程建模. */
export const signInAnalyst = (page: Page) => signIn(page, 'analyst', '/modeling', '[data-test=draft-list], .el-empty');

export const canvas = (page: Page) => page.locator('[data-test=canvas]');
export const shape = (page: Page, id: string) => canvas(page).locator(`.djs-element[data-element-id="${id}"]`);

/** The centre of an element on the screen. */
export async function centre(page: Page, id: string): Promise<{ x: number; y: number }> {
  const box = (await shape(page, id).locator('.djs-hit').first().boundingBox())!;
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/** Takes a task from the palette and drops it at a point (on a sequence flow: bpmn-js splits the flow); its id. */
export async function dropTask(page: Page, at: { x: number; y: number }): Promise<string> {
  await page.locator('.djs-palette [data-action="create.task"]').click();
  await page.mouse.move(at.x - 20, at.y);
  await page.mouse.move(at.x, at.y, { steps: 5 });
  await page.mouse.click(at.x, at.y);
  // bpmn-js opens the new task's label for typing: leave it unnamed (the template names it)
  await page.locator('.djs-direct-editing-content').waitFor();
  await page.keyboard.press('Escape');
  // the new task is the one selected
  const id = await canvas(page).locator('.djs-shape.selected').getAttribute('data-element-id');
  expect(id, 'a new task on the canvas').to.match(/^Activity_/);
  return id!;
}

/**
 * Selects an element through the list of checks beside the canvas (each finding names its element
 * with a button that selects it): the context pad and the properties panel follow the selection.
 */
export async function select(page: Page, id: string): Promise<void> {
  await page.locator(`[data-test=lint] li[data-element-id="${id}"] button`).first().click();
  await canvas(page).locator(`.djs-shape.selected[data-element-id="${id}"]`).waitFor();
  await page.locator('.djs-context-pad').first().waitFor();
}

/** Changes an element's type through the context pad's replace menu. */
export async function replaceWith(page: Page, id: string, entry: 'replace-with-service-task' | 'replace-with-user-task'): Promise<void> {
  await select(page, id);
  await page.locator('.djs-context-pad [data-action="replace"]').click();
  await page.locator(`.djs-popup [data-id="${entry}"]`).click();
  await page.locator('.djs-popup').waitFor({ state: 'detached' });
}

/** Applies an element template to the selected element through the properties panel's template chooser. */
export async function applyTemplate(page: Page, id: string, name: string): Promise<void> {
  await canvas(page).locator(`.djs-shape.selected[data-element-id="${id}"]`).waitFor();
  const panel = page.locator('[data-test=properties-panel]');
  await panel.getByRole('button', { name: '选择', exact: true }).click();
  const chooser = page.locator('.djs-popup');
  await chooser.locator('input').fill(name);
  await chooser.locator('.entry', { hasText: name }).first().click();
  await chooser.waitFor({ state: 'detached' });
}
