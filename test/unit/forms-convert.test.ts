import { expect } from 'chai';
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../../server/errors/app-error.ts';
import { ajv } from '../../server/validation/ajv.ts';
import { canonicalForm, formFromJsonSchema, jsonSchemaFromForm, localizeForm, readOnlyForm } from '../../server/forms/convert.ts';
import type { FormJsComponent, FormJsSchema, JsonObjectSchema } from '../../server/forms/form-js-schema.ts';

const processes = join(import.meta.dirname, '../../processes');
/** every item form that ships under processes/ */
const itemForms = readdirSync(processes)
  .filter((dir) => existsSync(join(processes, dir, 'form.schema.json')))
  .map((dir) => ({
    dir,
    code: (JSON.parse(readFileSync(join(processes, dir, 'item.json'), 'utf8')) as { code: string }).code,
    schema: JSON.parse(readFileSync(join(processes, dir, 'form.schema.json'), 'utf8')) as JsonObjectSchema,
  }));
const registration = itemForms.find((f) => f.dir === 'individual-business-registration')!;

/** the 422's problems as [field, Chinese message, English message] */
function refusal(run: () => unknown): [string, string, string][] {
  try {
    run();
  } catch (err) {
    expect(err).to.be.instanceOf(AppError);
    expect((err as AppError).status).to.equal(422);
    return (err as AppError).details.map((d) => [d.field, d.message['zh-CN'], d.message.en]);
  }
  throw new Error('expected a 422');
}

const component = (form: FormJsSchema, key: string) => form.components.find((c) => c.key === key)!;

describe('item forms: JSON schema ⇄ Camunda Form (form-js)', () => {
  it('reads every shipped item form, and the round trip keeps fields, order, titles, required, enums and checks', () => {
    expect(itemForms.length).to.be.greaterThanOrEqual(10);
    for (const { code, schema } of itemForms) {
      const form = formFromJsonSchema(schema, code);
      expect(form).to.include({ type: 'default', id: `form_${code}` });
      expect(
        form.components.map((c) => c.key),
        code,
      ).to.deep.equal(Object.keys(schema.properties!));
      const back = jsonSchemaFromForm(form, schema);
      // the same schema, up to the order of `required` (the form's order)
      expect({ ...back, required: [...back.required!].sort() }, code).to.deep.equal({ ...schema, required: [...schema.required!].sort() });
      expect(() => ajv.compile(back)).not.to.throw();
    }
  });

  it('maps each kind of field to its form-js component with validation', () => {
    const form = formFromJsonSchema(registration.schema, registration.code);
    expect(component(form, 'businessName')).to.deep.include({ type: 'textfield', label: '个体工商户名称', validate: { minLength: 2, maxLength: 50 } });
    expect(component(form, 'operatorName').validate).to.deep.equal({ required: true, minLength: 1, maxLength: 50 });
    expect(component(form, 'operatorIdNo').properties).to.deep.equal({ 'x-title-en': "Operator's resident ID number", format: 'cn-id-card' });
    expect(component(form, 'businessScope')).to.deep.include({ type: 'textarea' });
    expect(component(form, 'employees')).to.deep.include({ type: 'number', decimalDigits: 0, validate: { required: true, min: 0, max: 9999 } });
    expect(component(form, 'capitalTenThousandYuan')).not.to.have.property('decimalDigits');
    expect(component(form, 'openingDate')).to.deep.include({ type: 'datetime', subtype: 'date', dateLabel: '拟开业日期' });
    expect(component(form, 'organizationForm')).to.deep.include({
      type: 'select',
      values: [
        { value: 'individual', label: '个人经营' },
        { value: 'family', label: '家庭经营' },
      ],
    });
    // the options' labels are the catalog's (x-enum-labels): Chinese on the options, English beside them
    const food = itemForms.find((f) => f.dir === 'food-business-licence')!;
    const businessFormat = component(formFromJsonSchema(food.schema, food.code), 'businessFormat');
    expect(businessFormat.values).to.deep.include({ value: 'fast_food', label: '快餐店' });
    expect(JSON.parse(businessFormat.properties!['x-options-en']!)).to.include({ fast_food: 'Fast-food restaurant', canteen: 'Staff canteen' });
    // a form saved before its options had labels shows the values rather than nothing
    const unlabelled = formFromJsonSchema({ type: 'object', properties: { kind: { type: 'string', enum: ['a'], title: '类别' } } }, 'X');
    expect(component(unlabelled, 'kind').values).to.deep.equal([{ value: 'a', label: 'a' }]);
  });

  it('says the form in English and takes an English form back to the same schema', () => {
    const form = formFromJsonSchema(registration.schema, registration.code);
    const en = localizeForm(form, 'en');
    expect(component(en, 'operatorName')).to.deep.include({ label: "Operator's name", properties: { title: '经营者姓名' } });
    expect(component(en, 'openingDate').dateLabel).to.equal('Planned opening date');
    expect(component(en, 'organizationForm').values).to.deep.equal([
      { value: 'individual', label: 'Individual' },
      { value: 'family', label: 'Family' },
    ]);
    expect(canonicalForm(en, 'en')).to.deep.equal(form);
    expect(jsonSchemaFromForm(canonicalForm(en, 'en'), registration.schema)).to.deep.equal(jsonSchemaFromForm(form, registration.schema));
  });

  it('takes what the editor adds: a new field, a radio, a required checkbox, layout-only text', () => {
    const form = formFromJsonSchema(registration.schema, registration.code);
    form.components.push(
      { type: 'text', text: '## 补充信息' },
      { type: 'textfield', key: 'remark', label: '备注', properties: { 'x-title-en': 'Remark' }, validate: { maxLength: 100, pattern: '^[^<>]*$' } },
      {
        type: 'radio',
        key: 'chain',
        label: '是否连锁',
        properties: { 'x-title-en': 'Chain store', 'x-options-en': JSON.stringify({ yes: 'Yes', no: 'No' }) },
        values: [
          { value: 'yes', label: '是' },
          { value: 'no', label: '否' },
        ],
        validate: { required: true },
      },
      { type: 'checkbox', key: 'agreed', label: '已阅读须知', properties: { 'x-title-en': 'Read the notice' } },
      { type: 'textfield', key: 'email', label: '电子邮箱', properties: { 'x-title-en': 'E-mail' }, validate: { validationType: 'email' } },
    );
    const schema = jsonSchemaFromForm(form, registration.schema);
    expect(schema.properties!.remark).to.deep.equal({ type: 'string', maxLength: 100, pattern: '^[^<>]*$', title: '备注', 'x-title-en': 'Remark' });
    expect(schema.properties!.chain).to.deep.include({
      type: 'string',
      enum: ['yes', 'no'],
      'x-enum-labels': { yes: { 'zh-CN': '是', en: 'Yes' }, no: { 'zh-CN': '否', en: 'No' } },
    });
    expect(schema.properties!.agreed).to.deep.include({ type: 'boolean' });
    expect(schema.properties!.email).to.deep.include({ format: 'email' });
    expect(schema.required).to.include('chain').and.not.include('remark');
    const validate = ajv.compile(schema);
    expect(
      validate({
        operatorName: '张三',
        operatorIdNo: '430102199003071234',
        operatorPhone: '13800138000',
        organizationForm: 'family',
        businessScope: '小吃',
        premisesAddress: '长沙市岳麓区某路1号',
        employees: 1,
        chain: 'maybe',
      }),
    ).to.equal(false);
    expect(validate.errors!.map((e) => e.instancePath)).to.deep.equal(['/chain']);
  });

  it('refuses what the JSON schema cannot hold, naming each component in Chinese and English', () => {
    const base = registration.schema;
    const form = (...components: FormJsComponent[]): FormJsSchema => ({ type: 'default', components });
    const named = { label: '字段', properties: { 'x-title-en': 'Field' } };
    const problems = refusal(() =>
      jsonSchemaFromForm(
        form(
          { type: 'textfield', key: 'ok', ...named },
          { type: 'group', label: '分组', components: [] },
          { type: 'filepicker', key: 'file', ...named },
          { type: 'textfield', key: 'ok', ...named },
          { type: 'textfield', key: 'a.b', ...named },
          { type: 'textfield', key: 'noEnglish', label: '无英文' },
          { type: 'select', key: 'dynamic', valuesKey: 'options', ...named },
          { type: 'datetime', key: 'at', subtype: 'datetime', dateLabel: '时间', properties: { 'x-title-en': 'At' } },
          { type: 'textfield', key: 'shown', conditional: { hide: '=x' }, ...named },
          { type: 'textfield', key: 'odd', properties: { 'x-title-en': 'Odd', format: 'ipv4' }, label: '地址' },
          {
            type: 'select',
            key: 'size',
            label: '规模',
            properties: { 'x-title-en': 'Size', 'x-options-en': JSON.stringify({ small: 'Small' }) },
            values: [
              { value: 'small', label: '小型' },
              { value: 'large', label: '大型' },
            ],
          },
        ),
        base,
      ),
    );
    expect(problems.map(([field]) => field)).to.deep.equal([
      'schema.components[1]',
      'schema.components[2]',
      'schema.components[3]',
      'schema.components[4]',
      'schema.components[5]',
      'schema.components[6]',
      'schema.components[7]',
      'schema.components[8]',
      'schema.components[9]',
      'schema.components[10]',
    ]);
    expect(problems[0]![1]).to.equal(
      '表单组件“分组”（类型：group）无法对应申请表字段（支持：文本框、多行文本、数字、下拉、单选、勾选、日期及说明文字、间隔、分隔线）',
    );
    expect(problems[0]![2]).to.contain('form component "分组" (type group) has no counterpart');
    expect(problems[2]![1]).to.contain('“ok”与其他组件重复');
    expect(problems[4]![1]).to.equal('表单组件“无英文”（类型：textfield，key：noEnglish）缺少英文标题（自定义属性 x-title-en）');
    expect(problems[4]![2]).to.equal('form component "无英文" (type textfield, key noEnglish) has no English title (custom property x-title-en)');
    expect(problems[6]![1]).to.contain('只支持“日期”子类型');
    expect(problems[8]![2]).to.contain('unsupported format "ipv4"');
    // an option without its English label (x-options-en) cannot be shown in English
    expect(problems[9]![1]).to.contain('表单组件“规模”（类型：select，key：size）的每个选项须有中文名称').and.contain('x-options-en');
    expect(problems[9]![2]).to.contain('needs a Chinese label').and.contain('English label (custom property x-options-en');
    expect(refusal(() => jsonSchemaFromForm(form({ type: 'text', text: 'x' }), base))[0]![1]).to.equal('表单至少须有一个字段');
    expect(refusal(() => jsonSchemaFromForm({ components: [] } as unknown as FormJsSchema, base))[0]![0]).to.equal('schema');
  });

  it('refuses to show a nested object as a form field, naming it', () => {
    const problems = refusal(() => formFromJsonSchema({ type: 'object', properties: { address: { type: 'object', title: '地址' } } }, 'X'));
    expect(problems).to.deep.equal([
      [
        'formSchema.properties.address',
        '申请表字段“地址”（address）的类型“object”（嵌套对象或数组），无法作为表单组件显示',
        'form field "address" is of type "object" (nested objects and arrays) and has no form-js component',
      ],
    ]);
  });

  it('shows a case read-only with only the fields a step may see', () => {
    const form = formFromJsonSchema(registration.schema, registration.code);
    form.components.unshift({ type: 'text', text: '说明' });
    const shown = readOnlyForm(form, new Set(['businessName', 'employees']));
    expect(shown.components.map((c) => c.key ?? c.type)).to.deep.equal(['text', 'businessName', 'employees']);
    expect(shown.components.filter((c) => c.key).every((c) => c.readonly === true)).to.equal(true);
    expect(readOnlyForm(form, undefined).components).to.have.length(form.components.length);
  });
});
