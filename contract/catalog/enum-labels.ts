import type { Locale, Localized } from '../locale.ts';

/**
 * What a person reads for an enumeration's value: a form field's `x-enum-labels` in the catalog
 * (processes/<item>/form.schema.json, items.form_schema), value → its label in Chinese and English,
 * e.g. `"signboardMountType": { "enum": ["flat_wall", …], "x-enum-labels": { "flat_wall":
 * { "zh-CN": "平行于墙面", "en": "Flat against the wall" }, … } }`. It is the one place a value's
 * label is written: the server's forms (form-js, documents) and every page of the web app read it
 * from the field's schema; nobody shows the value itself.
 */
export const ENUM_LABELS = 'x-enum-labels';

export type EnumLabels = Record<string, Localized>;

/** A form field as far as its enumeration goes. */
export interface EnumField {
  enum?: readonly unknown[];
  'x-enum-labels'?: EnumLabels;
}

/** The shape ajv checks `x-enum-labels` against when it compiles a form (contract/validation/setup.ts). */
export const enumLabelsMetaSchema = {
  type: 'object',
  additionalProperties: {
    type: 'object',
    additionalProperties: false,
    required: ['zh-CN', 'en'],
    properties: { 'zh-CN': { type: 'string', minLength: 1 }, en: { type: 'string', minLength: 1 } },
  },
} as const;

/** A value of the field said in the language; the value itself only where the catalog has no label (a form saved before labels). */
export function enumLabel(field: EnumField | undefined, value: unknown, locale: Locale): string {
  const label = field?.[ENUM_LABELS]?.[String(value)];
  return label?.[locale] ?? label?.['zh-CN'] ?? String(value);
}

/** A problem with a form's enumeration labels, said in both languages. */
export interface EnumLabelProblem {
  field: string;
  message: Localized;
}

/**
 * Every enumerated field of a form labels each of its values in Chinese and English, and labels no
 * value it does not have. (The shape of each label is ajv's to check: enumLabelsMetaSchema.)
 */
export function enumLabelProblems(properties: Record<string, EnumField & { title?: string }>): EnumLabelProblem[] {
  const problems: EnumLabelProblem[] = [];
  for (const [name, p] of Object.entries(properties)) {
    if (!p || typeof p !== 'object') continue;
    const labels = p[ENUM_LABELS] ?? {};
    const values = (p.enum ?? []).map(String);
    const title = p.title ?? name;
    const unlabelled = values.filter((v) => !labels[v]?.['zh-CN']?.trim() || !labels[v]?.en?.trim());
    const extra = Object.keys(labels).filter((v) => !values.includes(v));
    if (unlabelled.length)
      problems.push({
        field: `formSchema.properties.${name}.${ENUM_LABELS}`,
        message: {
          'zh-CN': `申请表字段“${title}”的选项 ${unlabelled.join('、')} 须在 ${ENUM_LABELS} 中有中文和英文名称`,
          en: `form field "${name}": options ${unlabelled.join(', ')} need a Chinese and an English label in ${ENUM_LABELS}`,
        },
      });
    if (extra.length)
      problems.push({
        field: `formSchema.properties.${name}.${ENUM_LABELS}`,
        message: {
          'zh-CN': `申请表字段“${title}”的 ${ENUM_LABELS} 为不存在的选项 ${extra.join('、')} 设了名称`,
          en: `form field "${name}": ${ENUM_LABELS} labels ${extra.join(', ')}, which are not options of the field`,
        },
      });
  }
  return problems;
}
