import type { Localized } from '../locale.ts';
import { personalKindOf } from '../catalog/personal.ts';
import type { RecognisedField, RecognisedKey } from './documents.ts';

/**
 * Which fields of an item's form (or a 一件事's merged form) a recognised document fills. Nothing is
 * listed per item: a form field is known by what the catalog says of it — its format (cn-id-card,
 * cn-credit-code, date), its personal-data kind (contract/catalog/personal.ts: id-number, address)
 * and its Chinese title (…姓名, …性别, 企业名称, 法定代表人, 注册资本（万元）…).
 *
 * An identity card belongs to one person of the form: the person is the title's prefix before what
 * the field asks (母亲姓名 and 母亲身份证号码 are 母亲's; 经营者姓名 and 经营者身份证号码 the
 * 经营者's). A form with several persons holding an ID number (母亲, 父亲) lets the reader choose
 * whose card it is (`holders`); a field without a prefix (出生日期, 户籍地址) is filled only when the
 * form has one person. A licence fills the business's fields. A filled-in form's lines fill the
 * fields whose title is the line's label.
 */

export interface FormFieldSchema {
  type?: string | string[];
  title?: string;
  'x-title-en'?: string;
  format?: string;
  enum?: readonly unknown[];
  'x-enum-labels'?: Record<string, Localized>;
  'x-personal'?: unknown;
}
export interface FormSchema {
  properties?: Record<string, FormFieldSchema>;
}

/** One form field to fill: with the value it takes and the recognised field it comes from. */
export interface Fill {
  field: string;
  value: string | number;
  from: RecognisedKey;
  /** the recognised text (for a form's line, its label too) */
  text: string;
  confidence: number;
}

/** A person of the form an identity card may belong to: the prefix of its fields' titles, and those fields. */
export interface Holder {
  prefix: string;
  /** the titles of the fields the card would fill, in both languages, for the reader to choose by */
  label: Localized;
  fields: string[];
}

/** What a card's field asks for, by the end of the title (the rest is the holder's prefix). */
const PERSON_SUFFIXES: [RegExp, RecognisedKey][] = [
  [/(身份证号码|公民身份号码|身份证号)$/, 'idNumber'],
  [/姓名$/, 'name'],
  [/性别$/, 'sex'],
  [/民族$/, 'ethnicity'],
  [/出生日期$/, 'birthDate'],
  [/(户籍地址|住址|家庭住址|居住地址|户籍所在地)$/, 'address'],
];

/** A licence's field by the form field's title: the first rule that matches. */
const LICENCE_TITLES: [RegExp, RecognisedKey][] = [
  [/统一社会信用代码/, 'creditCode'],
  [/(法定代表人|负责人|经营者姓名|经营者$|执行事务合伙人)/, 'legalRepresentative'],
  [/(注册资本|资金数额|出资额)/, 'registeredCapital'],
  [/(成立日期|注册日期)/, 'establishedDate'],
  [/(住所|经营场所|营业场所|注册地址|经营地址)$/, 'premises'],
  [/(企业名称|个体工商户名称|单位名称|字号名称|^名称)$/, 'companyName'],
  [/(企业类型|主体类型|^类型)$/, 'companyType'],
];

const titleOf = (s: FormFieldSchema) => (s.title ?? '').replace(/\s+/g, '');
const typeOf = (s: FormFieldSchema) => (Array.isArray(s.type) ? s.type.find((t) => t !== 'null') : s.type);

/** What a card field the form field asks, and for whom (the title's prefix), if any. */
function personSlot(s: FormFieldSchema): { key: RecognisedKey; prefix: string } | undefined {
  const title = titleOf(s);
  for (const [re, key] of PERSON_SUFFIXES) {
    const m = re.exec(title);
    if (m) return { key, prefix: title.slice(0, m.index) };
  }
  if (personalKindOf(s) === 'id-number') return { key: 'idNumber', prefix: '' };
  if (personalKindOf(s) === 'address' && !/(经营场所|住所|营业场所)/.test(title)) return { key: 'address', prefix: '' };
  return undefined;
}

function licenceSlot(s: FormFieldSchema): RecognisedKey | undefined {
  const title = titleOf(s);
  if (s.format === 'cn-credit-code') return 'creditCode';
  return LICENCE_TITLES.find(([re]) => re.test(title))?.[1];
}

/** A recognised value as the field takes it: an option of its enumeration, a number in the title's unit, a date; undefined if it cannot. */
function valueFor(s: FormFieldSchema, r: RecognisedField): string | number | undefined {
  if (r.value === null || r.value === '') return undefined;
  const type = typeOf(s);
  if (s.enum) {
    const wanted = String(r.value);
    const option = s.enum.find(
      (o) =>
        String(o) === wanted ||
        Object.values(s['x-enum-labels']?.[String(o)] ?? {}).includes(r.text) ||
        (wanted === 'male' && o === 'M') ||
        (wanted === 'female' && o === 'F'),
    );
    return option === undefined ? undefined : (option as string);
  }
  if (type === 'number' || type === 'integer') {
    if (typeof r.value !== 'number') return undefined;
    // capitals are recognised in 万元: a field in 元 takes yuan
    const inYuan = /（元）|\(元\)/.test(titleOf(s)) && !/万元/.test(titleOf(s));
    const n = inYuan ? r.value * 10_000 : r.value;
    return type === 'integer' && !Number.isInteger(n) ? undefined : n;
  }
  if (type !== undefined && type !== 'string') return undefined;
  if (s.format === 'date' && !/^\d{4}-\d{2}-\d{2}$/.test(String(r.value))) return undefined;
  return typeof r.value === 'number' ? String(r.value) : r.value;
}

const usable = (r: RecognisedField) => r.status === 'recognised';

/** The persons of a form an identity card may belong to (those with an ID-number field; else those with a name). */
export function holdersOf(schema: FormSchema): Holder[] {
  const slots = Object.entries(schema.properties ?? {}).flatMap(([name, s]) => {
    const slot = personSlot(s);
    return slot ? [{ name, s, ...slot }] : [];
  });
  const withId = new Set(slots.filter((x) => x.key === 'idNumber').map((x) => x.prefix));
  const prefixes = withId.size ? [...withId] : [...new Set(slots.filter((x) => x.key === 'name').map((x) => x.prefix))];
  return prefixes.map((prefix) => {
    const own = slots.filter((x) => x.prefix === prefix || (prefixes.length === 1 && x.prefix === ''));
    return {
      prefix,
      label: {
        'zh-CN': own.map((x) => x.s.title ?? x.name).join('、'),
        en: own.map((x) => x.s['x-title-en'] ?? x.s.title ?? x.name).join(', '),
      },
      fields: own.map((x) => x.name),
    };
  });
}

const normalLabel = (text: string) => text.replace(/[\s（）()：:]/g, '');

/**
 * The fills a recognition gives a form. `holder`: whose identity card it is (a prefix of holdersOf),
 * the first holder when not given. Fields whose recognised value fails its check are never filled.
 */
export function fillsFor(schema: FormSchema, fields: RecognisedField[], holder?: string): Fill[] {
  const byKey = new Map(fields.filter(usable).map((f) => [f.key, f]));
  const fills: Fill[] = [];
  const take = (field: string, s: FormFieldSchema, r: RecognisedField | undefined) => {
    if (!r || fills.some((f) => f.field === field)) return;
    const value = valueFor(s, r);
    if (value !== undefined) fills.push({ field, value, from: r.key, text: r.text, confidence: r.confidence });
  };
  const properties = Object.entries(schema.properties ?? {});
  if (byKey.has('idNumber') || byKey.has('name')) {
    const holders = holdersOf(schema);
    const chosen = holders.find((h) => h.prefix === holder) ?? holders[0];
    for (const [name, s] of properties) {
      const slot = personSlot(s);
      if (slot && chosen?.fields.includes(name)) take(name, s, byKey.get(slot.key));
    }
  }
  for (const [name, s] of properties) {
    const key = licenceSlot(s);
    if (key) take(name, s, byKey.get(key));
  }
  for (const line of fields.filter((f) => f.key === 'line' && usable(f))) {
    const label = normalLabel(line.label);
    if ([...label].length < 2) continue;
    const match = properties.find(([, s]) => {
      const title = normalLabel(s.title ?? '');
      return title === label || (title.length >= 2 && (title.endsWith(label) || label.endsWith(title)));
    });
    if (match) take(match[0], match[1], line);
  }
  return fills;
}

/** Who applies, as the window's intake asks it (申请人, 证件类型, 证件号码). */
export interface ApplicantFields {
  name: string;
  idType: string;
  idNo: string;
}

/**
 * The applicant a recognised document names: a person by the name and number of their identity card,
 * a business by its licence's name and credit code; undefined unless both were recognised (and the
 * number passed its check).
 */
export function applicantFrom(fields: RecognisedField[]): ApplicantFields | undefined {
  const byKey = new Map(fields.filter(usable).map((f) => [f.key, f]));
  const [name, number, idType] = byKey.has('idNumber')
    ? [byKey.get('name'), byKey.get('idNumber'), 'resident_id']
    : [byKey.get('companyName'), byKey.get('creditCode'), 'credit_code'];
  return name?.value && number?.value ? { name: String(name.value), idType, idNo: String(number.value) } : undefined;
}
