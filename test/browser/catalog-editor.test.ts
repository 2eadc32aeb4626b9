import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { api, auth } from '../support/api.ts';
import { cleanProcess, createDraftOk, deploy, uniqueKey } from '../modeler/support/modeler-api.ts';
import { browserSuite, horizontalOverflow, PHONE, screenshot, signIn } from './support/browser.ts';
import { choose, chooseMaterial, field, fieldError, setNumber } from './support/catalog-form.ts';
import { language } from './support/language.ts';

/** Signs in as the analyst, who lands on 流程建模 with the catalog below the drafts. */
const signInAnalyst = (page: Page) => signIn(page, 'analyst', '/modeling', '[data-test=item-list]');

const ITEM = 'SW-QS-001';
const BUNDLE = 'QYZXDJ';

const editable = async (code: string) =>
  (
    await api()
      .get(`/api/v1/catalog/items/${code}`)
      .set(await auth('analyst'))
  ).body;
const editableBundle = async (code: string) =>
  (
    await api()
      .get(`/api/v1/catalog/bundles/${code}`)
      .set(await auth('analyst'))
  ).body;

/** Puts an item or a bundle back as it was (the other suites expect the shipped content). */
/** With changes marked unsaved, goes back: the editor asks first, and staying keeps the page at `path`. */
async function tryToLeaveAndStay(page: Page, path: string): Promise<void> {
  await page.locator('[data-test=unsaved]').waitFor();
  await page.getByRole('link', { name: '返回' }).click();
  await page.getByRole('dialog').getByText('未保存的改动将丢失').waitFor();
  await page.getByRole('button', { name: '留在本页' }).click();
  await page.getByRole('dialog').waitFor({ state: 'hidden' });
  expect(new URL(page.url()).pathname).to.equal(path);
}

async function restoreItem(before: { code: string; definition: object; formSchema: object }): Promise<void> {
  const res = await api()
    .put(`/api/v1/items/${before.code}`)
    .set(await auth('admin'))
    .send({ definition: before.definition, formSchema: before.formSchema });
  expect(res.status, JSON.stringify(res.body)).to.be.oneOf([200, 201]);
}
async function restoreBundle(before: { code: string; definition: object }): Promise<void> {
  const res = await api()
    .put(`/api/v1/bundles/${before.code}`)
    .set(await auth('admin'))
    .send(before.definition);
  expect(res.status, JSON.stringify(res.body)).to.be.oneOf([200, 201]);
}

describe('catalog editor in a browser (事项与一件事编辑)', () => {
  const { open } = browserSuite();

  it('edits an existing item: promised days and a material from the catalog, saved as the next version', async () => {
    const before = await editable(ITEM);
    try {
      const { page } = await open();
      await signInAnalyst(page);
      await page.locator(`[data-test=item-list] li[data-item-code="${ITEM}"] a`).click();
      await page.waitForURL(`**/modeling/items/${ITEM}`);
      await page
        .locator('[data-test=item-version]')
        .filter({ hasText: `第 ${before.version} 版` })
        .waitFor();
      expect(await field(page, 'promisedDays').locator('input').inputValue()).to.equal(String(before.definition.promisedDays));
      // the form is designed in the form editor, one link away
      expect(await page.locator('[data-test=open-form-editor]').getAttribute('href')).to.equal(`/modeling/items/${ITEM}/form`);

      await setNumber(page, 'promisedDays', 3);
      // a material from the catalog, found by searching its name; what the catalog says of it is shown
      const n = before.definition.materials.length;
      await page.locator('[data-test=add-material]').click();
      await choose(page, page.locator(`[data-test=material-${n}-code]`), '数码证件照', '证件照');
      await page.locator(`[data-test=material-${n}]`).getByText('格式：jpg / png').waitFor();
      await page.locator(`[data-test=material-${n}-required]`).click(); // a new material is required until unticked
      await page.locator(`[data-test=material-${n}]`).getByPlaceholder('说明').fill('近期免冠照片');
      await screenshot(page, 'catalog-item-editing');

      await page.locator('[data-test=save-item]').click();
      await page
        .locator('[data-test=saved]')
        .filter({ hasText: `已保存为第 ${before.version + 1} 版` })
        .waitFor();
      await page
        .locator('[data-test=item-version]')
        .filter({ hasText: `第 ${before.version + 1} 版` })
        .waitFor();
      await page.locator('[data-test=unsaved]').waitFor({ state: 'detached', timeout: 2000 }); // saved: nothing left unsaved

      const after = await editable(ITEM);
      expect(after.version).to.equal(before.version + 1);
      expect(after.source).to.equal('editor');
      expect(after.definition.promisedDays).to.equal(3);
      expect(after.definition.materials).to.deep.equal([...before.definition.materials, { code: 'id-photo', required: false, note: '近期免冠照片' }]);
      // nothing else changed: the form and the other elements are as they were
      expect({ ...after.definition, promisedDays: before.definition.promisedDays, materials: before.definition.materials }).to.deep.equal(before.definition);
      expect(after.formSchema).to.deep.equal(before.formSchema);
    } finally {
      await restoreItem(before);
    }
  });

  it("shows a bad value at its field — the editor's own check and the server's — and saves nothing", async () => {
    const before = await editable(ITEM);
    const watched = await open();
    const { page } = watched;
    await signInAnalyst(page);
    await page.goto(`/modeling/items/${ITEM}`);
    await page
      .locator('[data-test=item-version]')
      .filter({ hasText: `第 ${before.version} 版` })
      .waitFor();

    // promised longer than statutory: the editor says so at the field, and sends nothing
    await setNumber(page, 'promisedDays', before.definition.statutoryDays + 1);
    await page.locator('[data-test=save-item]').click();
    await fieldError(page, 'promisedDays')
      .filter({ hasText: `不能长于法定办结时限（${before.definition.statutoryDays} 个工作日）` })
      .waitFor();
    await screenshot(page, 'catalog-item-problem');

    // a form field without its English title: only the server checks the form; its message is shown at the form
    await setNumber(page, 'promisedDays', before.definition.promisedDays);
    const form = field(page, 'formSchema').locator('textarea');
    const schema = JSON.parse(await form.inputValue());
    schema.properties.remark = { type: 'string', title: '备注' };
    await form.fill(JSON.stringify(schema, null, 2));
    await page.locator('[data-test=save-item]').click();
    await fieldError(page, 'formSchema').filter({ hasText: '申请表字段“remark”须有中文标题 title 和英文标题 x-title-en' }).waitFor();
    await field(page, 'promisedDays').locator('.el-form-item__error').waitFor({ state: 'detached' }); // the earlier problem is gone
    expect(await page.locator('[data-test=saved]').count()).to.equal(0);

    // leaving with the changes unsaved asks first
    await tryToLeaveAndStay(page, `/modeling/items/${ITEM}`);

    const after = await editable(ITEM);
    expect(after.version, 'nothing saved').to.equal(before.version);
    expect(after.definition).to.deep.equal(before.definition);

    // the refusal is the page's expected answer, which chromium logs as a failed resource: that one only
    const refusal = watched.errors.findIndex((e) => /status of 422/.test(e));
    expect(refusal, 'the 422 of the refused save').to.be.greaterThan(-1);
    watched.errors.splice(refusal, 1);
  });

  it('tells the analyst when someone saved the item in between, and loads the latest version on request', async () => {
    const before = await editable(ITEM);
    try {
      const watched = await open();
      const { page } = watched;
      await signInAnalyst(page);
      await page.goto(`/modeling/items/${ITEM}`);
      await page
        .locator('[data-test=item-version]')
        .filter({ hasText: `第 ${before.version} 版` })
        .waitFor();

      // someone else saves version n+1 while this page still edits version n
      const other = await api()
        .put(`/api/v1/items/${ITEM}?baseVersion=${before.version}`)
        .set(await auth('admin'))
        .send({ definition: { ...before.definition, phone: '0731-99999' }, formSchema: before.formSchema });
      expect(other.status, JSON.stringify(other.body)).to.equal(201);

      await field(page, 'place').locator('input').fill('另一个窗口');
      await page.locator('[data-test=save-item]').click();
      await page.locator('[data-test=stale]').waitFor();
      expect((await editable(ITEM)).definition.place, 'not saved over the other').to.equal(before.definition.place);
      await page.locator('[data-test=reload-latest]').click();
      await page.locator('[data-test=stale]').waitFor({ state: 'detached' });
      await page
        .locator('[data-test=item-version]')
        .filter({ hasText: `第 ${before.version + 1} 版` })
        .waitFor();
      expect(await field(page, 'phone').locator('input').inputValue()).to.equal('0731-99999');
      expect(await field(page, 'place').locator('input').inputValue()).to.equal(before.definition.place);

      // the refusal is the page's expected answer, which chromium logs as a failed resource: that one only
      const conflict = watched.errors.findIndex((e) => /status of 409/.test(e));
      expect(conflict, 'the 409 of the stale save').to.be.greaterThan(-1);
      watched.errors.splice(conflict, 1);
    } finally {
      await restoreItem(before);
    }
  });

  describe('a new item on a process deployed from the modeler', () => {
    const key = uniqueKey('browser_item');
    const code = `BR-${key.slice(-6).toUpperCase()}`;
    let draftId: number;
    before(async () => {
      const draft = await createDraftOk(key, await cleanProcess(key));
      draftId = draft.id;
      const deployed = await deploy(draft.id);
      expect(deployed.status, JSON.stringify(deployed.body)).to.equal(201);
    });

    it("is created from the draft's panel, bound to its process, and listed there afterwards", async () => {
      const { page } = await open();
      await signInAnalyst(page);
      await page.goto(`/modeling/drafts/${draftId}`);
      const bound = page.locator('[data-test=bound-items]');
      await bound.getByText('还没有事项使用该流程').waitFor();
      await bound.locator('[data-test=new-bound-item]').click();
      await page.waitForURL(`**/modeling/items/new?processKey=${key}`);
      // the process is chosen already, with the way back to its draft
      await field(page, 'processKey').locator('.el-select').filter({ hasText: key }).waitFor();
      expect(await page.locator('[data-test=open-draft]').getAttribute('href')).to.equal(`/modeling/drafts/${draftId}`);

      await field(page, 'code').locator('input').fill(code);
      await field(page, 'name').locator('input').fill('浏览器新建测试事项');
      await field(page, 'nameEn').locator('input').fill('An item made in the browser');
      await choose(page, field(page, 'departmentCode').locator('.el-select'), '市场监督管理局');
      await field(page, 'legalBasis').getByPlaceholder('法律法规名称', { exact: true }).fill('《测试条例》');
      await field(page, 'legalBasis').getByPlaceholder('法律法规英文名称').fill('Test Regulations');
      await setNumber(page, 'statutoryDays', 5);
      await setNumber(page, 'promisedDays', 2);
      // the process's human step, by its name
      const review = page.locator('[data-test=step-review]');
      await review.getByText('承办部门审核').waitFor();
      await review.locator('input').fill('2');
      await review.locator('input').press('Tab');
      await page.locator('[data-test=add-material]').click();
      await chooseMaterial(page, 0, '居民身份证（id-card）', '身份证');
      // 办理情形: a question, and a material asked only when it is answered yes
      await page.locator('[data-test=situations-add]').click();
      const question = page.locator('[data-test=situations-0] input[type=text]');
      await question.nth(0).fill('entrusted');
      await question.nth(1).fill('是否委托他人代为办理？');
      await question.nth(2).fill('Is someone applying on your behalf?');
      await page.locator('[data-test=add-material]').click();
      await chooseMaterial(page, 1, '委托代理人授权书', '委托');
      await page.locator('[data-test=material-1-when-add]').click();
      await page.locator('[data-test=material-1-when]').getByText('=').waitFor();
      await field(page, 'place').locator('input').fill('政务服务中心 2 号窗口');
      await field(page, 'placeEn').locator('input').fill('Window 2, Government Service Centre');
      await field(page, 'phone').locator('input').fill('0731-12345');
      await screenshot(page, 'catalog-item-new');
      await page.locator('[data-test=save-item]').click();
      await page.waitForURL(`**/modeling/items/${code}`);
      await page.locator('[data-test=saved]').filter({ hasText: '已保存为第 1 版' }).waitFor();

      const saved = await editable(code);
      expect(saved.definition).to.include({ code, processKey: key, departmentCode: 'samr', promisedDays: 2, statutoryDays: 5, type: 'administrative_license' });
      expect(saved.definition.stepDays).to.deep.equal({ review: 2 });
      expect(saved.definition).to.include({ placeEn: 'Window 2, Government Service Centre' });
      expect(saved.definition.legalBasis[0]).to.include({ title: '《测试条例》', titleEn: 'Test Regulations' });
      expect(saved.definition.materials).to.deep.equal([
        { code: 'id-card', required: true },
        { code: 'agent-authorization', required: true, when: { entrusted: true } },
      ]);
      expect(saved.definition.situations).to.deep.equal([
        { code: 'entrusted', text: '是否委托他人代为办理？', textEn: 'Is someone applying on your behalf?', type: 'boolean' },
      ]);

      // beside the diagram, the item is listed with its link
      await page.goto(`/modeling/drafts/${draftId}`);
      await bound.locator(`li[data-item-code="${code}"] a`).filter({ hasText: '浏览器新建测试事项' }).click();
      await page.waitForURL(`**/modeling/items/${code}`);
      await page.locator('[data-test=item-version]').filter({ hasText: '第 1 版' }).waitFor();
    });
  });

  it('edits a bundle: its promised days and its rule, saved as the next version', async () => {
    const before = await editableBundle(BUNDLE);
    try {
      const { page } = await open();
      await signInAnalyst(page);
      await page.locator(`[data-test=bundle-list] li[data-bundle-code="${BUNDLE}"] a`).click();
      await page.waitForURL(`**/modeling/bundles/${BUNDLE}`);
      await page
        .locator('[data-test=bundle-version]')
        .filter({ hasText: `第 ${before.version} 版` })
        .waitFor();
      expect(await field(page, 'items').locator('.row-card').count()).to.equal(before.definition.items.length);
      expect(await page.locator('[data-test=unsaved]').count(), 'as loaded: nothing unsaved').to.equal(0);

      await setNumber(page, 'promisedDays', before.definition.promisedDays + 2);
      await field(page, 'onItemRejected').getByText('其余事项继续办理，分别作出决定').click();
      // leaving with the changes unsaved asks first; staying keeps them
      await tryToLeaveAndStay(page, `/modeling/bundles/${BUNDLE}`);
      await page.locator('[data-test=save-bundle]').click();
      await page
        .locator('[data-test=saved]')
        .filter({ hasText: `已保存为第 ${before.version + 1} 版` })
        .waitFor();
      await page.locator('[data-test=unsaved]').waitFor({ state: 'detached' });
      await screenshot(page, 'catalog-bundle-saved');
      // in English too
      await language(page, 'English');
      await page.getByRole('heading', { name: 'Scenario questions' }).waitFor();
      await page
        .locator('[data-test=bundle-version]')
        .filter({ hasText: `Version ${before.version + 1}` })
        .waitFor();
      await language(page, '中文');

      const after = await editableBundle(BUNDLE);
      expect(after.version).to.equal(before.version + 1);
      expect(after.definition).to.deep.equal({ ...before.definition, promisedDays: before.definition.promisedDays + 2, onItemRejected: 'continue' });
    } finally {
      await restoreBundle(before);
    }
  });

  it('creates a new bundle of two items from the list; an applicant can plan it at once', async () => {
    const code = `BR-${Date.now().toString(36).toUpperCase()}`;
    const { page } = await open();
    await signInAnalyst(page);
    await page.locator('[data-test=new-bundle]').click();
    await page.waitForURL('**/modeling/bundles/new');
    await field(page, 'code').locator('input').fill(code);
    await field(page, 'name').locator('input').fill('企业简易注销（试点）');
    await field(page, 'nameEn').locator('input').fill('Simplified company deregistration (pilot)');
    await setNumber(page, 'promisedDays', 10);
    await choose(page, page.locator('[data-test=bundle-item-0] .el-select'), 'SW-QS-001', 'SW-QS');
    await choose(page, page.locator('[data-test=bundle-item-1] .el-select'), 'SCJG-ZX-003', 'SCJG-ZX');
    // 牵头部门: led by its first item's department until the analyst chooses another of its items' departments
    expect(await field(page, 'leadDepartmentCode').locator('.el-select').textContent()).to.contain('税务局');
    await choose(page, page.locator('[data-test=lead-department]'), '市场监督管理局');
    await screenshot(page, 'catalog-bundle-new');
    await page.locator('[data-test=save-bundle]').click();
    await page.waitForURL(`**/modeling/bundles/${code}`);
    await page.locator('[data-test=saved]').filter({ hasText: '已保存为第 1 版' }).waitFor();
    expect(await page.locator('h1').textContent()).to.equal('企业简易注销（试点）');

    const saved = await editableBundle(code);
    expect(saved.definition).to.deep.include({
      code,
      promisedDays: 10,
      leadDepartmentCode: 'samr',
      onItemRejected: 'refuse_bundle',
      questionnaire: [],
      items: [
        { code: 'SW-QS-001', when: null },
        { code: 'SCJG-ZX-003', when: null },
      ],
    });
    // the applicant's side: its plan, the two items' materials merged
    const plan = await api().post(`/api/v1/bundles/${code}/plan`).send({ answers: {} });
    expect(plan.status, JSON.stringify(plan.body)).to.equal(200);
    expect(plan.body.items.map((i: { code: string }) => i.code)).to.deep.equal(['SW-QS-001', 'SCJG-ZX-003']);
  });

  it('lays the catalog list and both editors out without horizontal scrolling on a phone (390×844)', async () => {
    const { page } = await open(PHONE);
    await signInAnalyst(page);
    expect(await horizontalOverflow(page), 'list').to.equal(0);
    await page.goto(`/modeling/items/SCJG-SP-002`);
    await page.locator('[data-test=item-version]').waitFor();
    // an item with 办理情形: its materials carry their conditions
    await page.locator('[data-test=material-6-when]').getByText('=').waitFor();
    expect(await horizontalOverflow(page), 'item editor').to.equal(0);
    await screenshot(page, 'catalog-item-phone');
    await page.goto(`/modeling/bundles/${BUNDLE}`);
    await page.locator('[data-test=bundle-version]').waitFor();
    expect(await horizontalOverflow(page), 'bundle editor').to.equal(0);
    await screenshot(page, 'catalog-bundle-phone');
  });
});
