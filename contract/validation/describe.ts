import type { ErrorObject } from 'ajv';
import zhModule from 'ajv-i18n/localize/zh/index.js';
import enModule from 'ajv-i18n/localize/en/index.js';
import type { Localized } from '../locale.ts';
import type { FieldProblem } from '../problems.ts';
import { ENUM_LABELS, enumLabel, type EnumField } from '../catalog/enum-labels.ts';
import { PATTERN_HINT } from './pattern-hint.ts';

// ajv-i18n is CommonJS whose typings claim an ES default export; at run time the import is the function.
type Localize = (errors?: ErrorObject[] | null) => void;
const localizeZh = zhModule as unknown as Localize;
const localizeEn = enModule as unknown as Localize;

/** Our formats, with what we tell a person whose value fails them. */
export const FORMAT_MESSAGES: Record<string, Localized> = {
  'cn-id-card': { 'zh-CN': '不是有效的居民身份证号码（请核对校验位和出生日期）', en: 'is not a valid resident ID number (check digit or birth date is wrong)' },
  'cn-credit-code': { 'zh-CN': '不是有效的统一社会信用代码（校验位不符）', en: 'is not a valid unified social credit code (check character is wrong)' },
  'cn-mobile': { 'zh-CN': '不是有效的手机号码', en: 'is not a valid mobile phone number' },
  'person-name': {
    'zh-CN': '应为姓名或名称：至少含一个文字，不能含控制字符、零宽字符或改变文字方向的字符',
    en: 'must be a name: at least one letter, and no control, zero-width or text-direction characters',
  },
  date: { 'zh-CN': '应为有效日期，格式为 YYYY-MM-DD', en: 'must be a valid date as YYYY-MM-DD' },
  'date-time': { 'zh-CN': '应为有效的日期时间', en: 'must be a valid date-time' },
  email: { 'zh-CN': '不是有效的电子邮箱地址', en: 'is not a valid e-mail address' },
  uuid: { 'zh-CN': '不是有效的编号', en: 'is not a valid identifier' },
};

type Schema = { title?: string; 'x-title-en'?: string; [PATTERN_HINT]?: Localized; properties?: Record<string, Schema> };

function labelsOf(schema: Schema | undefined): Localized | undefined {
  if (!schema?.title) return undefined;
  return { 'zh-CN': schema.title, en: schema['x-title-en'] ?? schema.title };
}

function pointerToField(instancePath: string): string {
  return instancePath.replace(/^\//, '').replace(/\//g, '.');
}

/**
 * ajv's errors as problems that name the field, in Chinese and English: the server's 422 details
 * (server/validation/ajv.ts) and the web app's checks before it sends (modeler/src/shared/requestChecks.ts)
 * both say them with this. The errors must come from an ajv made with `verbose` (setup.ts): the
 * field's title is read from the error's schema.
 */
export function describeErrors(errors: ErrorObject[]): FieldProblem[] {
  const zh = errors.map((e) => ({ ...e }));
  const en = errors.map((e) => ({ ...e }));
  localizeZh(zh);
  localizeEn(en);
  const problems: FieldProblem[] = [];
  errors.forEach((error, i) => {
    const parent = error.parentSchema as Schema | undefined;
    let field = pointerToField(error.instancePath);
    let label = labelsOf(parent);
    let message: Localized = { 'zh-CN': zh[i]!.message ?? '', en: en[i]!.message ?? '' };
    if (error.keyword === 'required') {
      const missing = (error.params as { missingProperty: string }).missingProperty;
      field = field ? `${field}.${missing}` : missing;
      label = labelsOf(parent?.properties?.[missing]);
      message = { 'zh-CN': '为必填项', en: 'is required' };
    } else if (error.keyword === 'additionalProperties') {
      const extra = (error.params as { additionalProperty: string }).additionalProperty;
      field = field ? `${field}.${extra}` : extra;
      label = undefined;
      message = { 'zh-CN': '不是本事项表单中的字段', en: 'is not a field of this form' };
    } else if (error.keyword === 'format') {
      const format = (error.params as { format: string }).format;
      message = FORMAT_MESSAGES[format] ?? message;
    } else if (error.keyword === 'type' || error.keyword === 'enum' || Object.hasOwn(LIMITS, error.keyword)) {
      message = valueMessage(error) ?? message;
    } else if (error.keyword === 'pattern' && parent?.[PATTERN_HINT]) {
      // the shape in words; an empty text was said to be empty already (minLength)
      if (problems.some((p) => p.field === (field || '/') && p.code === 'blank')) return;
      message = parent[PATTERN_HINT];
    } else if (error.keyword === 'if') {
      return; // the failing branch reports its own error
    } else if (blank(error)) {
      // an empty or whitespace-only text: said once, in words, not as "fewer than 1 character" and a pattern
      if (problems.some((p) => p.field === (field || '/') && p.code === 'blank')) return;
      problems.push({ field: field || '/', label: label?.['zh-CN'], code: 'blank', message: labelled(label, field, BLANK) });
      return;
    }
    problems.push({ field: field || '/', label: label?.['zh-CN'], message: labelled(label, field, message) });
  });
  return problems;
}

/** What a value of the wrong type must be, said for a person rather than as a JSON type. */
const TYPES: Record<string, Localized> = {
  number: { 'zh-CN': '应为数字', en: 'must be a number' },
  integer: { 'zh-CN': '应为整数', en: 'must be a whole number' },
  boolean: { 'zh-CN': '应为“是”或“否”', en: 'must be yes or no' },
  string: { 'zh-CN': '应为文字', en: 'must be text' },
};

/** A number's bounds, said as a person says them (ajv's params: the limit). */
const LIMITS: Record<string, (limit: number) => Localized> = {
  minimum: (n) => ({ 'zh-CN': `不能小于 ${n}`, en: `must be at least ${n}` }),
  maximum: (n) => ({ 'zh-CN': `不能大于 ${n}`, en: `must be at most ${n}` }),
  exclusiveMinimum: (n) => ({ 'zh-CN': `须大于 ${n}`, en: `must be greater than ${n}` }),
  exclusiveMaximum: (n) => ({ 'zh-CN': `须小于 ${n}`, en: `must be less than ${n}` }),
};

/** A type, bound or option problem in words: the options by their labels (x-enum-labels) where the catalog gives them. */
function valueMessage(error: ErrorObject): Localized | undefined {
  if (error.keyword === 'type') {
    const types = String((error.params as { type: string }).type).split(',');
    return TYPES[types.find((t) => t !== 'null') ?? ''];
  }
  if (error.keyword === 'enum') {
    const parent = error.parentSchema as EnumField | undefined;
    if (!parent?.[ENUM_LABELS]) return undefined;
    const values = parent.enum ?? [];
    return {
      'zh-CN': `应为以下选项之一：${values.map((v) => enumLabel(parent, v, 'zh-CN')).join('、')}`,
      en: `must be one of: ${values.map((v) => enumLabel(parent, v, 'en')).join(', ')}`,
    };
  }
  return Object.hasOwn(LIMITS, error.keyword) ? LIMITS[error.keyword]!((error.params as { limit: number }).limit) : undefined;
}

const BLANK: Localized = { 'zh-CN': '不能为空', en: 'must not be empty' };

/** A text left empty or blank that the schema wants filled: minLength ≥ 1, or the pattern "\S" (something not blank). */
function blank(error: ErrorObject): boolean {
  if (typeof error.data !== 'string' || error.data.trim() !== '') return false;
  if (error.keyword === 'minLength') return true;
  return error.keyword === 'pattern' && (error.params as { pattern: string }).pattern === '\\S';
}

function labelled(label: Localized | undefined, field: string, message: Localized): Localized {
  const name = label ?? { 'zh-CN': field || '请求内容', en: field || 'request body' };
  return { 'zh-CN': `${name['zh-CN']}：${message['zh-CN']}`, en: `${name.en}: ${message.en}` };
}
