import { expect } from 'chai';
import type { Locator, Page } from 'playwright-core';
import { api, auth, ITEM } from '../support/api.ts';
import { eventually } from '../support/eventually.ts';
import { samplePdf, samplePng } from '../support/files.ts';
import { browserSuite, horizontalOverflow, PHONE, screenshot, signIn, type WatchedPage } from './support/browser.ts';
import { takeRestaurantAtWindow } from './support/window-intake.ts';
import { pickOption } from './support/select.js';
import { box } from './support/fields.ts';
import { language } from './support/language.ts';

/** An Element Plus dialog by its data-test, once it is open. */
async function dialog(page: Page, name: string): Promise<Locator> {
  const d = page.locator(`.el-dialog[data-test=${name}]`);
  await d.waitFor();
  return d;
}

/** Waits until Element Plus's dialogs have finished fading in or out (for a screenshot of what a person sees). */
const dialogsSettled = (page: Page) => page.locator('.dialog-fade-enter-active, .dialog-fade-leave-active').waitFor({ state: 'detached' });

/** Drops exactly one failed-resource console error of the status the test provoked on purpose (a 409 in the server's words). */
function expectedFailure(watched: WatchedPage, status: number) {
  const at = watched.errors.findIndex((e) => new RegExp(`status of ${status}`).test(e));
  expect(at, `the ${status} the page was asked to provoke`).to.be.greaterThan(-1);
  watched.errors.splice(at, 1);
}

interface RegionRow {
  code: string;
  nameZh: string;
  parentCode: string | null;
  active: boolean;
}

const regions = async () =>
  (
    await api()
      .get('/api/v1/regions')
      .set(await auth('admin'))
  ).body.regions as RegionRow[];

/** a district code of the demo city no region has yet (4301 50…98), so the test runs again on the same data */
async function freeDistrict(): Promise<string> {
  const taken = new Set((await regions()).map((r) => r.code));
  const start = Date.now() % 49;
  for (let n = 0; n < 49; n++) {
    const code = `4301${50 + ((start + n) % 49)}`;
    if (!taken.has(code)) return code;
  }
  throw new Error('no free district code left under 4301');
}

/** Chooses an Element Plus select's option (its popper has the class given). */
async function choose(page: Page, select: Locator, popper: string, option: string): Promise<void> {
  await select.click();
  await page.locator(`.${popper} .el-select-dropdown__item:visible`, { hasText: option }).first().click();
  // the select shows the choice once its value is set (a busy machine may lag behind the click)
  await select.locator('.el-select__selected-item', { hasText: option }).first().waitFor();
}

/** Waits until no field of the form shows a problem (one leaving may still be fading out beside another). */
async function noFieldProblems(form: Locator): Promise<void> {
  await eventually('no field showing a problem', async () => ((await form.locator('.el-form-item__error').count()) === 0 ? true : undefined), 30_000);
}

/** Waits until a text box shows `wanted` (a cascader shows the path of the region chosen). */
async function valueBecomes(input: Locator, wanted: string): Promise<void> {
  await input.waitFor();
  let shown = '';
  await eventually(`the text box showing ${wanted}`, async () => (shown = await input.inputValue()) === wanted, 10_000, { last: () => shown });
}

/** Chooses 办理地 in the cascader by typing its name and taking the suggestion. */
async function chooseRegion(page: Page, cascader: Locator, name: string, path: string): Promise<void> {
  const input = cascader.locator('input');
  await input.click();
  await input.fill(name);
  await page.locator('.region-cascader__popper .el-cascader__suggestion-item:visible', { hasText: name }).first().click();
  await valueBecomes(input, path);
}

describe('组织机构 (四级) and 办理地 in a browser (chromium)', function () {
  this.timeout(300_000);
  const { open } = browserSuite();

  it('the system administrator adds a district and a street under it, a department, a hall with a 专窗, sees the refusals at their fields and the conflicts in the server’s words, in Chinese and in English', async () => {
    const district = await freeDistrict();
    const street = `${district}001`;

    const watched = await open();
    const { page } = watched;
    await signIn(page, 'admin');
    await page.locator('[data-test=nav-organization]').click();
    await page.waitForURL('**/organization');
    expect(await page.locator('h1').textContent()).to.equal('组织机构');
    // the demo tree, each region with its level; the city (the root) chosen
    const tree = page.locator('[data-test=region-tree]');
    await tree.locator('[data-test=region-430104003001]').waitFor();
    expect(await tree.locator('[data-test=region-430100]').textContent())
      .to.contain('长沙市')
      .and.contain('430100')
      .and.contain('市');
    expect(await tree.locator('[data-test=region-430104003]').textContent()).to.contain('乡镇街道');
    expect(await tree.locator('[data-test=region-430104003001]').textContent()).to.contain('村社区');
    const details = page.locator('[data-test=region-details]');
    await page.locator('[data-test=region-details][data-code="430100"]').waitFor();
    expect(await page.locator('[data-test=region-title]').textContent()).to.equal('长沙市');
    // the root stays in use
    expect(await page.locator('[data-test=region-deactivate]').isDisabled()).to.equal(true);
    // the root has one department of every kind
    await page.locator('[data-test=department-table] [data-test=department-samr]').waitFor();
    await screenshot(page, 'organization-tree');

    // a town straight under the city: refused at the parent's field before anything is sent
    await page.locator('[data-test=region-add-child]').click();
    let form = await dialog(page, 'region-dialog');
    await box(form, 'region-code').fill(street);
    await box(form, 'region-name').fill('测试街道');
    await box(form, 'region-name-en').fill('Test Street');
    let sent = 0;
    const countPosts = (r: { method(): string; url(): string }) => void (r.method() === 'POST' && r.url().endsWith('/api/v1/regions') && sent++);
    page.on('request', countPosts);
    await form.locator('[data-test=region-save]').click();
    await form.locator('[data-test=region-parent] .el-form-item__error', { hasText: '上级区划：乡镇街道的上级应为区县' }).waitFor();
    expect(sent, 'nothing sent').to.equal(0);
    await dialogsSettled(page);
    await screenshot(page, 'organization-wrong-code');
    // put right: the problem goes as the code is edited, and the district is added
    await box(form, 'region-code').fill(district);
    await noFieldProblems(form);
    expect(await form.locator('[data-test=region-level-hint]').textContent()).to.equal('将作为：区县');
    await box(form, 'region-name').fill('测试区');
    await box(form, 'region-name-en').fill('Test District');
    await form.locator('[data-test=region-save]').click();
    await page.locator('.el-message', { hasText: `已添加“测试区”（${district}）` }).waitFor();
    page.off('request', countPosts);
    expect(sent).to.equal(1);
    await page.locator(`[data-test=region-details][data-code="${district}"]`).waitFor();
    await tree.locator(`[data-test=region-${district}]`).waitFor();
    expect(await tree.locator(`[data-test=region-${district}]`).textContent()).to.contain('区县');

    // the same code again: the server's 409, in its words, above the form
    await tree.locator('[data-test=region-430100]').click();
    await page.locator('[data-test=region-details][data-code="430100"]').waitFor();
    await page.locator('[data-test=region-add-child]').click();
    form = await dialog(page, 'region-dialog');
    await box(form, 'region-code').fill(district);
    await box(form, 'region-name').fill('重复区');
    await box(form, 'region-name-en').fill('Duplicate');
    await form.locator('[data-test=region-save]').click();
    await form.locator('[data-test=region-conflict]', { hasText: '该区划代码已存在' }).waitFor();
    expectedFailure(watched, 409);
    await form.getByRole('button', { name: '取消' }).click();
    await form.waitFor({ state: 'hidden' });

    // a street under the district
    await tree.locator(`[data-test=region-${district}]`).click();
    await page.locator(`[data-test=region-details][data-code="${district}"]`).waitFor();
    expect(await page.locator('[data-test=region-add-child]').textContent()).to.contain('在“测试区”下添加乡镇街道');
    await page.locator('[data-test=region-add-child]').click();
    form = await dialog(page, 'region-dialog');
    expect(await box(form, 'region-code').inputValue(), 'the code starts as its parent’s').to.equal(district);
    await box(form, 'region-code').fill(street);
    await box(form, 'region-name').fill('测试街道');
    await box(form, 'region-name-en').fill('Test Street');
    await form.locator('[data-test=region-save]').click();
    await page.locator('.el-message', { hasText: `已添加“测试街道”（${street}）` }).waitFor();
    await tree.locator(`[data-test=region-${street}]`).waitFor();
    const stored = (await regions()).filter((r) => r.code === district || r.code === street);
    expect(stored).to.deep.include.members([
      { code: district, nameZh: '测试区', nameEn: 'Test District', level: 'district', parentCode: '430100', active: true },
      { code: street, nameZh: '测试街道', nameEn: 'Test Street', level: 'town', parentCode: district, active: true },
    ]);

    // the district's department: a wrong credit code refused at its field, then saved
    await tree.locator(`[data-test=region-${district}]`).click();
    await page.locator(`[data-test=region-details][data-code="${district}"]`).waitFor();
    await page.locator('[data-test=region-departments] .el-table__empty-text', { hasText: '本区划还没有部门' }).waitFor();
    await page.locator('[data-test=department-add]').click();
    form = await dialog(page, 'department-dialog');
    await choose(page, form.locator('[data-test=department-kind]'), 'department-kind__popper', '市场监督管理局');
    await box(form, 'department-name').fill('测试区市场监督管理局');
    await box(form, 'department-name-en').fill('Test District Administration for Market Regulation');
    await box(form, 'department-credit-code').fill('91430100MA4L1A2B3X');
    await box(form, 'department-phone').fill('0731-85550000');
    await box(form, 'department-address').fill('测试区政务路 1 号');
    await form.locator('[data-test=department-save]').click();
    await form.locator('.el-form-item__error', { hasText: '统一社会信用代码：不是有效的统一社会信用代码（校验位不符）' }).waitFor();
    await box(form, 'department-credit-code').fill('91430100MA4L1A2B3F');
    await noFieldProblems(form);
    await form.locator('[data-test=department-save]').click();
    await page.locator('.el-message', { hasText: '已保存“测试区市场监督管理局”' }).waitFor();
    const row = page.locator('[data-test=department-table] tr', { has: page.locator('[data-test=department-samr]') });
    await row.waitFor();
    expect(await row.textContent())
      .to.contain('市场监督管理局')
      .and.contain('91430100MA4L1A2B3F')
      .and.contain('测试区政务路 1 号')
      .and.contain('0731-85550000')
      .and.contain('在用');

    // a hall, then a 专窗 without its department (refused at the field), with it, and its number again (the server's 409)
    await page.locator('[data-test=no-halls]').waitFor();
    await page.locator('[data-test=hall-add]').click();
    form = await dialog(page, 'hall-dialog');
    await box(form, 'hall-name').fill('测试区政务服务中心');
    await box(form, 'hall-name-en').fill('Test District Government Service Centre');
    await box(form, 'hall-address').fill('测试区政务路 1 号');
    await box(form, 'hall-hours').fill('周一至周五 9:00–17:00');
    // half a map point is refused at its field before anything is sent; both are kept
    await box(form, 'hall-latitude').fill('28.2318');
    await form.locator('[data-test=hall-save]').click();
    await form.locator('.el-form-item__error', { hasText: '经纬度：须同时填写或同时留空' }).waitFor();
    await box(form, 'hall-longitude').fill('112.8869');
    await box(form, 'hall-longitude').press('Tab');
    await form.locator('[data-test=hall-save]').click();
    await page.locator('.el-message', { hasText: '已保存“测试区政务服务中心”' }).waitFor();
    const hall = page.locator('[data-test=hall][data-name="测试区政务服务中心"]');
    await hall.waitFor();
    expect(await hall.textContent())
      .to.contain('测试区政务路 1 号')
      .and.contain('周一至周五 9:00–17:00')
      .and.contain('09:00–12:00，13:30–17:00')
      .and.contain('28.2318, 112.8869')
      .and.contain('还没有窗口');
    // the hall's screens: its kiosk and calling screen, to open on the hall's devices
    const hallId = await hall.getAttribute('data-hall');
    expect(await hall.locator('[data-test=hall-kiosk-link]').getAttribute('href')).to.equal(`/hall/${hallId}/kiosk`);
    expect(await hall.locator('[data-test=hall-display-link]').getAttribute('href')).to.equal(`/hall/${hallId}/display`);

    await hall.locator('[data-test=window-add]').click();
    form = await dialog(page, 'window-dialog');
    await box(form, 'window-number').fill('A01');
    await form.locator('[data-test=window-kind-special]').click();
    await form.locator('[data-test=window-save]').click();
    await form.locator('[data-test=window-department-item] .el-form-item__error', { hasText: '专窗部门：专窗须指定部门' }).waitFor();
    await choose(page, form.locator('[data-test=window-department]'), 'window-department__popper', '市场监督管理局');
    await noFieldProblems(form);
    await form.locator('[data-test=window-save]').click();
    await page.locator('.el-message', { hasText: '已保存窗口 A01' }).waitFor();
    const windowRow = hall.locator('tr', { has: page.locator('[data-test=window-A01]') });
    await windowRow.waitFor();
    expect(await windowRow.textContent())
      .to.contain('专窗')
      .and.contain('市场监督管理局')
      .and.contain('在用');
    await hall.locator('[data-test=window-add]').click();
    form = await dialog(page, 'window-dialog');
    await box(form, 'window-number').fill('A01');
    await form.locator('[data-test=window-save]').click();
    await form.locator('[data-test=window-conflict]', { hasText: '该大厅已有此窗口号' }).waitFor();
    expectedFailure(watched, 409);
    await form.getByRole('button', { name: '取消' }).click();
    await form.waitFor({ state: 'hidden' });
    await screenshot(page, 'organization-district');

    const halls = (await api().get('/api/v1/halls').query({ region: district })).body.halls as {
      nameZh: string;
      regionCode: string;
      windows: { number: string; kind: string; departmentCode: string | null }[];
    }[];
    expect(halls).to.have.length(1);
    expect(halls[0]).to.deep.include({ nameZh: '测试区政务服务中心', regionCode: district });
    expect(halls[0]!.windows.map((w) => ({ number: w.number, kind: w.kind, departmentCode: w.departmentCode }))).to.deep.equal([
      { number: 'A01', kind: 'special', departmentCode: 'samr' },
    ]);

    // out of use: not the district while its street is in use (the server's 409), the street then, greyed in the tree
    await page.locator('[data-test=region-deactivate]').click();
    await page.locator('.el-message-box').getByRole('button', { name: '停用' }).click();
    await page.locator('.el-message', { hasText: '该区划下还有在用的下级区划，请先停用下级区划' }).waitFor();
    expectedFailure(watched, 409);
    await tree.locator(`[data-test=region-${street}]`).click();
    await page.locator(`[data-test=region-details][data-code="${street}"]`).waitFor();
    await page.locator('[data-test=region-deactivate]').click();
    await page.locator('.el-message-box').getByRole('button', { name: '停用' }).click();
    await page.locator('.el-message', { hasText: '已停用“测试街道”' }).waitFor();
    await tree.locator(`[data-test=region-${street}][data-active=false]`).waitFor();
    expect(await tree.locator(`[data-test=region-${street}]`).textContent()).to.contain('已停用');
    expect(await details.locator('[data-test=region-status]').textContent()).to.equal('已停用');
    expect((await regions()).find((r) => r.code === street)?.active).to.equal(false);
    await screenshot(page, 'organization-out-of-use');

    // English: the page, the levels, and the tree's refusal in the server's English words
    await language(page, 'English');
    expect(await page.locator('h1').textContent()).to.equal('Organisation');
    expect(await tree.locator(`[data-test=region-${district}]`).textContent())
      .to.contain('Test District')
      .and.contain('District');
    expect(await tree.locator(`[data-test=region-${street}]`).textContent()).to.contain('Not in use');
    await tree.locator('[data-test=region-430100]').click();
    await page.locator('[data-test=region-details][data-code="430100"]').waitFor();
    expect(await page.locator('[data-test=region-title]').textContent()).to.equal('Changsha');
    await page.locator('[data-test=region-add-child]').click();
    form = await dialog(page, 'region-dialog');
    expect(await form.locator('.el-dialog__title').textContent()).to.equal('Add a region');
    await box(form, 'region-code').fill(`${district}002`);
    await box(form, 'region-name').fill('错位街道');
    await box(form, 'region-name-en').fill('Misplaced Street');
    await form.locator('[data-test=region-save]').click();
    await form.locator('[data-test=region-parent] .el-form-item__error', { hasText: 'Parent region: a town or street belongs to a district' }).waitFor();
    expect(await form.locator('[data-test=region-level-hint]').textContent()).to.equal('Its level: Town or street');
    await dialogsSettled(page);
    await screenshot(page, 'organization-wrong-code-en');
    await form.getByRole('button', { name: 'Cancel' }).click();
    await form.waitFor({ state: 'hidden' });
    expect((await regions()).some((r) => r.code === `${district}002`)).to.equal(false);
    // the district's department table in English
    await tree.locator(`[data-test=region-${district}]`).click();
    const englishRow = page.locator('[data-test=department-table] tr', { has: page.locator('[data-test=department-samr]') });
    await englishRow.waitFor();
    expect(await englishRow.textContent())
      .to.contain('Administration for Market Regulation')
      .and.contain('In use');
    expect(await page.locator('[data-test=region-halls]').textContent())
      .to.contain('Test District Government Service Centre')
      .and.contain('Department window');
    await screenshot(page, 'organization-en');
  });

  it('the page fits a phone', async () => {
    const { page } = await open(PHONE);
    await signIn(page, 'admin');
    await page.goto('/organization');
    await page.locator('[data-test=region-tree] [data-test=region-430104003001]').waitFor();
    await page.locator('[data-test=department-table] [data-test=department-samr]').waitFor();
    expect(await horizontalOverflow(page)).to.be.at.most(0);
    await screenshot(page, 'organization-phone');
  });

  it('an applicant applies for 个体工商户设立登记 in 天心区: handled there, its number and its case page say so', async () => {
    const { page } = await open();
    await signIn(page, 'applicant', '/my', null);
    await page.goto(`/apply/${ITEM}`);
    const cascader = page.locator('[data-test=apply-region-choice]');
    await cascader.waitFor();
    // online: the city until the applicant chooses
    await valueBecomes(cascader.locator('input'), '长沙市');
    expect(await page.locator('[data-test=item-levels]').textContent()).to.contain('本事项的办理层级：市、区县');
    // where to go: the city's hall until a region is chosen
    await page.locator('[data-test=item-hall]', { hasText: '长沙市政务服务中心：湖南省长沙市岳麓区岳麓大道 218 号' }).waitFor();
    await chooseRegion(page, cascader, '天心区', '长沙市 / 天心区');
    await page.locator('[data-test=item-places]', { hasText: '由天心区办理' }).waitFor();

    await page.locator('[data-test=applicant-phone]').fill('13800138000');
    const text = {
      businessName: '张三天心小吃店',
      operatorName: '张三',
      operatorIdNo: '430102199003071234',
      operatorPhone: '13800138000',
      businessScope: '小吃服务',
      premisesAddress: '长沙市天心区书院路 9 号',
    };
    for (const [field, value] of Object.entries(text)) await page.locator(`#apply-${field}`).fill(value);
    await page.locator('#apply-employees').fill('2');
    await pickOption(page, page.locator('[data-field=organizationForm] .el-select'), '个人经营');
    const item = (await api().get(`/api/v1/items/${ITEM}`)).body as {
      materials: { code: string; formats: string[]; required: boolean; applicationForm?: boolean }[];
    };
    // the application form is generated from the form (一表申请), never uploaded
    for (const m of item.materials.filter((x) => x.required && !x.applicationForm)) {
      const file = m.formats.includes('pdf')
        ? { name: `${m.code}.pdf`, mimeType: 'application/pdf', buffer: samplePdf(m.code) }
        : { name: `${m.code}.png`, mimeType: 'image/png', buffer: samplePng() };
      await page.locator(`[data-test=upload-${m.code}]`).setInputFiles(file);
      await page.locator(`li[data-material="${m.code}"] .given`).waitFor();
    }
    await screenshot(page, 'organization-apply-region');
    await page.locator('[data-test=submit]').click();
    await page.waitForURL('**/my/cases/*');
    const caseNo = page.url().split('/').pop()!;
    expect(caseNo.startsWith('430103'), caseNo).to.equal(true);
    const region = page.locator('[data-test=case-region]');
    await region.waitFor();
    expect(await region.textContent()).to.contain('办理地：天心区');
    expect(await region.getAttribute('data-code')).to.equal('430103');
    // applied where it is handled: no 收件地 apart
    expect(await page.locator('[data-test=case-received-in]').count()).to.equal(0);
    await screenshot(page, 'organization-case-region');
    const view = await api()
      .get(`/api/v1/cases/${caseNo}`)
      .set(await auth('applicant'));
    expect(view.body.region).to.deep.equal({ code: '430103', name: '天心区' });
  });

  it('a community’s 便民服务站 takes 开办餐饮店 for its own region: handled by the city, received in the community, both on the case', async () => {
    const { page } = await open();
    await signIn(page, 'clerk-station');
    // the window's own region by default (checked on the page before the helper submits)
    const shown = valueBecomes(page.locator('[data-test=window-region-choice] input'), '长沙市 / 岳麓区 / 岳麓街道 / 桃花岭社区');
    const { caseNo } = await takeRestaurantAtWindow(page, 'organization-window');
    await shown;
    expect(caseNo.startsWith('430100'), caseNo).to.equal(true);
    const view = await api()
      .get(`/api/v1/cases/${caseNo}`)
      .set(await auth('clerk-station'));
    expect(view.status).to.equal(200);
    expect(view.body.region).to.deep.equal({ code: '430100', name: '长沙市' });
    expect(view.body.receivedIn).to.deep.equal({ code: '430104003001', name: '桃花岭社区' });

    await page.goto(`/cases/${caseNo}`);
    await page.locator('[data-test=case-region]').waitFor();
    expect(await page.locator('[data-test=case-region]').textContent()).to.equal('长沙市');
    expect(await page.locator('[data-test=case-received-in]').textContent()).to.equal('桃花岭社区');
    await screenshot(page, 'organization-window-case');
  });

  it('the item editor edits the levels that handle an item: saved in the tree’s order, none left out of item.json', async () => {
    const analyst = await auth('analyst');
    const definition = async () =>
      (await api().get(`/api/v1/catalog/items/${ITEM}`).set(analyst)).body as { version: number; definition: { levels?: string[] } };
    const before = await definition();
    expect(before.definition.levels).to.deep.equal(['city', 'district']);

    const { page } = await open();
    await signIn(page, 'analyst', '/modeling', '[data-test=item-list]');
    await page.goto(`/modeling/items/${ITEM}`);
    const field = page.locator('[data-test=field-levels]');
    await field.waitFor();
    const level = (name: string) => field.locator(`[data-test=level-${name}]`);
    const checked = async () => {
      const on: string[] = [];
      for (const name of ['city', 'district', 'town', 'village']) if (await level(name).evaluate((e) => e.classList.contains('is-checked'))) on.push(name);
      return on;
    };
    expect(await checked()).to.deep.equal(['city', 'district']);
    expect(await field.textContent())
      .to.contain('办理层级')
      .and.contain('市')
      .and.contain('区县')
      .and.contain('乡镇街道')
      .and.contain('村社区')
      .and.contain('都不选：由本平台所在区划（市级）统一办理。');
    // saved back as it was: no new version
    await page.locator('[data-test=save-item]').click();
    await page.locator('.el-message', { hasText: `没有改动，仍为第 ${before.version} 版` }).waitFor();

    // the towns too (checked before the district's turn in the list: saved in the tree's order)
    await level('town').click();
    await page.locator('[data-test=unsaved]').waitFor();
    await screenshot(page, 'organization-item-levels');
    await page.locator('[data-test=save-item]').click();
    await page.locator('.el-message', { hasText: `已保存为第 ${before.version + 1} 版` }).waitFor();
    expect((await definition()).definition.levels).to.deep.equal(['city', 'district', 'town']);

    // none: the platform's own region handles it, and item.json says so by leaving levels out
    for (const name of ['city', 'district', 'town']) await level(name).click();
    await page.locator('[data-test=save-item]').click();
    await page.locator('.el-message', { hasText: `已保存为第 ${before.version + 2} 版` }).waitFor();
    expect((await definition()).definition).not.to.have.property('levels');

    // in English, and back to the city and its districts
    await language(page, 'English');
    expect(await field.textContent())
      .to.contain('Levels that handle it')
      .and.contain('Town or street')
      .and.contain('None chosen: the platform’s own region (the city) handles it alone.');
    await level('district').click();
    await level('city').click();
    await page.locator('[data-test=save-item]').click();
    await page.locator('.el-message', { hasText: `Saved as version ${before.version + 3}` }).waitFor();
    expect((await definition()).definition.levels).to.deep.equal(['city', 'district']);
  });
});
