import { expect } from 'chai';
import { mergeForms, mergeMaterials, MergeConflict } from '../../server/catalog/bundle-merge.ts';
import { applicableItemCodes } from '../../server/catalog/bundle-questionnaire.ts';
import type { ItemVersion } from '../../server/catalog/items.repository.ts';
import type { BundleDefinition } from '../../contract/catalog/bundle.ts';
import type { MaterialRequirement } from '../../contract/catalog/item.ts';

const name = { type: 'string', minLength: 1, title: '经营者姓名' };
const material = (code: string, required: boolean): MaterialRequirement => ({
  code,
  name: code,
  nameEn: code,
  formats: ['pdf'],
  eLicense: null,
  tolerable: false,
  required,
});

function item(code: string, properties: Record<string, object>, required: string[], materials: MaterialRequirement[], produces?: string): ItemVersion {
  return {
    code,
    version: 1,
    name: code,
    departmentCode: 'samr',
    processKey: 'item_standard',
    formSchema: { type: 'object', properties, required },
    definition: { materials, results: [{ name: `${code} result`, kind: 'license', material: produces }] } as unknown as ItemVersion['definition'],
  };
}

describe('bundle merging (一表申请, 一套材料)', () => {
  const a = item('A', { operatorName: name, seats: { type: 'integer' } }, ['operatorName'], [material('id-card', true), material('lease', false)]);
  const b = item(
    'B',
    { operatorName: name, signSize: { type: 'number' } },
    ['signSize'],
    [material('id-card', true), material('lease', true), material('plan', true)],
  );

  it('asks a shared field once and counts the saving', () => {
    const form = mergeForms([a, b]);
    expect(Object.keys(form.schema.properties)).to.deep.equal(['operatorName', 'seats', 'signSize']);
    expect(form.schema.required).to.have.members(['operatorName', 'signSize']);
    expect(form.sharedFields).to.deep.equal(['operatorName']);
    expect(form.fieldItems.operatorName).to.deep.equal(['A', 'B']);
    expect(form.fieldsItemByItem).to.equal(4);
  });

  it('refuses a field two items define differently', () => {
    const c = item('C', { operatorName: { ...name, maxLength: 10 } }, [], []);
    expect(() => mergeForms([a, c])).to.throw(MergeConflict, /operatorName.*A.*C/);
  });

  it('keeps one entry per catalog material, required when any item requires it', () => {
    const { materials, materialsItemByItem } = mergeMaterials([a, b]);
    expect(materialsItemByItem).to.equal(5);
    expect(materials.map((m) => [m.code, m.required, m.items])).to.deep.equal([
      ['id-card', true, ['A', 'B']],
      ['lease', true, ['A', 'B']],
      ['plan', true, ['B']],
    ]);
  });

  it('asks for no material another item of the bundle issues (前序事项产生的材料不需提交)', () => {
    const licensing = item('L', {}, [], [material('id-card', true)], 'lease');
    const { materials, waived } = mergeMaterials([a, b, licensing]);
    expect(materials.map((m) => m.code)).to.deep.equal(['id-card', 'plan']);
    expect(waived).to.deep.equal([{ code: 'lease', name: 'lease', nameEn: 'lease', producedBy: 'L', items: ['A', 'B'] }]);
  });

  it('lets a commitment replace a shared material only where every item allows one', () => {
    const lenient = item('M', {}, [], [{ ...material('lease', true), commitment: true }]);
    const strict = item('N', {}, [], [material('lease', true)]);
    expect(mergeMaterials([lenient, strict]).materials[0]!.commitment).to.equal(false);
    expect(mergeMaterials([lenient, lenient]).materials[0]!.commitment).to.equal(true);
  });
});

describe('scenario navigation (场景式导航)', () => {
  const bundle: BundleDefinition = {
    code: 'T',
    name: '测试',
    nameEn: 'Test',
    description: '',
    descriptionEn: '',
    promisedDays: 5,
    leadDepartmentCode: 'samr',
    onItemRejected: 'continue',
    questionnaire: [
      { code: 'hasLicense', text: '是否已有营业执照？', textEn: 'Licensed already?', type: 'boolean' },
      {
        code: 'size',
        text: '规模',
        textEn: 'Size',
        type: 'choice',
        options: [
          { value: 'small', label: '小', labelEn: 'small' },
          { value: 'large', label: '大', labelEn: 'large' },
        ],
      },
    ],
    items: [
      { code: 'LICENSE', when: { hasLicense: false } },
      { code: 'FOOD', when: null },
      { code: 'FIRE', when: { size: 'large' } },
    ],
  };

  it('selects the items whose conditions the answers meet', () => {
    expect(applicableItemCodes(bundle, { hasLicense: false, size: 'small' })).to.deep.equal(['LICENSE', 'FOOD']);
    expect(applicableItemCodes(bundle, { hasLicense: true, size: 'large' })).to.deep.equal(['FOOD', 'FIRE']);
  });

  it('refuses missing, unknown or impossible answers, naming the question', () => {
    expect(() => applicableItemCodes(bundle, { hasLicense: true }))
      .to.throw()
      .with.property('details')
      .that.deep.includes({ field: 'answers.size', label: '规模', message: { 'zh-CN': '规模：为必填项', en: 'Size: is required' } });
    expect(() => applicableItemCodes(bundle, { hasLicense: 'yes', size: 'huge', extra: 1 }))
      .to.throw()
      .with.property('details')
      .with.length(3);
  });

  it('says a wrong choice with the options as the applicant read them, in both languages', () => {
    expect(() => applicableItemCodes(bundle, { hasLicense: true, size: 'huge' }))
      .to.throw()
      .with.property('details')
      .that.deep.includes({
        field: 'answers.size',
        label: '规模',
        message: { 'zh-CN': '规模：应为以下选项之一：小、大', en: 'Size: must be one of: small, large' },
      });
  });
});
