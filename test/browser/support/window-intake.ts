import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { api } from '../../support/api.ts';
import { samplePdf, samplePng } from '../../support/files.ts';
import { RESTAURANT_ANSWERS } from '../../support/restaurant-bundle.ts';
import { screenshot } from './browser.ts';

export interface WindowIntake {
  caseNo: string;
  /** the materials the plan required, each uploaded */
  required: { code: string; formats: string[]; required: boolean }[];
}

/**
 * What a window clerk does for 开办餐饮店 (signed in, on any page): 综合窗口 → the bundle → the
 * questionnaire → the merged form for 张三 → an upload for every required material → submit;
 * ends on the printable receipt. Screenshots of each page are kept under `shots`-….
 */
export async function takeRestaurantAtWindow(page: Page, shots = 'window'): Promise<WindowIntake> {
  const plan = (await api().post('/api/v1/bundles/KBCYD/plan').send({ answers: RESTAURANT_ANSWERS })).body as { materials: WindowIntake['required'] };
  await page.locator('[data-test=nav-window]').click();
  await page.waitForURL('**/window');
  expect(await page.locator('h1').textContent()).to.equal('综合窗口受理');

  await page.locator('[data-test=bundle-KBCYD]').click();
  const questions = page.locator('[data-test=questionnaire]');
  await questions.waitFor();
  await questions.locator('[data-test=answer-needsBusinessRegistration-yes]').click();
  await questions.locator('[data-test=answer-premisesScale-small]').click();
  await questions.locator('[data-test=answer-needsSignboard-no]').click();
  await questions.locator('[data-test=answer-entrusted-no]').click();
  await screenshot(page, `${shots}-questionnaire`);
  await page.locator('[data-test=make-plan]').click();

  const form = page.locator('[data-test=merged-form]');
  await form.waitFor();
  await page.locator('[data-test=applicant-name]').fill('张三');
  await page.locator('[data-test=applicant-idNo]').fill('430102199003071234');
  await page.locator('[data-test=applicant-phone]').fill('13800138000');
  const text = {
    businessName: '张三小吃店',
    operatorName: '张三',
    operatorIdNo: '430102199003071234',
    operatorPhone: '13800138000',
    businessScope: '小吃服务；预包装食品销售',
    premisesAddress: '长沙市芙蓉区五一大道100号',
    foodCategories: '热食类食品制售',
    foodSafetyManager: '张三',
  };
  for (const [field, value] of Object.entries(text)) await form.locator(`#intake-${field}`).fill(value);
  await form.locator('#intake-employees').fill('3');
  await form.locator('#intake-premisesArea').fill('120');
  await form.locator('[data-field=organizationForm] .el-select').click();
  await page.locator('.el-select-dropdown__item:visible', { hasText: '个人经营' }).click();
  await form.locator('[data-field=businessFormat] .el-select').click();
  await page.locator('.el-select-dropdown__item:visible', { hasText: '小吃店' }).click();
  expect(await form.locator('[data-field=operatorName] label').textContent()).to.contain('经营者姓名');

  const required = plan.materials.filter((m) => m.required);
  expect(required.length).to.be.greaterThan(1);
  for (const m of required) await handIn(page, m);
  expect(await page.locator('[data-test=missing]').count()).to.equal(0);
  await screenshot(page, `${shots}-materials`);
  await page.locator('[data-test=submit]').click();

  await page.locator('[data-test=receipt]').waitFor({ timeout: 30_000 });
  const caseNo = (await page.locator('[data-test=receipt-case-no]').textContent())!.trim();
  await screenshot(page, `${shots}-receipt`);
  return { caseNo, required };
}

/** The clerk uploads a sample file for one material of the intake's checklist (a PDF where allowed) and waits until it reads as received. */
export async function handIn(page: Page, material: { code: string; formats: string[] }): Promise<void> {
  const { code, formats } = material;
  const file = formats.includes('pdf')
    ? { name: `${code}.pdf`, mimeType: 'application/pdf', buffer: samplePdf(code) }
    : { name: `${code}.png`, mimeType: 'image/png', buffer: samplePng() };
  await page.locator(`[data-test=upload-${code}]`).setInputFiles(file);
  await page.locator(`[data-test=materials] li[data-material="${code}"][data-given=file]`).waitFor();
}
