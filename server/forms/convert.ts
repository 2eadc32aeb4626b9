import { validationFailed, fieldProblem, type FieldProblem } from '../errors/app-error.ts';
import type { Locale } from '../i18n/locale.ts';
import { FORM_JS_SCHEMA_VERSION, formIdOf, type FormJsComponent, type FormJsSchema, type JsonObjectSchema, type JsonSchemaProperty } from './form-js-schema.ts';
import { PERSONAL_KINDS, type PersonalKind } from '../../contract/catalog/personal.ts';
import { ENUM_LABELS, enumLabel, type EnumLabels } from '../../contract/catalog/enum-labels.ts';

/**
 * Item forms both ways: an item's JSON schema (what ajv checks submissions against) as a Camunda
 * Form (form-js), and a form-js schema from the editor back to the JSON schema.
 *
 * The stored, "canonical" form-js schema is Chinese: a component's label is the field's `title`,
 * and its English title travels in the custom property `x-title-en` (the editor's 自定义属性), the
 * English labels of a select's options in `x-options-en` (a JSON object value → label). The same
 * form in English swaps them: labels in English, the Chinese in `title` and `x-options-zh`.
 * Formats that form-js has no validation for (cn-id-card, cn-mobile, cn-credit-code …) are kept
 * in the custom property `format`.
 */

/** form-js components that hold no data: kept in the layout, not in the JSON schema */
const LAYOUT_ONLY = new Set(['text', 'spacer', 'separator']);
/** form-js components with a counterpart in our JSON schemas */
const FIELD_TYPES = new Set(['textfield', 'textarea', 'number', 'select', 'radio', 'checkbox', 'datetime']);
/** the formats ajv knows (server/validation/ajv.ts); `date` is a datetime component instead */
const TEXT_FORMATS = new Set(['cn-id-card', 'cn-mobile', 'cn-credit-code', 'email', 'date-time', 'uuid']);
/** a textfield becomes a textarea when its text may be longer than this */
const TEXTAREA_FROM_LENGTH = 200;
const KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;

const typeOf = (p: JsonSchemaProperty): string | undefined => (Array.isArray(p.type) ? p.type.find((t) => t !== 'null') : p.type);

function fieldComponent(name: string, p: JsonSchemaProperty, required: boolean): FormJsComponent {
  const type = typeOf(p);
  const title = p.title ?? name;
  const properties: Record<string, string> = {};
  if (p['x-title-en']) properties['x-title-en'] = p['x-title-en'];
  // 个人信息: the mark travels as a custom property too (contract/catalog/personal.ts)
  if (p['x-personal']) properties['x-personal'] = p['x-personal'];
  const validate: NonNullable<FormJsComponent['validate']> = {};
  if (required) validate.required = true;
  const base = { id: `Field_${name}`, key: name, ...(p.description ? { description: p.description } : {}) };
  const refuse = (what: string, en: string) =>
    validationFailed([
      fieldProblem(
        `formSchema.properties.${name}`,
        `申请表字段“${title}”（${name}）${what}，无法作为表单组件显示`,
        `form field "${name}" ${en} and has no form-js component`,
      ),
    ]);

  if (p.enum) {
    if (p.enum.some((v) => typeof v !== 'string' && typeof v !== 'number'))
      throw refuse('的可选值不是文字或数字', 'has enumeration values that are neither strings nor numbers');
    // the catalog's labels (x-enum-labels): Chinese as the options' labels, English beside them
    properties['x-options-en'] = JSON.stringify(Object.fromEntries(p.enum.map((v) => [String(v), enumLabel(p, v, 'en')])));
    return {
      ...base,
      type: 'select',
      label: title,
      values: p.enum.map((v) => ({ value: v as string | number, label: enumLabel(p, v, 'zh-CN') })),
      validate,
      properties,
    };
  }
  if (type === 'boolean') return { ...base, type: 'checkbox', label: title, validate, properties };
  if (type === 'number' || type === 'integer') {
    if (p.minimum !== undefined) validate.min = p.minimum;
    if (p.maximum !== undefined) validate.max = p.maximum;
    return { ...base, type: 'number', label: title, ...(type === 'integer' ? { decimalDigits: 0 } : {}), validate, properties };
  }
  if (type === 'string') {
    if (p.format === 'date') return { ...base, type: 'datetime', subtype: 'date', dateLabel: title, validate, properties };
    if (p.format !== undefined) {
      if (!TEXT_FORMATS.has(p.format)) throw refuse(`的格式“${p.format}”不受支持`, `has the unsupported format "${p.format}"`);
      properties.format = p.format;
    }
    if (p.minLength !== undefined) validate.minLength = p.minLength;
    if (p.maxLength !== undefined) validate.maxLength = p.maxLength;
    if (p.pattern !== undefined) validate.pattern = p.pattern;
    const long = (p.maxLength ?? 0) > TEXTAREA_FROM_LENGTH;
    return { ...base, type: long ? 'textarea' : 'textfield', label: title, validate, properties };
  }
  throw refuse(`的类型“${String(p.type)}”（嵌套对象或数组）`, `is of type "${String(p.type)}" (nested objects and arrays)`);
}

/**
 * An item's JSON schema as its Camunda Form (Chinese, canonical): one component per property in
 * the schema's order, its validation (required, lengths, pattern, bounds) and a select for each
 * enumeration. A property form-js cannot show (a nested object, an array) is a 422 naming it.
 */
export function formFromJsonSchema(schema: JsonObjectSchema, itemCode: string): FormJsSchema {
  const required = new Set(schema.required ?? []);
  const components = Object.entries(schema.properties ?? {}).map(([name, p]) => fieldComponent(name, p, required.has(name)));
  return {
    type: 'default',
    id: formIdOf(itemCode),
    schemaVersion: FORM_JS_SCHEMA_VERSION,
    executionPlatform: 'Camunda Platform',
    executionPlatformVersion: '7.24.0',
    exporter: { name: 'approval-platform', version: '1' },
    components,
  };
}

const labelOf = (c: FormJsComponent): string | undefined => (c.type === 'datetime' ? (c.dateLabel ?? c.label) : c.label);
const withLabel = (c: FormJsComponent, label: string | undefined): FormJsComponent =>
  label === undefined ? c : c.type === 'datetime' ? { ...c, dateLabel: label } : { ...c, label };

function parseOptions(json: string | undefined): Record<string, string> {
  if (!json) return {};
  try {
    const parsed = JSON.parse(json) as unknown;
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, string>) : {};
  } catch {
    return {};
  }
}

/** The labels of one language swapped for the other's (see the module's comment). */
function swapLanguage(c: FormJsComponent, from: Locale): FormJsComponent {
  if (!c.key || !c.properties) return c;
  const [thisTitle, otherTitle, thisOptions, otherOptions] =
    from === 'zh-CN' ? ['title', 'x-title-en', 'x-options-zh', 'x-options-en'] : ['x-title-en', 'title', 'x-options-en', 'x-options-zh'];
  const properties = { ...c.properties };
  const label = labelOf(c);
  const other = properties[otherTitle];
  delete properties[otherTitle];
  if (label !== undefined) properties[thisTitle] = label;
  let values = c.values;
  if (values) {
    const labels = parseOptions(properties[otherOptions]);
    delete properties[otherOptions];
    properties[thisOptions] = JSON.stringify(Object.fromEntries(values.map((v) => [String(v.value), v.label])));
    values = values.map((v) => ({ ...v, label: labels[String(v.value)] ?? v.label }));
  }
  return { ...withLabel(c, other ?? label), properties, ...(values ? { values } : {}) };
}

/** The canonical (Chinese) form in the given language: English labels for "en". */
export function localizeForm(form: FormJsSchema, locale: Locale): FormJsSchema {
  if (locale === 'zh-CN') return form;
  return { ...form, components: form.components.map((c) => swapLanguage(c, 'zh-CN')) };
}

/** A form in the given language (as the editor saved it) back to the canonical Chinese one. */
export function canonicalForm(form: FormJsSchema, locale: Locale): FormJsSchema {
  if (locale === 'zh-CN') return form;
  return { ...form, components: form.components.map((c) => swapLanguage(c, 'en')) };
}

const describe = (c: FormJsComponent): { zh: string; en: string } => {
  const label = labelOf(c);
  const key = c.key ? `，key：${c.key}` : '';
  const keyEn = c.key ? `, key ${c.key}` : '';
  return { zh: `表单组件“${label ?? c.id ?? c.type}”（类型：${c.type}${key}）`, en: `form component "${label ?? c.id ?? c.type}" (type ${c.type}${keyEn})` };
};

function propertyOf(c: FormJsComponent, problem: (zh: string, en: string) => void): JsonSchemaProperty | undefined {
  const props = c.properties ?? {};
  const title = labelOf(c)?.trim();
  const titleEn = props['x-title-en']?.trim();
  if (!title) problem('缺少中文标题（标签）', 'has no Chinese label');
  if (!titleEn) problem('缺少英文标题（自定义属性 x-title-en）', 'has no English title (custom property x-title-en)');
  if (c.conditional) problem('设有显示条件，申请表结构无法表达', 'has a display condition, which the JSON schema cannot express');
  if (typeof c.readonly === 'string') problem('的只读条件是表达式，申请表结构无法表达', 'is read-only by an expression, which the JSON schema cannot express');
  const v = c.validate ?? {};
  const p: JsonSchemaProperty = {};
  switch (c.type) {
    case 'textfield':
    case 'textarea': {
      p.type = 'string';
      const format = props.format;
      if (format !== undefined && !TEXT_FORMATS.has(format))
        problem(
          `的格式“${format}”不受支持（可用：${[...TEXT_FORMATS].join('、')}）`,
          `has the unsupported format "${format}" (known: ${[...TEXT_FORMATS].join(', ')})`,
        );
      else if (format) p.format = format;
      if (v.validationType === 'email') p.format = 'email';
      else if (v.validationType && v.validationType !== 'custom')
        problem(
          `的校验类型“${v.validationType}”不受支持，请改用自定义属性 format（如 cn-mobile）`,
          `has the unsupported validation type "${v.validationType}": use the custom property format (e.g. cn-mobile)`,
        );
      if (v.minLength !== undefined) p.minLength = v.minLength;
      if (v.maxLength !== undefined) p.maxLength = v.maxLength;
      if (v.pattern) {
        try {
          new RegExp(v.pattern, 'u');
          p.pattern = v.pattern;
        } catch {
          problem(`的正则表达式“${v.pattern}”无效`, `has an invalid pattern "${v.pattern}"`);
        }
      }
      break;
    }
    case 'number':
      p.type = c.decimalDigits === 0 ? 'integer' : 'number';
      if (v.min !== undefined && v.min !== null) p.minimum = Number(v.min);
      if (v.max !== undefined && v.max !== null) p.maximum = Number(v.max);
      break;
    case 'checkbox':
      p.type = 'boolean';
      break;
    case 'datetime':
      if (c.subtype !== 'date') problem('只支持“日期”子类型（不含时间）', 'supports the "date" subtype only (no time)');
      p.type = 'string';
      p.format = 'date';
      break;
    case 'select':
    case 'radio': {
      const values = (c.values ?? []).map((o) => o.value);
      if (c.valuesKey || c.valuesExpression)
        problem('的选项来自变量或表达式，须改为固定选项', 'takes its options from a variable or expression: give it static options');
      else if (values.length === 0) problem('没有选项', 'has no options');
      if (new Set(values.map(String)).size !== values.length) problem('有重复的选项值', 'has duplicate option values');
      if (values.some((x) => typeof x !== 'string')) problem('的选项值须为文字', 'must have text option values');
      p.type = 'string';
      p.enum = values;
      const labels = enumLabelsOf(c);
      if (labels) p[ENUM_LABELS] = labels;
      else
        problem(
          '的每个选项须有中文名称（选项标签）和英文名称（自定义属性 x-options-en，如 {"value":"English label"}）',
          'needs a Chinese label (the option\'s label) and an English label (custom property x-options-en, e.g. {"value":"English label"}) for every option',
        );
      break;
    }
  }
  if (title) p.title = title;
  if (titleEn) p['x-title-en'] = titleEn;
  const personal = props['x-personal']?.trim();
  if (personal && !(PERSONAL_KINDS as readonly string[]).includes(personal)) {
    problem(
      `的个人信息类别“${personal}”不受支持（可用：${PERSONAL_KINDS.join('、')}）`,
      `has the unknown personal-data kind "${personal}" (known: ${PERSONAL_KINDS.join(', ')})`,
    );
  } else if (personal) p['x-personal'] = personal as PersonalKind;
  if (c.description) p.description = c.description;
  return p;
}

/**
 * A select's (radio's) option labels as the catalog keeps them (x-enum-labels): the options'
 * labels are the Chinese, the custom property x-options-en the English. Undefined when an option
 * misses either.
 */
function enumLabelsOf(c: FormJsComponent): EnumLabels | undefined {
  const en = parseOptions(c.properties?.['x-options-en']);
  const labels: EnumLabels = {};
  for (const { value, label } of c.values ?? []) {
    const zh = typeof label === 'string' ? label.trim() : '';
    const english = typeof en[String(value)] === 'string' ? en[String(value)]!.trim() : '';
    if (!zh || !english) return undefined;
    labels[String(value)] = { 'zh-CN': zh, en: english };
  }
  return labels;
}

/**
 * A form-js schema (canonical, Chinese) as the item's JSON schema: one property per field
 * component, required from validate.required, enum from a select's (radio's) static options,
 * lengths and pattern of text, bounds of numbers, integer for no decimal digits, dates. `base`
 * (the item's current schema) gives the form's own title. Anything with no counterpart — groups,
 * lists, tables, files, buttons, conditions, dynamic options, a missing or repeated key, a
 * missing Chinese or English title — is a 422 naming each such component.
 */
export function jsonSchemaFromForm(form: FormJsSchema, base: JsonObjectSchema): JsonObjectSchema {
  const problems: FieldProblem[] = [];
  if (!form || form.type !== 'default' || !Array.isArray(form.components)) {
    throw validationFailed([
      fieldProblem('schema', '表单须为 form-js 表单（type 为 default，含 components）', 'the form must be a form-js schema (type "default" with components)'),
    ]);
  }
  const properties: Record<string, JsonSchemaProperty> = {};
  const required: string[] = [];
  form.components.forEach((c, index) => {
    const field = `schema.components[${index}]`;
    const who = describe(c ?? { type: '?' });
    const problem = (zh: string, en: string) => problems.push(fieldProblem(field, `${who.zh}${zh}`, `${who.en} ${en}`));
    if (!c || typeof c.type !== 'string') return problem('不是表单组件', 'is no form component');
    if (LAYOUT_ONLY.has(c.type)) return;
    if (!FIELD_TYPES.has(c.type))
      return problem(
        '无法对应申请表字段（支持：文本框、多行文本、数字、下拉、单选、勾选、日期及说明文字、间隔、分隔线）',
        'has no counterpart in the application form (supported: textfield, textarea, number, select, radio, checkbox, datetime date; text, spacer, separator)',
      );
    if (!c.key || !KEY.test(c.key))
      return problem('的字段名（key）须为字母、数字或下划线组成且不含“.”', 'needs a key of letters, digits and underscores (no dots)');
    if (properties[c.key]) return problem(`的字段名“${c.key}”与其他组件重复`, `repeats the key "${c.key}" of another component`);
    const p = propertyOf(c, problem);
    if (p) properties[c.key] = p;
    if (c.validate?.required) required.push(c.key);
  });
  if (problems.length === 0 && Object.keys(properties).length === 0)
    problems.push(fieldProblem('schema.components', '表单至少须有一个字段', 'the form needs at least one field'));
  if (problems.length) throw validationFailed(problems);
  return {
    $schema: base.$schema ?? 'http://json-schema.org/draft-07/schema#',
    ...(base.title ? { title: base.title } : {}),
    ...(base['x-title-en'] ? { 'x-title-en': base['x-title-en'] } : {}),
    type: 'object',
    additionalProperties: false,
    required,
    properties,
  };
}

/**
 * The form for showing one case: every field read-only and only the fields named in `visible`
 * (all when it is undefined); layout components stay.
 */
export function readOnlyForm(form: FormJsSchema, visible: Set<string> | undefined): FormJsSchema {
  const keep = (c: FormJsComponent): FormJsComponent | undefined => {
    if (c.components) {
      const inner = c.components.map(keep).filter((x): x is FormJsComponent => x !== undefined);
      return inner.length ? { ...c, components: inner } : undefined;
    }
    if (c.key && visible && !visible.has(c.key)) return undefined;
    return c.key ? { ...c, readonly: true } : c;
  };
  return { ...form, components: form.components.map(keep).filter((x): x is FormJsComponent => x !== undefined) };
}
