import { expect } from 'chai';
import { randomBytes } from 'node:crypto';
import { testEnv } from '../support/environment.ts';
import { audit, describeViolations } from './support/accessibility.ts';
import { browserSuite, screenshot, signIn } from './support/browser.ts';
import { language } from './support/language.ts';

/**
 * 决策表 in chromium (issue 19): an analyst starts a decision table from the modeling page, sees it
 * pass the deployment checks, tries it on a sample input (the engine's answer, in their own draft
 * tenant), deploys it, and reads the deployed version in English.
 */
describe('决策表 in a browser (chromium): new, checked, tried and deployed by an analyst', function () {
  this.timeout(180_000);
  const { open } = browserSuite();

  it('starts a table, tries it on a sample input, deploys version 1, and reads it in English', async () => {
    const key = `allowance_${randomBytes(3).toString('hex')}`;
    const { page } = await open();
    await signIn(page, 'analyst', '/modeling', '[data-test=decision-list]');
    await page.locator('[data-test=new-decision]').click();
    // Element Plus puts a field's attributes on its input, or on its wrapper: the input either way
    const field = (selector: string) => page.locator(selector).locator('xpath=descendant-or-self::input').first();
    await field('[data-test=new-decision-key]').fill(key);
    await field('[data-test=new-decision-name]').fill('高龄津贴资格判定');
    await page.locator('[data-test=new-decision-start]').click();
    // the table in dmn-js, in Chinese, and the server's checks
    await page.locator('[data-test=dmn-canvas] .tjs-table').waitFor();
    expect(await page.locator('[data-test=dmn-canvas]').textContent()).to.contain('命中策略');
    await page.locator('[data-test=decision-valid]').waitFor();
    // 试算: 85 → eligible
    await field('[data-test=try-form] [data-input="age"]').fill('85');
    await page.locator('[data-test=try-decision]').click();
    await page.locator('[data-test=try-results] [data-output="eligible"]', { hasText: '是' }).waitFor();
    await field('[data-test=try-form] [data-input="age"]').fill('60');
    await page.locator('[data-test=try-decision]').click();
    await page.locator('[data-test=no-rule]').waitFor();
    await page.waitForLoadState('networkidle');
    const violations = await audit(page, 'decision-editor');
    expect(violations, describeViolations([{ page: 'decision-editor', violations }])).to.deep.equal([]);
    await screenshot(page, 'decision-editor');
    // deployed: the engine has version 1, the page shows it
    await page.locator('[data-test=deploy-decision]').click();
    await page.waitForURL(`**/modeling/decisions/${key}`);
    await page.locator('[data-test=decision-version]', { hasText: '第 1 版' }).waitFor();
    expect((await testEnv().engine.decisionDefinitions({ key })).map((d) => d.version)).to.deep.equal([1]);
    await language(page, 'English');
    await page.getByRole('heading', { name: 'Decision table: 高龄津贴资格判定' }).waitFor();
    await page.locator('[data-test=decision-version]', { hasText: 'Version 1 deployed' }).waitFor();
    await page.locator('[data-test=dmn-canvas] .tjs-table').waitFor();
    await screenshot(page, 'decision-editor-en');
    await page.goto('/modeling');
    await page.locator(`[data-test=decision-list] [data-decision="${key}"]`).waitFor();
  });
});
