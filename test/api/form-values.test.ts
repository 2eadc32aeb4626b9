import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { api, applicant, auth, submit, uploadRequired } from '../support/api.ts';
import { REPO_ROOT } from '../../scripts/lib/engine.ts';

/** 户外招牌设置审批: decimal sizes from 0.1, a select of mounting types, a switch */
const SIGNBOARD = 'CSGL-ZP-001';
const file = (path: string) => JSON.parse(readFileSync(join(REPO_ROOT, 'processes', path), 'utf8'));
const signboardForm = () => ({
  businessName: '张三小吃店',
  operatorName: '张三',
  operatorPhone: '13800138000',
  premisesAddress: '长沙市芙蓉区五一大道100号',
  signboardText: '张三小吃',
  signboardWidthM: 3,
  signboardHeightM: 0.8,
  signboardMountType: 'projecting',
  signboardIlluminated: false,
});
type Problem = { field: string; message: string };
const problems = (res: { body: { error: { details: Problem[] } } }) => Object.fromEntries(res.body.error.details.map((d) => [d.field, d.message]));

describe("a form's values: options by the catalog's labels, numbers by the form's schema", () => {
  it('serves the options of a form with the labels the catalog gives them, in the caller’s language', async () => {
    const item = (await api().get(`/api/v1/items/${SIGNBOARD}`)).body;
    expect(item.formSchema.properties.signboardMountType['x-enum-labels'].projecting).to.deep.equal({
      'zh-CN': '垂直于墙面（侧招）',
      en: 'Projecting from the wall (blade sign)',
    });
    const option = async (language: string) => {
      const form = (await api().get(`/api/v1/items/${SIGNBOARD}/form`).set('Accept-Language', language)).body;
      return form.schema.components.find((c: { key?: string }) => c.key === 'signboardMountType').values;
    };
    expect(await option('zh-CN')).to.deep.include({ value: 'flat_wall', label: '平行于墙面' });
    expect(await option('en')).to.deep.include({ value: 'flat_wall', label: 'Flat against the wall' });
  });

  it('refuses a catalog form with an option unlabelled in either language, from the item editor and the form editor, and stores nothing', async () => {
    const version = (await api().get(`/api/v1/items/${SIGNBOARD}`)).body.version;
    const formSchema = file('outdoor-signboard-approval/form.schema.json');
    delete formSchema.properties.signboardMountType['x-enum-labels'].canopy;
    formSchema.properties.signboardMountType['x-enum-labels'].flat_wall.en = '';
    const edited = await api()
      .put(`/api/v1/items/${SIGNBOARD}`)
      .set(await auth('analyst'))
      .send({ definition: file('outdoor-signboard-approval/item.json'), formSchema });
    expect(edited.status).to.equal(422);
    expect(problems(edited)).to.deep.equal({
      'formSchema.properties.signboardMountType.x-enum-labels': '申请表字段“设置形式”的选项 flat_wall、canopy 须在 x-enum-labels 中有中文和英文名称',
    });

    const { schema } = (await api().get(`/api/v1/items/${SIGNBOARD}/form`)).body as {
      schema: { components: { key?: string; properties?: Record<string, string> }[] };
    };
    const mount = schema.components.find((c) => c.key === 'signboardMountType')!;
    mount.properties = { ...mount.properties, 'x-options-en': JSON.stringify({ flat_wall: 'Flat against the wall' }) };
    const saved = await api()
      .put(`/api/v1/items/${SIGNBOARD}/form`)
      .set(await auth('analyst'))
      .set('Accept-Language', 'en')
      .send({ schema, locale: 'zh-CN' });
    expect(saved.status).to.equal(422);
    const index = schema.components.indexOf(mount);
    expect(problems(saved)).to.deep.equal({
      [`schema.components[${index}]`]:
        'form component "设置形式" (type select, key signboardMountType) needs a Chinese label (the option\'s label) and an English label (custom property x-options-en, e.g. {"value":"English label"}) for every option',
    });
    expect((await api().get(`/api/v1/items/${SIGNBOARD}`)).body.version, 'nothing stored').to.equal(version);
  });

  it('takes a whole number in a field of decimals from 0.1, and says what is wrong with a number or an option in words, in Chinese and English', async () => {
    const item = (await api().get(`/api/v1/items/${SIGNBOARD}`)).body;
    const materials = await uploadRequired('applicant', item.materials);
    const bad = { ...signboardForm(), signboardWidthM: '三米', signboardHeightM: 0.05, signboardMountType: 'roof' };
    const body = (form: object) => ({ itemCode: SIGNBOARD, applicant: applicant(), form, materials });
    const zh = await submit('applicant', body(bad));
    expect(zh.status).to.equal(422);
    expect(problems(zh)).to.deep.equal({
      'form.signboardWidthM': '招牌长度（米）：应为数字',
      'form.signboardHeightM': '招牌高度（米）：不能小于 0.1',
      'form.signboardMountType': '设置形式：应为以下选项之一：平行于墙面、垂直于墙面（侧招）、雨篷上方',
    });
    const en = await submit('applicant', body(bad), { 'Accept-Language': 'en' });
    expect(problems(en)).to.deep.equal({
      'form.signboardWidthM': 'Signboard width (m): must be a number',
      'form.signboardHeightM': 'Signboard height (m): must be at least 0.1',
      'form.signboardMountType': 'Mounting type: must be one of: Flat against the wall, Projecting from the wall (blade sign), Above the canopy',
    });
    // a switch left off is an answer
    const accepted = await submit('applicant', body(signboardForm()));
    expect(accepted.status, JSON.stringify(accepted.body)).to.equal(201);
  });
});
