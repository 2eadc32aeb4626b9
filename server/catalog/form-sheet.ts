import type { FormDocument, FormSection } from '../documents/form-pdf.ts';
import type { Locale } from '../i18n/locale.ts';
import { enumLabel, type EnumField } from '../../contract/catalog/enum-labels.ts';
import { maskPersonal, personalFieldsOf } from '../../contract/catalog/personal.ts';

/**
 * An item's or a bundle's application form (申请表) as a sheet: blank to fill in by hand (空白表格),
 * filled with example values (示例样表), or filled with an application's answers (the platform's
 * 申请表 of a bundle's item, 一表申请). Labels in the reader's language; values as a person reads
 * them (an option's label, 是/否, never a code).
 */
export type SheetKind = 'blank' | 'sample' | 'filled';

interface FieldSchema extends EnumField {
  type?: string | string[];
  title?: string;
  'x-title-en'?: string;
  format?: string;
  minimum?: number;
  maximum?: number;
  examples?: unknown[];
  description?: string;
  'x-personal'?: string;
  'x-order'?: number;
}

export interface FormSchemaLike {
  title?: string;
  'x-title-en'?: string;
  required?: string[];
  properties?: Record<string, FieldSchema>;
}

const words = {
  'zh-CN': {
    yes: '是',
    no: '否',
    required: '（必填）',
    blank: '空白表格',
    sample: '示例样表（填写示范，不作为申请材料）',
    watermark: '示  例',
    declaration: '申请人声明：本人对所填写内容及所提交材料的真实性负责。',
    signature: '申请人（签字或盖章）：＿＿＿＿＿＿＿＿　　日期：＿＿＿＿年＿＿月＿＿日',
    fields: '申请内容',
  },
  en: {
    yes: 'Yes',
    no: 'No',
    required: ' (required)',
    blank: 'Blank form',
    sample: 'Filled sample (an example of how to fill it in; not an application)',
    watermark: 'SAMPLE',
    declaration: 'Declaration: I am responsible for the truth of what I have written and handed in.',
    signature: "Applicant's signature or seal: ______________    Date: ____ / __ / __",
    fields: 'Application',
  },
} as const;

const title = (field: FieldSchema, name: string, locale: Locale) => (locale === 'en' ? (field['x-title-en'] ?? field.title ?? name) : (field.title ?? name));
const typeOf = (field: FieldSchema) => (Array.isArray(field.type) ? field.type.find((t) => t !== 'null') : field.type);

/** The form's fields in their order (x-order, then as written). */
export function fieldsInOrder(schema: FormSchemaLike): [string, FieldSchema][] {
  return Object.entries(schema.properties ?? {}).sort(([, a], [, b]) => (a['x-order'] ?? 1e6) - (b['x-order'] ?? 1e6));
}

/** A value as a person reads it in the language: an option's label, 是/否, a number as written. */
export function valueText(field: FieldSchema, value: unknown, locale: Locale): string {
  if (value === undefined || value === null || value === '') return '';
  if (field.enum) return enumLabel(field, value, locale);
  if (typeof value === 'boolean') return value ? words[locale].yes : words[locale].no;
  if (Array.isArray(value)) return value.map((v) => valueText({}, v, locale)).join(locale === 'en' ? ', ' : '、');
  return String(value);
}

const clamp = (value: number, field: FieldSchema) => Math.min(field.maximum ?? value, Math.max(field.minimum ?? value, value));

/** A plausible value to show how a field is filled in: the schema's own example where it gives one. */
export function sampleValue(field: FieldSchema, name: string): unknown {
  if (field.examples?.length) return field.examples[0];
  if (field.enum?.length) return field.enum[0];
  const type = typeOf(field);
  if (type === 'boolean') return true;
  if (type === 'integer') return clamp(3, field);
  if (type === 'number') return clamp(120, field);
  switch (field.format) {
    case 'date':
      return '2027-01-15';
    case 'cn-id-card':
      return '11010519491231002X';
    case 'cn-mobile':
      return '13800138000';
    case 'cn-credit-code':
      return '91430100MA4L0XXX1K';
  }
  // a hint the form gives ("如：地上1-2层"): its first example
  const hint = /^如[：:]\s*([^、，,；;。]+)/.exec(field.description ?? '');
  if (hint) return hint[1]!.trim();
  const label = field.title ?? name;
  if (field['x-personal'] === 'address' || /地址|场所|住所/.test(label)) return '长沙市芙蓉区五一大道100号';
  if (/姓名|人$/.test(label)) return '张三';
  if (/名称$/.test(label)) return '张三小吃店';
  return `示例${label}`;
}

/** The rows of a form's fields: empty, example values, or the given answers (personal data masked). */
export function fieldRows(schema: FormSchemaLike, kind: SheetKind, locale: Locale, values: Record<string, unknown> = {}): FormSection['rows'] {
  const required = new Set(schema.required ?? []);
  const personal = personalFieldsOf(schema);
  return fieldsInOrder(schema).map(([name, field]) => {
    const label = `${title(field, name, locale)}${kind !== 'filled' && required.has(name) ? words[locale].required : ''}`;
    if (kind === 'blank') return { label, value: field.enum ? field.enum.map((v) => `□ ${enumLabel(field, v, locale)}`).join('  ') : '' };
    const value = kind === 'sample' ? sampleValue(field, name) : values[name];
    const shown = valueText(field, value, locale);
    const kindOfPersonal = personal.get(name);
    return { label, value: kind === 'filled' && kindOfPersonal && shown ? maskPersonal(kindOfPersonal, shown) : shown };
  });
}

/** The form's own title in the language. */
export const formTitle = (schema: FormSchemaLike, fallback: string, locale: Locale): string =>
  (locale === 'en' ? schema['x-title-en'] : schema.title) ?? schema.title ?? fallback;

/**
 * A blank form or a filled sample of one form, or of a bundle's one form by sections (the fields
 * the items share first, then each item's own), with the declaration and signature lines.
 */
export function formSheet(request: {
  title: string;
  kind: Exclude<SheetKind, 'filled'>;
  sections: { heading?: string; schema: FormSchemaLike }[];
  locale: Locale;
  issuer: string;
  issuedAt: Date;
}): FormDocument {
  const w = words[request.locale];
  return {
    title: request.title,
    subtitle: [request.kind === 'blank' ? w.blank : w.sample],
    sections: request.sections
      .map((s) => ({ heading: s.heading ?? w.fields, rows: fieldRows(s.schema, request.kind, request.locale) }))
      .filter((s) => s.rows.length > 0),
    footer: [w.declaration, w.signature],
    ...(request.kind === 'sample' ? { watermark: w.watermark } : {}),
    issuedAt: request.issuedAt,
    lang: request.locale,
    author: request.issuer,
  };
}

/**
 * 申请表电子化: an item's application form (申请表) as the platform generates it at submission from
 * the form's answers (a bundle's one form: 一表申请): the applicant, the item's fields with the
 * answers (个人信息 masked, as the case's viewers see it), where it came from and how it is signed.
 * Online the signed-in person's verified identity stands for the signature; at the window the
 * applicant signs the printed form. Always in Chinese: it is filed with the case.
 */
export function applicationSheet(request: {
  title: string;
  /** what the case applies for: a 一件事, or the item itself */
  target: { kind: 'item' | 'bundle'; name: string };
  caseNo: string;
  applicant: { name: string; idType: string; idNo: string; phone: string };
  /** who confirmed it online (the applicant, or the agent applying for them); null when it is signed on paper at the window */
  signedOnlineBy: { name: string; agent: boolean } | null;
  schema: FormSchemaLike;
  values: Record<string, unknown>;
  submittedAt: Date;
  dateText: string;
}): FormDocument {
  const { applicant, target, signedOnlineBy: signer } = request;
  const source = target.kind === 'bundle' ? `“${target.name}”一件事一表申请` : `“${target.name}”的申请`;
  const w = words['zh-CN'];
  return {
    title: request.title,
    subtitle: [`${target.kind === 'bundle' ? '一件事' : '事项'}：${target.name}\u3000\u3000办件编码：${request.caseNo}`],
    sections: [
      {
        heading: '申请人',
        rows: [
          { label: '申请人名称', value: applicant.name },
          { label: '证件类型', value: applicant.idType === 'credit_code' ? '统一社会信用代码' : '居民身份证' },
          { label: '证件号码', value: maskPersonal('id-number', applicant.idNo) },
          { label: '联系电话', value: maskPersonal('phone', applicant.phone) },
        ],
      },
      { heading: w.fields, rows: fieldRows(request.schema, 'filled', 'zh-CN', request.values) },
    ],
    footer: signer
      ? [
          `本申请表由平台按${source}的填报内容生成，${signer.agent ? `代理人${signer.name}受申请人委托` : `申请人${signer.name}`}经统一身份认证实名登录，于${request.dateText}在线提交并确认，以实名身份认证代替签名，与其填报内容一致。`,
          '个人信息按平台规定脱敏显示，完整内容见办件表单。',
        ]
      : [
          `本申请表由窗口按${source}的填报内容于${request.dateText}生成，请申请人核对无误后签字。`,
          w.declaration,
          w.signature,
          '个人信息按平台规定脱敏显示，完整内容见办件表单。',
        ],
    issuedAt: request.submittedAt,
    lang: 'zh-CN',
    author: '政务服务中心',
  };
}
