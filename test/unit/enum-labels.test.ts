import { expect } from 'chai';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { enumLabel, enumLabelProblems, type EnumField } from '../../contract/catalog/enum-labels.ts';
import { ajv, problemsOf } from '../../server/validation/ajv.ts';
import { licenseDocument } from '../../server/results/issue-license.ts';
import type { ELicenseRecord } from '../../server/e-licenses/case-licenses.ts';
import type { ItemDefinition } from '../../contract/catalog/item.ts';

const processes = join(import.meta.dirname, '../../processes');
/** every item form that ships under processes/ */
const forms = readdirSync(processes)
  .filter((dir) => existsSync(join(processes, dir, 'form.schema.json')))
  .map((dir) => ({ dir, schema: JSON.parse(readFileSync(join(processes, dir, 'form.schema.json'), 'utf8')) as { properties: Record<string, EnumField> } }));
const signboard = forms.find((f) => f.dir === 'outdoor-signboard-approval')!.schema;

/** what a 422 would say, field → message, in the language */
const said = (schema: object, data: unknown, locale: 'zh-CN' | 'en') => Object.fromEntries(problemsOf(schema, data).map((p) => [p.field, p.message[locale]]));

describe("enumerations carry their labels in the catalog (x-enum-labels), and a form's numbers are checked by its schema", () => {
  it('every shipped form labels each option in Chinese and English, and nothing else', () => {
    expect(forms.length).to.be.greaterThanOrEqual(10);
    let options = 0;
    for (const { dir, schema } of forms) {
      expect(enumLabelProblems(schema.properties), dir).to.deep.equal([]);
      for (const p of Object.values(schema.properties)) options += p.enum?.length ?? 0;
    }
    expect(options).to.be.greaterThan(30);
    const mount = signboard.properties.signboardMountType;
    expect(enumLabel(mount, 'flat_wall', 'zh-CN')).to.equal('平行于墙面');
    expect(enumLabel(mount, 'flat_wall', 'en')).to.equal('Flat against the wall');
  });

  it('names every option without a label in either language, and every label of no option', () => {
    const problems = enumLabelProblems({
      size: { enum: ['small', 'large'], 'x-enum-labels': { small: { 'zh-CN': '小型', en: ' ' }, medium: { 'zh-CN': '中型', en: 'Medium' } } },
      ok: { enum: ['a'], 'x-enum-labels': { a: { 'zh-CN': '甲', en: 'A' } } },
      plain: { enum: ['x'] },
    } as Record<string, EnumField>);
    expect(problems.map((p) => p.field)).to.deep.equal([
      'formSchema.properties.size.x-enum-labels',
      'formSchema.properties.size.x-enum-labels',
      'formSchema.properties.plain.x-enum-labels',
    ]);
    expect(problems[0]!.message['zh-CN']).to.equal('申请表字段“size”的选项 small、large 须在 x-enum-labels 中有中文和英文名称');
    expect(problems[1]!.message.en).to.equal('form field "size": x-enum-labels labels medium, which are not options of the field');
    // a form saved before labels shows the value rather than nothing
    expect(enumLabel({ enum: ['x'] }, 'x', 'en')).to.equal('x');
  });

  it("refuses a label that is not in both languages when the form's schema is compiled", () => {
    const schema = { type: 'object', properties: { kind: { type: 'string', enum: ['a'], 'x-enum-labels': { a: { 'zh-CN': '甲' } } } } };
    expect(() => ajv.compile(schema)).to.throw(/x-enum-labels/);
  });

  it('says a wrong number or option in words, with the options by their labels, in Chinese and English', () => {
    const form = {
      businessName: '张三小吃店',
      operatorName: '张三',
      operatorPhone: '13800138000',
      premisesAddress: '长沙市芙蓉区五一大道100号',
      signboardText: '张三小吃',
      signboardWidthM: 3,
      signboardHeightM: 1,
      signboardMountType: 'flat_wall',
      signboardIlluminated: false,
    };
    // a whole number in a field that starts at 0.1 is a number like any other; so is a decimal
    expect(problemsOf(signboard, form)).to.deep.equal([]);
    expect(problemsOf(signboard, { ...form, signboardWidthM: 2.5 })).to.deep.equal([]);
    const bad = { ...form, signboardWidthM: '三米', signboardHeightM: 0.05, signboardMountType: 'roof' };
    expect(said(signboard, bad, 'zh-CN')).to.deep.equal({
      signboardWidthM: '招牌长度（米）：应为数字',
      signboardHeightM: '招牌高度（米）：不能小于 0.1',
      signboardMountType: '设置形式：应为以下选项之一：平行于墙面、垂直于墙面（侧招）、雨篷上方',
    });
    expect(said(signboard, bad, 'en')).to.deep.equal({
      signboardWidthM: 'Signboard width (m): must be a number',
      signboardHeightM: 'Signboard height (m): must be at least 0.1',
      signboardMountType: 'Mounting type: must be one of: Flat against the wall, Projecting from the wall (blade sign), Above the canopy',
    });
    const counts = { type: 'object', properties: { employees: { type: 'integer', minimum: 0, maximum: 9999, title: '从业人数', 'x-title-en': 'Employees' } } };
    expect(said(counts, { employees: 2.5 }, 'zh-CN')).to.deep.equal({ employees: '从业人数：应为整数' });
    expect(said(counts, { employees: 10000 }, 'en')).to.deep.equal({ employees: 'Employees: must be at most 9999' });
  });

  it("states an option on a certificate by the form's label (出生医学证明: 性别 女)", () => {
    const birth = forms.find((f) => f.dir === 'birth-medical-certificate')!.schema;
    const license = {
      name: '出生医学证明',
      number: 'CS-2026-000001',
      holderName: '张小宝',
      data: { babyName: '张小宝', babyGender: 'female', babyBirthDate: '2026-03-01' },
      validFrom: new Date('2026-03-05T02:00:00Z'),
      validUntil: null,
    } as unknown as ELicenseRecord;
    const item = { name: '出生医学证明办理', legalBasis: [{ title: '《中华人民共和国母婴保健法》' }] } as unknown as ItemDefinition;
    const fields = licenseDocument(license, item, '长沙市卫生健康委员会', birth).fields;
    expect(fields).to.deep.include({ label: '性别', value: '女' });
    expect(fields.map((f) => f.value)).not.to.include('female');
  });
});
