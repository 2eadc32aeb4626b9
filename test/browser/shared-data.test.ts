import { expect } from 'chai';
import { testEnv } from '../support/environment.ts';
import { sharedDataOf, SharedDataUnavailableError } from '../../server/shared-data/index.ts';
import { browserSuite, signIn } from './support/browser.ts';
import { audit, describeViolations } from './support/accessibility.ts';
import { pickOption } from './support/select.js';
import { language } from './support/language.ts';

describe('共享数据查询记录 in a browser (chromium): the 数据局’s leader reads the registry lookups', function () {
  this.timeout(180_000);
  const { open } = browserSuite();

  it('filters the log by case and outcome, numbers masked, in Chinese and in English', async () => {
    const { config, registries } = testEnv();
    const context = { actor: 'worker:instant-approval', caseNo: 'BR-REG-0001', purpose: '秒批核验申请人户籍' };
    await sharedDataOf(config).lookupPerson('430105199211200036', context);
    registries.control.setOutage(true);
    try {
      await sharedDataOf(config)
        .lookupCompany('92430105MA4P2E3F4X', context)
        .then(
          () => expect.fail('the registry is down'),
          (err: unknown) => expect(err).to.be.instanceOf(SharedDataUnavailableError),
        );
    } finally {
      registries.control.setOutage(false);
    }

    const { page } = await open();
    await signIn(page, 'supervisor', '/', null);
    await page.locator('[data-test=nav-shared-data]').click();
    await page.waitForURL('**/shared-data/queries');
    expect(await page.locator('h1').textContent()).to.equal('共享数据查询记录');

    await page.locator('input[data-test=shared-data-case], [data-test=shared-data-case] input').first().fill('BR-REG-0001');
    await page.locator('[data-test=shared-data-search]').click();
    await page.locator('[data-test=shared-data-total]', { hasText: '共 2 条' }).waitFor();
    const person = page.locator('[data-test=shared-data-table] tbody tr', { hasText: '人口库' });
    expect(await person.textContent())
      .to.contain('4301**********0036')
      .and.contain('worker:instant-approval')
      .and.contain('秒批核验申请人户籍')
      .and.contain('查得')
      .and.not.contain('430105199211200036');

    await pickOption(page, page.locator('[data-test=shared-data-outcome]'), '数据库不可用');
    await page.locator('[data-test=shared-data-search]').click();
    await page.locator('[data-test=shared-data-total]', { hasText: '共 1 条' }).waitFor();
    expect(await page.locator('[data-test=shared-data-table] tbody').textContent())
      .to.contain('法人库')
      .and.contain('92430105MA4P2E3F4X');

    await language(page, 'English');
    await page.locator('h1', { hasText: 'Shared-data query log' }).waitFor();
    await page.locator('[data-test=shared-data-table] tbody', { hasText: 'Registry unavailable' }).waitFor();
    expect(await page.locator('[data-test=shared-data-table] tbody').textContent()).to.contain('Legal-person registry');
    expect(await page.locator('[data-test=shared-data-total]').textContent()).to.equal('1 query');
    const violations = await audit(page, 'shared-data-queries');
    expect(violations, describeViolations([{ page: 'shared-data-queries', violations }])).to.deep.equal([]);
  });

  it('is not offered to a leader of another department', async () => {
    const { page } = await open();
    await signIn(page, 'leader', '/', null);
    await page.locator('[data-test=nav-supervision]').waitFor();
    expect(await page.locator('[data-test=nav-shared-data]').count()).to.equal(0);
  });
});
